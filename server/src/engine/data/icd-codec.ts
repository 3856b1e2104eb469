import type { Icd10Bundle, IcdChange, IcdEdition, IcdRow } from './bundle-types';
import { TableStore, encodeTable } from './table-codec';

/** ICD-10-CM rows on disk: the generic table format with editions and changes in the header line. */
export function encodeIcd(bundle: Icd10Bundle): string {
  return encodeTable({ editions: bundle.editions, changes: bundle.changes }, bundle.rows);
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
    return [f[0], Number(f[1]), Number(f[2]), f[3], f[4]];
  }

  /** Codes whose long title is exactly `title`. */
  codesWithTitle(title: string): string[] {
    return this.table.findByLastField(title).map((i) => this.codeAt(i));
  }

  /** [presentMask, billableMask] without splitting the titles (hot path of scanning). */
  masksAt(i: number): [number, number] {
    return [Number(this.table.fieldAt(i, 1)), Number(this.table.fieldAt(i, 2))];
  }

  lowerBound(key: string): number {
    return this.table.lowerBound(key);
  }

  indexOf(code: string): number {
    return this.table.indexOf(code);
  }
}
