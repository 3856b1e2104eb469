import type { Cell } from './cell';
import { segmentParts, type X12SegmentInfo } from './x12-loops';
import { kindBit, LazyRows } from './lazy-rows';
import { keepShape } from '../shapes';

/** A segment's cells: each element or component, trimmed, with its kind; `col` counts from the line's first cell. */
function cellsOf(info: X12SegmentInfo, col: number): Cell[] {
  const cells: Cell[] = [];
  for (const p of segmentParts(info)) {
    const trimmed = p.text.trim();
    const lead = p.text.length - p.text.trimStart().length;
    cells.push({ start: p.start + lead, end: p.start + lead + trimmed.length, text: trimmed, from: p.start, to: p.end, kind: p.kind, col: col++, group: p.group });
  }
  return cells;
}

/**
 * An X12 interchange's cells (one per element or component), built from its segments when asked for: a 10 MB 837P
 * has ~2.4 million. Per segment only its line, the column of its first cell on that line and a mask of the kinds it
 * holds are kept (12 bytes), so a scanner stage skips the segments holding none of the kinds it wants.
 */
export class X12Cells extends LazyRows {
  private constructor(
    private readonly infos: readonly X12SegmentInfo[],
    lines: Uint32Array,
    private readonly colBase: Uint32Array,
    private readonly kinds: Uint32Array,
    lineCount: number,
  ) {
    super(lines, lineCount);
  }

  /** Indexes the segments (their line by `lineAt`, in document order); `yieldDue(k)` lets the caller slice the loop. */
  static *index(infos: readonly X12SegmentInfo[], lineAt: (offset: number) => number, yieldDue: (k: number) => boolean): Generator<void, X12Cells> {
    const n = infos.length;
    const lines = new Uint32Array(n);
    const colBase = new Uint32Array(n);
    const kinds = new Uint32Array(n);
    let lineCount = 0;
    let before = 0;
    for (let k = 0; k < n; k++) {
      if (yieldDue(k)) yield;
      const line = lineAt(infos[k].segment.start);
      const parts = segmentParts(infos[k]);
      lines[k] = line;
      if (k > 0 && lines[k - 1] === line) colBase[k] = colBase[k - 1] + before;
      else lineCount++;
      let mask = 0;
      for (const p of parts) mask |= kindBit(p.kind);
      kinds[k] = mask;
      before = parts.length;
    }
    keepShape(X12Cells, () => new X12Cells([], new Uint32Array(0), new Uint32Array(0), new Uint32Array(0), 0));
    return new X12Cells(infos, lines, colBase, kinds, lineCount);
  }

  protected build(k: number): Cell[] {
    return cellsOf(this.infos[k], this.colBase[k]);
  }

  protected mayHold(k: number, mask: number): boolean {
    return (this.kinds[k] & mask) !== 0;
  }

  protected override unitEnd(k: number): number {
    return this.infos[k].segment.end;
  }
}
