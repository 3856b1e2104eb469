import type { Rule, RuleFinding } from './rule';
import type { ClaimDiagnosis } from '../claims/model';
import { dotIcd } from '../systems/icd10cm';
import { elementRef, x12PositionAt } from '../x12/dictionary';
import { shouldYield } from '../steps';

const key = (d: ClaimDiagnosis) => `${d.version ?? ''}:${d.token?.code ?? d.code.value}`;
const shown = (d: ClaimDiagnosis) => (d.token ? dotIcd(d.token.code) : d.code.text);

/**
 * A diagnosis is listed once per claim: a repeat takes one of the twelve HI positions (or a row's diagnosis
 * columns) and lets pointers name the same code twice. X12: the claim's HI; delimited files: the diagnosis columns
 * of one row (a flat export repeats the claim's diagnoses on every row, which is not a duplicate).
 */
export const claimDuplicateDiagnosis: Rule = {
  id: 'claim.duplicate-diagnosis',
  defaultSeverity: 'warning',
  description: 'The same diagnosis code listed twice on a claim (X12 HI) or in one row of a claim export.',
  summary: "the same diagnosis code listed twice in a claim's HI (or a row's diagnosis columns)",
  docs: 'Each diagnosis is listed once on a claim: a repeat wastes one of the twelve diagnosis positions, and service lines pointing at either copy point at the same code. Some payers reject claims with duplicate diagnosis codes. Remove the repeat and renumber the diagnosis pointers (SV107 on an 837P) that pointed past it.',
  tags: [],
  fixable: false,
  *checkClaim(claim, ctx) {
    if (ctx.format === 'note') return;
    const out: RuleFinding[] = [];
    // one count over every diagnosis of the claim: a row may have 10,000 diagnosis columns
    let n = 0;
    const check = function* (list: ClaimDiagnosis[], where: (d: ClaimDiagnosis) => string, scope: string) {
      const seen = new Map<string, ClaimDiagnosis>();
      for (const d of list) {
        if (shouldYield(n++)) yield;
        const first = seen.get(key(d));
        if (!first) {
          seen.set(key(d), d);
          continue;
        }
        out.push({
          start: d.code.start,
          end: d.code.end,
          message: `Diagnosis ${shown(d)} is listed twice ${scope}: ${where(d)} repeats ${where(first)}. Remove the repeat${ctx.format === 'x12' ? ' and renumber the diagnosis pointers (SV107) that point past it' : ''}.`,
        });
      }
    };
    if (ctx.format === 'x12') {
      const ref = (d: ClaimDiagnosis) => {
        const p = x12PositionAt(ctx.layout, d.code.start);
        return `${p ? elementRef('HI', p.element, 2) : 'HI'} "${d.code.text}" (position ${d.position})`;
      };
      yield* check(claim.diagnoses, ref, `in claim ${claim.id}'s HI (loop 2300)`);
    } else {
      const names = ctx.layout.headers[0]?.names ?? [];
      for (const line of claim.lines) {
        const col = (d: ClaimDiagnosis) => {
          const c = ctx.layout.cellAt(ctx.layout.lineAt(d.code.start), d.code.start);
          return c && names[c.col] ? `column "${names[c.col]}"` : `"${d.code.text}"`;
        };
        yield* check(line.diagnoses, col, `on row ${line.line + 1} of claim ${claim.id}`);
      }
    }
    return out;
  },
};
