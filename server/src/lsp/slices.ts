import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { firstIndex } from '../engine';
import { foreground } from './foreground';

/**
 * How long an analysis or a request's loop holds the event loop before others get a turn: a request arriving
 * meanwhile waits at most this long (then lsp/foreground.ts puts it first). 20 ms gave hovers a p50 of 21 ms during
 * a 50,000-claim 837P, 10 ms 11 ms, for the same server CPU.
 */
export const SLICE_MS = 10;

/**
 * The long loops of request handlers over a whole document (semantic tokens, symbols, inlay hints, diagnostics,
 * the Claims view): a million tokens take a second, so they give the event loop a turn every SLICE_MS and requests
 * for other documents are answered meanwhile. The document may be edited during a pause (TextDocument objects are
 * updated in place): then the answer would mix two versions, so it stops with ContentModified.
 *
 *   const slices = new Slices(doc, state.version);
 *   for (let i = 0; i < n; i++) { if (slices.due(i)) await slices.pause(); … }
 */
export class Slices {
  private since = performance.now();

  constructor(
    private readonly doc: TextDocument,
    private readonly version: number,
  ) {}

  /** Whether iteration `i` should pause (the clock is read every 256 iterations). */
  due(i: number): boolean {
    return (i & 255) === 255 && performance.now() - this.since >= SLICE_MS;
  }

  async pause(): Promise<void> {
    // parked: an analysis may take its slice meanwhile (lsp/foreground.ts)
    await foreground.park(new Promise<void>((resolve) => setImmediate(resolve)));
    if (this.doc.version !== this.version) throw new ResponseError(LSPErrorCodes.ContentModified, 'the document changed while this answer was computed');
    this.since = performance.now();
  }
}

/**
 * Where to start looking for the tokens (sorted by start) that reach `offset`: a few before the first one starting
 * at or after it (a code token is short; callers still skip those that end before `offset`).
 */
export function scanFrom(items: readonly { start: number }[], offset: number): number {
  return Math.max(0, firstIndex(items.length, (i) => items[i].start >= offset) - 8);
}
