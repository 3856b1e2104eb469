import type { Icd10Bundle, IcdChange, IcdEdition, IcdRow } from './bundle-types';

/**
 * ICD-10-CM is 80% of the bundle, so it gets a text format that loads without JSON.parse: a first line of JSON
 * (editions, changes), then one row per line, sorted by code: code \t presentMask \t billableMask \t short \t long.
 * Loading only finds line starts; a row's fields are split when it is asked for.
 */
export function encodeIcd(bundle: Icd10Bundle): string {
  const rows = bundle.rows.slice().sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const head = JSON.stringify({ editions: bundle.editions, changes: bundle.changes });
  const lines = rows.map((r) => {
    for (const f of [r[0], r[3], r[4]]) if (/[\t\n\r]/.test(f)) throw new Error(`ICD-10-CM row ${r[0]} has a tab or newline in a field`);
    return `${r[0]}\t${r[1]}\t${r[2]}\t${r[3]}\t${r[4]}`;
  });
  return `${head}\n${lines.join('\n')}\n`;
}

export class IcdStore {
  readonly editions: IcdEdition[];
  readonly changes: IcdChange[];
  private readonly starts: Int32Array;
  private readonly parsed = new Map<number, IcdRow>();

  private constructor(private readonly text: string, head: { editions: IcdEdition[]; changes: IcdChange[] }, starts: Int32Array) {
    this.editions = head.editions;
    this.changes = head.changes;
    this.starts = starts;
  }

  static decode(text: string): IcdStore {
    const first = text.indexOf('\n');
    if (first < 0) throw new Error('ICD-10-CM data has no header line');
    const head = JSON.parse(text.slice(0, first)) as { editions: IcdEdition[]; changes: IcdChange[] };
    if (!Array.isArray(head.editions) || !Array.isArray(head.changes)) throw new Error('ICD-10-CM data header lacks editions/changes');
    let n = 0;
    for (let i = text.indexOf('\n', first + 1); i !== -1; i = text.indexOf('\n', i + 1)) n++;
    const starts = new Int32Array(n);
    let p = first + 1;
    for (let k = 0; k < n; k++) {
      starts[k] = p;
      p = text.indexOf('\n', p) + 1;
    }
    return new IcdStore(text, head, starts);
  }

  /** Builds a store from in-memory rows (tests, fixtures). */
  static fromBundle(bundle: Icd10Bundle): IcdStore {
    return IcdStore.decode(encodeIcd(bundle));
  }

  get size(): number {
    return this.starts.length;
  }

  codeAt(i: number): string {
    const s = this.starts[i];
    return this.text.slice(s, this.text.indexOf('\t', s));
  }

  rowAt(i: number): IcdRow {
    let r = this.parsed.get(i);
    if (!r) {
      const s = this.starts[i];
      const e = i + 1 < this.starts.length ? this.starts[i + 1] - 1 : this.text.length - 1;
      const f = this.text.slice(s, e).split('\t');
      r = [f[0], Number(f[1]), Number(f[2]), f[3], f[4]];
      this.parsed.set(i, r);
    }
    return r;
  }

  /** Masks without splitting the titles (hot path of scanning). */
  masksAt(i: number): [number, number] {
    const s = this.starts[i];
    const t1 = this.text.indexOf('\t', s);
    const t2 = this.text.indexOf('\t', t1 + 1);
    const t3 = this.text.indexOf('\t', t2 + 1);
    return [Number(this.text.slice(t1 + 1, t2)), Number(this.text.slice(t2 + 1, t3))];
  }

  /** First index whose code is >= key. */
  lowerBound(key: string): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.codeAt(mid) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  indexOf(code: string): number {
    const i = this.lowerBound(code);
    return i < this.starts.length && this.codeAt(i) === code ? i : -1;
  }
}
