import type { Lines } from '../text/lines';
import type { PieceSource } from './piece-source';

/** A stretch of the document: [from, to) offsets. */
export interface Piece {
  from: number;
  to: number;
}

/**
 * One part of a large claim file: its own claims (`body`) and what they need from earlier in the document to be read
 * the same (`context`: a CSV's header; an X12 interchange's ISA, GS, ST header and billing-provider loop).
 */
export interface DocumentPart {
  context: Piece[];
  body: Piece;
}

/**
 * A part as a document of its own: its pieces in document order, each starting on the line it starts on in the
 * document (blank lines between them), so what a rule says of a line ("on row 12") is the same as in the whole.
 * Maps its offsets back to the document's.
 */
export class PartText {
  readonly text: string;
  /** per piece: where it starts in the part text, and the piece */
  private readonly at: number[] = [];
  private readonly pieces: Piece[];

  constructor(doc: PieceSource, lines: Lines, part: DocumentPart) {
    this.pieces = [...part.context, part.body];
    const out: string[] = [];
    let length = 0;
    let line = 0;
    for (const p of this.pieces) {
      const first = lines.lineAt(p.from);
      if (first > line) {
        out.push('\n'.repeat(first - line));
        length += first - line;
      }
      this.at.push(length);
      out.push(doc.slice(p.from, p.to));
      length += p.to - p.from;
      line = lines.lineAt(p.to);
    }
    this.text = out.join('');
  }

  /** The document offset of a part offset (a piece's end included); undefined between pieces. */
  toDocument(offset: number): number | undefined {
    for (let i = this.pieces.length - 1; i >= 0; i--) {
      const d = offset - this.at[i];
      if (d < 0) continue;
      const p = this.pieces[i];
      return d <= p.to - p.from ? p.from + d : undefined;
    }
    return undefined;
  }

  /** Whether a part offset lies in the part's own claims (not in its context, which an earlier part judged). */
  inBody(offset: number): boolean {
    return offset >= this.at[this.at.length - 1];
  }
}
