import type { Claim } from '../claims/model';
import type { CodeToken } from '../scanner/tokens';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { lineOf } from './claim-where';
import { shouldYield } from '../steps';

/** CMS-1500 item 24D and the 837P SV101-3..6 (837I SV202-3..6) hold four modifiers per line. */
const MAX_MODIFIERS = 4;

function removal(m: CodeToken, ctx: RuleContext) {
  // "27447-RT-RT": remove the "-RT"; a modifier cell of a claim file: empty the cell (X12 composites are not edited)
  if (m.parentVia === 'suffix') return [{ title: `Remove modifier ${m.code}`, start: m.start - 1, end: m.end, newText: '' }];
  if (ctx.format === 'csv') return [{ title: `Remove modifier ${m.code}`, start: m.start, end: m.end, newText: '' }];
  return undefined;
}

/**
 * Modifier combinations on one service line that contradict each other or the claim form: LT with RT, 50 with LT
 * or RT, the same modifier twice, more than four. Whether one modifier fits the code is modifier.not-applicable's
 * (engine/systems/modifier-fit.ts); this rule judges the line's modifiers together.
 */
export const modifierConflict: Rule = {
  id: 'modifier.conflict',
  defaultSeverity: 'error',
  description: 'Modifiers on one service line that contradict each other (LT with RT, 50 with LT or RT), repeat, or number more than the four a claim line holds.',
  summary: 'LT with RT or 50 with LT/RT on one line, the same modifier twice, more than four modifiers on a line',
  docs: 'A service line describes one service: LT and RT together say it was done on both sides, which is modifier 50 (where the MPFS bilateral indicator allows it) or two lines, one per side; 50 already means both sides, so LT or RT with it contradicts it (a few payers, e.g. some Medicaid plans, want RT and LT on two lines instead of 50: check the payer). The same modifier twice is a keying error. The CMS-1500 and the 837P/837I hold four modifiers per line: put the pricing modifiers first and use 99 where the payer asks for it.',
  tags: [],
  fixable: true,
  *checkClaim(claim: Claim, ctx: RuleContext) {
    const out: RuleFinding[] = [];
    for (let i = 0; i < claim.lines.length; i++) {
      if (shouldYield(i)) yield;
      const line = claim.lines[i];
      const mods = line.modifiers;
      if (!mods.length) continue;
      const proc = line.procedure?.code ?? 'the service';
      const where = lineOf(line, claim, ctx);
      const seen = new Map<string, CodeToken>();
      for (const m of mods) {
        const first = seen.get(m.code);
        if (first) {
          out.push({
            start: m.start,
            end: m.end,
            message: `Modifier ${m.code} is written twice on ${proc} ${where}: a modifier is reported once per line. Remove the repeated one.`,
            related: [{ start: first.start, end: first.end, message: `${m.code}, first on the line` }],
            fixes: removal(m, ctx),
          });
        } else seen.set(m.code, m);
      }
      const lt = seen.get('LT');
      const rt = seen.get('RT');
      const bilateral = seen.get('50');
      if (lt && rt) {
        const later = lt.start > rt.start ? lt : rt;
        const other = later === lt ? rt : lt;
        out.push({
          start: later.start,
          end: later.end,
          message: `LT and RT are both on ${proc} ${where}: one line is one side. For a procedure on both sides report 50 (where the MPFS bilateral indicator allows it), or two lines, one with LT and one with RT, as the payer asks.`,
          related: [{ start: other.start, end: other.end, message: `${other.code} on the same line` }],
        });
      }
      if (bilateral) {
        for (const side of [lt, rt]) {
          if (!side) continue;
          out.push({
            start: side.start,
            end: side.end,
            message: `${side.code} with 50 on ${proc} ${where}: 50 already says the procedure was done on both sides, so ${side.code} contradicts it. Remove ${side.code} (or, where the payer wants sides instead of 50, report RT and LT on two lines without 50).`,
            related: [{ start: bilateral.start, end: bilateral.end, message: '50 (bilateral) on the same line' }],
            fixes: removal(side, ctx),
          });
        }
      }
      if (mods.length > MAX_MODIFIERS) {
        const extra = mods.slice(MAX_MODIFIERS);
        out.push({
          start: extra[0].start,
          end: extra[extra.length - 1].end,
          message: `${mods.length} modifiers on ${proc} ${where} (${mods.map((m) => m.code).join(', ')}): a claim line holds four (CMS-1500 item 24D, 837P/837I SV1/SV2 composite). Report the pricing modifiers first (e.g. 26/TC, 50, 80) and the others within four; where the payer allows, use 99 (multiple modifiers) and list the rest in the claim notes.`,
        });
      }
    }
    return out;
  },
};
