import { BoundedCache } from '../bounded-cache';
import { isoFromCompact } from '../dates';
import type { HcpcsRow, MpfsRow, MpfsYear } from '../data/bundle-types';
import type { TableStore } from '../data/table-codec';

export type ProcedureSystemId = 'cpt' | 'hcpcs';

export type CptCategory = 'Category I' | 'Category II' | 'Category III' | 'PLA' | 'MAAA';

/** Shape-only classification of a procedure-code token. */
export function classifyProcedure(code: string): { system: ProcedureSystemId; category?: CptCategory } | undefined {
  if (/^\d{5}$/.test(code)) return { system: 'cpt', category: 'Category I' };
  if (/^\d{4}F$/.test(code)) return { system: 'cpt', category: 'Category II' };
  if (/^\d{4}T$/.test(code)) return { system: 'cpt', category: 'Category III' };
  if (/^\d{4}U$/.test(code)) return { system: 'cpt', category: 'PLA' };
  if (/^\d{4}M$/.test(code)) return { system: 'cpt', category: 'MAAA' };
  if (/^[A-V]\d{4}$/.test(code)) return { system: 'hcpcs' };
  return undefined;
}

export interface MpfsIndicators {
  modifier: string;
  status: string;
  pctc: string;
  globalDays: string;
  multProc: string;
  bilat: string;
  asst: string;
  coSurg: string;
  team: string;
  /**
   * The settings CMS gives the code no practice-expense value in (NA indicators): 'non-facility' (typically done in
   * a hospital: no office price), 'facility'; undefined in bundles built before the indicators were kept.
   */
  notPriced?: ('non-facility' | 'facility')[];
}

/** The MPFS year that judges a date of service, and whether the date lies outside the bundled years. */
export interface MpfsYearInForce {
  /** index into ProcedureSystem.mpfsYears (bit of the row masks) */
  index: number;
  year: MpfsYear;
  /** the date is after the newest bundled year ('newest') or before the oldest ('oldest'); undefined inside */
  outside?: 'newest' | 'oldest';
  /** the date it was asked for (undefined: no date, the newest year) */
  date?: string;
}

/** Which bundled MPFS years list a code (any modifier row). */
export interface MpfsHistory {
  /** ids of the years the code is in, oldest first ("CY2022", …) */
  years: string[];
  first: MpfsYear;
  last: MpfsYear;
  /** the code is not in the newest bundled year: deleted or replaced since `last` */
  dropped: boolean;
  /** "CY2022-CY2024", or "CY2022, CY2024-CY2025" with a gap */
  spans: string;
}

export interface MueInfo {
  value: number;
  mai: number;
  maiText: string;
  rationale: string;
}

export interface AocInfo {
  primaries: string[];
  editType: number;
  contractorDefined: boolean;
}

export interface HcpcsInfo {
  long: string;
  short: string;
  coverage: string;
  action: string;
  addDate: string;
  actionDate: string;
  termDate: string;
  crossRef: string;
}

export interface ProcedureInfo {
  code: string;
  system: ProcedureSystemId;
  category?: CptCategory;
  /** descriptor and where it came from; CPT descriptors only when bundled (AMA licence) or user-supplied */
  descriptor?: { text: string; source: 'hcpcs' | 'cms-short' | 'user' };
  /** MPFS rows for the code in the year in force on the date asked for: the global row (no modifier) first, then 26/TC/53 rows */
  mpfs: MpfsIndicators[];
  /** the MPFS year `mpfs` comes from (undefined when no MPFS is bundled) */
  mpfsYear?: MpfsYearInForce;
  /** the bundled MPFS years that list the code (undefined when none does) */
  mpfsHistory?: MpfsHistory;
  mue?: MueInfo;
  aoc?: AocInfo;
  hcpcs?: HcpcsInfo;
  /** which data sets know the code */
  sources: string[];
}


/**
 * CPT (Level I) and HCPCS Level II procedure codes. CPT codes are "known" when any CMS file lists them
 * (MPFS, MUE, AOC) or the user supplied a descriptor file. Each file is a sorted table searched by code.
 */
export class ProcedureSystem {
  private readonly userCpt = new Map<string, string>();
  private readonly knownCache = new BoundedCache<string, boolean>(50_000);
  /**
   * get() results by code and MPFS year: several rules ask about each procedure code of a claim file. An entry (with
   * its descriptor and MPFS history) is ~1 KB: 4,096 of them, not 20,000 (7 MB of a claim export's heap).
   */
  private readonly infoCache = new BoundedCache<string, ProcedureInfo | undefined>(4096);
  /** "CY2022-CY2025" for MPFS (every bundled year); the others are single editions */
  readonly editions: { hcpcs?: string; mpfs?: string; mue?: string; aoc?: string };
  /** the bundled MPFS years, oldest first; bit i of a row's year mask is mpfsYears[i] */
  readonly mpfsYears: readonly MpfsYear[];

  constructor(
    private readonly t: {
      hcpcs?: TableStore<{ edition: string }>;
      mpfs?: TableStore<{ edition: string; years?: MpfsYear[] }>;
      mue?: TableStore<{ edition: string }>;
      aoc?: TableStore<{ edition: string }>;
    },
  ) {
    this.editions = { hcpcs: t.hcpcs?.head.edition, mpfs: t.mpfs?.head.edition, mue: t.mue?.head.edition, aoc: t.aoc?.head.edition };
    this.mpfsYears = t.mpfs?.head.years ?? [];
  }

  /**
   * The MPFS year in force on a date: its calendar year's file; after the newest bundled year the newest, before
   * the oldest the oldest (`outside` says which). No date: the newest year.
   */
  mpfsYearFor(date?: string): MpfsYearInForce | undefined {
    const ys = this.mpfsYears;
    if (!ys.length) return undefined;
    const newest = ys.length - 1;
    if (!date) return { index: newest, year: ys[newest] };
    if (date > ys[newest].end) return { index: newest, year: ys[newest], outside: 'newest', date };
    if (date < ys[0].start) return { index: 0, year: ys[0], outside: 'oldest', date };
    // the newest year started on or before the date (a missing year in between falls back to the one before)
    let i = newest;
    while (i > 0 && ys[i].start > date) i--;
    return { index: i, year: ys[i], date };
  }

  /** Which bundled MPFS years list the code (any modifier row); undefined when none does. */
  mpfsHistory(code: string): MpfsHistory | undefined {
    return this.historyOf((this.t.mpfs?.rowsFor(code) ?? []) as unknown as MpfsRow[]);
  }

  private historyOf(rows: MpfsRow[]): MpfsHistory | undefined {
    let mask = 0;
    for (const r of rows) mask |= Number(r[2]);
    const ys = this.mpfsYears;
    const idx = ys.map((_, i) => i).filter((i) => mask & (1 << i));
    if (!idx.length) return undefined;
    const spans: string[] = [];
    for (let k = 0; k < idx.length; k++) {
      let j = k;
      while (j + 1 < idx.length && idx[j + 1] === idx[j] + 1) j++;
      spans.push(j > k ? `${ys[idx[k]].id}-${ys[idx[j]].id}` : ys[idx[k]].id);
      k = j;
    }
    return {
      years: idx.map((i) => ys[i].id),
      first: ys[idx[0]],
      last: ys[idx[idx.length - 1]],
      dropped: idx[idx.length - 1] !== ys.length - 1,
      spans: spans.join(', '),
    };
  }

  /** Licensed CPT descriptors supplied by the user (cptDescriptorsFile). */
  setUserDescriptors(map: Map<string, string>): void {
    this.userCpt.clear();
    this.knownCache.clear();
    this.infoCache.clear();
    for (const [k, v] of map) this.userCpt.set(k, v);
  }

  get userDescriptorCount(): number {
    return this.userCpt.size;
  }

  known(code: string): boolean {
    let k = this.knownCache.get(code);
    if (k === undefined) {
      const t = this.t;
      k = [t.hcpcs, t.mpfs, t.mue, t.aoc].some((x) => !!x && x.indexOf(code) >= 0) || this.userCpt.has(code);
      this.knownCache.set(code, k);
    }
    return k;
  }

  /**
   * Everything the CMS files say about a code. The MPFS indicators are those of the year in force on `date`
   * (`mpfsYearFor`; no date: the newest year); `known` and the other files do not depend on the date.
   */
  get(code: string, date?: string): ProcedureInfo | undefined {
    // the record depends on the date only through its MPFS year; the year-in-force (with the date) is the caller's
    const y = this.mpfsYearFor(date);
    const key = `${code}\u0000${y?.index ?? ''}`;
    let info = this.infoCache.get(key);
    if (info === undefined && !this.infoCache.has(key)) {
      info = this.lookup(code, date);
      this.infoCache.set(key, info);
    }
    return info && { ...info, mpfsYear: y };
  }

  /**
   * Every CPT code with a descriptor: the user's licensed file, else the newest MPFS year's CMS short descriptor
   * (one pass over the MPFS table; word search indexes them at load time), sorted by code.
   */
  cptDescriptors(): [string, string][] {
    const out = new Map<string, string>();
    const mpfs = this.t.mpfs;
    const newest = 1 << (this.mpfsYears.length - 1);
    for (let i = 0; mpfs && i < mpfs.size; i++) {
      const code = mpfs.keyAt(i);
      if (out.has(code) || this.userCpt.has(code)) continue;
      const text = mpfs.fieldAt(i, 11);
      if (text && Number(mpfs.fieldAt(i, 2)) & newest && classifyProcedure(code)?.system === 'cpt') out.set(code, text);
    }
    for (const [code, text] of this.userCpt) if (classifyProcedure(code)?.system === 'cpt') out.set(code, text);
    return [...out].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** A code's descriptor and where it came from, without the rest of `get` (word search indexes every code's). */
  descriptor(code: string): ProcedureInfo['descriptor'] {
    const shape = classifyProcedure(code);
    if (!shape) return undefined;
    const hi = shape.system === 'hcpcs' && !this.userCpt.has(code) ? (this.t.hcpcs?.indexOf(code) ?? -1) : -1;
    const h = hi >= 0 ? (this.t.hcpcs!.rowAt(hi) as HcpcsRow) : undefined;
    return this.descriptorOf(code, shape.system, h, h || this.userCpt.has(code) ? [] : ((this.t.mpfs?.rowsFor(code) ?? []) as unknown as MpfsRow[]));
  }

  private descriptorOf(code: string, system: ProcedureSystemId, h: HcpcsRow | undefined, all: readonly MpfsRow[]): ProcedureInfo['descriptor'] {
    if (this.userCpt.has(code)) return { text: this.userCpt.get(code)!, source: 'user' };
    if (h && system === 'hcpcs') return { text: h[1], source: 'hcpcs' };
    // descriptors are bundled from the newest year only, on the row that covers it
    const newest = all.filter((r) => r[11] && Number(r[2]) & (1 << (this.mpfsYears.length - 1))).sort((a, b) => (a[1] === '' ? -1 : b[1] === '' ? 1 : 0))[0];
    return newest ? { text: newest[11], source: 'cms-short' } : undefined;
  }

  private lookup(code: string, date?: string): ProcedureInfo | undefined {
    const shape = classifyProcedure(code);
    if (!shape || !this.known(code)) return undefined;
    const sources: string[] = [];
    const hi = this.t.hcpcs?.indexOf(code) ?? -1;
    const h = hi >= 0 ? (this.t.hcpcs!.rowAt(hi) as HcpcsRow) : undefined;
    const mpfsYear = this.mpfsYearFor(date);
    const all = (this.t.mpfs?.rowsFor(code) ?? []) as unknown as MpfsRow[];
    const bit = mpfsYear ? 1 << mpfsYear.index : 0;
    const m = all.filter((r) => Number(r[2]) & bit).sort((a, b) => (a[1] === '' ? -1 : b[1] === '' ? 1 : a[1].localeCompare(b[1])));
    const mpfsHistory = all.length ? this.historyOf(all) : undefined;
    const ui = this.t.mue?.indexOf(code) ?? -1;
    const u = ui >= 0 ? this.t.mue!.rowAt(ui) : undefined;
    const a = (this.t.aoc?.rowsFor(code) ?? []).filter((r) => !r[4]); // drop deleted edits
    if (h) sources.push('HCPCS');
    if (all.length) sources.push('MPFS');
    if (u) sources.push('MUE');
    if (a.length) sources.push('AOC');
    if (this.userCpt.has(code)) sources.push('user descriptors');
    const descriptor = this.descriptorOf(code, shape.system, h, all);
    return {
      code,
      system: shape.system,
      category: shape.category,
      descriptor,
      sources,
      mpfs: m.map(indicators),
      mpfsYear,
      mpfsHistory,
      mue: u ? { value: Number(u[1]), mai: Number(u[2]), maiText: u[3], rationale: u[4] } : undefined,
      aoc: a.length
        ? {
            primaries: [...new Set(a.map((r) => r[1]).filter((p) => p !== 'CCCCC'))].sort(),
            editType: Number(a[0][2]),
            contractorDefined: a.some((r) => r[1] === 'CCCCC'),
          }
        : undefined,
      hcpcs: h
        ? {
            long: h[1],
            short: h[2],
            coverage: h[3],
            action: h[4],
            addDate: isoFromCompact(h[5]),
            actionDate: isoFromCompact(h[6]),
            termDate: isoFromCompact(h[7]),
            crossRef: h[8],
          }
        : undefined,
    };
  }

  /** All known codes of a system, for did-you-mean and search. */
  codes(system: ProcedureSystemId): string[] {
    const all = new Set<string>(this.userCpt.keys());
    for (const t of [this.t.hcpcs, this.t.mpfs, this.t.mue, this.t.aoc]) if (t) for (const k of t.keys()) all.add(k);
    return [...all].filter((c) => classifyProcedure(c)?.system === system).sort();
  }
}

/**
 * "CY2023", or "CY2025 (the newest bundled year; MPFS 2026 is not bundled)" for a date after it, or "CY2022 (the
 * oldest bundled year)" for a date before it: how rules and the hover name the MPFS year that judged a date.
 */
export function mpfsYearLabel(y: MpfsYearInForce): string {
  if (y.outside === 'newest') return `${y.year.id} (the newest bundled year; MPFS ${y.date?.slice(0, 4) ?? y.year.year + 1} is not bundled)`;
  if (y.outside === 'oldest') return `${y.year.id} (the oldest bundled year; MPFS ${y.date?.slice(0, 4) ?? y.year.year - 1} is not bundled)`;
  return y.year.id;
}

/** The global row's indicators (no modifier) of a code in every bundled year, oldest first (undefined: not in that year). */
export function indicatorsByYear(p: ProcedureSystem, code: string): (MpfsIndicators | undefined)[] {
  return p.mpfsYears.map((y) => p.get(code, y.start)?.mpfs.find((r) => r.modifier === ''));
}

function indicators(r: MpfsRow): MpfsIndicators {
  const na = r[12];
  const notPriced = na === undefined ? undefined : [...(na.includes('N') ? ['non-facility' as const] : []), ...(na.includes('F') ? ['facility' as const] : [])];
  return { modifier: r[1], status: r[3], pctc: r[4], globalDays: r[5], multProc: r[6], bilat: r[7], asst: r[8], coSurg: r[9], team: r[10], notPriced };
}

export const MPFS_STATUS: Record<string, string> = {
  A: 'Active code, paid separately under the physician fee schedule',
  B: 'Bundled: payment is always included in another service',
  C: 'Carrier (contractor) priced',
  D: 'Deleted code',
  E: 'Excluded from the fee schedule by regulation',
  F: 'Deleted/discontinued code; no grace period',
  G: 'Not valid for Medicare: another code is used',
  H: 'Deleted modifier for this code',
  I: 'Not valid for Medicare purposes: Medicare uses another code',
  J: 'Anesthesia service (no RVUs)',
  M: 'Measurement code, used for reporting only',
  N: 'Non-covered service by Medicare',
  P: 'Bundled or excluded: no separate payment under the fee schedule',
  R: 'Restricted coverage: special coverage instructions apply',
  T: 'Paid only if no other service is payable that day (injections etc.)',
  X: 'Statutory exclusion: not in the statutory definition of physician services',
};

export const HCPCS_COVERAGE: Record<string, string> = {
  C: 'Carrier judgment: coverage decided by the Medicare contractor',
  D: 'Special coverage instructions apply',
  I: 'Not payable by Medicare (no grace period or another code applies)',
  M: 'Non-covered by Medicare',
  S: 'Non-covered by Medicare statute',
};

export const GLOBAL_DAYS: Record<string, string> = {
  '000': '0-day global: endoscopic or minor procedure, pre- and post-op on the day only',
  '010': '10-day global: minor procedure, post-op care for 10 days included',
  '090': '90-day global: major surgery, pre-op day and 90 days of post-op care included',
  MMM: 'Maternity code: usual global concept does not apply',
  XXX: 'Global concept does not apply',
  YYY: 'Contractor sets the global period',
  ZZZ: 'Add-on code: within the global period of another service',
};

export const BILAT_IND: Record<string, string> = {
  '0': 'modifier 50 not payable (bilateral concept does not apply)',
  '1': 'modifier 50 allowed: paid at 150%',
  '2': 'modifier 50 not payable: code already describes a bilateral procedure',
  '3': 'modifier 50 allowed: each side paid at 100%',
  '9': 'bilateral concept does not apply',
};

export const ASST_IND: Record<string, string> = {
  '0': 'assistant at surgery paid only with documentation of medical necessity',
  '1': 'assistant at surgery not paid (statutory restriction)',
  '2': 'assistant at surgery may be paid',
  '9': 'assistant concept does not apply',
};

export const CO_SURG_IND: Record<string, string> = {
  '0': 'co-surgeons (62) not permitted',
  '1': 'co-surgeons (62) paid with documentation of medical necessity',
  '2': 'co-surgeons (62) permitted',
  '9': 'co-surgeon concept does not apply',
};

export const TEAM_IND: Record<string, string> = {
  '0': 'team surgeons (66) not permitted',
  '1': 'team surgeons (66) paid with documentation of medical necessity',
  '2': 'team surgeons (66) permitted',
  '9': 'team concept does not apply',
};

export const MULT_PROC_IND: Record<string, string> = {
  '0': 'no multiple-procedure reduction',
  '1': 'standard multiple-procedure rules (pre-1995)',
  '2': 'standard multiple-procedure reduction (100/50/50/50/50%)',
  '3': 'special rules for multiple endoscopic procedures',
  '4': 'diagnostic imaging reduction applies',
  '5': 'therapy services reduction applies',
  '6': 'diagnostic cardiovascular reduction applies',
  '7': 'diagnostic ophthalmology reduction applies',
  '9': 'multiple-procedure concept does not apply',
};

export const PCTC_IND: Record<string, string> = {
  '0': 'physician service: modifiers 26 and TC do not apply',
  '1': 'diagnostic test with professional (26) and technical (TC) components',
  '2': 'professional component only code',
  '3': 'technical component only code',
  '4': 'global test only code',
  '5': 'incident-to code: 26/TC do not apply',
  '6': 'laboratory physician interpretation code',
  '7': 'physical therapy service: 26/TC do not apply',
  '8': 'physician interpretation code',
  '9': 'professional/technical component concept does not apply',
};
