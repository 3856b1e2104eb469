import { isoFromCompact } from '../dates';
import type { HcpcsRow, MpfsRow } from '../data/bundle-types';
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
  /** MPFS rows for the code: the global row (no modifier) first, then 26/TC/53 rows */
  mpfs: MpfsIndicators[];
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
  private readonly knownCache = new Map<string, boolean>();
  readonly editions: { hcpcs?: string; mpfs?: string; mue?: string; aoc?: string };

  constructor(
    private readonly t: {
      hcpcs?: TableStore<{ edition: string }>;
      mpfs?: TableStore<{ edition: string }>;
      mue?: TableStore<{ edition: string }>;
      aoc?: TableStore<{ edition: string }>;
    },
  ) {
    this.editions = { hcpcs: t.hcpcs?.head.edition, mpfs: t.mpfs?.head.edition, mue: t.mue?.head.edition, aoc: t.aoc?.head.edition };
  }

  /** Licensed CPT descriptors supplied by the user (cptDescriptorsFile). */
  setUserDescriptors(map: Map<string, string>): void {
    this.userCpt.clear();
    this.knownCache.clear();
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
      if (this.knownCache.size > 50_000) this.knownCache.clear();
      this.knownCache.set(code, k);
    }
    return k;
  }

  get(code: string): ProcedureInfo | undefined {
    const shape = classifyProcedure(code);
    if (!shape || !this.known(code)) return undefined;
    const sources: string[] = [];
    const hi = this.t.hcpcs?.indexOf(code) ?? -1;
    const h = hi >= 0 ? (this.t.hcpcs!.rowAt(hi) as HcpcsRow) : undefined;
    const m = ((this.t.mpfs?.rowsFor(code) ?? []) as MpfsRow[]).slice().sort((a, b) => (a[1] === '' ? -1 : b[1] === '' ? 1 : a[1].localeCompare(b[1])));
    const ui = this.t.mue?.indexOf(code) ?? -1;
    const u = ui >= 0 ? this.t.mue!.rowAt(ui) : undefined;
    const a = (this.t.aoc?.rowsFor(code) ?? []).filter((r) => !r[4]); // drop deleted edits
    if (h) sources.push('HCPCS');
    if (m.length) sources.push('MPFS');
    if (u) sources.push('MUE');
    if (a.length) sources.push('AOC');
    if (this.userCpt.has(code)) sources.push('user descriptors');
    let descriptor: ProcedureInfo['descriptor'];
    if (this.userCpt.has(code)) descriptor = { text: this.userCpt.get(code)!, source: 'user' };
    else if (h && shape.system === 'hcpcs') descriptor = { text: h[1], source: 'hcpcs' };
    else if (m[0]?.[10]) descriptor = { text: m[0][10], source: 'cms-short' };
    return {
      code,
      system: shape.system,
      category: shape.category,
      descriptor,
      sources,
      mpfs: m.map((r) => ({
        modifier: r[1],
        status: r[2],
        pctc: r[3],
        globalDays: r[4],
        multProc: r[5],
        bilat: r[6],
        asst: r[7],
        coSurg: r[8],
        team: r[9],
      })),
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
