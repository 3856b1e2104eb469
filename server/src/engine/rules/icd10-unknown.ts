import type { Rule } from './rule';
import { icdStatus, likeWritten } from './icd10-status';
import { dotIcd, undotIcd } from '../systems/icd10cm';

export const icd10Unknown: Rule = {
  id: 'icd10.unknown',
  defaultSeverity: 'error',
  description: 'ICD-10-CM code that does not exist in any bundled edition.',
  summary: 'not an ICD-10-CM code in any bundled edition (with did-you-mean)',
  docs: 'The code is in no bundled ICD-10-CM edition: usually a typo, or a code from another classification. Pick one of the did-you-mean codes, or look the code up in the tabular list.',
  tags: ['unknown'],
  fixable: true,
  systems: ['icd10cm'],
  check(t, ctx) {
    if (t.system !== 'icd10cm') return;
    const s = icdStatus(ctx.data.icd10, t.code, ctx.icdEdition);
    if (s.kind !== 'unknown') return;
    const ed = ctx.data.icd10.editions[ctx.icdEdition].id;
    const hint = s.suggestions.length ? ` Did you mean ${s.suggestions.join(', ')}?` : ' Check the code against the tabular list.';
    // I10.1: a billable category has no subcodes; Q99.88: a category that does not exist at all
    const cat = t.code.slice(0, 3);
    const icd = ctx.data.icd10;
    const why =
      t.code.length > 3 && icd.isBillable(cat, ctx.icdEdition)
        ? ` ${dotIcd(cat)} is billable as it stands and has no subcodes.`
        : t.code.length > 3 && !icd.known(cat)
          ? ` There is no category ${cat} in ICD-10-CM.`
          : '';
    return {
      start: t.start,
      end: t.end,
      message:
        t.code.length > 7
          ? `${t.text} is not an ICD-10-CM code: it has ${t.code.length} characters, and ICD-10-CM codes have at most 7.${hint}`
          : `${t.text} is not an ICD-10-CM code (not in ${ed} or any bundled edition).${why}${hint}`,
      fixes: s.suggestions.slice(0, 5).map((c, i) => ({
        title: `Change to ${c}`,
        start: t.start,
        end: t.end,
        newText: likeWritten(t.text, undotIcd(c)),
        preferred: i === 0 && s.suggestions.length === 1,
      })),
      data: { suggestions: s.suggestions },
    };
  },
};
