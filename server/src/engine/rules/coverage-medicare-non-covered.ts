import type { Rule } from './rule';
import { HCPCS_COVERAGE, MPFS_STATUS } from '../systems/procedures';

export const coverageMedicareNonCovered: Rule = {
  id: 'coverage.medicare-non-covered',
  defaultSeverity: 'warning',
  description: 'A procedure code Medicare does not cover or pay (MPFS status N or I; HCPCS coverage code M, S or I).',
  check(t, ctx) {
    if ((t.system !== 'cpt' && t.system !== 'hcpcs') || !t.known) return;
    const info = ctx.data.procedures.get(t.code);
    if (!info) return;
    const status = info.mpfs.find((r) => r.modifier === '')?.status;
    const reasons: string[] = [];
    if (status === 'N' || status === 'I') reasons.push(`MPFS ${ctx.data.procedures.editions.mpfs} status ${status}: ${MPFS_STATUS[status]}`);
    const cov = info.hcpcs?.coverage;
    if (cov === 'M' || cov === 'S' || cov === 'I') reasons.push(`HCPCS coverage code ${cov}: ${HCPCS_COVERAGE[cov]}`);
    if (!reasons.length) return;
    return {
      start: t.start,
      end: t.end,
      message: `${t.code} is not covered by Medicare (${reasons.join('; ')}). Get an Advance Beneficiary Notice (modifier GA/GX/GY/GZ) or bill the patient's other coverage.`,
    };
  },
};
