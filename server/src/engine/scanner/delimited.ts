import { CODE_COLUMN_KINDS, columnKind } from './columns';

/**
 * Delimited files (CSV, TSV, pipe, semicolon): records read per RFC 4180 (quoted cells may hold delimiters, doubled
 * quotes and line breaks) with exact offsets into the text, so a finding points at the cell as written.
 */

export type Delimiter = ',' | '\t' | '|' | ';';
const DELIMITERS: Delimiter[] = [',', '\t', '|', ';'];

/** A cell's text (trimmed, quotes removed) and its whole extent between the delimiters (blanks and quotes included). */
export interface CellSpan {
  start: number;
  end: number;
  text: string;
  from: number;
  to: number;
}

const isBreak = (c: string | undefined) => c === '\n' || c === '\r';

/** Offset after the line break at `p` (CRLF, LF or CR). */
function afterBreak(text: string, p: number): number {
  return text[p] === '\r' && text[p + 1] === '\n' ? p + 2 : p + 1;
}

const BREAKS = /[\r\n]+/y;

/** Offset after the run of line breaks (blank lines) at `p`. */
export function skipBreaks(text: string, p: number): number {
  BREAKS.lastIndex = p;
  return BREAKS.test(text) ? BREAKS.lastIndex : p;
}

let lastQuote = { text: '', at: -1 };

/**
 * Where the quoted cell opened before `from` closes, or -1 when that quote is stray: never closed, or closed on a
 * later line by a quote that is followed by more text (a well-formed quoted cell ends at a delimiter or line end).
 */
function closingQuote(text: string, from: number, delimiter: Delimiter): number {
  // an unclosed quote on every line must not rescan the rest of the text each time
  if (lastQuote.text !== text) lastQuote = { text, at: text.lastIndexOf('"') };
  if (from > lastQuote.at) return -1;
  const n = text.length;
  let j = from;
  let multiline = false;
  while (j < n && !(text[j] === '"' && text[j + 1] !== '"')) {
    if (isBreak(text[j])) multiline = true;
    j += text[j] === '"' ? 2 : 1;
  }
  // unterminated on its line: the cell runs to the end of the text (never past it: j may step over a final "")
  if (j >= n) return multiline ? -1 : n;
  if (!multiline) return j;
  let k = j + 1;
  while (k < n && (text[k] === ' ' || text[k] === '\t') && text[k] !== delimiter) k++;
  return k >= n || text[k] === delimiter || isBreak(text[k]) ? j : -1;
}

/** Reads one record starting at `p`; returns its cells and the offset where the next record starts. */
export function readRecord(text: string, p: number, delimiter: Delimiter = ','): { cells: CellSpan[]; next: number } {
  const cells: CellSpan[] = [];
  const n = text.length;
  for (;;) {
    const from = p;
    let start: number;
    let end: number;
    while (p < n && (text[p] === ' ' || (text[p] === '\t' && delimiter !== '\t'))) p++;
    const quoted = text[p] === '"' ? closingQuote(text, p + 1, delimiter) : -1;
    if (quoted >= 0) {
      start = p + 1;
      end = quoted;
      p = Math.min(quoted + 1, n);
      while (p < n && text[p] !== delimiter && !isBreak(text[p])) p++;
    } else {
      // a stray quote (never closed, or closed lines later by another cell's quote) is text, not a quoted cell:
      // read to the end of the line, or it would swallow the header and rows with it
      if (text[p] === '"') p++;
      start = p;
      while (p < n && text[p] !== delimiter && !isBreak(text[p])) p++;
      end = p;
    }
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    cells.push({ start: start + lead, end: start + lead + trimmed.length, text: trimmed, from, to: p });
    if (p >= n) return { cells, next: n + 1 };
    if (isBreak(text[p])) return { cells, next: afterBreak(text, p) };
    p++; // the delimiter
  }
}

/** Cells of one line split on a delimiter outside quotes (for sniffing: no multi-line cells). */
function splitLine(line: string, d: Delimiter): string[] {
  const out: string[] = [];
  const dc = d.charCodeAt(0);
  let quoted = false;
  let from = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === dc && !quoted) {
      out.push(line.slice(from, i).trim());
      from = i + 1;
    }
  }
  out.push(line.slice(from).trim().replace(/^"|"$/g, ''));
  return out.map((x) => x.replace(/^"|"$/g, ''));
}

/** How many cells splitLine() would give, without building them (a header may have thousands). */
function cellCount(line: string, d: Delimiter): number {
  const dc = d.charCodeAt(0);
  let quoted = false;
  let n = 1;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === dc && !quoted) n++;
  }
  return n;
}

/** A `#` comment line before the header, such as the `clinical-codes: columns` directive. */
export const isCommentLine = (line: string) => /^\s*#/.test(line);

const LINE_END = /[\r\n]/g;

/**
 * First lines of a text (within its first 64 KB past blank lines), without a BOM, comment lines and blank lines.
 * Runs of blank lines are skipped by one search each: a part of a large file (engine/parts) is mostly blank lines.
 */
function firstLines(text: string, max: number): string[] {
  const out: string[] = [];
  let budget = 64 * 1024;
  for (let p = text.charCodeAt(0) === 0xfeff ? 1 : 0; out.length < max && budget > 0; ) {
    p = skipBreaks(text, p);
    if (p >= text.length) break;
    LINE_END.lastIndex = p;
    const end = LINE_END.test(text) ? LINE_END.lastIndex - 1 : text.length;
    const line = text.slice(p, Math.min(end, p + budget));
    budget -= end - p + 1;
    p = end;
    if (!line.trim() || (out.length === 0 && isCommentLine(line))) continue;
    out.push(line);
  }
  return out;
}

/**
 * The delimiter of a delimited file: the one that splits the header into the most cells and the next rows into the
 * same number (a quoted cell may hold the others). Comma when nothing else is consistent.
 */
export function sniffDelimiter(text: string): Delimiter {
  const lines = firstLines(text, 12);
  if (!lines.length) return ',';
  let best: { d: Delimiter; score: number } = { d: ',', score: 0 };
  for (const d of DELIMITERS) {
    const width = cellCount(lines[0], d);
    if (width < 2) continue;
    const rows = lines.slice(1);
    const consistent = rows.filter((l) => cellCount(l, d) === width).length;
    const score = width * (rows.length ? (consistent + 1) / (rows.length + 1) : 1);
    if (score > best.score) best = { d, score };
  }
  return best.d;
}

/**
 * Whether a text whose name does not say (a `.txt` export, an untitled buffer) is a delimited file with a header
 * row: at least two code or claim columns named in the first line, the same number of cells in the rows after it,
 * and no markdown table (a pipe table has a leading pipe or a `---` separator row).
 */
export function looksDelimited(text: string): boolean {
  const lines = firstLines(text, 12);
  if (lines.length < 2) return false;
  if (/^\s*\|/.test(lines[0]) || /^\s*\|?\s*:?-{2,}/.test(lines[1])) return false;
  const d = sniffDelimiter(text);
  const header = splitLine(lines[0], d);
  if (header.length < 3) return false;
  const kinds = header.map((h) => columnKind(h));
  const named = kinds.filter((k) => k !== 'other' && k !== 'description').length;
  if (named < 2 || !kinds.some((k) => CODE_COLUMN_KINDS.has(k))) return false;
  // prose has long "cells"; a header names columns in a few words each
  if (header.some((h) => h.split(/\s+/).length > 6)) return false;
  const rows = lines.slice(1);
  return rows.filter((l) => cellCount(l, d) === header.length).length >= Math.ceil(rows.length * 0.8);
}
