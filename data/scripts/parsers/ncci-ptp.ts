import type { PtpRow } from '../../../server/src/engine/data/ptp-codec.js';
import { readXlsxFirstSheet } from '../lib/xlsx.js';
import { decodeText, squash } from '../lib/text.js';

/**
 * CMS NCCI practitioner PTP edit table, one of its four parts (ccipra-vNNNrN-f1 … f4), as the TXT member of the
 * quarterly zip (tab-delimited, Windows-1252) or the xlsx. Before the rows: the AMA copyright notice, a title line
 * ("Column1/Column2 Edits") and a header wrapped over several lines ("Column 1 | Column 2 | *=in existence / prior
 * to 1996 | Effective / Date | Deletion / Date / *=no data | Modifier / 0=not allowed / 1=allowed / 9=not
 * applicable | PTP Edit Rationale"). The header is found by its words, the rows start at the first line after it
 * with a code in column 1. Columns: column 1, column 2, "*" if in existence prior to 1996, effective YYYYMMDD,
 * deletion YYYYMMDD or "*" (none), modifier indicator 0/1/9, rationale. A malformed row fails with its line.
 */

export interface PtpParseResult {
  rows: PtpRow[];
  /** the text before the header (AMA notice, title), whitespace-collapsed */
  notice: string;
}

/** "ccipra-v321r0-f1.TXT" → { version: "v32.1r0", quarter: "2026 Q2", part: "f1" } */
export function ptpFileName(name: string): { version: string; quarter?: string; part: string; id: string } | undefined {
  const m = /ccipra-v(\d+)(\d)r(\d+)-(f[1-4])/i.exec(name);
  if (!m) return undefined;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  // NCCI versions count years from 32.0 = January 2026 (30.0 = 2024); the digit after is the quarter
  const quarter = minor <= 3 ? `${1994 + major} Q${minor + 1}` : undefined;
  return { version: `v${major}.${minor}r${m[3]}`, quarter, part: m[4].toLowerCase(), id: `v${m[1]}${m[2]}r${m[3]}` };
}

const CODE = /^[A-Z0-9]{5}$/;

// a part repeats a few hundred dates and a dozen rationales over ~600,000 rows: convert each once
const dates = new Map<string, string | undefined>();
const rationales = new Map<string, string>();

function isoDate(s: string): string | undefined {
  let iso = dates.get(s);
  if (iso !== undefined || dates.has(s)) return iso;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  iso = m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
  if (iso) {
    const d = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) iso = undefined;
  }
  if (dates.size < 100_000) dates.set(s, iso);
  return iso;
}

function rationaleText(s: string): string {
  let r = rationales.get(s);
  if (r === undefined) {
    r = squash(s);
    if (rationales.size < 10_000) rationales.set(s, r);
  }
  return r;
}

/** One data row's seven cells → a PtpRow; `where` names the line/row in errors. */
export function ptpRow(cells: string[], where: string): PtpRow {
  const [c1 = '', c2 = '', prior = '', eff = '', del = '', mod = '', rationale = ''] = cells.map((c) => c.trim());
  if (!CODE.test(c1)) throw new Error(`${where}: column 1 "${c1}" is not a 5-character procedure code`);
  if (!CODE.test(c2)) throw new Error(`${where}: column 2 "${c2}" is not a 5-character procedure code`);
  if (prior !== '' && prior !== '*') throw new Error(`${where}: "in existence prior to 1996" is "${prior}", expected "*" or empty`);
  const effective = isoDate(eff);
  if (!effective) throw new Error(`${where}: effective date "${eff}" is not a YYYYMMDD date`);
  const deletion = del === '*' ? '' : isoDate(del);
  if (deletion === undefined) throw new Error(`${where}: deletion date "${del}" is not a YYYYMMDD date or "*"`);
  if (deletion && deletion < effective) throw new Error(`${where}: deletion date ${del} is before the effective date ${eff}`);
  if (!['0', '1', '9'].includes(mod)) throw new Error(`${where}: modifier indicator "${mod}" is not 0, 1 or 9`);
  return [c1, c2, prior === '*' ? 1 : 0, effective, deletion, Number(mod), rationaleText(rationale)];
}

const isHeader = (cells: string[]) => /^column\s*1$/i.test(squash(cells[0] ?? '')) && /^column\s*2$/i.test(squash(cells[1] ?? ''));

export function parsePtpTxt(input: string | Uint8Array, name = 'PTP file'): PtpParseResult {
  const text = decodeText(input, 'windows-1252');
  const lines = text.split(/\r\n|\n|\r/);
  const headerAt = lines.findIndex((l) => isHeader(l.split('\t')));
  if (headerAt < 0) throw new Error(`${name}: header line ("Column 1<tab>Column 2<tab>…") not found`);
  const notice = squash(lines.slice(0, headerAt).join(' ').replace(/\t/g, ' '));
  const rows: PtpRow[] = [];
  let i = headerAt + 1;
  // the wrapped header continues on lines whose first cells are empty
  while (i < lines.length && lines[i].trim() !== '' && lines[i].split('\t')[0].trim() === '') i++;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    if (cells.length < 6) throw new Error(`${name} line ${i + 1}: ${cells.length} tab-separated field(s), expected 7`);
    rows.push(ptpRow(cells, `${name} line ${i + 1}`));
  }
  return { rows, notice };
}

/** The xlsx form of a part: the same header (wrapped over rows, or in one cell per column with line breaks). */
export function parsePtpXlsx(xlsx: Uint8Array, name = 'PTP xlsx'): PtpParseResult {
  const sheet = readXlsxFirstSheet(xlsx);
  const letters = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
  const cellsOf = (r: (typeof sheet)[number]) => letters.map((l) => r.cells[l] ?? '');
  const headerAt = sheet.findIndex((r) => isHeader(cellsOf(r).map((c) => c.split(/\r?\n/)[0])));
  if (headerAt < 0) throw new Error(`${name}: header row ("Column 1", "Column 2", …) not found`);
  const notice = squash(sheet.slice(0, headerAt).flatMap((r) => Object.values(r.cells)).join(' '));
  const rows: PtpRow[] = [];
  let i = headerAt + 1;
  while (i < sheet.length && !sheet[i].cells.A && Object.keys(sheet[i].cells).length) i++;
  for (; i < sheet.length; i++) {
    const r = sheet[i];
    if (!Object.keys(r.cells).length) continue;
    // numeric cells may read "20220101.0"
    const cells = cellsOf(r).map((c) => c.replace(/^(\d+)\.0+$/, '$1'));
    // anesthesia codes (00100-01999) stored as numbers lose their leading zeros
    for (const k of [0, 1]) if (/^\d{1,4}$/.test(cells[k])) cells[k] = cells[k].padStart(5, '0');
    rows.push(ptpRow(cells, `${name} row ${r.row}`));
  }
  return { rows, notice };
}
