import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { BINARY_REASON_TEXT } from '../engine';
import { decodeFile } from './decode-file';

export type BoundedRead = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Why a file could not be opened or read, in plain words: one wording for documents, policy packs and CPT descriptor
 * files, so no user sees a raw "ENOENT: no such file or directory, open …".
 */
export function unreadableReason(e: unknown): string {
  return `cannot read it: ${errnoWords(e, 'file not found (or a dangling symbolic link)')}`;
}

/** Why a file named by the user (`--out`) could not be written, in the same words. */
export function unwritableReason(e: unknown): string {
  return `cannot write it: ${errnoWords(e, 'its folder does not exist')}`;
}

function errnoWords(e: unknown, missing: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return missing;
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  if (code === 'EISDIR') return 'a directory';
  return code ?? (e as Error).message;
}

/** Why something that exists is not a file to read (undefined: it is a regular file). */
export function notAFileReason(s: Stats): string | undefined {
  if (s.isFile()) return undefined;
  return s.isDirectory() ? 'a directory, not a file' : 'not a regular file (a FIFO, socket or device)';
}

/**
 * Reads a small text file named by a user or a setting: a regular file of at most `maxBytes`, so /dev/zero, a FIFO
 * or a huge file in its place neither hangs nor fills memory. Decoded as documents are (engine `decodeDocument`): a
 * UTF-8 BOM is dropped (JSON.parse refuses it; an editor hides it) and UTF-16 with its BOM is read. Never throws;
 * `reason` says what is wrong, in `readDocument`'s words.
 */
export async function readBoundedText(path: string, maxBytes: number): Promise<BoundedRead> {
  try {
    const s = await stat(path);
    const notAFile = notAFileReason(s);
    if (notAFile) return { ok: false, reason: notAFile };
    if (s.size > maxBytes) return { ok: false, reason: `file is ${(s.size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB such a file may have` };
    const d = decodeFile(await readFile(path));
    return d.ok ? { ok: true, text: d.text } : { ok: false, reason: BINARY_REASON_TEXT[d.reason] };
  } catch (e) {
    return { ok: false, reason: unreadableReason(e) };
  }
}
