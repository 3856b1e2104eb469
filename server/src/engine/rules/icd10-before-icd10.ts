import type { Rule, RuleContext } from './rule';
import type { CodeToken } from '../scanner/tokens';
import { BEFORE_ICD10, ICD10_START } from '../systems/icd10cm';

/**
 * One finding per document, on its first ICD-10-CM code: judging ICD-10-CM codes against any edition for a date
 * when ICD-9-CM was in force would call every code wrong or right for the wrong reason.
 */
const cache = new WeakMap<readonly CodeToken[], CodeToken[]>();

/** The document's ICD-10-CM codes dated before ICD-10 (each token carries its own date of service). */
function beforeIcd10(ctx: RuleContext): CodeToken[] {
  let out = cache.get(ctx.tokens);
  if (!out) cache.set(ctx.tokens, (out = ctx.tokens.filter((x) => x.system === 'icd10cm' && (x.service?.date ?? ctx.dateOfService) < ICD10_START)));
  return out;
}

export const icd10BeforeIcd10: Rule = {
  id: 'icd10.before-icd10',
  defaultSeverity: 'info',
  description: 'Date of service before ICD-10-CM took effect (2015-10-01): ICD-9-CM applies and ICD-10-CM codes are not judged.',
  summary: 'the date of service is before 2015-10-01: ICD-9-CM applies, ICD-10-CM codes are not judged (once per document)',
  docs: 'ICD-10-CM took effect on 2015-10-01; claims for earlier dates of service are coded in ICD-9-CM. Judging ICD-10-CM codes against any edition for such a date would call them wrong or right for the wrong reason, so none is judged. Check the date of service, or code the claim in ICD-9-CM.',
  tags: [],
  fixable: false,
  systems: ['icd10cm'],
  check(t, ctx) {
    if (t.system !== 'icd10cm' || ctx.icdEdition !== BEFORE_ICD10) return;
    const before = beforeIcd10(ctx);
    if (before[0] !== t) return;
    return { start: t.start, end: t.end, ...beforeIcd10Says(ctx.dateOfService, before.length) };
  },
};

/** The finding's message and data for `n` codes: also how a document analysed in parts (engine/parts) says it once. */
export function beforeIcd10Says(dateOfService: string, n: number): { message: string; data: { dateOfService: string; icd10Start: string; codes: number } } {
  return {
    message:
      `The date of service ${dateOfService} is before ICD-10-CM took effect (${ICD10_START}): ICD-9-CM applies, so ` +
      `${n === 1 ? 'the ICD-10-CM code' : `the ${n} ICD-10-CM codes`} in this document ${n === 1 ? 'is' : 'are'} not judged. ` +
      `Check the date of service, or code the claim in ICD-9-CM.`,
    data: { dateOfService, icd10Start: ICD10_START, codes: n },
  };
}
