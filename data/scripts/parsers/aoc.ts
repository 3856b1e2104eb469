import type { AocRow } from '../../../server/src/engine/data/bundle-types.js';
import { readXlsxFirstSheet } from '../lib/xlsx.js';

/**
 * CMS NCCI add-on code (AOC) edit table, xlsx: row 1 = AMA notice, then a header row (AOC_Edit_Type, Add-On_Code,
 * AOC_DelDT, Primary_Code, Primary_Code_DelDT, AOC_Edit_EffDT, AOC_Edit_DelDT, Special_Instruction_Notes), then data.
 * Dates are Julian YYYYDDD. Empty cells are absent from the sheet XML, so each value is read by the column letter the
 * header assigned to it.
 */

export interface AocParseResult {
  rows: AocRow[];
  notice: string;
}

const HEADERS = {
  type: 'AOC_Edit_Type',
  addOn: 'Add-On_Code',
  primary: 'Primary_Code',
  eff: 'AOC_Edit_EffDT',
  del: 'AOC_Edit_DelDT',
  notes: 'Special_Instruction_Notes',
} as const;

/** 2013091 → "2013-04-01"; '' → ''. Throws on a day number outside the year. */
export function julianToIso(julian: string): string {
  const s = julian.trim().replace(/\.0+$/, '');
  if (s === '') return '';
  const m = /^(\d{4})(\d{3})$/.exec(s);
  if (!m) throw new Error(`not a Julian YYYYDDD date: "${julian}"`);
  const year = Number(m[1]);
  const day = Number(m[2]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day < 1 || day > (leap ? 366 : 365)) throw new Error(`Julian date "${julian}": day ${day} is outside ${year}`);
  return new Date(Date.UTC(year, 0, day)).toISOString().slice(0, 10);
}

export function parseAocXlsx(xlsx: Uint8Array): AocParseResult {
  const sheet = readXlsxFirstSheet(xlsx);
  const headerPos = sheet.findIndex((r) => Object.values(r.cells).some((v) => v.trim() === HEADERS.type));
  if (headerPos < 0) throw new Error(`AOC: header row with "${HEADERS.type}" not found`);
  const letterOf: Record<string, string> = {};
  for (const [letter, v] of Object.entries(sheet[headerPos].cells)) letterOf[v.trim()] = letter;
  const letters = Object.fromEntries(
    Object.entries(HEADERS).map(([k, name]) => {
      if (!letterOf[name]) throw new Error(`AOC: column "${name}" not found in the header row`);
      return [k, letterOf[name]];
    }),
  ) as Record<keyof typeof HEADERS, string>;
  const notice = sheet
    .slice(0, headerPos)
    .flatMap((r) => Object.values(r.cells))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

  const rows: AocRow[] = [];
  for (const { row, cells } of sheet.slice(headerPos + 1)) {
    const get = (k: keyof typeof HEADERS) => (cells[letters[k]] ?? '').trim();
    if (!get('addOn') && !get('primary')) continue;
    const where = `AOC row ${row}`;
    const type = Number(get('type'));
    if (![1, 2, 3].includes(type)) throw new Error(`${where}: edit type "${get('type')}" is not 1, 2 or 3`);
    if (!/^[A-Z0-9]{5}$/.test(get('addOn')) || !/^[A-Z0-9]{5}$/.test(get('primary'))) {
      throw new Error(`${where}: malformed code(s) "${get('addOn')}" / "${get('primary')}"`);
    }
    let eff: string;
    let del: string;
    try {
      eff = julianToIso(get('eff'));
      del = julianToIso(get('del'));
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`, { cause: e });
    }
    if (!eff) throw new Error(`${where}: no ${HEADERS.eff}`);
    const out: AocRow = [get('addOn'), get('primary'), type, eff, del];
    const note = get('notes').replace(/\s+/g, ' ');
    if (note) out.push(note);
    rows.push(out);
  }
  return { rows, notice };
}
