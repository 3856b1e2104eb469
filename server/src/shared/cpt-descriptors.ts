import { parse } from 'csv-parse/sync';
import { readBoundedText } from './bounded-file';

/** ~10,000 CPT codes with descriptors are about 1 MB. */
const MAX_DESCRIPTOR_BYTES = 16 * 1024 * 1024;

/** The descriptor file could not be read; the message is the plain reason (`readBoundedText`). */
export class UnreadableFile extends Error {}

/** What to print after the file's name when `readCptDescriptors` failed. */
export const descriptorFileProblem = (e: unknown) => (e instanceof UnreadableFile ? e.message : `not readable as CSV: ${(e as Error).message}`);

/**
 * Reads a licensed user's CPT descriptor file: CSV with the code in the first column and the descriptor in the
 * second (a header row is allowed). Returns the map and any rows that could not be used.
 */
export async function readCptDescriptors(file: string): Promise<{ map: Map<string, string>; skipped: number }> {
  const read = await readBoundedText(file, MAX_DESCRIPTOR_BYTES);
  if (!read.ok) throw new UnreadableFile(read.reason);
  const text = read.text;
  const rows = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true, trim: true }) as string[][];
  const map = new Map<string, string>();
  let skipped = 0;
  for (const [i, r] of rows.entries()) {
    const code = (r[0] ?? '').toUpperCase();
    if (i === 0 && /^[a-z ]+$/i.test(r[0] ?? '')) continue; // header row
    if (/^\d{4}[0-9FTUM]$/.test(code) && r[1]) map.set(code, r[1]);
    else skipped++;
  }
  return { map, skipped };
}
