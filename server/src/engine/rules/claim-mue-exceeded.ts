import type { Claim, ServiceLine } from '../claims/model';
import type { MueInfo } from '../systems/procedures';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { lineDate, lineOf, onClaim } from './claim-where';

/** "Date of Service Edit: Clinical" (the MUE file's MAI text, with or without its leading digit). */
const maiWords = (m: MueInfo) => m.maiText.replace(/^\d\s*/, '').trim();

const WHAT_TO_DO: Record<number, string> = {
  1: 'MAI 1 is a line edit: each claim line is judged on its own, and a line over the MUE is denied. If more units were truly provided (separate sites or sessions), report them on separate lines with the appropriate modifiers (e.g. 59, XS, RT/LT, 76, 91); otherwise correct the units.',
  2: 'MAI 2 is an absolute date-of-service edit: units above the MUE on one date are denied and not payable on appeal. Correct the units or the dates of service.',
  3: 'MAI 3 is a date-of-service edit based on clinical data: units above the MUE on one date are denied, but may be paid on appeal with documentation of medical necessity. Check the units; if they are right, keep the documentation for the appeal.',
};

interface Unit {
  line: ServiceLine;
  units: number;
}

/**
 * NCCI Medically Unlikely Edits (practitioner services): the units of a procedure code on one date of service
 * against the code's MUE value. MAI 1 judges each line; MAI 2 and 3 the sum of the claim's lines for that code and
 * date. Claim files: a line's units (a missing units cell is 1 unit). Notes: only units written after the code
 * count ("96372 x2", "(3 units)"); a mere mention is not a unit, so a note naming a code several times never fires.
 */
export const claimMueExceeded: Rule = {
  id: 'claim.mue-exceeded',
  defaultSeverity: 'error',
  description: 'Units of a procedure code on one date of service, summed across a claim\'s service lines, above the code\'s NCCI practitioner MUE value (per line for MAI 1).',
  summary: 'units of a code per date of service above its NCCI practitioner MUE (MAI 1 per line, MAI 2/3 summed over the claim\'s lines), with the MAI and rationale',
  docs: 'A Medically Unlikely Edit (MUE) is the most units of a HCPCS/CPT code a provider would report for one patient on one date of service (CMS NCCI, practitioner services table). MAI 1 is a line edit (each line judged on its own), MAI 2 an absolute date-of-service edit (units above it are never paid), MAI 3 a date-of-service edit based on clinical data (payable on appeal with documentation). Units are summed per code and date over the claim\'s lines; in notes only units written after the code count. A code without a published MUE is not judged. Correct the units, split them over lines with modifiers (MAI 1), or keep the documentation (MAI 3).',
  tags: [],
  fixable: false,
  checkClaim(claim: Claim, ctx: RuleContext) {
    const out: RuleFinding[] = [];
    const groups = new Map<string, { code: string; date: string; mue: MueInfo; items: Unit[] }>();
    for (const line of claim.lines) {
      const p = line.procedure;
      if (!p) continue;
      const u = line.units;
      // notes: only stated units; claim files: an empty units cell is one unit; unreadable units are claim.units-invalid's
      let units: number;
      if (ctx.format === 'note') {
        if (!u || u.value === undefined) continue;
        units = u.value;
      } else if (!u || !u.text) units = 1;
      else if (u.value !== undefined && Number.isInteger(u.value) && u.value >= 1) units = u.value;
      else continue;
      const date = lineDate(line, claim, ctx);
      const mue = ctx.data.procedures.get(p.code, date)?.mue;
      if (!mue) continue; // no published MUE: never reported
      const key = `${p.code}\u0000${date}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { code: p.code, date, mue, items: [] }));
      g.items.push({ line, units });
    }
    const edition = ctx.data.procedures.editions.mue;
    const source = `NCCI practitioner MUE${edition ? ` ${edition}` : ''}`;
    for (const g of groups.values()) {
      const { mue } = g;
      const head = `MUE ${mue.value} for ${g.code} (${source}; MAI ${mue.mai}: ${maiWords(mue)}; rationale: ${mue.rationale})`;
      const todo = WHAT_TO_DO[mue.mai] ?? 'Check the units.';
      if (mue.mai === 1) {
        for (const it of g.items) {
          if (it.units <= mue.value) continue;
          const at = it.line.units ?? it.line.procedure!;
          out.push({
            start: at.start,
            end: at.end,
            message: `${it.units} unit${it.units === 1 ? '' : 's'} of ${g.code} ${lineOf(it.line, claim, ctx)} exceed the ${head}. ${todo}`,
          });
        }
        continue;
      }
      const total = g.items.reduce((n, it) => n + it.units, 0);
      if (total <= mue.value) continue;
      const last = g.items[g.items.length - 1];
      const at = last.line.units ?? last.line.procedure!;
      const lines = ctx.format === 'note' ? g.items.map((it) => `line ${it.line.line + 1}`) : g.items.map((it) => `line ${it.line.number}`);
      const parts = g.items.length > 1 ? ` (${g.items.map((it, i) => `${lines[i]}: ${it.units}`).join(', ')})` : '';
      out.push({
        start: at.start,
        end: at.end,
        message: `${total} unit${total === 1 ? '' : 's'} of ${g.code} on ${g.date} ${onClaim(claim, ctx)}${parts} exceed the ${head}, a limit per date of service. ${todo}`,
        related: g.items.slice(0, -1).map((it) => {
          const r = it.line.units ?? it.line.procedure!;
          return { start: r.start, end: r.end, message: `${it.units} unit${it.units === 1 ? '' : 's'} of ${g.code} on ${g.date}` };
        }),
      });
    }
    return out;
  },
};
