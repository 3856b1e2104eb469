import { readFileSync, statSync, type Stats } from 'node:fs';
import { BINARY_REASON_TEXT, type TextEncodingName } from '../engine';
import { notAFileReason, unreadableReason } from './bounded-file';
import { decodeFile } from './decode-file';

export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;

/** Why a file was not checked: stable words for JSON and SARIF ('analysis-failed': a bug of ours, reported). */
export type SkipKind = 'binary' | 'too-large' | 'unreadable' | 'not-a-file' | 'analysis-failed';

export type ReadResult =
  | {
      ok: true;
      text: string;
      encoding: TextEncodingName;
      /** the file as it was read, and whether its pieces can be read again from it (shared/file-pieces.ts) */
      file: { stats: Pick<Stats, 'size' | 'mtimeMs'>; piecesReadable: boolean };
    }
  | { ok: false; skipped: SkipKind; reason: string };

/**
 * Reads a document for checking, decoded as an editor would (`decodeFile`, engine `decodeDocument`: UTF-8, or UTF-16 with its
 * BOM; binary when a NUL is in the first 8 KB). Never throws: `reason` says what is wrong with the file.
 */
export async function readDocument(path: string, maxSize = DEFAULT_MAX_FILE_SIZE): Promise<ReadResult> {
  try {
    // synchronous: the CLI's thread analyses between reads, and each step of an async read (open, fstat, read,
    // close) waited for it to be free, so the next file was still being read when the last was done (~6% idle)
    const s = statSync(path);
    const notAFile = notAFileReason(s);
    if (notAFile) return { ok: false, skipped: 'not-a-file', reason: notAFile };
    if (s.size > maxSize) return { ok: false, skipped: 'too-large', reason: `file is ${(s.size / 1048576).toFixed(1)} MB, over the ${+(maxSize / 1048576).toFixed(2)} MB limit (--max-file-size)` };
    const bytes = readFileSync(path);
    const d = decodeFile(bytes);
    if (!d.ok) return { ok: false, skipped: 'binary', reason: BINARY_REASON_TEXT[d.reason] };
    return { ok: true, text: d.text, encoding: d.encoding, file: { stats: s, piecesReadable: d.ascii && bytes.length === s.size } };
  } catch (e) {
    return { ok: false, skipped: 'unreadable', reason: unreadableReason(e) };
  }
}
