import { decodeText, splitLines } from '../lib/text.js';

/**
 * CMS ICD-10-CM order file (icd10cm_order_YYYY.txt), fixed width, CRLF:
 *   [0:5] order number, [6:13] code without dot (left-justified), [14] 1 = billable / 0 = header,
 *   [16:76] short title, [77:] long title.
 */
export interface IcdOrderRecord {
  /** null for records that came from an addenda file (no order number) */
  order: number | null;
  code: string;
  billable: boolean;
  short: string;
  long: string;
}

/** FY2026 introduced letter-second codes (QA0…), so only the first character is fixed. */
export const ICD_CODE_RE = /^[A-Z][0-9A-Z]{2,6}$/;

/** Column positions (0-based, end exclusive) of one ICD record layout. */
export interface IcdRecordLayout {
  code: [number, number];
  flag: number;
  short: [number, number];
  long: number;
}

/** Order file: order[0:5] code[6:13] flag[14] short[16:76] long[77:] */
export const ORDER_FILE_LAYOUT: IcdRecordLayout = { code: [6, 13], flag: 14, short: [16, 76], long: 77 };

/** Parses the code/flag/title fields of one record (shared with the addenda parser, whose layout differs). */
export function parseIcdFields(line: string, layout: IcdRecordLayout, where: string): Omit<IcdOrderRecord, 'order'> {
  const flag = line[layout.flag];
  const code = line.slice(...layout.code).trim();
  if (flag !== '0' && flag !== '1') throw new Error(`${where}: billable flag must be 0 or 1, got "${flag ?? ''}"`);
  if (!ICD_CODE_RE.test(code)) throw new Error(`${where}: malformed ICD-10-CM code "${code}"`);
  const short = line.slice(...layout.short).trim();
  const long = line.slice(layout.long).trim();
  if (!long) throw new Error(`${where}: empty long title for ${code}`);
  return { code, billable: flag === '1', short: short || long, long };
}

export function parseIcdOrderFile(input: string | Uint8Array, fileName = 'order file'): IcdOrderRecord[] {
  const text = decodeText(input, 'windows-1252');
  const out: IcdOrderRecord[] = [];
  const seen = new Set<string>();
  splitLines(text).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${fileName} line ${i + 1}`;
    const orderText = line.slice(0, 5);
    if (!/^\d{5}$/.test(orderText) || line[5] !== ' ') throw new Error(`${where}: expected a 5-digit order number, got "${line.slice(0, 14)}"`);
    const rec = { order: Number(orderText), ...parseIcdFields(line, ORDER_FILE_LAYOUT, where) };
    if (seen.has(rec.code)) throw new Error(`${where}: duplicate code ${rec.code}`);
    seen.add(rec.code);
    out.push(rec);
  });
  return out;
}
