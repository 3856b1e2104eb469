import { readFile, stat } from 'node:fs/promises';

export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;

/** True when the first bytes contain NUL or mostly control characters: not a text document. */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.1;
}

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

/** Reads a document for checking; never throws — the reason says what is wrong with the file. */
export async function readDocument(path: string, maxSize = DEFAULT_MAX_FILE_SIZE): Promise<ReadResult> {
  try {
    const s = await stat(path);
    if (!s.isFile()) return { ok: false, reason: 'not a regular file' };
    if (s.size > maxSize) return { ok: false, reason: `file is ${(s.size / 1048576).toFixed(1)} MB, over the ${(maxSize / 1048576).toFixed(0)} MB limit (--max-file-size)` };
    const buf = await readFile(path);
    if (looksBinary(buf)) return { ok: false, reason: 'binary file, not text' };
    const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (e) {
    return { ok: false, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String((e as Error).message) };
  }
}
