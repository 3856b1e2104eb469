import type { Rule, RuleFinding } from './rule';
import { dotIcd } from '../systems/icd10cm';

/** A diagnosis pointer names a position among the claim's diagnoses (1-12, or A-L); one past them points at nothing. */
export const claimPointerInvalid: Rule = {
  id: 'claim.pointer-invalid',
  defaultSeverity: 'error',
  description: 'A diagnosis pointer on a service line that points at no diagnosis listed on the claim, or cannot be read.',
  summary: 'a diagnosis pointer that points at no diagnosis of the claim',
  docs: 'Each service line points at the diagnoses that justify it by position (1-12, or A-L on the CMS-1500). A pointer beyond the diagnoses listed on the claim, or one that is not a position, makes the line unprocessable. Point at a listed diagnosis, or add the missing diagnosis to the claim.',
  tags: [],
  fixable: false,
  checkClaim(claim) {
    const out: RuleFinding[] = [];
    const n = claim.diagnoses.length;
    for (const line of claim.lines) {
      const p = line.pointers;
      if (!p || !p.value.length) continue;
      const bad = p.value.filter((v) => !Number.isInteger(v) || v < 1 || v > n);
      if (!bad.length) continue;
      const listed = n ? `the claim lists ${n} diagnos${n === 1 ? 'is' : 'es'} (${claim.diagnoses.slice(0, 4).map((d) => `${d.position}: ${d.token ? dotIcd(d.token.code) : d.code.text}`).join(', ')}${n > 4 ? ', …' : ''})` : 'the claim lists no diagnosis';
      const which = bad.every((v) => Number.isInteger(v)) ? `points at ${bad.join(', ')}` : 'cannot be read as diagnosis positions';
      out.push({
        start: p.start,
        end: p.end,
        message: `Diagnosis pointer "${p.text}" on line ${line.number} of claim ${claim.id} ${which}, but ${listed}. Point at a listed diagnosis or add the diagnosis to the claim.`,
      });
    }
    return out;
  },
};
