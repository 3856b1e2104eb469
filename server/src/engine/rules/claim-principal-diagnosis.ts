import type { Claim, ClaimDiagnosis } from '../claims/model';
import { dotIcd } from '../systems/icd10cm';
import type { Rule, RuleContext } from './rule';

/** The claim's principal (837 ABK, a principal column) diagnosis, else its first-listed one. */
export function principalOf(claim: Claim): ClaimDiagnosis | undefined {
  const ten = claim.diagnoses.filter((d) => d.token && d.version !== 9);
  return ten.find((d) => d.qualifier === 'principal') ?? ten.find((d) => !d.qualifier || d.qualifier === 'other');
}

/**
 * What may not be the principal or first-listed diagnosis (CMS MCE edit 2, ICD-10-CM guidelines I.B.10 and
 * I.C.19.a / I.C.20): an external-cause code (V00-Y99) and a sequela code (7th character S), which follow the code
 * of the injury or of the sequela itself.
 */
export const claimPrincipalDiagnosis: Rule = {
  id: 'claim.principal-diagnosis',
  defaultSeverity: 'error',
  description: 'An external-cause code (V00-Y99) or a sequela code (7th character S) as the principal or first-listed diagnosis.',
  summary: 'an external-cause code (V00-Y99) or a sequela code (7th character S) as the principal or first-listed diagnosis',
  docs: 'External-cause codes (V00-Y99) say how an injury happened, never what is treated: they are never the principal or first-listed diagnosis (CMS MCE edit 2; ICD-10-CM guideline I.C.20). A sequela code (7th character S) is sequenced after the code of the residual condition it caused (guideline I.B.10). Put the injury or the residual condition first. The principal is the 837 ABK diagnosis or a principal column, else the first diagnosis listed; notes are not judged (prose names codes in any order).',
  tags: [],
  fixable: false,
  checkClaim(claim: Claim, ctx: RuleContext) {
    // a note's first code is not a claim's first-listed diagnosis: prose names codes in any order
    if (ctx.format === 'note') return;
    const d = principalOf(claim);
    if (!d) return;
    const code = d.token!.code;
    const which = d.qualifier === 'principal' ? 'principal diagnosis' : 'first-listed diagnosis';
    const where = ` of claim ${claim.id}`;
    const title = ctx.data.icd10.get(code, ctx.data.icd10.editionFor(d.token!.service?.date ?? ctx.dateOfService))?.long;
    const named = `${dotIcd(code)}${title ? ` "${title}"` : ''}`;
    if (/^[V-Y]/.test(code)) {
      return {
        start: d.code.start,
        end: d.code.end,
        message: `${named} is the ${which}${where}, but it is an external-cause code (V00-Y99): it says how an injury happened and is never the principal or first-listed diagnosis. List the injury or condition treated first and this code after it.`,
      };
    }
    if (code.length === 7 && code.endsWith('S') && (!title || /sequela/i.test(title))) {
      return {
        start: d.code.start,
        end: d.code.end,
        message: `${named} is the ${which}${where}, but it is a sequela code (7th character S): the residual condition being treated is listed first, and the sequela code after it. Put the code of the residual condition first.`,
      };
    }
    return undefined;
  },
};
