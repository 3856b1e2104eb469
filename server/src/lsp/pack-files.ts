import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, DidChangeWatchedFilesNotification, type Connection, type Diagnostic, type Disposable, type TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { jsonPathRange, parsePolicyPack } from '../engine';
import { ANY_POLICY_PACK_GLOB, DIAGNOSTIC_SOURCE, POLICY_PACK_GLOB } from '../protocol';
import { WORKSPACE_POLICY_DIR, type InvalidPack } from './policies';
import { toRange } from './ranges';

/** Diagnostic code of a problem in a payer policy pack file. */
export const PACK_DIAGNOSTIC_CODE = 'policy-pack.invalid';
/** Diagnostic code of a pack-shaped file the server does not load (a `.clinical-codes/policies` below a folder's root). */
export const PACK_NOT_LOADED_CODE = 'policy-pack.not-loaded';

/** Any `…/.clinical-codes/policies/<name>.json` (ANY_POLICY_PACK_GLOB, the client's document selector). */
const PACK_SHAPED = new RegExp(`/${POLICY_PACK_GLOB.replace(/[.]/g, '\\.').replace('*', '[^/]+')}$`, 'i');

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
 * Payer policy pack files in the editor: the problems of invalid packs (`.clinical-codes/policies/*.json` at a
 * folder's root, `clinicalCodes.policyFiles`) published on the pack files themselves, whether open or not, cleared once
 * they are valid; an open pack file is checked as it is typed (the client sends those documents too); an open
 * pack-shaped file the server does not load (`sub/.clinical-codes/policies/x.json`) says so; and a file watcher
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

  /** each workspace folder's pack directory, resolved */
  private readonly packDirs: Set<string>;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly canWatch: boolean,
    /** local paths of the workspace folders (packs load from each one's root) */
    private readonly folders: readonly string[],
    /** the client takes { baseUri, pattern } watchers (LSP 3.17) */
    private readonly relativePatterns = false,
  ) {
    this.packDirs = new Set(folders.map((f) => resolve(f, WORKSPACE_POLICY_DIR)));
  }

  private pathOf(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return resolve(fileURLToPath(uri));
    } catch {
      return undefined;
    }
  }

  /** Whether a URI is a pack file the server loads (a folder's own pack directory's JSON, or a policyFiles path). */
  isPackFile(uri: string): boolean {
    if (!this.trusted) return false;
    const path = this.pathOf(uri);
    if (path === undefined) return false;
    return (PACK_SHAPED.test(uri) && this.packDirs.has(dirname(path))) || this.files.has(path);
  }

  /** A pack-shaped file that is not loaded: a `.clinical-codes/policies` nested below a folder's root, or outside every folder. */
  private notLoaded(uri: string): boolean {
    return this.trusted && PACK_SHAPED.test(uri) && !this.isPackFile(uri) && this.pathOf(uri) !== undefined;
  }

  /** An open pack file's problems as typed, at their JSON paths (undefined: not a pack file). */
  liveDiagnostics(doc: TextDocument): Diagnostic[] | undefined {
    if (this.notLoaded(doc.uri)) return [this.notLoadedDiagnostic()];
    if (!this.isPackFile(doc.uri)) return undefined;
    const text = doc.getText();
    const r = parsePolicyPack(text, doc.uri);
    return r.ok ? [] : packDiagnostics(doc.uri, { path: doc.uri, problems: r.problems, text });
  }

  /** Said on the whole first line: where packs do load from, and the setting that loads any other file. */
  private notLoadedDiagnostic(): Diagnostic {
    const roots = this.folders.map((f) => join(f, WORKSPACE_POLICY_DIR)).join(', ');
    return {
      range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } },
      severity: DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      code: PACK_NOT_LOADED_CODE,
      message: `This payer policy pack is not loaded: packs load from ${POLICY_PACK_GLOB} at the root of a workspace folder (${roots || 'no folder is open'}), not from a folder below it. Move it there, or name it in clinicalCodes.policyFiles.`,
    };
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
    // each folder's own pack directory where the client takes relative patterns, else any depth (a nested one reloads for nothing)
    const dirs = this.relativePatterns ? this.folders.map((f) => ({ baseUri: pathToFileURL(f).href, pattern: POLICY_PACK_GLOB })) : [ANY_POLICY_PACK_GLOB];
    const watchers = [...dirs, ...files].map((globPattern) => ({ globPattern }));
    this.watching = this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    void previous?.then((d) => d.dispose()).catch(() => undefined);
  }
}
