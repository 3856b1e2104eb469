import { Lines } from '../text/lines';

/**
 * Where the pieces of a document analysed in parts are read: its text, or (the CLI, shared/file-pieces.ts) the file
 * it was read from, so the text need not stay in memory while the parts are analysed. Offsets are the text's.
 */
export interface PieceSource {
  /** the text in [from, to) */
  slice(from: number, to: number): string;
}

/**
 * A document's lines once its text is gone: its line starts and its length, with the text of a line read from the
 * pieces' source (only a finding's end of line needs it).
 */
export class SourceLines extends Lines {
  constructor(
    lines: Lines,
    private readonly source: PieceSource,
  ) {
    super('', lines.lineStarts);
    this.textLength = lines.length;
  }

  private readonly textLength: number;

  override get length(): number {
    return this.textLength;
  }

  override lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.textLength;
    const next = this.lineStarts[line + 1];
    return next >= 2 && this.source.slice(next - 2, next) === '\r\n' ? next - 2 : next - 1;
  }

  override lineText(line: number): string {
    return this.source.slice(this.lineStarts[line], this.lineEnd(line));
  }
}
