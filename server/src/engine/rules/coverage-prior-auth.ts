import { policyRule } from './coverage-policy';

export const coveragePriorAuth = policyRule('prior-auth', {
  id: 'coverage.prior-auth',
  defaultSeverity: 'info',
  description: 'A procedure code the claim\'s payer requires prior authorization for under a payer policy pack in force on the date of service.',
  summary: 'a payer policy pack requires prior authorization for the code',
  docs: 'Judged only when a payer policy pack is the claim\'s payer and plan and its policy is in force on the date of service (see coverage.not-covered for how the payer is found). Get prior authorization before the service and report its number on the claim.',
});
