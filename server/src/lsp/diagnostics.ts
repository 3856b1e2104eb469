import {
  DiagnosticSeverity,
  DiagnosticTag,
  LSPErrorCodes,
  ResponseError,
  type Connection,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { BINARY_REASON_TEXT, ruleHasTag, type Finding, type Severity } from '../engine';
import type { AnalysisCache, DocState } from './analysis-cache';
import type { SettingsStore } from './settings';
import { describeError, docLabel, type Logger } from './log';
import { DIAGNOSTIC_SOURCE } from '../protocol';
import { toRange } from './ranges';
import { Slices } from './slices';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  const related: DiagnosticRelatedInformation[] | undefined = f.related?.map((r) => ({
    location: { uri: doc.uri, range: toRange(doc, r.start, r.end) },
    message: r.message,
  }));
  const d: Diagnostic = {
    range: toRange(doc, f.start, f.end),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
  };
  if (related?.length) d.relatedInformation = related;
  // rules about codes that no longer exist: shown struck through
  if (ruleHasTag(f.ruleId, 'deprecated')) d.tags = [DiagnosticTag.Deprecated];
  return d;
}

export async function stateDiagnostics(doc: TextDocument, state: DocState): Promise<Diagnostic[]> {
  switch (state.kind) {
    case 'analyzed': {
      // in slices (lsp/slices.ts): clinicalCodes.maxFindings may allow a million
      const slices = new Slices(doc, state.version);
      const findings = state.analysis.findings;
      const out = new Array<Diagnostic>(findings.length);
      for (let i = 0; i < findings.length; i++) {
        if (slices.due(i)) await slices.pause();
        out[i] = toDiagnostic(doc, findings[i]);
      }
      return out;
    }
    case 'too-large':
      return [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          source: DIAGNOSTIC_SOURCE,
          code: 'file-too-large',
          message: `Not checked: this file is ${(state.bytes / 1048576).toFixed(1)} MB, over the ${state.settings.maxFileSize} MB limit (clinicalCodes.maxFileSize).`,
        },
      ];
    case 'binary':
      return [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          source: DIAGNOSTIC_SOURCE,
          code: 'file-binary',
          message: `Not checked: ${BINARY_REASON_TEXT[state.reason]}. Clinical Codes checks text documents (UTF-8, or UTF-16 with a byte order mark).`,
        },
      ];
    default:
      return [];
  }
}

/**
 * Publishes diagnostics after a debounce (clinicalCodes.debounceMs) per document. A result is published only if
 * the document is still at the version that was analysed: a newer edit has its own timer, so stale results are
 * dropped rather than flashing old squiggles.
 */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** problems published per URI (for the status request) */
  readonly counts = new Map<string, number>();
  private onPublished: () => void = () => {};
  /** documents whose diagnostics another feature computes (payer policy pack files): their diagnostics, else undefined */
  private own: (doc: TextDocument) => Diagnostic[] | undefined = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: AnalysisCache,
    private readonly settings: SettingsStore,
    private readonly log: Logger,
  ) {}

  /** checks scheduled and not yet run */
  get pending(): number {
    return this.timers.size;
  }

  onDidPublish(cb: () => void): void {
    this.onPublished = cb;
  }

  ownedBy(fn: (doc: TextDocument) => Diagnostic[] | undefined): void {
    this.own = fn;
  }

  /** Schedules a check; `immediate` skips the debounce (document opened, settings or data changed). */
  schedule(uri: string, immediate = false): void {
    clearTimeout(this.timers.get(uri));
    const delay = immediate ? 0 : this.settings.peek(uri).debounceMs;
    const timer = setTimeout(() => {
      this.timers.delete(uri);
      this.validate(uri).catch((e) => this.log.error(`diagnostics failed for ${docLabel(uri)}: ${describeError(e)}`));
    }, delay);
    this.timers.set(uri, timer);
  }

  /** Re-checks every open document (settings or data changed). */
  scheduleAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc.uri, true);
  }

  private async validate(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const own = this.own(doc);
    if (own) {
      await this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics: own });
      return;
    }
    let state = await this.cache.get(doc);
    // stopped by an edit (its own check publishes), or by new settings or data: check again unless a check is due
    for (let i = 0; state.kind === 'cancelled' && i < 3; i++) {
      const now = this.documents.get(uri);
      if (!now || now.version !== state.version || this.timers.has(uri)) return;
      state = await this.cache.get(now);
    }
    if (state.kind === 'cancelled') return;
    const now = this.documents.get(uri);
    // closed or edited while we were waiting for settings/data: the newer version has its own timer
    if (!now || now.version !== state.version || this.timers.has(uri)) return;
    let diagnostics: Diagnostic[];
    try {
      diagnostics = await stateDiagnostics(doc, state);
    } catch (e) {
      // edited while its diagnostics were converted: the newer version has its own timer
      if (e instanceof ResponseError && e.code === LSPErrorCodes.ContentModified) return;
      throw e;
    }
    if (this.documents.get(uri) !== now || now.version !== state.version || this.timers.has(uri)) return;
    this.counts.set(uri, diagnostics.length);
    await this.connection.sendDiagnostics({ uri, version: state.version, diagnostics });
    this.onPublished();
  }

  /** Document closed: cancel its check and clear its diagnostics. */
  clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.counts.delete(uri);
    this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    this.onPublished();
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
