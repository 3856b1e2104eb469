import type { TableStore } from '../data/table-codec';

/** CMS place-of-service codes (two digits, claim field CLM05-1 / item 24B). */
export interface PosInfo {
  code: string;
  name: string;
  description: string;
  effective: string;
}

export class PlaceOfServiceSystem {
  constructor(private readonly table: TableStore<{ edition: string }> | undefined) {}
  private info(i: number): PosInfo {
    const r = this.table!.rowAt(i);
    return { code: r[0], name: r[1], description: r[2], effective: r[3] ?? '' };
  }
  get(code: string): PosInfo | undefined {
    const i = this.table?.indexOf(code) ?? -1;
    return i < 0 ? undefined : this.info(i);
  }
  all(): PosInfo[] {
    return Array.from({ length: this.table?.size ?? 0 }, (_, i) => this.info(i));
  }
}
