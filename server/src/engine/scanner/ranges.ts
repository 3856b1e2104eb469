import type { CodeToken } from './tokens';
import { shouldYield, type Steps } from '../steps';

/**
 * Code ranges and header references in coding documents. "A0021-A0999", "99201 through 99215", "E08.00 - E13.9",
 * "0001U-00xxU" name a span of codes: their endpoints are not claims that a code is valid (a range may start or
 * end at a deleted or never-assigned number), so the validity rules leave them alone and only `range.malformed`
 * judges the pair. "E11.31-" and "J45.-" (the ICD-10-CM "more characters needed" dash) refer to a header.
 */

/** How a range endpoint is written: code shape with lowercase x placeholders (99xxx, M17.1x). */
const ENDPOINT = '[A-Z0-9][0-9A-Za-z]{2,6}(?:\\.[0-9A-Za-z]{1,5})?';
const JOIN = '[ \\t]*(?:-|–|—|\\bthrough\\b|\\bthru\\b)[ \\t]*';
const AFTER = new RegExp(`^${JOIN}(${ENDPOINT})(?![0-9A-Za-z.])`);
const BEFORE = new RegExp(`(?<![0-9A-Za-z.])(${ENDPOINT})${JOIN}$`);
/** "J45.-", "E11.31-": the dash right after the code, then nothing of a code */
const OPEN_DASH = /^\.?-(?![0-9A-Za-z-])/;

/** The family an endpoint belongs to: both ends of a range must be of one (CPT Category I with Category I …). */
export function rangeFamily(code: string): string | undefined {
  const c = code.toUpperCase();
  if (/^[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{0,4})$/.test(c) && !/^[A-Z]\d{4}$/.test(c)) return 'ICD-10-CM';
  if (/^\d[0-9X]{4}$/.test(c)) return 'CPT Category I';
  if (/^\d[0-9X]{3}F$/.test(c)) return 'CPT Category II';
  if (/^\d[0-9X]{3}T$/.test(c)) return 'CPT Category III';
  if (/^\d[0-9X]{3}U$/.test(c)) return 'CPT PLA';
  if (/^\d[0-9X]{3}M$/.test(c)) return 'CPT MAAA';
  if (/^[A-V][0-9X]{4}$/.test(c)) return `HCPCS ${c[0]} codes`;
  return undefined;
}

/** Marks range endpoints and open ("more characters needed") references among the code tokens of a document. */
export function* markRanges(tokens: CodeToken[], text: string, lineStart: (line: number) => number): Steps<void> {
  const codes: CodeToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (shouldYield(i)) yield;
    const t = tokens[i];
    if (t.system === 'icd10cm' || t.system === 'cpt' || t.system === 'hcpcs') codes.push(t);
  }
  for (let i = 0; i < codes.length; i++) {
    if (shouldYield(i)) yield;
    const t = codes[i];
    if (t.system === 'icd10cm' && OPEN_DASH.test(text.slice(t.end, t.end + 3))) {
      t.open = true;
      continue;
    }
    if (!t.range) {
      const after = AFTER.exec(text.slice(t.end, t.end + 24));
      if (after && rangeFamily(t.text) && rangeFamily(after[1])) {
        const otherStart = t.end + after[0].length - after[1].length;
        const next = codes[i + 1];
        const other = { text: after[1], start: otherStart, end: otherStart + after[1].length };
        t.range = { role: 'start', other };
        if (next && next.start === otherStart) next.range = { role: 'end', other: { text: t.text, start: t.start, end: t.end } };
        continue;
      }
    }
    if (!t.range) {
      const from = Math.max(lineStart(t.line), t.start - 24);
      const before = BEFORE.exec(text.slice(from, t.start));
      if (before && rangeFamily(t.text) && rangeFamily(before[1])) {
        const otherStart = from + before.index;
        t.range = { role: 'end', other: { text: before[1], start: otherStart, end: otherStart + before[1].length } };
      }
    }
  }
}

/** Why a range is malformed (its ends in different families, or the end before the start), if it is. */
export function rangeProblem(start: string, end: string): string | undefined {
  const a = rangeFamily(start);
  const b = rangeFamily(end);
  if (!a || !b) return undefined;
  if (a !== b) return `its ends are in different code families (${start} is ${a}, ${end} is ${b})`;
  const key = (c: string) => c.toUpperCase().replace('.', '').replace(/X/g, a === 'ICD-10-CM' ? 'X' : '0');
  const ka = key(start);
  const kb = key(end);
  // compare as far as both are written: E11.9 - E11 is an open end, not a reversal
  const n = Math.min(ka.length, kb.length);
  if (ka.slice(0, n) > kb.slice(0, n)) return `it ends (${end}) before it starts (${start})`;
  return undefined;
}
