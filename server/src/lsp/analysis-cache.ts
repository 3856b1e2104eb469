import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeAsync, binaryReason, formatFor, type Analysis, type BinaryReason, type CodeData, type PayerOverride, type PolicyPack } from '../engine';
import type { DataState } from './data-state';
import type { Settings, SettingsStore } from './settings';
import { describeError, docLabel, type Logger } from './log';
import { SLICE_MS } from './slices';
import { foreground } from './foreground';
import type { PolicyStore } from './policies';

/** What the server knows about one version of a document. */
export type DocState =
  /** checked: the analysis is shared by diagnostics, hover, completion, code actions, symbols and tokens */
  | { kind: 'analyzed'; version: number; settings: Settings; data: CodeData; analysis: Analysis; editionIndex: number; policies: readonly PolicyPack[]; payerOverride?: PayerOverride }
  /** over clinicalCodes.maxFileSize: not analysed */
  | { kind: 'too-large'; version: number; settings: Settings; bytes: number }
  /** a NUL (or mostly control characters) in the first 8 KB: the engine's `binaryReason`, as the CLI skips it */
  | { kind: 'binary'; version: number; settings: Settings; reason: BinaryReason }
  /** the language is not checked, or clinicalCodes.enable is false */
  | { kind: 'disabled'; version: number; settings: Settings }
  /** no code data (bundle missing/corrupt) */
  | { kind: 'no-data'; version: number; settings: Settings }
  /** a newer version arrived (or the document closed) while this one was analysed: nothing to serve */
  | { kind: 'cancelled'; version: number; settings: Settings };

export type Analyzed = Extract<DocState, { kind: 'analyzed' }>;

/**
 * The preamble every request shares: the open document, analysed at its current version. The handler runs only
 * when there is such an analysis; otherwise the request answers `fallback`.
 */
export function withAnalysis<P extends { textDocument: { uri: string } }, R>(
  documents: TextDocuments<TextDocument>,
  cache: AnalysisCache,
  fallback: R,
  handler: (params: P, doc: TextDocument, state: Analyzed) => R | Promise<R>,
): (params: P) => Promise<R> {
  return async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return fallback;
    const state = await cache.current(doc);
    return state?.kind === 'analyzed' ? handler(params, doc, state) : fallback;
  };
}

interface Entry {
  version: number;
  generation: number;
  state: Promise<DocState>;
}

/**
 * Analysis results keyed by URI + document version (+ settings generation). The first caller for a version
 * computes it; everyone else for that version gets the same promise, so a hover right after an edit and the
 * debounced diagnostics share one analysis.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly dataState: DataState,
    private readonly settings: SettingsStore,
    private readonly log: Logger,
    private readonly policies?: PolicyStore,
    /** the payer picker's choice per document (lsp/payer.ts); only read here, so the arrows stay one-way */
    private readonly overrides?: { get(uri: string): PayerOverride | undefined },
  ) {}

  get(doc: TextDocument): Promise<DocState> {
    const generation = this.settings.generation;
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.generation === generation) return hit.state;
    const entry: Entry = { version: doc.version, generation, state: undefined as unknown as Promise<DocState> };
    // stale once the document is edited (TextDocument objects are updated in place), another entry replaces this
    // one (settings changed) or the document is closed
    const version = doc.version;
    entry.state = this.compute(doc, () => doc.version !== version || this.entries.get(doc.uri) !== entry);
    this.entries.set(doc.uri, entry);
    return entry.state;
  }

  /**
   * For request handlers: the state of the document as it is now, or undefined when it changed while the analysis
   * was awaited (TextDocument objects are updated in place, so offsets would no longer match the analysis).
   */
  async current(doc: TextDocument): Promise<DocState | undefined> {
    const version = doc.version;
    // parked while the analysis runs: it would otherwise wait for this request (lsp/foreground.ts)
    let state = await foreground.park(this.get(doc));
    // cancelled by new settings or data while the document stayed as it is: the analysis that replaced it answers
    for (let i = 0; state.kind === 'cancelled' && doc.version === version && i < 3; i++) state = await foreground.park(this.get(doc));
    return doc.version === version && state.version === version ? state : undefined;
  }

  /** The cached state for exactly this version, if any (no computation). */
  peek(uri: string, version: number): Promise<DocState> | undefined {
    const hit = this.entries.get(uri);
    return hit && hit.version === version && hit.generation === this.settings.generation ? hit.state : undefined;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }

  private async compute(doc: TextDocument, stale: () => boolean): Promise<DocState> {
    // TextDocument objects are updated in place: read everything needed before the first await
    const { uri, version, languageId } = doc;
    const text = doc.getText();
    const format = formatFor({ path: doc.uri, languageId, text });
    const settings = await this.settings.get(uri);
    if (!settings.enable || !settings.languages.includes(languageId)) return { kind: 'disabled', version, settings };
    const data = await this.dataState.ready;
    if (!data) return { kind: 'no-data', version, settings };
    // UTF-16 length is a cheap upper bound check before counting UTF-8 bytes
    const limit = settings.maxFileSize * 1024 * 1024;
    if (text.length > limit / 3) {
      const bytes = Buffer.byteLength(text, 'utf8');
      if (bytes > limit) return { kind: 'too-large', version, settings, bytes };
    }
    const binary = binaryReason(text);
    if (binary) return { kind: 'binary', version, settings, reason: binary };
    const t0 = performance.now();
    try {
      const policies = this.policies?.packs ?? [];
      const payerOverride = this.overrides?.get(uri);
      const options = { data, dateOfService: settings.dateOfService || undefined, rules: settings.rules, columns: settings.csv.columns, policies, payer: settings.payer || undefined, payerOverride, maxFindings: settings.maxFindings };
      // in slices of ~10 ms (SLICE_MS) with the event loop in between: requests for other documents are answered
      // meanwhile (first: lsp/foreground.ts), and a newer version of this one stops the stale run
      const slices = { sliceMs: SLICE_MS, yieldTo: () => foreground.yieldTo(), cancelled: stale };
      let analysis = await analyzeAsync(text, format, options, slices);
      if (analysis?.pendingData) {
        // two procedures on one date: the NCCI PTP edits are read now (once, off the keystroke path's common case)
        const t1 = performance.now();
        await data.ptp.load();
        const st = data.ptp.status;
        if (st.state === 'loaded') this.log.info(`NCCI PTP edits ${st.edition} loaded in ${(performance.now() - t1).toFixed(0)} ms (${st.edits.toLocaleString('en-US')} edits)`);
        else if (st.state === 'error') this.log.warn(`NCCI PTP edits ${st.edition} could not be read (ncci.ptp judges nothing): ${st.message}`);
        analysis = await analyzeAsync(text, format, options, slices);
      }
      if (!analysis) return { kind: 'cancelled', version, settings };
      const ms = performance.now() - t0;
      if (ms > 500) this.log.info(`analysed ${docLabel(uri)} v${version} in ${ms.toFixed(0)} ms (${text.length} characters)`);
      return { kind: 'analyzed', version, settings, data, analysis, editionIndex: data.icd10.editionFor(analysis.dateOfService), policies, payerOverride };
    } catch (e) {
      // an engine bug must not take the server down: report and serve nothing for this version
      this.log.error(`analysis failed for ${docLabel(uri)} v${version}: ${describeError(e)}`);
      return { kind: 'no-data', version, settings };
    }
  }
}
