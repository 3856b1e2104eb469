/**
 * The on-disk form of every tabular dataset: line 1 is JSON with everything but the rows (edition, editions,
 * changes, modifiers …); then one row per line, tab-separated, sorted by the first column. Loading only finds the
 * line starts (no JSON.parse of a hundred thousand small arrays); a row is split when it is asked for, and found by
 * binary search on its key. That is what keeps start-up within budget (docs/architecture.md, "Bundle format").
 */
import { BoundedCache } from '../bounded-cache';
import { SpanIndex } from './span-index';

export type Cell = string | number;

/** Index of the last element <= value in an ascending array of line starts (0 when none is). */
export function lastAtMost(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function encodeTable<H extends object>(head: H, rows: readonly (readonly Cell[])[]): string {
  const sorted = rows.map((r, i) => [r, i] as const).sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]));
  const lines = sorted.map(([r]) =>
    r
      .map((c) => {
        const s = String(c);
        if (/[\t\n\r]/.test(s)) throw new Error(`row ${r[0]}: a field contains a tab or newline`);
        return s;
      })
      .join('\t'),
  );
  return `${JSON.stringify(head)}\n${lines.join('\n')}\n`;
}

/** Splits a `{ rows, ...head }` bundle object into its header and rows and encodes it. */
export function encodeRowsBundle(bundle: { rows: readonly (readonly Cell[])[] }): string {
  const { rows, ...head } = bundle;
  return encodeTable(head, rows);
}

export class TableStore<H = Record<string, unknown>> {
  /** a bounded cache: whole-table walks (search index, title index) must not keep every row alive */
  private readonly parsed = new BoundedCache<number, string[]>(20_000);

  private constructor(
    private readonly text: string,
    readonly head: H,
    private readonly starts: Int32Array,
  ) {}

  static decode<H>(text: string, what = 'table'): TableStore<H> {
    const first = text.indexOf('\n');
    if (first < 0) throw new Error(`${what} has no header line`);
    const head = JSON.parse(text.slice(0, first)) as H;
    if (typeof head !== 'object' || head === null || Array.isArray(head)) throw new Error(`${what} header line is not a JSON object`);
    // one pass over the lines (this runs once per process, mostly before the JIT has optimised it)
    let starts = new Int32Array(Math.max(16, text.length >> 7));
    let n = 0;
    for (let p = first + 1, e = text.indexOf('\n', p); e !== -1; p = e + 1, e = text.indexOf('\n', p)) {
      if (n === starts.length) {
        const grown = new Int32Array(n * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[n++] = p;
    }
    return new TableStore<H>(text, head, starts.slice(0, n));
  }

  static fromRows<H extends object>(head: H, rows: readonly (readonly Cell[])[]): TableStore<H> {
    return TableStore.decode<H>(encodeTable(head, rows));
  }

  get size(): number {
    return this.starts.length;
  }

  keyAt(i: number): string {
    const s = this.starts[i];
    const tab = this.text.indexOf('\t', s);
    const end = this.lineEnd(i);
    return this.text.slice(s, tab < 0 || tab > end ? end : tab);
  }

  private lineEnd(i: number): number {
    return i + 1 < this.starts.length ? this.starts[i + 1] - 1 : this.text.length - 1;
  }

  rowAt(i: number): string[] {
    let r = this.parsed.get(i);
    if (!r) {
      r = this.text.slice(this.starts[i], this.lineEnd(i)).split('\t');
      this.parsed.set(i, r);
    }
    return r;
  }

  /** One field without splitting the whole row (hot paths). */
  fieldAt(i: number, col: number): string {
    let s = this.starts[i];
    for (let c = 0; c < col; c++) s = this.text.indexOf('\t', s) + 1;
    const tab = this.text.indexOf('\t', s);
    const end = this.lineEnd(i);
    return this.text.slice(s, tab < 0 || tab > end ? end : tab);
  }

  /** The last field of a row, without splitting it. */
  lastField(i: number): string {
    const end = this.lineEnd(i);
    return this.text.slice(Math.max(this.starts[i], this.text.lastIndexOf('\t', end) + 1), end);
  }

  /** Rows whose last field is exactly `value` — a substring search of the raw table, no index needed. */
  findByLastField(value: string): number[] {
    if (!value || /[\t\n]/.test(value)) return [];
    return this.rowsContaining(`\t${value}\n`);
  }

  /** Rows whose line contains `needle` (which must not start with a newline), by substring search of the raw text. */
  rowsContaining(needle: string, limit = Infinity): number[] {
    const out: number[] = [];
    for (let p = this.text.indexOf(needle, this.starts[0] ?? this.text.length); p !== -1 && out.length < limit; p = this.text.indexOf(needle, p + 1)) {
      const row = this.rowIndexAt(p + 1);
      if (out[out.length - 1] !== row) out.push(row);
    }
    return out;
  }

  /**
   * Each match of a global regex (which must not match a tab or newline) that lies in the last field of its row, in
   * row order, by one pass over the raw text; `fn` returns false to stop.
   */
  lastFieldMatches(re: RegExp, fn: (row: number, match: string) => boolean): void {
    re.lastIndex = this.starts[0] ?? this.text.length;
    for (let m = re.exec(this.text); m; m = re.exec(this.text)) {
      if (!m[0]) re.lastIndex++;
      const tab = this.text.indexOf('\t', m.index);
      const nl = this.text.indexOf('\n', m.index);
      if (tab >= 0 && (nl < 0 || tab < nl)) continue;
      if (!fn(this.rowIndexAt(m.index), m[0])) return;
    }
  }

  /**
   * An exact-text index of stretches of the rows (`SpanIndex`): `spansOf` names row i's stretches by their offsets
   * in the raw text, given the row's line [from, end). Nothing is sliced.
   */
  spanIndex(spansOf: (i: number, text: string, from: number, end: number, add: (row: number, start: number, end: number) => void) => void): SpanIndex {
    return SpanIndex.build(this.text, (add) => {
      for (let i = 0; i < this.starts.length; i++) spansOf(i, this.text, this.starts[i], this.lineEnd(i), add);
    });
  }

  /** Row containing a text offset. */
  private rowIndexAt(offset: number): number {
    return lastAtMost(this.starts, offset);
  }

  /** First index whose key is >= key. */
  lowerBound(key: string): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keyBefore(mid, key)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** keyAt(i) < key, compared in place (no slice per probe: lookups are the scanner's hot path) */
  private keyBefore(i: number, key: string): boolean {
    const t = this.text;
    const end = this.lineEnd(i);
    for (let k = 0, p = this.starts[i]; ; k++, p++) {
      if (k === key.length) return false;
      if (p >= end || t.charCodeAt(p) === 9) return true;
      const a = t.charCodeAt(p);
      const b = key.charCodeAt(k);
      if (a !== b) return a < b;
    }
  }

  indexOf(key: string): number {
    const i = this.lowerBound(key);
    return i < this.starts.length && this.keyIs(i, key) ? i : -1;
  }

  /** keyAt(i) === key, in place */
  private keyIs(i: number, key: string): boolean {
    const s = this.starts[i];
    const after = s + key.length;
    const end = this.lineEnd(i);
    if (after > end || (after < end && this.text.charCodeAt(after) !== 9)) return false;
    return this.text.startsWith(key, s) && !key.includes('\t');
  }

  /** All rows with this key (several MPFS rows per code, several AOC edits per add-on code). */
  rowsFor(key: string): string[][] {
    const out: string[][] = [];
    for (let i = this.lowerBound(key); i < this.starts.length && this.keyIs(i, key); i++) out.push(this.rowAt(i));
    return out;
  }

  *keys(): Iterable<string> {
    for (let i = 0; i < this.starts.length; i++) yield this.keyAt(i);
  }
}
