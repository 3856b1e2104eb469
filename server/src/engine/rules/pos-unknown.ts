import type { Rule } from './rule';

/** The settings most claims use: offered when a POS code is not one. */
const COMMON = ['11', '12', '19', '21', '22', '23', '24', '31', '32'];

export const posUnknown: Rule = {
  id: 'pos.unknown',
  defaultSeverity: 'error',
  description: 'A place-of-service value (POS column, X12 CLM05-1, "POS 88") that is not a CMS place-of-service code.',
  summary: 'not a CMS place-of-service code',
  docs: 'Place-of-service codes are the two-digit codes of the CMS Place of Service code set (CMS-1500 item 24B, 837P CLM05-1 and SV105). A value not in the set is rejected by the payer\'s front end. Use the code of the setting where the service was given, e.g. 11 office, 21 inpatient hospital, 22 on-campus outpatient hospital, 23 emergency room, 02/10 telehealth.',
  tags: ['unknown'],
  fixable: false,
  systems: ['pos'],
  check(t, ctx) {
    if (t.system !== 'pos' || t.known || !ctx.data.pos.size) return;
    const common = COMMON.map((c) => ctx.data.pos.get(c)).filter((p) => p !== undefined);
    return {
      start: t.start,
      end: t.end,
      message: `POS ${t.text} is not a CMS place-of-service code. Use the two-digit code of the setting where the service was given, e.g. ${common.map((p) => `${p.code} ${p.name}`).join(', ')}.`,
    };
  },
};
