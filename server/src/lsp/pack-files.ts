import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, DidChangeWatchedFilesNotification, type Connection, type Diagnostic, type Disposable, type TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { jsonPathRange, parsePolicyPack } from '../engine';
import { DIAGNOSTIC_SOURCE } from '../protocol';
import type { InvalidPack } from './policies';
import { toRange } from './ranges';

/** Diagnostic code of a problem in a payer policy pack file. */
export const PACK_DIAGNOSTIC_CODE = 'policy-pack.invalid';

/** "$.rules[0].kind: must be one of …" → the path and the message */
function split(problem: string): { path: string; message: string } {
  const m = /^(\$(?:\.[^.[:\s]+|\[\d+\])*): (.*)$/s.exec(problem);
  return m ? { path: m[1], message: m[2] } : { path: '$', message: problem };
}

/** The diagnostics of one invalid pack: each validator problem at the JSON path it names. */
export function packDiagnostics(uri: string, pack: InvalidPack): Diagnostic[] {
  const doc = TextDocument.create(uri, 'json', 0, pack.text ?? '');
  return pack.problems.map((p) => {
    const { path, message } = split(p);
    const r = pack.text === undefined ? { start: 0, end: 0 } : jsonPathRange(pack.text, path);
    return {
      range: toRange(doc, r.start, r.end),
      severity: DiagnosticSeverity.Error,
      source: DIAGNOSTIC_SOURCE,
      code: PACK_DIAGNOSTIC_CODE,
      message: `${path}: ${message}. This payer policy pack is not loaded until it is fixed; the other packs still apply.`,
    };
  });
}

/**
 * Payer policy pack files in the editor: the problems of invalid packs (`.clinical-codes/policies/*.json`,
 * `clinicalCodes.policyFiles`) published on the pack files themselves, whether open or not, cleared once they are
 * valid; an open pack file is checked as it is typed (the client sends those documents too); and a file watcher
 * (where the client supports dynamic registration) so a saved pack reloads at once. Trusted workspaces only, like
 * the packs themselves.
 */
export class PackFiles {
  private published = new Set<string>();
  /** the problems of the packs as loaded from disk, by URI */
  private fromDisk = new Map<string, InvalidPack>();
  private files = new Set<string>();
  private watching: Promise<Disposable> | undefined;
  private watched = '';
  trusted = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly canWatch: boolean,
  ) {}

  /** Whether a URI is a pack file the server loads (a workspace pack directory's JSON, or a policyFiles path). */
  isPackFile(uri: string): boolean {
    if (!this.trusted || !uri.startsWith('file:')) return false;
    if (/\/\.clinical-codes\/policies\/[^/]+\.json$/i.test(uri)) return true;
    try {
      return this.files.has(resolve(fileURLToPath(uri)));
    } catch {
      return false;
    }
  }

  /** An open pack file's problems as typed, at their JSON paths (undefined: not a pack file). */
  liveDiagnostics(doc: TextDocument): Diagnostic[] | undefined {
    if (!this.isPackFile(doc.uri)) return undefined;
    const text = doc.getText();
    const r = parsePolicyPack(text, doc.uri);
    return r.ok ? [] : packDiagnostics(doc.uri, { path: doc.uri, problems: r.problems, text });
  }

  /** The packs as loaded from disk: their problems on each pack file that is not open (open ones are checked live). */
  publish(invalid: readonly InvalidPack[], files: readonly string[]): void {
    this.files = new Set(files.map((f) => resolve(f)));
    const now = new Set<string>();
    this.fromDisk = new Map(invalid.map((p) => [pathToFileURL(p.path).href, p]));
    for (const [uri, pack] of this.fromDisk) {
      now.add(uri);
      if (this.documents.get(uri) && this.isPackFile(uri)) continue;
      this.connection.sendDiagnostics({ uri, diagnostics: packDiagnostics(uri, pack) }).catch(() => undefined);
    }
    for (const uri of this.published) if (!now.has(uri) && !this.documents.get(uri)) this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    this.published = now;
  }

  /** A pack file was closed: show its saved state's problems again. */
  closed(uri: string): void {
    const pack = this.fromDisk.get(uri);
    if (pack) this.connection.sendDiagnostics({ uri, diagnostics: packDiagnostics(uri, pack) }).catch(() => undefined);
  }

  /** Watches every folder's pack directory and the named pack files (re-registered when the list changes). */
  watch(files: readonly string[]): void {
    if (!this.canWatch) return;
    const key = JSON.stringify(files);
    if (key === this.watched) return;
    this.watched = key;
    const previous = this.watching;
    const watchers = ['**/.clinical-codes/policies/*.json', ...files].map((globPattern) => ({ globPattern }));
    this.watching = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    void previous?.then((d) => d.dispose()).catch(() => undefined);
  }
}
