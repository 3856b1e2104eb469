import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, DidChangeWatchedFilesNotification, type Connection, type Diagnostic, type Disposable } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { jsonPathRange } from '../engine';
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
 * valid; and a file watcher (where the client supports dynamic registration) so a saved pack reloads at once.
 */
export class PackFiles {
  private published = new Set<string>();
  private watching: Promise<Disposable> | undefined;
  private watched = '';

  constructor(
    private readonly connection: Connection,
    private readonly canWatch: boolean,
  ) {}

  publish(invalid: readonly InvalidPack[]): void {
    const now = new Set<string>();
    for (const pack of invalid) {
      const uri = pathToFileURL(pack.path).href;
      now.add(uri);
      this.connection.sendDiagnostics({ uri, diagnostics: packDiagnostics(uri, pack) }).catch(() => undefined);
    }
    for (const uri of this.published) if (!now.has(uri)) this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    this.published = now;
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
