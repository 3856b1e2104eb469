import { policyRule } from './coverage-policy';

export const coverageNotMedicallyNecessary = policyRule('not-medically-necessary', {
  id: 'coverage.not-medically-necessary',
  defaultSeverity: 'warning',
  description: 'A procedure code the claim\'s payer judges not medically necessary for the plan under a payer policy pack in force on the date of service.',
  summary: 'a payer policy pack says the code is not medically necessary for the plan',
  docs: 'Judged only when a payer policy pack is the claim\'s payer and plan and its policy is in force on the date of service (see coverage.not-covered for how the payer is found). Expect a denial: get the member\'s written agreement to pay before the service, or document why the policy\'s criteria are met.',
});
