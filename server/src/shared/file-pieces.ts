import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import type { PieceSource } from '../engine';
import { unreadableReason } from './bounded-file';

/** The file changed on disk while it was being checked: what was read of it no longer belongs together. */
export class FileChangedError extends Error {}

/**
 * The pieces of a large claim file read again from disk (engine/parts `readFrom`), so the CLI does not hold the
 * file's text while its parts are analysed: ~18 MB on a 200,000-row export. Only for an ASCII file
 * (shared/decode-file.ts), whose text offsets are its byte offsets. The file stays open until `close`; a file that
 * changed since it was read (size or modification time) is a FileChangedError, never a mixture of two versions.
 */
export class FilePieces implements PieceSource {
  private fd: number | undefined;

  constructor(
    path: string,
    private readonly read: Pick<Stats, 'size' | 'mtimeMs'>,
  ) {
    try {
      this.fd = openSync(path, 'r');
    } catch (e) {
      throw new FileChangedError(`the file could not be opened again while it was being checked (${unreadableReason(e)}); check it again`);
    }
    this.unchanged();
  }

  slice(from: number, to: number): string {
    if (this.fd === undefined) throw new Error('the file was closed');
    const bytes = Buffer.allocUnsafe(Math.max(0, to - from));
    for (let at = 0; at < bytes.length; ) {
      const n = readSync(this.fd, bytes, at, bytes.length - at, from + at);
      if (n === 0) throw new FileChangedError('the file changed while it was being checked (it is shorter now); check it again');
      at += n;
    }
    this.unchanged();
    return bytes.toString('latin1');
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private unchanged(): void {
    const s = fstatSync(this.fd!);
    if (s.size !== this.read.size || s.mtimeMs !== this.read.mtimeMs) {
      this.close();
      throw new FileChangedError('the file changed while it was being checked; check it again');
    }
  }
}
