import { parse } from 'csv-parse/sync';
import type { MueRow } from '../../../server/src/engine/data/bundle-types.js';
import { decodeText, squash } from '../lib/text.js';

/**
 * CMS NCCI MUE table CSV (Windows-1252): record 1 = quoted multi-line AMA notice, record 2 = header whose first
 * cell ("HCPCS/\nCPT Code") contains a newline, then: code, MUE value, MAI text ("2 Date of Service Edit: Policy"),
 * rationale. csv-parse handles the quoted newlines; the header is found by content, not by line number.
 */

export interface MueParseResult {
  rows: MueRow[];
  /** the leading copyright notice (record 1), whitespace-collapsed */
  notice: string;
}

export function parseMueCsv(input: string | Uint8Array): MueParseResult {
  const text = decodeText(input, 'windows-1252');
  const records = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  const headerIndex = records.findIndex((r) => /^HCPCS\b/i.test(squash(r[0] ?? '')) && r.length >= 3);
  if (headerIndex < 0) throw new Error('MUE: header record ("HCPCS/CPT Code", …) not found');
  const notice = squash(records.slice(0, headerIndex).map((r) => r.filter(Boolean).join(' ')).join(' '));
  const rows: MueRow[] = [];
  const seen = new Set<string>();
  for (let i = headerIndex + 1; i < records.length; i++) {
    const [code = '', value = '', mai = '', rationale = ''] = records[i].map((c) => c.trim());
    if (!code && !value) continue;
    const where = `MUE record ${i + 1} (${code})`;
    if (!/^[A-Z0-9]{5}$/.test(code)) throw new Error(`${where}: malformed code`);
    if (!/^\d+$/.test(value)) throw new Error(`${where}: MUE value "${value}" is not a whole number`);
    const m = /^([123])\s+(.*)$/.exec(mai);
    if (!m) throw new Error(`${where}: adjudication indicator "${mai}" is not "1|2|3 <text>"`);
    if (seen.has(code)) throw new Error(`${where}: duplicate code`);
    seen.add(code);
    rows.push([code, Number(value), Number(m[1]), m[2], rationale]);
  }
  return { rows, notice };
}
