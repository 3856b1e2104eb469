// Public surface of the engine: pure TypeScript, no editor or LSP imports (enforced by eslint).
export * from './analyze';
export * from './findings';
export * from './data/code-data';
export * from './data/load';
export * from './data/bundle-types';
export * from './scanner/tokens';
export { scan } from './scanner/scanner';
export { RULES, RULE_IDS, RULE_TAGS, ruleById, ruleHasTag, type Rule, type RuleTag } from './rules';
export * from './systems/icd10cm';
export * from './systems/procedures';
export * from './systems/modifiers';
export * from './systems/taxonomy';
export * from './describe';
export * from './search/code-search';
export * from './data/icd-codec';
export * from './data/table-codec';
export { modifierMisfit, isAnesthesiaCode, isEvaluationAndManagementCode } from './rules/modifier-not-applicable';
