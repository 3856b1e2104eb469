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
  get size(): number {
    return this.table?.size ?? 0;
  }
  all(): PosInfo[] {
    return Array.from({ length: this.table?.size ?? 0 }, (_, i) => this.info(i));
  }
}

/**
 * Which MPFS rate a place of service gets: the facility rate in the settings CMS lists in the Medicare Claims
 * Processing Manual (Pub. 100-04), chapter 12, section 20.4.2 — hospitals (19, 21, 22, 23), ASC (24), military
 * treatment facility (26), SNF Part A (31), hospice inpatient (34), ambulance (41, 42), psychiatric facilities (51,
 * 52, 53, 56), inpatient rehabilitation (61) — and telehealth outside the patient's home (02); the non-facility rate
 * everywhere else (office 11, home 12, telehealth in the home 10, …).
 */
const FACILITY_POS = new Set(['02', '19', '21', '22', '23', '24', '26', '31', '34', '41', '42', '51', '52', '53', '56', '61']);

export type PosSetting = 'facility' | 'non-facility';

export function posSetting(code: string): PosSetting {
  return FACILITY_POS.has(code) ? 'facility' : 'non-facility';
}
