import type { Connection } from 'vscode-languageserver/node';
import { MAX_FINDINGS, MAX_FINDINGS_LIMIT, RULE_IDS, SEVERITY_SETTINGS_TEXT, columnOverrides, isIsoDate, isMaxFindings, isSeveritySetting, type ColumnOverrides, type SeveritySetting } from '../engine';
import type { Logger } from './log';
import { DEFAULT_LANGUAGES } from '../protocol';

/** The `clinicalCodes` settings section, validated. */
export interface Settings {
  enable: boolean;
  /** language ids that are checked */
  languages: string[];
  /** yyyy-mm-dd, or '' for today */
  dateOfService: string;
  rules: Record<string, SeveritySetting>;
  inlayHints: boolean;
  /** megabytes */
  maxFileSize: number;
  /** findings kept per document; the rest are counted in one analysis.truncated finding */
  maxFindings: number;
  cptDescriptorsFile: string;
  debounceMs: number;
  completion: { wordSearch: 'codeContexts' | 'always' | 'off' };
  /** delimited files: column kinds by header name, where the header words do not say */
  csv: { columns: ColumnOverrides };
  /** payer policy packs: the payer (and plan) where a claim and its document name none: "NAME", "NAME/PLAN", "/PLAN" or '' */
  payer: string;
  /** payer policy pack files besides the bundled ones and .clinical-codes/policies (trusted workspaces only) */
  policyFiles: string[];
  /**
   * where the path settings were set, as the VS Code client reports it (not a user setting: the client adds it from
   * `inspect()`); unset: the client did not say
   */
  pathScopes: { cptDescriptorsFile?: 'user' | 'workspace'; policyFiles?: 'user' | 'workspace' };
  /**
   * path settings the workspace set that the VS Code client withheld because the workspace is not trusted (the
   * values above are then the user's own): said in the status, never read
   */
  untrustedWorkspaceValues: PathSettingKey[];
}

export type PathSettingKey = 'cptDescriptorsFile' | 'policyFiles';


export function defaultSettings(): Settings {
  return {
    enable: true,
    languages: [...DEFAULT_LANGUAGES],
    dateOfService: '',
    rules: {},
    inlayHints: false,
    maxFileSize: 5,
    maxFindings: MAX_FINDINGS,
    cptDescriptorsFile: '',
    debounceMs: 200,
    completion: { wordSearch: 'codeContexts' },
    csv: { columns: new Map() },
    payer: '',
    policyFiles: [],
    pathScopes: {},
    untrustedWorkspaceValues: [],
  };
}

/** A setting's value in a message: String() of an object with a non-function toString would throw. */
const shown = (v: unknown): string => (typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? String(v)));

/**
 * Validates a raw settings object key by key: a bad value falls back to its default and is reported, so one typo
 * does not disable the rest (and never crashes the server).
 */
export function validateSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const s = defaultSettings();
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings: s, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings: s, problems: ['clinicalCodes settings are not an object; using defaults'] };
  const r = raw as Record<string, unknown>;
  const bad = (key: string, why: string) => problems.push(`clinicalCodes.${key}: ${why}; using the default`);

  if (r.enable !== undefined) {
    if (typeof r.enable === 'boolean') s.enable = r.enable;
    else bad('enable', 'expected true or false');
  }
  if (r.languages !== undefined) {
    if (Array.isArray(r.languages) && r.languages.every((l) => typeof l === 'string')) s.languages = r.languages as string[];
    else bad('languages', 'expected an array of language ids');
  }
  if (r.dateOfService !== undefined && r.dateOfService !== null) {
    if (typeof r.dateOfService === 'string' && (r.dateOfService === '' || isIsoDate(r.dateOfService))) s.dateOfService = r.dateOfService;
    else bad('dateOfService', `${shown(r.dateOfService)} is not a date (YYYY-MM-DD)`);
  }
  if (r.rules !== undefined && r.rules !== null) {
    if (typeof r.rules === 'object' && !Array.isArray(r.rules)) {
      for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) {
        if (!RULE_IDS.includes(id)) problems.push(`clinicalCodes.rules: unknown rule "${id}" ignored (rules: ${RULE_IDS.join(', ')})`);
        else if (!isSeveritySetting(sev)) problems.push(`clinicalCodes.rules.${id}: ${shown(sev)} is not ${SEVERITY_SETTINGS_TEXT}; using the rule's default`);
        else s.rules[id] = sev;
      }
    } else bad('rules', 'expected an object of rule id → severity');
  }
  if (r.inlayHints !== undefined) {
    if (typeof r.inlayHints === 'boolean') s.inlayHints = r.inlayHints;
    else bad('inlayHints', 'expected true or false');
  }
  if (r.maxFileSize !== undefined) {
    if (typeof r.maxFileSize === 'number' && Number.isFinite(r.maxFileSize) && r.maxFileSize > 0) s.maxFileSize = r.maxFileSize;
    else bad('maxFileSize', 'expected a positive number of megabytes');
  }
  if (r.maxFindings !== undefined && r.maxFindings !== null) {
    if (isMaxFindings(r.maxFindings)) s.maxFindings = r.maxFindings;
    else bad('maxFindings', `${shown(r.maxFindings)} is not a whole number from 1 to ${MAX_FINDINGS_LIMIT.toLocaleString('en-US')}`);
  }
  if (r.cptDescriptorsFile !== undefined && r.cptDescriptorsFile !== null) {
    if (typeof r.cptDescriptorsFile === 'string') s.cptDescriptorsFile = r.cptDescriptorsFile.trim();
    else bad('cptDescriptorsFile', 'expected a file path');
  }
  if (r.debounceMs !== undefined) {
    if (typeof r.debounceMs === 'number' && Number.isFinite(r.debounceMs) && r.debounceMs >= 0 && r.debounceMs <= 10000) s.debounceMs = r.debounceMs;
    else bad('debounceMs', 'expected a number of milliseconds between 0 and 10000');
  }
  const completion = r.completion as Record<string, unknown> | undefined;
  if (completion !== undefined && completion !== null) {
    const w = typeof completion === 'object' ? completion.wordSearch : undefined;
    if (w === 'codeContexts' || w === 'always' || w === 'off') s.completion.wordSearch = w;
    else if (w !== undefined) bad('completion.wordSearch', 'expected "codeContexts", "always" or "off"');
  }
  const csv = r.csv as Record<string, unknown> | undefined;
  if (csv !== undefined && csv !== null) {
    const columns = typeof csv === 'object' ? csv.columns : undefined;
    if (columns !== undefined && (typeof columns !== 'object' || columns === null || Array.isArray(columns))) bad('csv.columns', 'expected an object of column header → kind');
    else if (columns) {
      const o = columnOverrides(columns as Record<string, unknown>);
      s.csv.columns = o.columns;
      for (const p of o.problems) problems.push(`clinicalCodes.csv.columns: ${p}; that column keeps the kind its header says`);
    }
  }
  if (r.payer !== undefined && r.payer !== null) {
    if (typeof r.payer === 'string') s.payer = r.payer.trim();
    else bad('payer', 'expected a payer name, "NAME/PLAN" or "/PLAN"');
  }
  if (r.policyFiles !== undefined && r.policyFiles !== null) {
    if (Array.isArray(r.policyFiles) && r.policyFiles.every((f) => typeof f === 'string')) s.policyFiles = (r.policyFiles as string[]).map((f) => f.trim()).filter(Boolean);
    else bad('policyFiles', 'expected an array of file paths');
  }
  const scopes = r.pathScopes as Record<string, unknown> | undefined;
  if (scopes && typeof scopes === 'object') {
    for (const k of ['cptDescriptorsFile', 'policyFiles'] as const) if (scopes[k] === 'user' || scopes[k] === 'workspace') s.pathScopes[k] = scopes[k];
  }
  if (Array.isArray(r.untrustedWorkspaceValues)) {
    s.untrustedWorkspaceValues = (['cptDescriptorsFile', 'policyFiles'] as const).filter((k) => (r.untrustedWorkspaceValues as unknown[]).includes(k));
  }
  return { settings: s, problems };
}

/**
 * Per-resource settings. With workspace/configuration the client is asked per document URI (scopeUri), and the
 * answers are cached until the next didChangeConfiguration; otherwise the settings pushed in didChangeConfiguration
 * (or initializationOptions.settings) apply to every document.
 */
export class SettingsStore {
  private readonly perUri = new Map<string, Promise<Settings>>();
  /** last resolved settings per URI, for synchronous readers (the debounce delay) */
  private readonly resolved = new Map<string, Settings>();
  private global: Settings = defaultSettings();
  private readonly reported = new Set<string>();
  /** bumped on every change: analyses computed with an older generation are stale */
  generation = 0;

  constructor(
    private readonly connection: Connection,
    private readonly log: Logger,
    private readonly pull: boolean,
    initial?: unknown,
  ) {
    if (initial !== undefined) this.global = this.validate(initial);
  }

  get(uri: string): Promise<Settings> {
    if (!this.pull) return Promise.resolve(this.global);
    let p = this.perUri.get(uri);
    if (!p) {
      const generation = this.generation;
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'clinicalCodes' }).then(
        (raw: unknown) => {
          const s = this.validate(raw);
          if (generation === this.generation) this.resolved.set(uri, s);
          return s;
        },
        (e: unknown) => {
          this.log.warn(`could not read settings (${e instanceof Error ? e.message : String(e)}); using defaults`);
          return defaultSettings();
        },
      );
      this.perUri.set(uri, p);
    }
    return p;
  }

  /** The settings last read for a URI (or the defaults), without waiting. */
  peek(uri: string): Settings {
    return this.pull ? (this.resolved.get(uri) ?? defaultSettings()) : this.global;
  }

  /** didChangeConfiguration: forget cached answers; `pushed` is the payload for clients without the pull model. */
  changed(pushed: unknown): void {
    this.generation++;
    this.perUri.clear();
    this.resolved.clear();
    this.reported.clear();
    if (!this.pull) {
      const section = pushed && typeof pushed === 'object' ? (pushed as Record<string, unknown>).clinicalCodes : undefined;
      this.global = this.validate(section);
    }
  }

  forget(uri: string): void {
    this.perUri.delete(uri);
    this.resolved.delete(uri);
  }

  private validate(raw: unknown): Settings {
    const { settings, problems } = validateSettings(raw);
    for (const p of problems) {
      // each distinct problem once per configuration change, not once per document
      if (this.reported.has(p)) continue;
      this.reported.add(p);
      this.log.warn(p);
    }
    return settings;
  }
}
