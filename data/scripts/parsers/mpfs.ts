import { parse } from 'csv-parse/sync';
import { decodeText } from '../lib/text.js';

/**
 * CMS MPFS relative value file PPRRVUyy_*.csv: a few preamble rows (title, AMA/ADA copyright lines, release date),
 * then a header spread over several rows ("STATUS" above "CODE", "GLOB" above "DAYS", …) ending with the row whose
 * first cell is HCPCS. Columns are located by those stacked header words, never by position.
 */

/**
 * One row of one year's file: [code, modifier, status, pctc, globalDays, multProc, bilat, asst, coSurg, team, cmsShortDesc,
 * notPriced] — notPriced: "N" when the non-facility NA indicator is NA, "F" when the facility one is, "NF" both, "".
 * The bundle merges the years into MpfsRow (bundle-types.ts) with a year mask (assemble/mpfs.ts).
 */
export type MpfsFileRow = [string, string, string, string, string, string, string, string, string, string, string, string];

export interface MpfsOptions {
  /** keep CMS short descriptors of CPT (and CDT dental) codes; false for public packaging */
  includeCptDescriptors: boolean;
}

export interface MpfsParseResult {
  rows: MpfsFileRow[];
  /** number of rows whose descriptor was blanked because it is AMA (CPT) or ADA (CDT) content */
  descriptorsRemoved: number;
  /** the file's title line, e.g. "2025 National Physician Fee Schedule Relative Value File January Release" */
  title?: string;
  /** the calendar year the title names */
  titleYear?: number;
  /** non-data lines skipped after the header (e.g. the trailing DOS end-of-file ^Z line) */
  skipped: { line: number; text: string }[];
}

/** Header labels (stacked header words joined by a space) of the columns the bundle keeps, in MpfsFileRow order. */
export const MPFS_COLUMNS = ['HCPCS', 'MOD', 'STATUS CODE', 'PCTC IND', 'GLOB DAYS', 'MULT PROC', 'BILAT SURG', 'ASST SURG', 'CO-SURG', 'TEAM SURG', 'DESCRIPTION', 'NON-FAC NA INDICATOR', 'FACILITY NA INDICATOR'] as const;

/** CPT (Level I) codes start with a digit: 99213, 0001F, 0591T, 0001U, 0002M … */
export function isCptCode(code: string): boolean {
  return /^\d{4}[0-9A-Z]$/.test(code);
}

/**
 * Descriptors that are licensed content: CPT (AMA) and CDT dental D-codes (ADA, per the file's own preamble line
 * "Dental codes (D codes) are copyright … American Dental Association").
 */
export function isLicensedDescriptor(code: string): boolean {
  return isCptCode(code) || /^D\d{4}$/.test(code);
}

const HEADER_DEPTH = 5; // the header row plus up to four rows stacked above it

function normalizeLabel(words: string[]): string {
  return words
    .map((w) => w.trim())
    .filter(Boolean)
    .join(' ')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/-\s+/g, '-');
}

/** Finds each wanted column: the stacked label must equal the name or end with " " + name; exactly one match. */
export function locateColumns(records: string[][], headerIndex: number, wanted: readonly string[]): number[] {
  const width = Math.max(...records.slice(Math.max(0, headerIndex - HEADER_DEPTH + 1), headerIndex + 1).map((r) => r.length));
  const labels: string[] = [];
  for (let c = 0; c < width; c++) {
    const words: string[] = [];
    for (let r = Math.max(0, headerIndex - HEADER_DEPTH + 1); r <= headerIndex; r++) words.push(records[r][c] ?? '');
    labels.push(normalizeLabel(words));
  }
  return wanted.map((name) => {
    const hits = labels.flatMap((l, i) => (l === name || l.endsWith(` ${name}`) ? [i] : []));
    if (hits.length !== 1) {
      throw new Error(`MPFS: ${hits.length === 0 ? 'no' : 'more than one'} column headed "${name}" (header labels: ${labels.filter(Boolean).join(' | ')})`);
    }
    return hits[0];
  });
}

export function parseMpfsCsv(input: string | Uint8Array, options: MpfsOptions): MpfsParseResult {
  const text = decodeText(input, 'windows-1252');
  const records = parse(text, { relax_column_count: true, skip_empty_lines: false, relax_quotes: true }) as string[][];
  const headerIndex = records.findIndex((r) => (r[0] ?? '').trim().toUpperCase() === 'HCPCS');
  if (headerIndex < 0) throw new Error('MPFS: header row starting with "HCPCS" not found');
  const cols = locateColumns(records, headerIndex, MPFS_COLUMNS);
  const result: MpfsParseResult = { rows: [], descriptorsRemoved: 0, skipped: [] };
  const title = records
    .slice(0, headerIndex)
    .flat()
    .map((c) => c.trim())
    .find((c) => /physician fee schedule/i.test(c));
  if (title) {
    result.title = title;
    const y = /\b(20\d\d)\b/.exec(title);
    if (y) result.titleYear = Number(y[1]);
  }
  const seen = new Set<string>();
  for (let i = headerIndex + 1; i < records.length; i++) {
    const rec = records[i];
    const v = cols.map((c) => (rec[c] ?? '').trim());
    const [code, mod] = v;
    if (!/^[A-Z0-9]{5}$/.test(code)) {
      if (rec.some((cell) => cell.trim() !== '')) result.skipped.push({ line: i + 1, text: rec.join(',').slice(0, 40) });
      continue;
    }
    const key = `${code}|${mod}`;
    if (seen.has(key)) throw new Error(`MPFS: duplicate row for ${code}${mod ? `-${mod}` : ''} (record ${i + 1})`);
    seen.add(key);
    let desc = v[10];
    if (!options.includeCptDescriptors && isLicensedDescriptor(code) && desc) {
      desc = '';
      result.descriptorsRemoved++;
    }
    // NA: CMS set no practice-expense value in that setting (a hospital-only surgery has no office price)
    const notPriced = `${v[11].toUpperCase() === 'NA' ? 'N' : ''}${v[12].toUpperCase() === 'NA' ? 'F' : ''}`;
    result.rows.push([code, mod, v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], desc, notPriced]);
  }
  return result;
}
