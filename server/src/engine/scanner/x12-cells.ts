import type { Cell } from './layout';
import type { ColumnKind } from './columns';
import { segmentParts, type X12SegmentInfo } from './x12-loops';
import { firstIndex } from '../sorted';

const RECENT = 8;

/** A bit per kind (wrapping after 32: a shared bit only lets a loop look at a segment it could have skipped). */
const bits = new Map<ColumnKind, number>();
function kindBit(kind: ColumnKind): number {
  let b = bits.get(kind);
  if (b === undefined) bits.set(kind, (b = 1 << bits.size % 32));
  return b;
}

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
 * An X12 interchange's cells (one per element or component), built from its segments when asked for and not kept:
 * a 10 MB 837P has ~2.4 million of them, and holding them (an object and a string each) was most of its heap.
 * Per segment only its line, the column of its first cell on that line and a mask of the kinds it holds are kept
 * (12 bytes), so `rowsOf` skips segments holding none of the kinds a scanner stage wants and `cellAt` finds a cell by
 * binary search. It reads as the `tableRows` map of the other formats: the cells of each line, in order.
 */
export class X12Cells implements ReadonlyMap<number, Cell[]> {
  private readonly lines: Uint32Array;
  private readonly colBase: Uint32Array;
  private readonly kinds: Uint32Array;
  private readonly lineCount: number;
  /** the last segments built, by index: readers ask for a few neighbouring segments many times */
  private readonly recent = new Map<number, Cell[]>();

  private constructor(private readonly infos: readonly X12SegmentInfo[], lines: Uint32Array, colBase: Uint32Array, kinds: Uint32Array, lineCount: number) {
    this.lines = lines;
    this.colBase = colBase;
    this.kinds = kinds;
    this.lineCount = lineCount;
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
    return new X12Cells(infos, lines, colBase, kinds, lineCount);
  }

  get size(): number {
    return this.lineCount;
  }

  /** The cells of segment k, built afresh (or from the last few built). */
  segmentCells(k: number): Cell[] {
    const hit = this.recent.get(k);
    if (hit) return hit;
    const cells = cellsOf(this.infos[k], this.colBase[k]);
    if (this.recent.size >= RECENT) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(k, cells);
    return cells;
  }

  /**
   * Each segment's line and cells, in order, skipping segments that hold no cell of `kinds` (every segment without
   * it). The cells are built as the loop reaches them and are garbage after.
   */
  *rowsOf(kinds?: readonly ColumnKind[]): Generator<[number, Cell[]]> {
    let mask = 0;
    for (const k of kinds ?? []) mask |= kindBit(k);
    for (let k = 0; k < this.infos.length; k++) if (!kinds || this.kinds[k] & mask) yield [this.lines[k], this.build(k)];
  }

  /** The cell whose extent holds the offset, among the cells of the line: binary search over segments, then cells. */
  cellAt(line: number, offset: number): Cell | undefined {
    const [first, end] = this.segmentsOn(line);
    const infos = this.infos;
    const k = first + firstIndex(end - first, (i) => infos[first + i].segment.end >= offset);
    if (k >= end) return undefined;
    const cells = this.segmentCells(k);
    const c = cells[firstIndex(cells.length, (i) => cells[i].to >= offset)];
    return c && c.from <= offset ? c : undefined;
  }

  get(line: number): Cell[] | undefined {
    const [first, end] = this.segmentsOn(line);
    if (first === end) return undefined;
    const out: Cell[] = [];
    for (let k = first; k < end; k++) for (const c of this.build(k)) out.push(c);
    return out;
  }

  has(line: number): boolean {
    const [first, end] = this.segmentsOn(line);
    return first < end;
  }

  *keys(): MapIterator<number> {
    for (let k = 0; k < this.lines.length; k++) if (k === 0 || this.lines[k] !== this.lines[k - 1]) yield this.lines[k];
  }

  *values(): MapIterator<Cell[]> {
    for (const line of this.keys()) yield this.get(line)!;
  }

  *entries(): MapIterator<[number, Cell[]]> {
    for (const line of this.keys()) yield [line, this.get(line)!];
  }

  [Symbol.iterator](): MapIterator<[number, Cell[]]> {
    return this.entries();
  }

  forEach(f: (cells: Cell[], line: number, map: ReadonlyMap<number, Cell[]>) => void): void {
    for (const [line, cells] of this.entries()) f(cells, line, this);
  }

  /** Segments [first, end) that start on the line. */
  private segmentsOn(line: number): [number, number] {
    const lines = this.lines;
    const first = firstIndex(lines.length, (i) => lines[i] >= line);
    const end = first + firstIndex(lines.length - first, (i) => lines[first + i] > line);
    return [first, end];
  }

  /** A segment's cells for a loop over all of them: from the recent ones if there, else built and not remembered. */
  private build(k: number): Cell[] {
    return this.recent.get(k) ?? cellsOf(this.infos[k], this.colBase[k]);
  }
}
