import { policyRule } from './coverage-policy';

export const coverageNotCovered = policyRule('not-covered', {
  id: 'coverage.not-covered',
  defaultSeverity: 'warning',
  description: 'A procedure code the claim\'s payer and plan do not cover under a payer policy pack in force on the date of service.',
  summary: 'a payer policy pack says the plan does not cover the code',
  docs: 'Judged only when a payer policy pack (bundled, `.clinical-codes/policies/*.json`, `clinicalCodes.policyFiles`, CLI `--policy`) is the claim\'s payer (claim payer columns or X12 NM1*PR, else the note\'s "Payer:"/"Plan:" lines, else `clinicalCodes.payer` / `--payer`) and its policy is in force on the date of service. Get the member\'s written agreement to pay before the service, or bill other coverage.',
});
