import { readFile, stat } from 'node:fs/promises';

export type BoundedRead = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Reads a small text file named by a user or a setting: a regular file of at most `maxBytes`, so /dev/zero, a FIFO
 * or a huge file in its place neither hangs nor fills memory. Never throws; `reason` says what is wrong.
 */
export async function readBoundedText(path: string, maxBytes: number): Promise<BoundedRead> {
  try {
    const s = await stat(path);
    if (!s.isFile()) return { ok: false, reason: 'not a regular file' };
    if (s.size > maxBytes) return { ok: false, reason: `${(s.size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB such a file may have` };
    return { ok: true, text: await readFile(path, 'utf8') };
  } catch (e) {
    return { ok: false, reason: String((e as NodeJS.ErrnoException).code ?? (e as Error).message) };
  }
}
