/**
 * The custom part of the protocol, shared by the server, the VS Code client and the protocol tests.
 * Plain names and shapes only (no imports), so the client bundle does not pull in server code.
 */

export const SERVER_NAME = 'clinical-codes';
/** default of `clinicalCodes.languages` (package.json says the same; the manifest test checks) */
export const DEFAULT_LANGUAGES: readonly string[] = ['plaintext', 'markdown', 'csv', 'clinical-note', 'x12'];
/** `source` of every diagnostic the server publishes */
export const DIAGNOSTIC_SOURCE = 'clinical-codes';

/**
 * The runtime options the server is started with (the VS Code client; the protocol tests and benchmarks start it the
 * same way): a young generation of 8 MB semi-spaces, not V8's 16, loaded RSS 136 -> 121 MB and a million-code
 * document's peak 299-311 -> 282-283 MB in no more time. V8 sizes its heap at start: only the command line sets it.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=8'];

/**
 * The environment the server (and the CLI, `cli/relaunch.ts`) adds on Linux. Once glibc frees a block it had mapped
 * on its own (V8's optimising compiler frees zones of ~1.3 MB, Node a file's bytes), it raises its trim threshold to
 * twice that block, and from then on each thread's arena keeps up to that much freed memory (V8 compiles on four
 * threads): ~25 MB of a large claim file's peak that nothing uses. Set, the threshold stays glibc's 128 KB.
 */
export const SERVER_ENV_LINUX: Readonly<Record<string, string>> = { MALLOC_TRIM_THRESHOLD_: '131072' };

/** What a server process started on `platform` adds to its environment (never replacing what the user set). */
export function serverEnv(platform: string, env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  if (platform !== 'linux') return {};
  return Object.fromEntries(Object.entries(SERVER_ENV_LINUX).filter(([k]) => env[k] === undefined));
}

/**
 * Where a workspace folder's own payer policy packs live: `<folder>/.clinical-codes/policies/*.json`, at the folder's
 * root only. The server loads them from there; package.json's `workspaceContains` and `jsonValidation` say the same
 * (the manifest test checks).
 */
export const POLICY_PACK_DIR: readonly string[] = ['.clinical-codes', 'policies'];
/** The packs of one folder, relative to it. */
export const POLICY_PACK_GLOB = `${POLICY_PACK_DIR.join('/')}/*.json`;
/** A pack-shaped path at any depth: the client sends such files to the server, which tells a nested one it does not load. */
export const ANY_POLICY_PACK_GLOB = `**/${POLICY_PACK_GLOB}`;

/** Request `clinicalCodes/search`: word or code-prefix search over every code system. */
export const SEARCH_REQUEST = 'clinicalCodes/search';
export type SystemId = 'icd10cm' | 'cpt' | 'hcpcs' | 'modifier' | 'taxonomy' | 'pos';
export interface SearchParams {
  query: string;
  limit?: number;
  systems?: SystemId[];
}
export interface SearchItem {
  system: SystemId;
  /** e.g. "ICD-10-CM" */
  systemLabel: string;
  code: string;
  /** as it should be inserted (ICD-10-CM dotted) */
  display: string;
  description: string;
  /** ICD-10-CM only: false for headers */
  billable?: boolean;
}
export interface SearchResult {
  items: SearchItem[];
  /** more matches than `limit` */
  incomplete: boolean;
  /** data not loaded (message says why) */
  unavailable?: string;
}

/** Request `clinicalCodes/explain`: everything known about a code, as markdown (same text as the hover). */
export const EXPLAIN_REQUEST = 'clinicalCodes/explain';
export type ExplainParams =
  | { uri: string; position: { line: number; character: number } }
  | { code: string; system?: SystemId };
export interface ExplainResult {
  found: boolean;
  /** the code as written / asked for */
  code: string;
  markdown: string;
}

/** Request `clinicalCodes/status` and notification `clinicalCodes/statusChanged`. */
export const STATUS_REQUEST = 'clinicalCodes/status';
export const STATUS_NOTIFICATION = 'clinicalCodes/statusChanged';
export interface StatusResult {
  state: 'loading' | 'ready' | 'error';
  /** the bundle problem, when state is 'error' */
  error?: string;
  dataDir: string;
  /** "ICD-10-CM FY2027", "HCPCS 2026 January", … */
  editions: string[];
  /** ICD-10-CM edition used for today's date */
  icdEdition?: string;
  /** number of licensed CPT descriptors loaded from clinicalCodes.cptDescriptorsFile */
  userCptDescriptors: number;
  searchIndexReady: boolean;
  /** open documents with diagnostics published, and their total */
  documents: number;
  problems: number;
  /** path settings ignored and why (an untrusted workspace, a file outside the workspace, a relative user path) */
  ignoredSettings?: string[];
  /** payer policy packs in use (bundled and the workspace's), and the packs skipped ("<path>: <problem>") */
  policies?: { packs: string[]; problems: string[] };
}

/** A range in a document, as LSP writes it (0-based lines and UTF-16 characters). */
export interface RangeView {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
export interface FindingView {
  ruleId: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  range: RangeView;
}
/** Where a date of service came from, most specific first. */
export type DateSourceView = 'line' | 'claim' | 'document' | 'setting' | 'today';

/** Request `clinicalCodes/claims`: the claims of a document with their service lines and findings (Claims view). */
export const CLAIMS_REQUEST = 'clinicalCodes/claims';
export interface ClaimsParams {
  uri: string;
}
export interface ServiceLineView {
  number: number;
  range: RangeView;
  procedure?: string;
  modifiers: string[];
  units?: string;
  charge?: string;
  /** institutional lines (X12 SV201, a revenue code column) */
  revenueCode?: string;
  /** the date of service the line's codes were judged at, where it came from, and the ICD-10-CM edition used */
  date: string;
  dateSource: DateSourceView;
  edition: string;
  /** diagnosis codes the line points at (or, without pointers, the row's own diagnoses) */
  diagnoses: string[];
  findings: FindingView[];
}
export interface ClaimView {
  id: string;
  range: RangeView;
  payer?: string;
  patient?: string;
  from?: string;
  through?: string;
  /** X12: the transaction (837P, 837I), the claim's charge and place of service or facility type */
  transaction?: '837P' | '837I';
  charge?: string;
  placeOfService?: string;
  /** qualifier: principal, other, admitting, reason, external-cause; poa: 837I present-on-admission indicator */
  /** position: 1-based, the order diagnosis pointers count in; range: where the code is written */
  diagnoses: { code: string; position: number; version?: 9 | 10; qualifier?: string; poa?: string; range?: RangeView }[];
  lines: ServiceLineView[];
  /** findings on the claim outside its service lines */
  findings: FindingView[];
}
export interface ClaimsResult {
  /** 'csv': claims read from a delimited file's rows; 'x12': from an 837's CLM loops; 'note': the one implicit claim of a document */
  format: 'note' | 'csv' | 'x12';
  claims: ClaimView[];
  /** the document is not analysed (not open, disabled, too large, no data): why */
  unavailable?: string;
}

/** Request `clinicalCodes/dateOfService`: the date of service and edition that judge the codes at a position. */
export const DATE_OF_SERVICE_REQUEST = 'clinicalCodes/dateOfService';
export interface DateOfServiceParams {
  uri: string;
  position: { line: number; character: number };
}
export interface DateOfServiceResult {
  date: string;
  source: DateSourceView;
  /** "ICD-10-CM FY2019", or the ICD-9-CM note before 2015-10-01 */
  edition: string;
  /** claim files: the claim and service line at the position */
  claim?: string;
  line?: number;
}

/**
 * Request `clinicalCodes/payers`: the payers and plans of every loaded policy pack and, for a document, the payer
 * and plan its codes are judged by (as the engine resolved it) and where that came from.
 */
export const PAYERS_REQUEST = 'clinicalCodes/payers';
export interface PayersParams {
  uri?: string;
}
/** The user's payer for one document: a payer (and plan) of the packs, or 'none' (judge no payer policy). */
export type PayerOverrideView = { payer: string; plan?: string } | 'none';
/** override: chosen for the document; claim: the claim's payer fields; document: its Payer:/Plan: lines; setting: clinicalCodes.payer */
export type PayerSourceView = 'override' | 'claim' | 'document' | 'setting';
export interface ResolvedPayerView {
  payer: string;
  plan?: string;
  source: PayerSourceView;
}
export interface PayersResult {
  /** every payer of the loaded packs (one entry per payer name), with the plans its packs name */
  payers: { name: string; plans: string[]; packs: { id: string; title: string }[] }[];
  /** the document's payer, when the document is open and analysed */
  document?: {
    /** the payer and plan its codes are judged by (its first claim's); absent: no payer of the packs */
    active?: ResolvedPayerView;
    /** what the claim, labels or setting resolve to, ignoring the override */
    fromDocument?: ResolvedPayerView;
    override?: PayerOverrideView;
    /** claims resolved to another payer or plan than the first (claim files) */
    otherClaims: number;
  };
}
/** Request `clinicalCodes/setPayer`: sets (or with null clears) a document's payer override; answers like `payers`. */
export const SET_PAYER_REQUEST = 'clinicalCodes/setPayer';
export interface SetPayerParams {
  uri: string;
  override: PayerOverrideView | null;
}

/**
 * Command the server puts in code actions for VS Code only (it is implemented by the client): sets a rule's
 * severity in the settings. Arguments: [ruleId, severity, resourceUri].
 */
export const CONFIGURE_RULE_COMMAND = 'clinicalCodes.configureRule';

/** Semantic token legend (the package.json contributes the matching semanticTokenTypes/Modifiers). */
export const SEMANTIC_TOKEN_TYPES = ['icdCode', 'procedureCode', 'modifierCode', 'taxonomyCode', 'placeOfServiceCode'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['billable', 'header', 'unknown', 'deprecated'] as const;

/** initializationOptions the server understands (all optional). */
export interface InitializationOptions {
  /** set by the VS Code client: enables client-implemented commands in code actions */
  client?: 'vscode-clinical-codes';
  /** code data bundle directory (default: bundled; env CLINICAL_CODES_DATA) */
  dataDir?: string;
  /** settings for clients without workspace/configuration (same shape as the clinicalCodes section) */
  settings?: Record<string, unknown>;
  /** milliseconds after the data is loaded before the word-search index is opened and prepared (default 0; -1 = on first use) */
  searchIndexDelayMs?: number;
  /** whether the workspace is trusted (VS Code: vscode.workspace.isTrusted); only then are the workspace's payer policy packs loaded. Default false */
  workspaceTrusted?: boolean;
  /**
   * where path settings (cptDescriptorsFile, policyFiles) come from when the settings do not say (`pathScopes`):
   * 'user' for an editor whose LSP settings are the user's own configuration; default 'workspace' (files inside the
   * workspace folders only, and only when trusted)
   */
  pathScope?: 'user' | 'workspace';
  /** payer overrides by document URI (the VS Code client keeps them in the workspace state) */
  payerOverrides?: Record<string, PayerOverrideView>;
}

/** Request `clinicalCodes/draftPolicy`: a draft payer policy pack from an open policy document, to review. */
export const DRAFT_POLICY_REQUEST = 'clinicalCodes/draftPolicy';
export interface DraftPolicyParams {
  uri: string;
}
export interface DraftPolicyResult {
  /** the pack as JSON text ('' when the document is not open or the data is not loaded) */
  json: string;
  /** the pack's id: a file name for `.clinical-codes/policies/<id>.json` */
  id: string;
  /** what to check before using it */
  review: string[];
  /** whether it is already a valid pack (false: no codes or no payer found) */
  valid: boolean;
  /** why nothing was drafted */
  error?: string;
}
