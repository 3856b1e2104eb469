import type { Rule } from './rule';
import { icdStatus } from './icd10-status';

export const icd10NotYetEffective: Rule = {
  id: 'icd10.not-yet-effective',
  defaultSeverity: 'error',
  description: 'ICD-10-CM code that only takes effect in an edition later than the date of service.',
  summary: 'only valid from a later edition than the date of service',
  docs: 'The code was added in an ICD-10-CM edition that starts after the date of service, so it cannot be reported for that date. Use the code that was valid on the date of service, or correct the date of service (clinicalCodes.dateOfService, --date-of-service).',
  tags: [],
  fixable: false,
  systems: ['icd10cm'],
  check(t, ctx) {
    if (t.system !== 'icd10cm') return;
    const icd = ctx.data.icd10;
    const s = icdStatus(icd, t.code, ctx.icdEdition);
    if (s.kind !== 'not-yet') return;
    const e = icd.editions[s.editionIndex];
    const c = icd.get(t.code)!;
    return {
      start: t.start,
      end: t.end,
      message: `${c.dotted} "${c.long}" takes effect on ${e.start} (${e.id}); it is not valid for the date of service ${ctx.dateOfService} (${icd.editions[ctx.icdEdition].id}).`,
    };
  },
};
