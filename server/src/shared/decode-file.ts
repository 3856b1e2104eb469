import { isAscii } from 'node:buffer';
import { binaryReason, decodeDocument, type DecodedDocument } from '../engine';

/**
 * A file's bytes as its text, as engine `decodeDocument` decodes them, with a file of ASCII bytes only (most notes and
 * every claim export seen) taken as it is: the same text (no BOM, one character a byte), 1 ms for 14 MB of notes
 * where decoding it as UTF-8 took 38-50 ms. `ascii` also says its text offsets are its byte offsets
 * (shared/file-pieces.ts).
 */
export function decodeFile(bytes: Buffer): DecodedDocument & { ascii: boolean } {
  if (!isAscii(bytes)) return { ...decodeDocument(bytes), ascii: false };
  const text = bytes.toString('latin1');
  const reason = binaryReason(text);
  return reason ? { ok: false, reason, encoding: 'utf-8', ascii: true } : { ok: true, text, encoding: 'utf-8', ascii: true };
}
