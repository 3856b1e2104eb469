import type { Position, Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeToken } from '../engine';
import { firstIndex } from '../engine';

// The engine speaks UTF-16 offsets into the document text; LSP speaks line/character. Convert only here, at the edge.

export function toRange(doc: TextDocument, start: number, end: number): Range {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

export function toOffset(doc: TextDocument, p: Position): number {
  return doc.offsetAt(p);
}

export function rangeOverlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  // touching counts: a cursor right after a code asks about that code
  return aStart <= bEnd && bStart <= aEnd;
}

/** The token under an offset; a token ending exactly at the offset counts (cursor right after "M79.64"). */
export function tokenAt(tokens: readonly CodeToken[], offset: number): CodeToken | undefined {
  let best: CodeToken | undefined;
  // tokens are sorted by start: the last token starting at or before the offset
  const idx = firstIndex(tokens.length, (i) => tokens[i].start > offset) - 1;
  for (let i = idx; i >= 0 && i >= idx - 3; i--) {
    const t = tokens[i];
    if (offset >= t.start && offset < t.end) return t;
    if (offset === t.end && !best) best = t;
  }
  return best;
}
