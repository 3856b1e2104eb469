import type { Rule } from './rule';
import { MPFS_STATUS, mpfsYearLabel } from '../systems/procedures';

const WHAT_TO_DO: Record<string, string> = {
  B: 'Medicare pays for it only as part of another service on the claim (a separate line is paid $0, claim adjustment CO-97). Leave it off, or report it only where the payer asks for it for tracking.',
  P: 'Medicare makes no separate payment under the fee schedule (bundled into the visit or procedure, or excluded, e.g. supplies and services incident to a physician service). Leave it off the Medicare claim unless another fee schedule or the payer pays it.',
  R: 'Medicare covers it only under special coverage instructions (a national or local coverage determination); when covered it is contractor priced. Check the coverage policy and that the documentation and diagnoses meet it.',
};

/**
 * MPFS status B (bundled), P (bundled or excluded) and R (restricted coverage) of the year in force on the date of
 * service. Status N and I are `coverage.medicare-non-covered`'s; status T (paid only when nothing else is that day)
 * depends on the claim and is `claim.status-t-same-day`'s.
 */
export const coverageMedicareStatus: Rule = {
  id: 'coverage.medicare-status',
  defaultSeverity: 'info',
  description: 'A procedure code with MPFS status B (bundled), P (no separate payment) or R (restricted coverage) on its date of service.',
  summary: 'MPFS status B (bundled into another service), P (no separate payment) or R (restricted coverage)',
  docs: 'Judged at the MPFS year of the date of service. Status B: payment is always bundled into another service, a separate line is paid $0. Status P: no separate payment under the fee schedule (bundled or excluded). Status R: covered only under special coverage instructions (NCD/LCD), then contractor priced. Leave bundled codes off Medicare claims unless the payer asks for them; for R check the coverage policy.',
  tags: [],
  fixable: false,
  systems: ['cpt', 'hcpcs'],
  check(t, ctx) {
    if ((t.system !== 'cpt' && t.system !== 'hcpcs') || !t.known) return;
    const info = ctx.data.procedures.get(t.code, ctx.dateOfService);
    const status = info?.mpfs.find((r) => r.modifier === '')?.status;
    if (!status || !WHAT_TO_DO[status]) return;
    const mpfs = info!.mpfsYear ? mpfsYearLabel(info!.mpfsYear) : ctx.data.procedures.editions.mpfs;
    return {
      start: t.start,
      end: t.end,
      message: `${t.code} has MPFS ${mpfs} status ${status} (${MPFS_STATUS[status]}). ${WHAT_TO_DO[status]}`,
    };
  },
};
