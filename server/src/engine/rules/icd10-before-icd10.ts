import type { Rule } from './rule';
import { BEFORE_ICD10, ICD10_START } from '../systems/icd10cm';

/**
 * One finding per document, on its first ICD-10-CM code: judging ICD-10-CM codes against any edition for a date
 * when ICD-9-CM was in force would call every code wrong or right for the wrong reason.
 */
export const icd10BeforeIcd10: Rule = {
  id: 'icd10.before-icd10',
  defaultSeverity: 'info',
  description: 'Date of service before ICD-10-CM took effect (2015-10-01): ICD-9-CM applies and ICD-10-CM codes are not judged.',
  summary: 'the date of service is before 2015-10-01: ICD-9-CM applies, ICD-10-CM codes are not judged (once per document)',
  docs: 'ICD-10-CM took effect on 2015-10-01; claims for earlier dates of service are coded in ICD-9-CM. Judging ICD-10-CM codes against any edition for such a date would call them wrong or right for the wrong reason, so none is judged. Check the date of service, or code the claim in ICD-9-CM.',
  tags: [],
  fixable: false,
  check(t, ctx) {
    if (t.system !== 'icd10cm' || ctx.icdEdition !== BEFORE_ICD10) return;
    if (ctx.tokens.find((x) => x.system === 'icd10cm') !== t) return;
    const n = ctx.tokens.filter((x) => x.system === 'icd10cm').length;
    return {
      start: t.start,
      end: t.end,
      message:
        `The date of service ${ctx.dateOfService} is before ICD-10-CM took effect (${ICD10_START}): ICD-9-CM applies, so ` +
        `${n === 1 ? 'the ICD-10-CM code' : `the ${n} ICD-10-CM codes`} in this document ${n === 1 ? 'is' : 'are'} not judged. ` +
        `Check the date of service, or code the claim in ICD-9-CM.`,
      data: { dateOfService: ctx.dateOfService, icd10Start: ICD10_START, codes: n },
    };
  },
};
