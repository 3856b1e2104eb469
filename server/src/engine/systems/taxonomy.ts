import type { TableStore } from '../data/table-codec';

export interface TaxonomyInfo {
  code: string;
  grouping: string;
  classification: string;
  specialization: string;
  definition: string;
  displayName: string;
  section: string;
}

export class TaxonomySystem {
  constructor(private readonly table: TableStore<{ edition: string }> | undefined) {}
  get edition(): string | undefined {
    return this.table?.head.edition;
  }
  private info(i: number): TaxonomyInfo {
    const r = this.table!.rowAt(i);
    return { code: r[0], grouping: r[1], classification: r[2], specialization: r[3], definition: r[4], displayName: r[5], section: r[6] };
  }
  get(code: string): TaxonomyInfo | undefined {
    const i = this.table?.indexOf(code.toUpperCase()) ?? -1;
    return i < 0 ? undefined : this.info(i);
  }
  all(): TaxonomyInfo[] {
    return Array.from({ length: this.table?.size ?? 0 }, (_, i) => this.info(i));
  }
}
