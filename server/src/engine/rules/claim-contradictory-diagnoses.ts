import type { Rule, RuleFinding } from './rule';
import type { ClaimDiagnosis } from '../claims/model';
import type { IcdCode } from '../systems/icd10cm';
import { onClaim } from './claim-where';
import { shouldYield } from '../steps';

const WITHOUT = /\bwithout (?:complications?|mention of complication)\b|\buncomplicated\b/i;
const UNSPECIFIED = /\bunspecified\b/i;

/**
 * Diagnoses of one claim (or one note) that cannot all be true of the patient: a code "without complications"
 * beside a code of the same category with one (E10.9 with E10.65), and an unspecified code beside a specified one
 * of the same subcategory (M79.643 "Pain in unspecified hand" with M79.641 "Pain in right hand"). Repeated codes
 * are claim.duplicate-diagnosis (claims); a note names a code as often as it discusses it.
 */
export const claimContradictoryDiagnoses: Rule = {
  id: 'claim.contradictory-diagnoses',
  defaultSeverity: 'warning',
  description: 'Diagnoses of one claim or note that contradict each other: a code without complications beside a code of the same category with one, or an unspecified code beside a specified one of the same condition.',
  summary: 'a "without complications" code beside a code of its category with a complication (E10.9 with E10.65), or an unspecified code beside a specified one of the same subcategory',
  docs: 'A claim or note codes one patient at one encounter: "Type 1 diabetes mellitus without complications" (E10.9) cannot stand beside "Type 1 diabetes mellitus with hyperglycemia" (E10.65), and "Pain in unspecified hand" beside "Pain in right hand" says the side is both known and unknown. Payers question or deny such claims. Keep the code the documentation supports (usually the specific one) and remove the other.',
  tags: [],
  fixable: false,
  *checkClaim(claim, ctx) {
    // a note that lists more diagnoses than a claim holds (12), or ranges, is a policy or guideline listing codes,
    // not one patient's coding
    if (ctx.format === 'note') {
      if (claim.diagnoses.length > 12) return;
      for (let i = 0; i < ctx.tokens.length; i++) {
        if (shouldYield(i)) yield;
        if (ctx.tokens[i].range) return;
      }
    }
    const icd = ctx.data.icd10;
    const coded: { d: ClaimDiagnosis; c: IcdCode }[] = [];
    for (const d of claim.diagnoses) {
      if (!d.token || d.version === 9) continue;
      // a note's codes count where it lists them (a Dx label, list or table column), not where its prose names them
      // ("E11.9 is too general when E11.65 is documented")
      if (ctx.format === 'note' && d.token.evidence !== 'label' && d.token.evidence !== 'column') continue;
      const ed = icd.editionFor(d.token.service?.date ?? ctx.dateOfService);
      if (ed < 0) continue;
      const c = icd.get(d.token.code, ed);
      if (c?.billable) coded.push({ d, c });
    }
    const out: RuleFinding[] = [];
    for (const a of coded) {
      const without = WITHOUT.test(a.c.long);
      const unspecified = UNSPECIFIED.test(a.c.long);
      if (!without && !unspecified) continue;
      const b = coded.find(({ c }) => {
        if (c.code === a.c.code) return false;
        if (without) return c.code.slice(0, 3) === a.c.code.slice(0, 3) && /\bwith\b/i.test(c.long) && !WITHOUT.test(c.long);
        return c.code.length === a.c.code.length && c.code.slice(0, -1) === a.c.code.slice(0, -1) && !UNSPECIFIED.test(c.long);
      });
      if (!b) continue;
      const why = without
        ? `a code without complications cannot stand beside ${b.c.dotted} "${b.c.long}", a code of the same category with a complication`
        : `an unspecified code cannot stand beside ${b.c.dotted} "${b.c.long}", which specifies the same condition`;
      out.push({
        start: a.d.code.start,
        end: a.d.code.end,
        message: `${a.c.dotted} "${a.c.long}" is listed ${onClaim(claim, ctx)} with ${b.c.dotted}: ${why}. Keep the code the documentation supports and remove the other.`,
        related: [{ start: b.d.code.start, end: b.d.code.end, message: `${b.c.dotted} listed here` }],
      });
    }
    return out;
  },
};
