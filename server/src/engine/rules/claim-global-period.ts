import type { Claim, ServiceLine } from '../claims/model';
import { GLOBAL_DAYS } from '../systems/procedures';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { lineDate, lineOf } from './claim-where';

/** CPT evaluation and management codes (99202-99499) */
const isEm = (code: string) => /^99[2-4]\d\d$/.test(code);

/** the modifiers that say an E/M is billable beside a procedure's global package (FT: unrelated E/M, CMS 2022) */
const EM_GLOBAL_MODIFIERS = new Set(['24', '25', '57', 'FT']);

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

interface Surgery {
  line: ServiceLine;
  code: string;
  date: string;
  days: '000' | '010' | '090';
  year: string;
}

/**
 * An E/M visit inside a procedure's global surgical package on the same claim (MPFS global days 000, 010, 090),
 * without the modifier that takes it out: 25 for a significant, separately identifiable E/M on the day of a minor
 * procedure (000/010), 57 for the decision for surgery on the day of or the day before a major one (090), 24 (or FT)
 * for an unrelated visit in the postoperative days. Claim files only: a note naming both codes is no claim.
 */
export const claimGlobalPeriod: Rule = {
  id: 'claim.global-period',
  defaultSeverity: 'warning',
  description: 'An E/M service inside the global surgical period of a procedure on the same claim (MPFS global days 000/010/090) without modifier 24, 25, 57 or FT.',
  summary: 'an E/M inside a procedure\'s global period on the same claim without 24/25/57/FT (25 same day as a minor procedure, 57 day before/of a major one, 24 after)',
  docs: 'The Medicare global surgical package (MPFS global days) includes the related E/M visits: on the day of a minor procedure (000, 010), the day before and the day of a major one (090), and the postoperative days (10 or 90). An E/M in that window is paid only with a modifier that says why it is separate: 25 (significant, separately identifiable E/M on the day of a procedure), 57 (the visit where the decision for major surgery was made), 24 or FT (an unrelated visit in the postoperative period). Add the modifier that the documentation supports, or do not bill the visit.',
  tags: [],
  fixable: false,
  checkClaim(claim: Claim, ctx: RuleContext) {
    if (ctx.format === 'note') return;
    const surgeries: Surgery[] = [];
    for (const line of claim.lines) {
      const code = line.procedure?.code;
      if (!code || isEm(code)) continue;
      const date = lineDate(line, claim, ctx);
      const info = ctx.data.procedures.get(code, date);
      const g = info?.mpfs.find((r) => r.modifier === '')?.globalDays;
      if (g === '000' || g === '010' || g === '090') surgeries.push({ line, code, date, days: g, year: info!.mpfsYear?.year.id ?? 'MPFS' });
    }
    if (!surgeries.length) return;
    const out: RuleFinding[] = [];
    for (const line of claim.lines) {
      const em = line.procedure;
      if (!em || !isEm(em.code) || line.modifiers.some((m) => EM_GLOBAL_MODIFIERS.has(m.code))) continue;
      const date = lineDate(line, claim, ctx);
      for (const s of surgeries) {
        const d = daysBetween(s.date, date);
        const inWindow = s.days === '090' ? d >= -1 && d <= 90 : s.days === '010' ? d >= 0 && d <= 10 : d === 0;
        if (!inWindow) continue;
        const when = d === 0 ? 'on the day of' : d === -1 ? 'the day before' : `${d} day${d === 1 ? '' : 's'} after`;
        const todo =
          d > 0
            ? 'If the visit is unrelated to the procedure, add modifier 24 (or FT); if it is routine follow-up care, it is part of the procedure\'s payment: do not bill it.'
            : s.days === '090'
              ? 'If this is the visit where the decision for surgery was made, add modifier 57; otherwise the visit is part of the surgery\'s payment.'
              : 'If the visit is significant and separately identifiable from the procedure (documented beyond the usual pre-procedure assessment), add modifier 25; otherwise it is part of the procedure\'s payment.';
        out.push({
          start: em.start,
          end: em.end,
          message: `${em.code} ${lineOf(line, claim, ctx)} (${date}) is ${when} ${s.code} (line ${s.line.number}, ${s.date}), inside its global surgical period (${s.year} MPFS: ${GLOBAL_DAYS[s.days]}). ${todo}`,
          related: [{ start: s.line.procedure!.start, end: s.line.procedure!.end, message: `${s.code}: global days ${s.days}` }],
        });
        break;
      }
    }
    return out;
  },
};
