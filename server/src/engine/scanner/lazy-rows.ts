import type { Cell } from './cell';
import type { ColumnKind } from './columns';
import { firstIndex } from '../sorted';

/** How many built units (records, segments) are remembered: readers ask for a few neighbouring ones many times. */
const RECENT = 8;

/** A bit per kind (wrapping after 32: a shared bit only lets a loop look at a unit it could have skipped). */
const bits = new Map<ColumnKind, number>();
export function kindBit(kind: ColumnKind): number {
  let b = bits.get(kind);
  if (b === undefined) bits.set(kind, (b = 1 << bits.size % 32));
  return b;
}

export function kindMask(kinds: Iterable<ColumnKind>): number {
  let mask = 0;
  for (const k of kinds) mask |= kindBit(k);
  return mask;
}

/**
 * A structured file's cells, built from the text when asked for and not kept: a claim export or an 837 has millions
 * of cells, and holding them (an object and a string each) was most of its heap. The file is a list of units
 * (delimited records, X12 segments), each starting on a line (lines never decrease); a subclass builds a unit's cells
 * and says which kinds it may hold. It reads as the `tableRows` map: the cells of each line, in order.
 */
export abstract class LazyRows implements ReadonlyMap<number, Cell[]> {
  private readonly recent = new Map<number, Cell[]>();

  protected constructor(
    /** the line each unit starts on, in document order */
    protected readonly lines: Uint32Array,
    private readonly lineCount: number,
  ) {}

  /** Unit k's cells, built afresh. */
  protected abstract build(k: number): Cell[];
  /** Whether unit k may hold a cell of one of the kinds in `mask` (kindMask). */
  protected abstract mayHold(k: number, mask: number): boolean;
  /** Where unit k's last cell ends (its `to`); asked only of lines with more than one unit (a one-line 837). */
  protected unitEnd(k: number): number {
    const cells = this.unit(k);
    return cells.length ? cells[cells.length - 1].to : -1;
  }

  get size(): number {
    return this.lineCount;
  }

  /** Unit k's cells, from the last few built, else built and remembered. */
  protected unit(k: number): Cell[] {
    const hit = this.recent.get(k);
    if (hit) return hit;
    const cells = this.build(k);
    if (this.recent.size >= RECENT) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(k, cells);
    return cells;
  }

  /**
   * Each unit's line and cells, in order, skipping units that hold no cell of `kinds`. The cells are built as the
   * loop reaches them (only the last few stay remembered); the caller still checks each cell's kind.
   */
  *rowsOf(kinds: readonly ColumnKind[]): Generator<[number, Cell[]]> {
    const mask = kindMask(kinds);
    for (let k = 0; k < this.lines.length; k++) if (this.mayHold(k, mask)) yield [this.lines[k], this.unit(k)];
  }

  /** The cell whose extent holds the offset, among the cells of the line: binary search over units, then cells. */
  cellAt(line: number, offset: number): Cell | undefined {
    const [first, end] = this.unitsOn(line);
    const k = end - first === 1 ? first : first + firstIndex(end - first, (i) => this.unitEnd(first + i) >= offset);
    if (k >= end) return undefined;
    const cells = this.unit(k);
    const c = cells[firstIndex(cells.length, (i) => cells[i].to >= offset)];
    return c && c.from <= offset ? c : undefined;
  }

  get(line: number): Cell[] | undefined {
    const [first, end] = this.unitsOn(line);
    if (first === end) return undefined;
    if (end - first === 1) return this.unit(first);
    const out: Cell[] = [];
    for (let k = first; k < end; k++) for (const c of this.unit(k)) out.push(c);
    return out;
  }

  has(line: number): boolean {
    const [first, end] = this.unitsOn(line);
    return first < end;
  }

  *keys(): MapIterator<number> {
    const lines = this.lines;
    for (let k = 0; k < lines.length; k++) if (k === 0 || lines[k] !== lines[k - 1]) yield lines[k];
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

  /** Units [first, end) that start on the line. */
  private unitsOn(line: number): [number, number] {
    const lines = this.lines;
    const first = firstIndex(lines.length, (i) => lines[i] >= line);
    const end = first + firstIndex(lines.length - first, (i) => lines[first + i] > line);
    return [first, end];
  }
}
