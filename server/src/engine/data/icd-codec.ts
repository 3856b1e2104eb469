import type { Icd10Bundle, IcdChange, IcdEdition, IcdRow } from './bundle-types';
import { TableStore, encodeTable } from './table-codec';
import type { SpanIndex } from './span-index';

/** ICD-10-CM rows on disk: the generic table format with editions and changes in the header line. */
export function encodeIcd(bundle: Icd10Bundle): string {
  return encodeTable({ editions: bundle.editions, changes: bundle.changes }, bundle.rows);
}

/** Separators inside the olderTitles field: never in the official files (printable Windows-1252 text). */
const ENTRY = '\x1e';
const PART = '\x1f';
const ENTRY_CODE = 0x1e;
const PART_CODE = 0x1f;

export interface OlderTitles {
  /** last edition index these titles were in force */
  until: number;
  short: string;
  long: string;
}

export function encodeOlderTitles(entries: readonly OlderTitles[]): string {
  return entries.map((e) => `${e.until}${PART}${e.short}${PART}${e.long}`).join(ENTRY);
}

export function decodeOlderTitles(field: string): OlderTitles[] {
  if (!field) return [];
  return field.split(ENTRY).map((e) => {
    const [until, short, long] = e.split(PART);
    return { until: Number(until), short, long };
  });
}

/** [short, long] in force in an edition: the first older entry that still covers it, else the row's own. */
export function titlesIn(row: IcdRow, edition: number): [string, string] {
  if (row[3] && edition >= 0) {
    for (const e of decodeOlderTitles(row[3])) if (edition <= e.until) return [e.short, e.long];
  }
  return [row[4], row[5]];
}

interface IcdHead {
  editions: IcdEdition[];
  changes: IcdChange[];
}

export class IcdStore {
  readonly editions: IcdEdition[];
  readonly changes: IcdChange[];

  private constructor(private readonly table: TableStore<IcdHead>) {
    this.editions = table.head.editions;
    this.changes = table.head.changes;
    if (!Array.isArray(this.editions) || !Array.isArray(this.changes)) throw new Error('ICD-10-CM data header lacks editions/changes');
    // every lookup picks an edition: an empty or malformed list would fail every request later
    if (!this.editions.length) throw new Error('ICD-10-CM data header lists no editions');
    const iso = /^\d{4}-\d{2}-\d{2}$/;
    for (const [i, e] of this.editions.entries()) {
      if (typeof e !== 'object' || e === null || typeof e.id !== 'string' || !iso.test(String(e.start)) || !iso.test(String(e.end))) {
        throw new Error(`ICD-10-CM data header: edition ${i} is not { id, start, end } with yyyy-mm-dd dates`);
      }
      if (i > 0 && e.start <= this.editions[i - 1].start) throw new Error(`ICD-10-CM data header: edition ${e.id} does not start after ${this.editions[i - 1].id}`);
    }
    if (this.editions.length > 31) throw new Error(`ICD-10-CM data header lists ${this.editions.length} editions; at most 31 fit the masks`);
  }

  static decode(text: string): IcdStore {
    return new IcdStore(TableStore.decode<IcdHead>(text, 'ICD-10-CM data'));
  }

  /** Builds a store from in-memory rows (tests, fixtures). */
  static fromBundle(bundle: Icd10Bundle): IcdStore {
    return IcdStore.decode(encodeIcd(bundle));
  }

  get size(): number {
    return this.table.size;
  }

  codeAt(i: number): string {
    return this.table.keyAt(i);
  }

  rowAt(i: number): IcdRow {
    const f = this.table.rowAt(i);
    return [f[0], Number(f[1]), Number(f[2]), f[3], f[4], f[5]];
  }

  /**
   * Codes whose newest long title, or one of their older long titles, is exactly `title`. The first few lookups
   * search the raw table (~3-10 ms each); then every title is indexed once, in place in the raw text (a
   * `SpanIndex`: ~110,000 titles, ~20 ms and 2.2 MB; a Map of them was 46 ms and 6.7 MB): a 5,000-row coding table
   * took 40 s by substring search, and 32 searches cost the 14 MB bench corpus ~0.3 s before the index was built.
   */
  codesWithTitle(title: string): string[] {
    if (!title) return [];
    // a note states a few descriptions: a substring search each is cheaper than the index
    if (!this.titles && this.titleLookups++ < IcdStore.SEARCHED_TITLES) {
      if ([ENTRY, PART, '\t', '\n'].some((c) => title.includes(c))) return [];
      const older = this.table.rowsContaining(`${PART}${title}`).filter((i) => decodeOlderTitles(this.rowAt(i)[3]).some((t) => t.long === title));
      return [...new Set([...this.table.findByLastField(title), ...older])].sort((a, b) => a - b).map((i) => this.codeAt(i));
    }
    this.titles ??= this.table.spanIndex((i, text, from, end, add) => {
      // the newest long title is the last field; field 3 holds the older ones, "until PART short PART long" each,
      // ENTRY between them
      add(i, Math.max(from, text.lastIndexOf('\t', end) + 1), end);
      let p = from;
      for (let c = 0; c < 3; c++) p = text.indexOf('\t', p) + 1;
      const older = text.indexOf('\t', p);
      // read in place, a character at a time: indexOf of a separator would search on past the row (megabytes)
      for (let parts = 0, long = -1; p > from && p <= older; p++) {
        const c = p === older ? ENTRY_CODE : text.charCodeAt(p);
        if (c === PART_CODE) {
          if (++parts === 2) long = p + 1;
          else if (parts === 3 && long >= 0) {
            add(i, long, p);
            long = -1;
          }
        } else if (c === ENTRY_CODE) {
          if (long >= 0) add(i, long, p);
          parts = 0;
          long = -1;
        }
      }
    });
    return this.titles.rowsOf(title).map((i) => this.codeAt(i));
  }
  static SEARCHED_TITLES = 4;

  private titles: SpanIndex | undefined;
  private titleLookups = 0;

  /** A row's newest long title (the last field), read in place: no split of the row, no row cache churn. */
  newestTitle(i: number): string {
    return this.table.lastField(i);
  }

  /** Each match of a global regex inside a row's newest long title (the last field); `fn` returns false to stop. */
  newestTitleMatches(re: RegExp, fn: (row: number, match: string) => boolean): void {
    this.table.lastFieldMatches(re, fn);
  }

  /** [presentMask, billableMask] without splitting the titles (hot path of scanning). */
  masksAt(i: number): [number, number] {
    return [Number(this.table.fieldAt(i, 1)), Number(this.table.fieldAt(i, 2))];
  }

  /** The long title in force in `edition` and whether the code is billable there, without splitting or caching the row (completion lists). */
  titleAt(i: number, edition: number): { long: string; billable: boolean } {
    const billable = (Number(this.table.fieldAt(i, 2)) & (1 << edition)) !== 0;
    const older = this.table.fieldAt(i, 3);
    if (older && edition >= 0) for (const e of decodeOlderTitles(older)) if (edition <= e.until) return { long: e.long, billable };
    return { long: this.table.fieldAt(i, 5), billable };
  }

  lowerBound(key: string): number {
    return this.table.lowerBound(key);
  }

  indexOf(code: string): number {
    return this.table.indexOf(code);
  }
}
