import type { Claim } from '../claims/model';
import { MPFS_STATUS } from '../systems/procedures';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { lineDate, lineOf } from './claim-where';

/** statuses of services Medicare pays under the fee schedule (T codes are then not paid that day) */
const PAYABLE = new Set(['A', 'R', 'C']);

/**
 * MPFS status T: "there are RVUs, but they are paid only if there are no other services payable under the PFS
 * billed on the same date by the same provider". Judged per claim and date of service.
 */
export const claimStatusTSameDay: Rule = {
  id: 'claim.status-t-same-day',
  defaultSeverity: 'info',
  description: 'A procedure with MPFS status T (paid only when no other fee schedule service is payable that day) on a claim with another payable service on the same date.',
  summary: 'an MPFS status T code beside another payable fee schedule service on the same date (Medicare pays the T code only alone)',
  docs: 'MPFS status T codes (many injections and minor services) have relative values, but Medicare pays them only when no other service payable under the physician fee schedule is billed by the same provider on the same date. With a payable visit or procedure that day the T line is paid $0. Expect no payment for it, or check whether the other service is really billable.',
  tags: [],
  fixable: false,
  checkClaim(claim: Claim, ctx: RuleContext) {
    if (ctx.format === 'note') return;
    const lines = claim.lines
      .filter((l) => l.procedure)
      .map((l) => {
        const date = lineDate(l, claim, ctx);
        const info = ctx.data.procedures.get(l.procedure!.code, date);
        return { l, date, status: info?.mpfs.find((r) => r.modifier === '')?.status, year: info?.mpfsYear?.year.id ?? 'MPFS' };
      });
    const out: RuleFinding[] = [];
    for (const t of lines) {
      if (t.status !== 'T') continue;
      const other = lines.find((o) => o !== t && o.date === t.date && o.status && PAYABLE.has(o.status));
      if (!other) continue;
      const code = t.l.procedure!;
      out.push({
        start: code.start,
        end: code.end,
        message: `${code.code} ${lineOf(t.l, claim, ctx)} has ${t.year} MPFS status T (${MPFS_STATUS.T}), and ${other.l.procedure!.code} (line ${other.l.number}) is payable on the same date ${t.date}: Medicare pays ${code.code} only when no other fee schedule service is billed that day. Expect no separate payment for it.`,
        related: [{ start: other.l.procedure!.start, end: other.l.procedure!.end, message: `${other.l.procedure!.code}: payable the same day` }],
      });
    }
    return out;
  },
};
