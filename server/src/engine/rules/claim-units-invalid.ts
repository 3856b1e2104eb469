import type { Rule, RuleFinding } from './rule';

/** Units (service count, days or units) on a claim line are a positive whole number; anything else is rejected. */
export const claimUnitsInvalid: Rule = {
  id: 'claim.units-invalid',
  defaultSeverity: 'error',
  description: 'A service line whose units are not a positive whole number.',
  summary: 'units on a service line that are not a positive whole number',
  docs: 'The units (days or units, service count) of a professional or institutional claim line must be a whole number of at least 1; zero, negative, fractional and non-numeric values are rejected by clearinghouses and payers. Anesthesia time is reported in minutes, still as a whole number.',
  tags: [],
  fixable: false,
  checkClaim(claim) {
    const out: RuleFinding[] = [];
    for (const line of claim.lines) {
      const u = line.units;
      if (!u || !u.text) continue;
      const ok = u.value !== undefined && Number.isInteger(u.value) && u.value >= 1;
      if (ok) continue;
      const what = u.value === undefined ? 'is not a number' : u.value === 0 ? 'is zero' : u.value < 0 ? 'is negative' : 'is not a whole number';
      out.push({
        start: u.start,
        end: u.end,
        message: `Units "${u.text}" on line ${line.number} of claim ${claim.id} ${what}: units must be a whole number of at least 1. Correct the count of services.`,
      });
    }
    return out;
  },
};
