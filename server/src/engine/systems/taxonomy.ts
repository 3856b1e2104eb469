import type { NuccBundle, PosBundle } from '../data/bundle-types';

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
  private readonly byCode = new Map<string, TaxonomyInfo>();
  constructor(readonly bundle: NuccBundle | undefined) {
    for (const r of bundle?.rows ?? []) {
      this.byCode.set(r[0], {
        code: r[0],
        grouping: r[1],
        classification: r[2],
        specialization: r[3],
        definition: r[4],
        displayName: r[5],
        section: r[6],
      });
    }
  }
  get edition(): string | undefined {
    return this.bundle?.edition;
  }
  get(code: string): TaxonomyInfo | undefined {
    return this.byCode.get(code.toUpperCase());
  }
  all(): TaxonomyInfo[] {
    return [...this.byCode.values()];
  }
}

export interface PosInfo {
  code: string;
  name: string;
  description: string;
  effective: string;
}

export class PlaceOfServiceSystem {
  private readonly byCode = new Map<string, PosInfo>();
  constructor(readonly bundle: PosBundle | undefined) {
    for (const r of bundle?.rows ?? []) this.byCode.set(r[0], { code: r[0], name: r[1], description: r[2], effective: r[3] });
  }
  get(code: string): PosInfo | undefined {
    return this.byCode.get(code);
  }
  all(): PosInfo[] {
    return [...this.byCode.values()];
  }
}
