import type { Rule } from './rule';
import { icdStatus, likeWritten } from './icd10-status';
import { dotIcd } from '../systems/icd10cm';

export const icd10MissingSeventh: Rule = {
  id: 'icd10.missing-7th-character',
  defaultSeverity: 'error',
  description: 'ICD-10-CM code from a category that requires a 7th character, written without one.',
  summary: 'code from a 7th-character category without one; lists valid 7th characters and meanings',
  docs: 'Codes in some categories (injuries, external causes, some obstetric and musculoskeletal codes) are billable only with a 7th character, such as A initial encounter, D subsequent encounter or S sequela. Add the 7th character that fits the encounter, with placeholder X where the code has fewer than six characters.',
  tags: ['header'],
  fixable: true,
  systems: ['icd10cm'],
  check(t, ctx) {
    if (t.system !== 'icd10cm') return;
    // "E11.31-", "J45.-": the document means the header and the codes under it
    if (t.open) return;
    const icd = ctx.data.icd10;
    const s = icdStatus(icd, t.code, ctx.icdEdition);
    if (s.kind !== 'needs-seventh') return;
    const chars = icd.seventhCharacters(s.stem, ctx.icdEdition);
    const ed = icd.editions[ctx.icdEdition].id;
    const placeholder = s.stem !== t.code ? ` (with placeholder X: ${dotIcd(s.stem)}_)` : '';
    const list = chars.map((c) => `${c.char} ${c.meaning}`).join('; ');
    return {
      start: t.start,
      end: t.end,
      message: `${t.text} needs a 7th character${placeholder} to be billable (ICD-10-CM ${ed}). Valid 7th characters: ${list}.`,
      fixes: chars.map((c) => ({
        title: `Change to ${dotIcd(s.stem + c.char)} (${c.meaning})`,
        start: t.start,
        end: t.end,
        newText: likeWritten(t.text, s.stem + c.char),
      })),
      data: { stem: dotIcd(s.stem), characters: chars.map((c) => c.char) },
    };
  },
};
