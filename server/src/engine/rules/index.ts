import type { Rule, RuleTag } from './rule';
import { icd10Unknown } from './icd10-unknown';
import { icd10HeaderNotBillable } from './icd10-header-not-billable';
import { icd10MissingSeventh } from './icd10-missing-seventh';
import { icd10PlaceholderX } from './icd10-placeholder-x';
import { icd10Deleted } from './icd10-deleted';
import { icd10NotYetEffective } from './icd10-not-yet-effective';
import { icd10BeforeIcd10 } from './icd10-before-icd10';
import { cptUnknown } from './cpt-unknown';
import { cptDeleted } from './cpt-deleted';
import { hcpcsUnknown } from './hcpcs-unknown';
import { hcpcsTerminated } from './hcpcs-terminated';
import { modifierUnknown } from './modifier-unknown';
import { modifierNotApplicable } from './modifier-not-applicable';
import { taxonomyUnknown } from './taxonomy-unknown';
import { posUnknown } from './pos-unknown';
import { posSettingNotPriced } from './pos-setting-not-priced';
import { claimGlobalPeriod } from './claim-global-period';
import { coverageMedicareStatus } from './coverage-medicare-status';
import { claimStatusTSameDay } from './claim-status-t-same-day';
import { coverageMedicareNonCovered } from './coverage-medicare-non-covered';
import { coverageNotCovered } from './coverage-not-covered';
import { coverageNotMedicallyNecessary } from './coverage-not-medically-necessary';
import { coveragePriorAuth } from './coverage-prior-auth';
import { coverageDiagnosisRequired } from './coverage-diagnosis-required';
import { descriptionMismatch } from './description-mismatch';
import { claimUnitsInvalid } from './claim-units-invalid';
import { claimPointerInvalid } from './claim-pointer-invalid';
import { claimMueExceeded } from './claim-mue-exceeded';
import { claimAddonWithoutPrimary } from './claim-addon-without-primary';
import { ncciPtp } from './ncci-ptp';
import { modifierConflict } from './modifier-conflict';
import { claimPatientSexAge } from './claim-patient-sex-age';
import { claimPrincipalDiagnosis } from './claim-principal-diagnosis';
import { tableColumns } from './table-columns';
import { x12Envelope } from './x12-envelope';
import { claimDuplicateDiagnosis } from './claim-duplicate-diagnosis';
import { x12LineDateMissing } from './x12-line-date-missing';
import { x12IcdVersionMismatch } from './x12-icd-version-mismatch';
import { rangeMalformed } from './range-malformed';
import { claimContradictoryDiagnoses } from './claim-contradictory-diagnoses';
import { analysisTruncated } from './analysis-truncated';

/**
 * Every rule, in reporting order (and the order of the settings and the README table). Adding a rule: write
 * rules/<area>-<name>.ts, test it, list it here, run `npm run gen:rules` (docs/architecture.md).
 */
export const RULES: readonly Rule[] = [
  icd10Unknown,
  icd10HeaderNotBillable,
  icd10MissingSeventh,
  icd10PlaceholderX,
  icd10Deleted,
  icd10NotYetEffective,
  icd10BeforeIcd10,
  cptUnknown,
  cptDeleted,
  hcpcsUnknown,
  hcpcsTerminated,
  modifierUnknown,
  modifierNotApplicable,
  modifierConflict,
  taxonomyUnknown,
  posUnknown,
  coverageMedicareNonCovered,
  coverageMedicareStatus,
  coverageNotCovered,
  coverageNotMedicallyNecessary,
  coveragePriorAuth,
  coverageDiagnosisRequired,
  descriptionMismatch,
  rangeMalformed,
  claimUnitsInvalid,
  claimPointerInvalid,
  claimMueExceeded,
  posSettingNotPriced,
  claimGlobalPeriod,
  claimStatusTSameDay,
  claimAddonWithoutPrimary,
  ncciPtp,
  claimPatientSexAge,
  claimPrincipalDiagnosis,
  claimDuplicateDiagnosis,
  claimContradictoryDiagnoses,
  tableColumns,
  x12Envelope,
  x12LineDateMissing,
  x12IcdVersionMismatch,
  analysisTruncated,
];

export const RULE_IDS = RULES.map((r) => r.id);

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** Whether the rule with this id carries the tag (false for ids that are not rules). */
export function ruleHasTag(id: string, tag: RuleTag): boolean {
  return BY_ID.get(id)?.tags.includes(tag) ?? false;
}

export { RULE_TAGS } from './rule';
export type { Rule, RuleTag };
