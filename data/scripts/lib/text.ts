/** Text helpers shared by the parsers (pure, no I/O). */

// Windows-1252 0x80-0x9F (undefined bytes map to the C1 control of the same value, as WHATWG does).
const CP1252_HIGH = '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';

/**
 * Windows-1252 decoding done by hand: Node 20's TextDecoder('windows-1252') decodes 0x80-0x9F as Latin-1
 * (e.g. 0x92 stays U+0092 instead of ’).
 */
export function decodeCp1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const end = Math.min(bytes.length, i + CHUNK);
    const codes = new Array<number>(end - i);
    for (let j = i; j < end; j++) {
      const b = bytes[j];
      codes[j - i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** Decodes raw bytes; CMS fixed-width and CSV files are Windows-1252, CDC/NUCC/FSH files UTF-8. A leading BOM is dropped. */
export function decodeText(input: string | Uint8Array, encoding: 'utf-8' | 'windows-1252' = 'utf-8'): string {
  const text = typeof input === 'string' ? input : encoding === 'windows-1252' ? decodeCp1252(input) : new TextDecoder('utf-8').decode(input);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Splits on CRLF / LF / lone CR (never keeps the terminator). */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Trims and collapses internal runs of whitespace to one space. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** 1-based inclusive column slice, as record layouts are written; short lines read as blank. */
export function col(line: string, from: number, to: number): string {
  return line.slice(from - 1, to);
}
