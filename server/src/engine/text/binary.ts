/**
 * Whether a document is text, and how its bytes become text. The CLI (bytes from disk) and the language server
 * (text the editor decoded) both decide here, on the decoded text, so a file is checked or skipped the same way in
 * both.
 */

/** The first this many UTF-16 code units decide (8 KB, the window git and editors sniff). */
export const SNIFF_LENGTH = 8192;

/** 'nul': a NUL character in the first 8 KB; 'control': more than 10% of them are control characters. */
export type BinaryReason = 'nul' | 'control';

export const BINARY_REASON_TEXT: Record<BinaryReason, string> = {
  nul: 'binary file (a NUL byte in its first 8 KB), not text',
  control: 'binary file (mostly control characters in its first 8 KB), not text',
};

/** Why this text is not a text document, or undefined when it is. Tab, LF, VT, FF and CR are text. */
export function binaryReason(text: string): BinaryReason | undefined {
  const n = Math.min(text.length, SNIFF_LENGTH);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return 'nul';
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  return n > 0 && control / n > 0.1 ? 'control' : undefined;
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export type DecodedDocument = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; reason: BinaryReason; encoding: TextEncodingName };

/** The encoding its byte order mark names (UTF-16 only with a BOM, as editors read it), else UTF-8. */
export function encodingOf(bytes: Uint8Array): TextEncodingName {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/**
 * A file's bytes as the text an editor shows: UTF-8 (BOM dropped; invalid bytes become U+FFFD), or UTF-16 LE/BE when
 * it starts with that BOM. UTF-16 without a BOM has NUL bytes and is binary, as in editors without encoding guessing.
 */
export function decodeDocument(bytes: Uint8Array): DecodedDocument {
  const encoding = encodingOf(bytes);
  // a UTF-8 head of 3 bytes per code unit holds at least the sniffed units: a large binary file is not decoded whole
  const headBytes = encoding === 'utf-8' ? 3 * SNIFF_LENGTH + 3 : 2 * SNIFF_LENGTH + 2;
  if (bytes.length > headBytes) {
    const head = binaryReason(new TextDecoder(encoding).decode(bytes.subarray(0, headBytes)));
    if (head) return { ok: false, reason: head, encoding };
  }
  // TextDecoder drops the BOM of its own encoding
  const text = new TextDecoder(encoding).decode(bytes);
  const reason = bytes.length > headBytes ? undefined : binaryReason(text);
  return reason ? { ok: false, reason, encoding } : { ok: true, text, encoding };
}
