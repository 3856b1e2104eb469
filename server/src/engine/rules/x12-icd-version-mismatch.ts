import type { Rule, RuleFinding } from './rule';
import { ICD10_START } from '../systems/icd10cm';
import { HI_QUALIFIER, x12PositionAt, elementRef } from '../x12/dictionary';

const TO_ICD10: Record<string, string> = { BK: 'ABK', BF: 'ABF', BJ: 'ABJ', PR: 'APR', BN: 'ABN' };
const TO_ICD9: Record<string, string> = Object.fromEntries(Object.entries(TO_ICD10).map(([a, b]) => [b, a]));

/**
 * An HI qualifier says which ICD revision its code is in: ICD-9-CM (BK, BF, BJ, PR, BN) for dates of service before
 * 2015-10-01, ICD-10-CM (ABK, ABF, ABJ, APR, ABN) from that date. The claim's date decides (an 837I: its through
 * date, the discharge for an inpatient stay).
 */
export const x12IcdVersionMismatch: Rule = {
  id: 'x12.icd-version-mismatch',
  defaultSeverity: 'error',
  description: 'An HI diagnosis qualifier of the wrong ICD revision for the claim date: ICD-9-CM (BK, BF …) on or after 2015-10-01, ICD-10-CM (ABK, ABF …) before it.',
  summary: 'an ICD-9-CM HI qualifier (BK, BF …) on a claim dated on or after 2015-10-01, or an ICD-10-CM one (ABK, ABF …) before it',
  docs: 'Diagnoses on claims with dates of service (837I inpatient: discharge dates) on or after 2015-10-01 must be ICD-10-CM, with the HI qualifiers ABK (principal), ABF (other), ABJ (admitting), APR (reason for visit) and ABN (external cause); earlier dates take ICD-9-CM with BK, BF, BJ, PR and BN. A qualifier of the other revision is rejected by the payer. Code the diagnosis in the revision in force and use its qualifier, or check the claim dates.',
  tags: [],
  fixable: false,
  checkClaim(claim, ctx) {
    if (ctx.format !== 'x12') return;
    const date = (claim.transaction === '837I' ? claim.through ?? claim.from : claim.from)?.value;
    if (!date) return;
    const icd10 = date >= ICD10_START;
    const out: RuleFinding[] = [];
    for (const d of claim.diagnoses) {
      const q = d.qualifierText;
      if (!q || !d.version || (d.version === 10) === icd10) continue;
      const pos = x12PositionAt(ctx.layout, q.start);
      const ref = pos ? elementRef('HI', pos.element, 1) : 'HI';
      const other = (icd10 ? TO_ICD10 : TO_ICD9)[q.text];
      out.push({
        start: q.start,
        end: q.end,
        message: icd10
          ? `${ref} qualifier "${q.text}" (${HI_QUALIFIER[q.text] ?? 'ICD-9-CM'}) with code ${d.code.text} on claim ${claim.id} dated ${date}: ICD-9-CM is not accepted for dates of service on or after ${ICD10_START}. Code the diagnosis in ICD-10-CM with qualifier ${other ?? 'ABF'}.`
          : `${ref} qualifier "${q.text}" (${HI_QUALIFIER[q.text] ?? 'ICD-10-CM'}) with code ${d.code.text} on claim ${claim.id} dated ${date}: before ${ICD10_START} diagnoses are coded in ICD-9-CM. Use qualifier ${other ?? 'BF'} with the ICD-9-CM code, or check the claim's dates (DTP*472/434).`,
      });
    }
    return out;
  },
};
