import { readFile, stat } from 'node:fs/promises';
import { BINARY_REASON_TEXT, decodeDocument } from '../engine';

export type BoundedRead = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Reads a small text file named by a user or a setting: a regular file of at most `maxBytes`, so /dev/zero, a FIFO
 * or a huge file in its place neither hangs nor fills memory. Decoded as documents are (engine `decodeDocument`): a
 * UTF-8 BOM is dropped (JSON.parse refuses it; an editor hides it) and UTF-16 with its BOM is read. Never throws;
 * `reason` says what is wrong.
 */
export async function readBoundedText(path: string, maxBytes: number): Promise<BoundedRead> {
  try {
    const s = await stat(path);
    if (!s.isFile()) return { ok: false, reason: 'not a regular file' };
    if (s.size > maxBytes) return { ok: false, reason: `${(s.size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB such a file may have` };
    const d = decodeDocument(await readFile(path));
    return d.ok ? { ok: true, text: d.text } : { ok: false, reason: BINARY_REASON_TEXT[d.reason] };
  } catch (e) {
    return { ok: false, reason: String((e as NodeJS.ErrnoException).code ?? (e as Error).message) };
  }
}
