import { policyRule } from './coverage-policy';

export const coverageDiagnosisRequired = policyRule('diagnosis-required', {
  id: 'coverage.diagnosis-required',
  defaultSeverity: 'warning',
  description: 'A procedure code the claim\'s payer covers only with diagnoses the claim does not carry, under a payer policy pack in force on the date of service.',
  summary: 'a payer policy pack covers the code only with diagnoses the claim lacks',
  docs: 'Judged only when a payer policy pack is the claim\'s payer and plan and its policy is in force on the date of service (see coverage.not-covered for how the payer is found). The claim carries none of the diagnoses (codes or prefixes) the pack lists: report a supporting diagnosis the record documents, or expect a denial.',
});
