/**
 * NCCI procedure-to-procedure (PTP) edits on disk: ~2.5 million column 1 / column 2 pairs, so not a text table.
 * Layout (then gzip): "PTP1", a u32 (LE) byte length, a JSON header (edition, the sorted code list, the rationale
 * and date tables, section lengths), then five columns, one section each:
 *
 *   runs  varint per code of the code list: how many edits have it in column 1 (rows are sorted by column 1)
 *   col2  varint per edit: column 2 code index, delta-coded within its column 1 run (first of a run absolute)
 *   eff   per edit: index into the date table (1 or 2 bytes, `dateBytes`)
 *   del   per edit: index + 1 into the date table, 0 = no deletion date
 *   attr  u8 per edit: modifier indicator (0, 1, 2 = "9") | prior-to-1996 << 2 | rationale index << 3
 *
 * Columns of like values compress far better than interleaved rows. Decoding expands col2 into a typed array (one
 * pass) so a lookup is two binary searches: the column 1 run, then the column 2 code inside it.
 */

/** [column1, column2, inExistencePrior1996 (0|1), effective yyyy-mm-dd, deletion yyyy-mm-dd | "", modifierIndicator (0|1|9), rationale] */
export type PtpRow = [string, string, number, string, string, number, string];

export interface PtpBundle {
  /** e.g. "v32.1r0 (2026 Q2)" */
  edition: string;
  /** the file parts the edits came from, e.g. ["f1", "f2", "f3", "f4"] */
  parts: string[];
  rows: PtpRow[];
}

interface PtpHeader {
  edition: string;
  parts: string[];
  codes: string[];
  rationales: string[];
  /** day numbers (days since 1970-01-01), ascending */
  dates: number[];
  dateBytes: 1 | 2;
  rows: number;
  sections: { runs: number; col2: number; eff: number; del: number; attr: number };
}

/** One edit, as the rule and hover use it. */
export interface PtpEdit {
  column1: string;
  column2: string;
  effective: string;
  /** "" = not deleted */
  deletion: string;
  modifier: 0 | 1 | 9;
  rationale: string;
  prior1996: boolean;
}

const MAGIC = 'PTP1';
const DAY = 86_400_000;
/** Days since 1970-01-01 of a yyyy-mm-dd date (NaN when it is not one). */
export const dayNumber = (iso: string): number =>
  iso.length === 10 && iso[4] === '-' && iso[7] === '-' ? Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY : NaN;
export const isoOfDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
const MOD_CODE: Record<number, number> = { 0: 0, 1: 1, 9: 2 };
const MOD_OF = [0, 1, 9] as const;

class Bytes {
  private buf = new Uint8Array(1 << 16);
  length = 0;
  private room(n: number) {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  byte(b: number) {
    this.room(1);
    this.buf[this.length++] = b;
  }
  varint(n: number) {
    this.room(5);
    while (n >= 0x80) {
      this.buf[this.length++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    this.buf[this.length++] = n;
  }
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

export function encodePtp(bundle: PtpBundle): Uint8Array {
  const src = bundle.rows;
  const n = src.length;
  // one pass for the code, rationale and date tables (2.5 million rows: no per-row arrays)
  const codeSet = new Set<string>();
  const ratSet = new Set<string>();
  const dayOf = new Map<string, number>();
  const day = (iso: string) => {
    let d = dayOf.get(iso);
    if (d === undefined) {
      d = dayNumber(iso);
      if (!Number.isFinite(d)) throw new Error(`PTP: "${iso}" is not a yyyy-mm-dd date`);
      dayOf.set(iso, d);
    }
    return d;
  };
  for (const r of src) {
    codeSet.add(r[0]);
    codeSet.add(r[1]);
    ratSet.add(r[6]);
    day(r[3]);
    if (r[4]) day(r[4]);
  }
  const codes = [...codeSet].sort();
  const codeIx = new Map(codes.map((c, i) => [c, i]));
  const rationales = [...ratSet].sort();
  if (rationales.length > 31) throw new Error(`PTP: ${rationales.length} distinct rationales; the codec holds 31`);
  const ratIx = new Map(rationales.map((c, i) => [c, i]));
  const dates = [...new Set(dayOf.values())].sort((a, b) => a - b);
  const dateIx = new Map(dates.map((d, i) => [d, i]));
  const dateBytes: 1 | 2 = dates.length < 255 ? 1 : 2;
  if (dates.length >= 65535) throw new Error('PTP: too many distinct dates');
  // sort order: column 1, column 2, effective date, by one numeric key per row
  const c1s = new Uint32Array(n);
  const c2s = new Uint32Array(n);
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = src[i];
    c1s[i] = codeIx.get(r[0])!;
    c2s[i] = codeIx.get(r[1])!;
    key[i] = (c1s[i] * codes.length + c2s[i]) * 65536 + dateIx.get(dayOf.get(r[3])!)!;
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => key[a] - key[b] || a - b);
  const runs = new Bytes();
  const col2 = new Bytes();
  const eff = new Bytes();
  const del = new Bytes();
  const attr = new Bytes();
  const dateOut = (out: Bytes, v: number) => {
    if (dateBytes === 1) out.byte(v);
    else {
      out.byte(v & 0xff);
      out.byte(v >>> 8);
    }
  };
  const counts = new Uint32Array(codes.length);
  let prevC1 = -1;
  let prevC2 = 0;
  for (const i of order) {
    const r = src[i];
    const c1 = c1s[i];
    const c2 = c2s[i];
    counts[c1]++;
    col2.varint(c1 === prevC1 ? c2 - prevC2 : c2);
    prevC1 = c1;
    prevC2 = c2;
    dateOut(eff, dateIx.get(dayOf.get(r[3])!)!);
    dateOut(del, r[4] ? dateIx.get(dayOf.get(r[4])!)! + 1 : 0);
    const mod = MOD_CODE[r[5]];
    if (mod === undefined) throw new Error(`PTP ${r[0]}/${r[1]}: modifier indicator ${r[5]} is not 0, 1 or 9`);
    attr.byte(mod | ((r[2] ? 1 : 0) << 2) | (ratIx.get(r[6])! << 3));
  }
  for (const n of counts) runs.varint(n);
  const header: PtpHeader = {
    edition: bundle.edition,
    parts: bundle.parts,
    codes,
    rationales,
    dates,
    dateBytes,
    rows: n,
    sections: { runs: runs.length, col2: col2.length, eff: eff.length, del: del.length, attr: attr.length },
  };
  const head = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + head.length + runs.length + col2.length + eff.length + del.length + attr.length);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, head.length, true);
  let p = 8;
  for (const part of [head, runs.bytes(), col2.bytes(), eff.bytes(), del.bytes(), attr.bytes()]) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

/** The decoded edits: lookups by pair and date, partner counts. */
export class PtpTable {
  private readonly codeIx: Map<string, number>;

  private constructor(
    private readonly h: PtpHeader,
    /** row range of column 1 code i: [runStart[i], runStart[i + 1]) */
    private readonly runStart: Uint32Array,
    private readonly col2: Uint16Array | Uint32Array,
    private readonly eff: Uint8Array | Uint16Array,
    private readonly del: Uint8Array | Uint16Array,
    private readonly attr: Uint8Array,
  ) {
    this.codeIx = new Map(h.codes.map((c, i) => [c, i]));
  }

  get edition(): string {
    return this.h.edition;
  }
  get parts(): readonly string[] {
    return this.h.parts;
  }
  get size(): number {
    return this.h.rows;
  }

  static fromBundle(b: PtpBundle): PtpTable {
    return PtpTable.decode(encodePtp(b));
  }

  static decode(bytes: Uint8Array): PtpTable {
    if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw new Error('not a PTP edit file (no PTP1 signature)');
    const headLen = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
    const h = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headLen))) as PtpHeader;
    const s = h.sections;
    let p = 8 + headLen;
    const take = (n: number) => {
      if (p + n > bytes.length) throw new Error('PTP edit file is truncated');
      const out = bytes.subarray(p, p + n);
      p += n;
      return out;
    };
    const runsB = take(s.runs);
    const col2B = take(s.col2);
    const effB = take(s.eff);
    const delB = take(s.del);
    const attr = take(s.attr);
    const n = h.rows;
    const nCodes = h.codes.length;
    const runStart = new Uint32Array(nCodes + 1);
    let q = 0;
    for (let i = 0; i < nCodes; i++) {
      let v = 0;
      let shift = 0;
      let b: number;
      do {
        b = runsB[q++];
        v |= (b & 0x7f) << shift;
        shift += 7;
      } while (b & 0x80);
      runStart[i + 1] = runStart[i] + v;
    }
    if (runStart[nCodes] !== n) throw new Error(`PTP edit file is corrupt: runs add up to ${runStart[nCodes]} edits, the header says ${n}`);
    const col2 = nCodes <= 0xffff ? new Uint16Array(n) : new Uint32Array(n);
    q = 0;
    for (let c1 = 0; c1 < nCodes; c1++) {
      let prev = 0;
      for (let k = runStart[c1], first = true; k < runStart[c1 + 1]; k++, first = false) {
        let v = 0;
        let shift = 0;
        let b: number;
        do {
          b = col2B[q++];
          v |= (b & 0x7f) << shift;
          shift += 7;
        } while (b & 0x80);
        prev = first ? v : prev + v;
        col2[k] = prev;
      }
    }
    const dates = (b: Uint8Array) => (h.dateBytes === 1 ? b : new Uint16Array(b.slice().buffer, 0, n));
    if (effB.length !== n * h.dateBytes || delB.length !== n * h.dateBytes || attr.length !== n) throw new Error('PTP edit file is corrupt: column lengths do not match the edit count');
    return new PtpTable(h, runStart, col2, dates(effB), dates(delB), attr);
  }

  /** Every edit with `column1` in column 1 and `column2` in column 2 (usually one; more when re-added after a deletion). */
  edits(column1: string, column2: string): PtpEdit[] {
    const a = this.codeIx.get(column1);
    const b = this.codeIx.get(column2);
    if (a === undefined || b === undefined) return [];
    const out: PtpEdit[] = [];
    for (let k = this.lowerBound(a, b); k < this.runStart[a + 1] && this.col2[k] === b; k++) out.push(this.row(k, a));
    return out;
  }

  /** The edit of the pair in force on `date` (effective ≤ date < deletion), if any. */
  inForce(column1: string, column2: string, date: string): PtpEdit | undefined {
    const a = this.codeIx.get(column1);
    const b = this.codeIx.get(column2);
    if (a === undefined || b === undefined) return undefined;
    const end = this.runStart[a + 1];
    const day = dayNumber(date);
    const dates = this.h.dates;
    for (let k = this.lowerBound(a, b); k < end && this.col2[k] === b; k++) {
      const d = this.del[k];
      if (dates[this.eff[k]] <= day && (d === 0 || day < dates[d - 1])) return this.row(k, a);
    }
    return undefined;
  }

  /** The first row of column 1 code a's run whose column 2 index is >= b. */
  private lowerBound(a: number, b: number): number {
    let lo = this.runStart[a];
    let hi = this.runStart[a + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.col2[mid] < b) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** How many column 2 codes `column1` has edits with: all of them, and those in force on `date` with indicator 0 or 1. */
  partners(column1: string, date?: string): { all: number; inForce?: number } {
    const a = this.codeIx.get(column1);
    if (a === undefined) return { all: 0, inForce: date ? 0 : undefined };
    const day = date ? dayNumber(date) : 0;
    let all = 0;
    let live = 0;
    let prev = -1;
    let prevLive = -1;
    for (let k = this.runStart[a]; k < this.runStart[a + 1]; k++) {
      const c2 = this.col2[k];
      if (c2 !== prev) all++;
      prev = c2;
      if (!date || c2 === prevLive) continue;
      const e = this.h.dates[this.eff[k]];
      const d = this.del[k];
      if (e <= day && (d === 0 || day < this.h.dates[d - 1]) && (this.attr[k] & 3) !== 2) {
        live++;
        prevLive = c2;
      }
    }
    return date ? { all, inForce: live } : { all };
  }

  /** Row k; `c1` its column 1 code index when known (else the run containing k, by binary search). */
  private row(k: number, c1 = this.runOf(k)): PtpEdit {
    const a = this.attr[k];
    const d = this.del[k];
    return {
      column1: this.h.codes[c1],
      column2: this.h.codes[this.col2[k]],
      effective: isoOfDay(this.h.dates[this.eff[k]]),
      deletion: d ? isoOfDay(this.h.dates[d - 1]) : '',
      modifier: MOD_OF[a & 3],
      prior1996: ((a >> 2) & 1) === 1,
      rationale: this.h.rationales[a >> 3],
    };
  }

  private runOf(k: number): number {
    // the last run starting at or before k (empty runs start where the next one does)
    let lo = 0;
    let hi = this.h.codes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.runStart[mid] <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Every edit in table order (tests, round trips). */
  *all(): IterableIterator<PtpRow> {
    for (let k = 0; k < this.h.rows; k++) {
      const e = this.row(k);
      yield [e.column1, e.column2, e.prior1996 ? 1 : 0, e.effective, e.deletion, e.modifier, e.rationale];
    }
  }
}
