import type { Rule } from './rule';
import { icdStatus, likeWritten } from './icd10-status';
import { dotIcd } from '../systems/icd10cm';

export const icd10PlaceholderX: Rule = {
  id: 'icd10.placeholder-x',
  defaultSeverity: 'error',
  description: 'ICD-10-CM 7th character written without the placeholder X the code needs (W21.89A → W21.89XA).',
  summary: '7th character without the placeholder X (W21.89A → W21.89XA)',
  docs: 'When a code that takes a 7th character has fewer than six characters, the empty positions are filled with X so that the 7th character stays in position 7. Insert the X (W21.89A → W21.89XA).',
  tags: [],
  fixable: true,
  systems: ['icd10cm'],
  check(t, ctx) {
    if (t.system !== 'icd10cm') return;
    const icd = ctx.data.icd10;
    const s = icdStatus(icd, t.code, ctx.icdEdition);
    if (s.kind !== 'placeholder') return;
    const fixed = icd.get(s.replacement, ctx.icdEdition)!;
    return {
      start: t.start,
      end: t.end,
      message: `${t.text} is missing the placeholder X: the 7th character must be in position 7, so write ${dotIcd(s.replacement)} "${fixed.long}".`,
      fixes: [{ title: `Change to ${dotIcd(s.replacement)}`, start: t.start, end: t.end, newText: likeWritten(t.text, s.replacement), preferred: true }],
      data: { replacement: dotIcd(s.replacement) },
    };
  },
};
