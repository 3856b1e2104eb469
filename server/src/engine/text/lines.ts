import { lastAtMost } from '../data/table-codec';
import { shouldYield, runToEnd, type Steps } from '../steps';

/**
 * Where a text's lines start, as editors count them (LF, CRLF and a lone CR each end a line): every layout has
 * them, and a document analysed in parts (engine/parts) keeps only these for the whole text.
 */
export class Lines {
  constructor(
    readonly text: string,
    /** given: the line starts another reading of the same text found */
    readonly lineStarts: number[] = [0],
  ) {}

  /** The line starts of a whole text, at once. */
  static of(text: string): Lines {
    const lines = new Lines(text);
    runToEnd(lines.findLines());
    return lines;
  }

  protected *findLines(): Steps<void> {
    const { text } = this;
    const starts = this.lineStarts;
    // line breaks by indexOf (a native search), not a loop over every character: LF, CRLF (one break) or CR
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    for (let n = 0; lf >= 0 || cr >= 0; ) {
      let at: number;
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        at = cr;
        cr = text.indexOf('\r', cr + 1);
        if (at + 1 === lf) continue; // CRLF: the break is its LF
      } else {
        at = lf;
        // a run of blank lines (most of a part of a large file, engine/parts): without a search per line
        for (let run = 0; run < 1 << 16 && text.charCodeAt(at + 1) === 10; run++) starts.push(++at);
        lf = text.indexOf('\n', at + 1);
      }
      starts.push(at + 1);
      if (shouldYield(n++)) yield;
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The text's length (what a document's lines without their text still know, engine/parts). */
  get length(): number {
    return this.text.length;
  }

  /** Offset of the end of a line, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    const next = this.lineStarts[line + 1];
    return this.text[next - 1] === '\n' && this.text[next - 2] === '\r' ? next - 2 : next - 1;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  /** Line containing an offset. */
  lineAt(offset: number): number {
    return lastAtMost(this.lineStarts, offset);
  }
}
