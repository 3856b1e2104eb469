// The engine's public surface, by module: pure TypeScript, no editor or LSP imports (enforced by eslint).
// The CLI, the language server and the tests import only what is listed here.

// analysing a document
export { analyze, analyzeAsync, type Analysis, type AnalyzeOptions, type ClaimCoverage } from './analyze';
export { DocumentParts, PART_BYTES } from './parts/document-parts';
export type { PieceSource } from './parts/piece-source';
export type { Lines } from './text/lines';
export { MAX_FINDINGS, MAX_FINDINGS_LIMIT, isMaxFindings } from './finding-cap';
export { runSliced, type SliceOptions } from './steps';
export { formatFor, type DocumentFormat } from './formats';
// whether a document is text and how its bytes decode: the CLI and the server decide the same way
export { BINARY_REASON_TEXT, binaryReason, decodeDocument, type BinaryReason, type DecodedDocument, type TextEncodingName } from './text/binary';
export { isIsoDate, today } from './dates';
export { SEVERITIES, SEVERITY_SETTINGS, SEVERITY_SETTINGS_TEXT, isSeveritySetting, type Finding, type Severity, type SeveritySetting } from './findings';
export { RULES, RULE_IDS, RULE_TAGS, ruleHasTag, type Rule, type RuleTag } from './rules';

// tokens and their context
export { scan } from './scanner/scanner';
export { officialTitle, type CodeSystemId, type CodeToken } from './scanner/tokens';
export { contextAt, subjectCode, type LabelKind, type PositionContext } from './scanner/context';
export { columnKind, type ColumnKind } from './scanner/columns';
export { COLUMN_KIND_NAMES, columnOverrides, type ColumnOverrides } from './scanner/column-overrides';
export type { Layout } from './scanner/layout';

// claims
export type { Claim, ClaimDiagnosis, DateSource, Field, ServiceLine } from './claims/model';

// code data and code systems
export { CodeData, type Bundles } from './code-data';
export { BundleError } from './data/load';
export { BUNDLE_FORMAT_VERSION, DATASET_FILES, type IcdRow, type Manifest, type MpfsBundle, type MpfsRow } from './data/bundle-types';
export { encodeIcd } from './data/icd-codec';
export { encodeRowsBundle } from './data/table-codec';
export { BEFORE_ICD10, ICD10_START, dotIcd, undotIcd, type IcdCode, type IcdHistoryEvent } from './systems/icd10cm';
export type { ModifierInfo } from './systems/modifiers';
export { modifierFit, rankModifier, type FitVerdict, type ModifierFit, type RankedFit } from './systems/modifier-fit';

// what a code means, for hover, explain and completion
export { describeCode, guessSystems, renderMarkdown, renderText, type CodeDescription } from './describe';
export { escapeMarkdown } from './text/markdown';
export { CodeSearch } from './search/code-search';
export type { WordIndex } from './search/word-index';
// X12: what a segment id or element means (hover), where an offset is in an interchange (outline, messages)
export { describeX12At, elementRef, type X12Description } from './x12/dictionary';
export { x12Outline, x12OutlineSteps, type X12OutlineNode } from './x12/outline';

// payer policy packs
export { parsePolicyPack, validatePolicyPack, packInForce, mergePacks, type PolicyPack, type PolicyRuleKind, type PackResult } from './policies/pack';
export { draftPolicyPack, type PolicyDraft, type DraftPack } from './policies/draft';
export { resolveCoverage, payerLabels, splitPayerSetting, type PayerInput, type PayerOverride, type ResolvedCoverage } from './policies/resolve';
export { codeCoverage, coverageLineText, type CodeCoverage, type CoverageLine } from './policies/code-coverage';
export { jsonPathRange, type JsonPathRange } from './policies/json-positions';
export { firstIndex } from './sorted';
export { BoundedCache } from './bounded-cache';
