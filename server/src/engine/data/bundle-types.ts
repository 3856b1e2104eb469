/**
 * The bundle: one gzip-compressed file per code system plus a manifest. Datasets with rows are stored as sorted
 * tab-separated tables with a JSON header line (data/table-codec.ts); the rest (tabular notes, CPT modifier
 * table) as JSON. The types below are the logical shapes. Bump BUNDLE_FORMAT_VERSION on any incompatible change.
 */
export const BUNDLE_FORMAT_VERSION = 6;

export type DatasetId = 'icd10cm' | 'icd10cmNotes' | 'hcpcs' | 'mpfs' | 'mue' | 'aoc' | 'ptp' | 'nucc' | 'pos' | 'cptModifiers' | 'wordIndex';

export const DATASET_FILES: Record<DatasetId, string> = {
  icd10cm: 'icd10cm.tsv.gz',
  icd10cmNotes: 'icd10cm-notes.json.gz',
  hcpcs: 'hcpcs.tsv.gz',
  mpfs: 'mpfs.tsv.gz',
  mue: 'mue.tsv.gz',
  aoc: 'aoc.tsv.gz',
  // binary (data/ptp-codec.ts), loaded only when needed (CodeData.ptp)
  ptp: 'ncci-ptp.bin.gz',
  nucc: 'nucc.tsv.gz',
  pos: 'pos.tsv.gz',
  cptModifiers: 'cpt-modifiers.json.gz',
  /** binary (engine/search/word-index.ts): the word index of the ICD-10-CM, HCPCS, modifier, taxonomy and POS titles */
  wordIndex: 'word-index.bin.gz',
};

export interface ManifestDataset {
  file: string;
  /** sha256 (hex) of the .gz file as written, its size, and the size of its decompressed content: checked on load */
  sha256: string;
  bytes: number;
  uncompressedBytes: number;
  edition: string;
  /** ISO date (yyyy-mm-dd) the edition takes effect, where known. */
  effective?: string;
  records: number;
  /** sha256 of each raw source file the dataset was built from, keyed by file name. */
  sources: Record<string, string>;
  /** Licence / redistribution note shown in `explain` and the README. */
  licence: string;
}

export interface Manifest {
  formatVersion: number;
  builtAt: string;
  /** true when the MPFS CMS short descriptors for CPT codes (AMA-licensed content) are in the MPFS table */
  cptDescriptorsIncluded: boolean;
  datasets: Partial<Record<DatasetId, ManifestDataset>>;
  warnings: string[];
}

// ---------------------------------------------------------------- ICD-10-CM

export interface IcdEdition {
  /** e.g. "FY2027", "FY2020-April" (mid-year updates are editions of their own) */
  id: string;
  /** first day in force, yyyy-mm-dd; editions are sorted by it and each one ends where the next starts */
  start: string;
  /** last day in force, yyyy-mm-dd (the day before the next edition's start) */
  end: string;
  /** how the edition was obtained, e.g. "icd10cm_order_2026.txt + icd10cm_order_addenda_2027.txt" */
  source: string;
}

/**
 * [codeWithoutDot, presentMask, billableMask, olderTitles, shortTitle, longTitle]
 * bit i of the masks refers to editions[i] (at most 31 editions); titles are those of the newest edition the code
 * is in. olderTitles is "" unless a title changed: entries "lastEdition\x1fshort\x1flong" joined by "\x1e", oldest
 * first, each giving the titles in force up to and including edition index lastEdition (icd-codec.ts).
 */
export type IcdRow = [string, number, number, string, string, string];

export interface IcdChange {
  /** the edition in which the change took effect (vs the one before it) */
  edition: string;
  added: string[];
  deleted: string[];
  revised: string[];
  /** present in both editions, billable before and a header (non-billable) now, e.g. D691 in FY2027 */
  becameHeader?: string[];
  /** present in both editions, a header before and billable now */
  becameBillable?: string[];
}

export interface Icd10Bundle {
  editions: IcdEdition[];
  rows: IcdRow[];
  changes: IcdChange[];
}

export interface IcdNoteSet {
  includes?: string[];
  inclusionTerm?: string[];
  excludes1?: string[];
  excludes2?: string[];
  codeFirst?: string[];
  useAdditionalCode?: string[];
  codeAlso?: string[];
  notes?: string[];
}

export interface IcdSeventh {
  note?: string;
  /** 7th character → meaning, e.g. { A: "initial encounter for closed fracture" } */
  defs: Record<string, string>;
}

export interface Icd10NotesBundle {
  /** edition of the tabular XML, e.g. "FY2017"; shown next to every note because it may be stale */
  edition: string;
  /** desc without the trailing "(A00-B99)" range; notes = chapter-level instructional notes (apply to every code in it) */
  chapters: { num: string; desc: string; first: string; last: string; notes?: IcdNoteSet }[];
  sections: { id: string; desc: string; first: string; last: string; notes?: IcdNoteSet }[];
  /** keyed by code without dot (categories and subcategories as well as codes) */
  notes: Record<string, IcdNoteSet>;
  /** keyed by code without dot where a sevenChrDef is declared; inherited by descendants */
  seventh: Record<string, IcdSeventh>;
}

// ---------------------------------------------------------------- HCPCS Level II

/** [code, longDesc, shortDesc, coverage, actionCode, addDate, actionEffDate, termDate, crossRef] (dates yyyymmdd or "") */
export type HcpcsRow = [string, string, string, string, string, string, string, string, string];
/** [modifier, longDesc, shortDesc, addDate, actionEffDate, termDate, actionCode] */
export type HcpcsModifierRow = [string, string, string, string, string, string, string];

export interface HcpcsBundle {
  edition: string;
  rows: HcpcsRow[];
  modifiers: HcpcsModifierRow[];
}

// ---------------------------------------------------------------- MPFS indicators

/**
 * One MPFS year (January relative value file), e.g. { id: "CY2025", year: 2025, edition: "RVU25A (CY2025 January)" }.
 * It is in force from `start` (January 1) to `end` (December 31); dates after the newest year use the newest, dates
 * before the oldest the oldest (`ProcedureSystem.mpfsYearFor`).
 */
export interface MpfsYear {
  id: string;
  year: number;
  edition: string;
  start: string;
  end: string;
  /** code/modifier rows in that year's file */
  rows: number;
  /** the member the rows came from, e.g. "PPRRVU25_JAN.csv" */
  source: string;
}

/**
 * [code, modifier, years, status, pctc, globalDays, multProc, bilat, asst, coSurg, team, cmsShortDesc, notPriced]
 * One row per distinct (code, modifier, indicator values); `years` is a bit mask: bit i = MpfsBundle.years[i] (at
 * most 31 years). A code whose indicators never changed has one row; a change in CY2024 gives two rows.
 * cmsShortDesc comes from the newest year only (on the row whose mask has the newest bit) and is "" unless the
 * manifest says cptDescriptorsIncluded (CPT codes) — HCPCS Level II descriptors are always kept. notPriced: "N" when the
 * non-facility NA indicator is NA (no office price), "F" when the facility one is, "NF" both, "" neither (absent in
 * bundles built before it was kept: unknown).
 */
export type MpfsRow = [string, string, number, string, string, string, string, string, string, string, string, string, string?];

export interface MpfsBundle {
  /** "CY2022-CY2025" */
  edition: string;
  /** sorted by year, oldest first */
  years: MpfsYear[];
  rows: MpfsRow[];
}

// ---------------------------------------------------------------- NCCI

/** [code, mueValue, adjudicationIndicator (1|2|3), adjudicationText, rationale] */
export type MueRow = [string, number, number, string, string];
export interface MueBundle {
  edition: string;
  rows: MueRow[];
}

/**
 * [addOnCode, primaryCode ("CCCCC" = contractor-defined), editType (1|2|3), effectiveDate yyyy-mm-dd, deletedDate yyyy-mm-dd | "",
 *  specialInstruction?] — the 6th element (CMS Special_Instruction_Notes, e.g. "(Temporarily suspended retroactive to 1/1/2019)") only when non-empty
 */
export type AocRow = [string, string, number, string, string, string?];
export interface AocBundle {
  edition: string;
  rows: AocRow[];
}

// ---------------------------------------------------------------- NUCC, POS, CPT modifiers

/** [code, grouping, classification, specialization, definition, displayName, section] */
export type NuccRow = [string, string, string, string, string, string, string];
export interface NuccBundle {
  edition: string;
  rows: NuccRow[];
}

/** [code, name, description, effectiveNote] */
export type PosRow = [string, string, string, string];
export interface PosBundle {
  edition: string;
  rows: PosRow[];
}

/** Hand-written table (data/tables/cpt-modifiers.json): our own short wording of public CMS material. */
export interface CptModifierEntry {
  code: string;
  name: string;
  meaning: string;
}
export interface CptModifiersBundle {
  edition: string;
  rows: CptModifierEntry[];
}
