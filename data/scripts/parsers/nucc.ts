import { parse } from 'csv-parse/sync';
import type { NuccRow } from '../../../server/src/engine/data/bundle-types.js';
import { decodeText } from '../lib/text.js';

/** NUCC Health Care Provider Taxonomy CSV (UTF-8): Code, Grouping, Classification, Specialization, Definition, Notes, Display Name, Section. */

const WANTED = ['Code', 'Grouping', 'Classification', 'Specialization', 'Definition', 'Display Name', 'Section'] as const;

export function parseNuccCsv(input: string | Uint8Array): NuccRow[] {
  const text = decodeText(input, 'utf-8');
  const records = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
  if (records.length === 0) throw new Error('NUCC: empty file');
  const header = records[0].map((h) => h.trim().toLowerCase());
  const idx = WANTED.map((name) => {
    const i = header.indexOf(name.toLowerCase());
    if (i < 0) throw new Error(`NUCC: column "${name}" not found in header (${records[0].join(', ')})`);
    return i;
  });
  const seen = new Set<string>();
  return records.slice(1).map((rec, n) => {
    const v = idx.map((i) => (rec[i] ?? '').trim());
    if (!/^[0-9]{3}[0-9A-Z]{6}X$/.test(v[0])) throw new Error(`NUCC record ${n + 2}: malformed taxonomy code "${v[0]}"`);
    if (seen.has(v[0])) throw new Error(`NUCC record ${n + 2}: duplicate code ${v[0]}`);
    seen.add(v[0]);
    return v as NuccRow;
  });
}
