import { DATE_TEXT, parseDate } from '../dates';
import type { Field } from './model';
import { shouldYield, type Steps } from '../steps';

/**
 * Dates of service a document states in words: "Date of service: 2019-03-04", "DOS 03/04/2019", "Visit date:
 * March 4, 2019". Each applies to the codes after it (until the next one); codes before the first one take the first.
 */
const STATEMENT = new RegExp(
  // bounded whitespace, never two \s* side by side: "DOS" and a run of spaces must not backtrack quadratically
  `\\b(?:dates? of service|DOS|service date|date of visit|visit date|encounter date|date of encounter|seen on)\\b(?:\\s{0,8}\\(s\\))?\\s{0,8}(?:[:=#-]\\s{0,8})?(${DATE_TEXT.source})`,
  'gi',
);

export function* statedDates(text: string): Steps<Field[]> {
  const out: Field[] = [];
  let n = 0;
  STATEMENT.lastIndex = 0;
  for (let m = STATEMENT.exec(text); m; m = STATEMENT.exec(text)) {
    if (shouldYield(n++)) {
      // the regex is shared: keep its place across a yield (another document may be analysed meanwhile)
      const at = STATEMENT.lastIndex;
      yield;
      STATEMENT.lastIndex = at;
    }
    const iso = parseDate(m[1]);
    if (!iso) continue;
    const start = m.index + m[0].length - m[1].length;
    out.push({ value: iso, text: m[1], start, end: start + m[1].length });
  }
  return out;
}

/**
 * The stated date that governs an offset: the last one before it, else the first one. Asked with offsets in
 * increasing order (the document's tokens), so one pass over the dates serves the whole document.
 */
export function statedDateCursor(dates: readonly Field[]): (offset: number) => Field | undefined {
  let i = -1;
  return (offset) => {
    while (i + 1 < dates.length && dates[i + 1].start <= offset) i++;
    return i >= 0 ? dates[i] : dates[0];
  };
}
