import type { Rule } from './rule';
import { HCPCS_COVERAGE, MPFS_STATUS, mpfsYearLabel } from '../systems/procedures';

export const coverageMedicareNonCovered: Rule = {
  id: 'coverage.medicare-non-covered',
  defaultSeverity: 'warning',
  description: 'A procedure code Medicare does not cover or pay (MPFS status N or I; HCPCS coverage code M, S or I).',
  summary: 'MPFS status N or I, HCPCS coverage M, S or I',
  docs: 'Judged at the MPFS year of the date of service. Medicare does not pay for the code (MPFS status N, HCPCS coverage code M or S), or does not recognise it and uses another code (MPFS status I, HCPCS coverage code I). For a non-covered service get an Advance Beneficiary Notice (modifier GA, GX, GY or GZ) or bill the patient\'s other coverage; for status I report the code Medicare uses. Category II codes are not reported.',
  tags: [],
  fixable: false,
  systems: ['cpt', 'hcpcs'],
  check(t, ctx) {
    if ((t.system !== 'cpt' && t.system !== 'hcpcs') || !t.known) return;
    // Category II codes are $0 quality-reporting codes: "not paid" is their nature, not a coverage problem
    if (t.system === 'cpt' && t.code.endsWith('F')) return;
    // the MPFS status of the year in force on the date of service (a code active in CY2023 may be status I in CY2025)
    const info = ctx.data.procedures.get(t.code, ctx.dateOfService);
    if (!info) return;
    const status = info.mpfs.find((r) => r.modifier === '')?.status;
    const cov = info.hcpcs?.coverage;
    const mpfs = info.mpfsYear ? mpfsYearLabel(info.mpfsYear) : ctx.data.procedures.editions.mpfs;
    // "not valid for Medicare, another code is used": an ABN does not help; the right code does
    if (status === 'I' || cov === 'I') {
      const xref = info.hcpcs?.crossRef ? ` CMS cross-reference: ${info.hcpcs.crossRef}.` : '';
      const why = status === 'I' ? `MPFS ${mpfs} status I: ${MPFS_STATUS.I}` : `HCPCS coverage code I: ${HCPCS_COVERAGE.I}`;
      return { start: t.start, end: t.end, message: `Medicare does not recognise ${t.code} (${why}): report the code Medicare uses for this service instead.${xref}` };
    }
    const reasons: string[] = [];
    if (status === 'N') reasons.push(`MPFS ${mpfs} status N: ${MPFS_STATUS.N}`);
    if (cov === 'M' || cov === 'S') reasons.push(`HCPCS coverage code ${cov}: ${HCPCS_COVERAGE[cov]}`);
    if (!reasons.length) return;
    return {
      start: t.start,
      end: t.end,
      message: `${t.code} is not covered by Medicare (${reasons.join('; ')}). Get an Advance Beneficiary Notice (modifier GA/GX/GY/GZ) or bill the patient's other coverage.`,
    };
  },
};
