import type { Rule, RuleContext, RuleFinding } from './rule';
import { lineDate, lineOf, onClaim } from './claim-where';
import { shouldYield } from '../steps';

const list = (codes: string[]) => (codes.length > 12 ? `${codes.slice(0, 12).join(', ')} … (${codes.length} in all)` : codes.join(', '));

/**
 * NCCI add-on code edits: an add-on code is paid only with one of its primary codes on the same claim. Edit types 1
 * and 3 list the primaries (type 3: the contractor may accept others too, the message says so); type 2 lists none
 * (the contractor defines them), so it is not judged: the hover says "contractor-defined".
 */
export const claimAddonWithoutPrimary: Rule = {
  id: 'claim.addon-without-primary',
  defaultSeverity: 'error',
  description: 'An add-on code (NCCI AOC edit type 1 or 3) on a claim that lists none of its primary codes.',
  summary: 'an add-on code (NCCI AOC type 1 or 3) without one of its primary codes on the same claim; type 2 (contractor-defined primaries) not judged',
  docs: 'An add-on code describes work done in addition to a primary procedure and is never paid alone (CMS NCCI add-on code edits). Edit type 1 lists the only eligible primary codes; type 3 lists some, and the Medicare contractor may accept others; type 2 lists none (the contractor decides), so it is not judged. Report the primary code on the same claim, or remove the add-on code.',
  tags: [],
  fixable: true,
  *checkClaim(claim, ctx: RuleContext) {
    const out: RuleFinding[] = [];
    const codes = new Set<string>();
    for (let i = 0; i < claim.lines.length; i++) {
      if (shouldYield(i)) yield;
      const code = claim.lines[i].procedure?.code;
      if (code) codes.add(code);
    }
    for (let i = 0; i < claim.lines.length; i++) {
      if (shouldYield(i)) yield;
      const line = claim.lines[i];
      const p = line.procedure;
      if (!p) continue;
      const aoc = ctx.data.procedures.get(p.code, lineDate(line, claim, ctx))?.aoc;
      if (!aoc || aoc.editType === 2 || !aoc.primaries.length) continue;
      if (aoc.primaries.some((c) => codes.has(c))) continue;
      const type3 = aoc.editType === 3 ? ' (AOC edit type 3: your Medicare contractor may accept other primary codes as well)' : aoc.contractorDefined ? ' (plus primaries your contractor defines)' : '';
      const one = aoc.primaries.length === 1 ? aoc.primaries[0] : undefined;
      const edition = ctx.data.procedures.editions.aoc;
      out.push({
        start: p.start,
        end: p.end,
        message: `${p.code} ${lineOf(line, claim, ctx)} is an add-on code (NCCI AOC${edition ? ` ${edition}` : ''}, edit type ${aoc.editType}), but no primary code for it is ${onClaim(claim, ctx)}: ${one ? `its primary code is ${one}` : `its primary codes are ${list(aoc.primaries)}`}${type3}. An add-on code is not paid without its primary service: report the primary code on the same claim, or remove ${p.code}.`,
        // a note can take the primary code next to the add-on; a claim file needs a line of its own, written by the biller
        fixes: one && ctx.format === 'note' ? [{ title: `Add primary code ${one} before ${p.code}`, start: p.start, end: p.start, newText: `${one}, `, preferred: true }] : undefined,
      });
    }
    return out;
  },
};
