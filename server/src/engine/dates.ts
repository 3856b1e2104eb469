/** Dates as the engine uses them: ISO `YYYY-MM-DD` strings, compared as strings, in UTC. */

/** Where a date of service came from, most specific first. */
export type DateSource = 'line' | 'claim' | 'document' | 'setting' | 'today';

/** A real calendar date in YYYY-MM-DD form (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && isDay(+s.slice(0, 4), +s.slice(5, 7), +s.slice(8, 10));
}

/** Whether the proleptic Gregorian calendar has this day (as Date does); arithmetic, not a Date per date. */
function isDay(y: number, m: number, d: number): boolean {
  if (y < 0 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

/** Today's date (UTC) in YYYY-MM-DD form: the date of service when nothing else gives one. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** YYYYMMDD (CMS files, X12 D8) → YYYY-MM-DD; '' when it is not one. */
export function isoFromCompact(yyyymmdd: string): string {
  return /^\d{8}$/.test(yyyymmdd) ? `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` : '';
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function iso(y: number, m: number, d: number): string {
  return isDay(y, m, d) ? `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : '';
}

/** Two-digit years: within the last 80 years and the next 20, as claim systems read them. */
function fullYear(yy: number): number {
  const now = new Date().getUTCFullYear();
  const y = 2000 + yy;
  return y > now + 20 ? y - 100 : y;
}

/**
 * A date as claim exports and notes write it, as YYYY-MM-DD ('' when it is none): 2019-03-04, 20190304 (X12 D8),
 * 03/04/2019 and 3/4/19 (US month first), 04-MAR-2019, March 4, 2019 and 4 Mar 2019. A time after the date is ignored.
 */
export function parseDate(text: string): string {
  const s = text.trim().replace(/[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/, '');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})$/.exec(s);
  if (m) return iso(m[3].length === 2 ? fullYear(+m[3]) : +m[3], +m[1], +m[2]);
  m = /^(\d{1,2})[- ]([A-Za-z]{3,9})\.?[- ,]+(\d{4})$/.exec(s);
  if (m && MONTHS.includes(m[2].slice(0, 3).toLowerCase())) return iso(+m[3], MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1, +m[1]);
  m = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(s);
  if (m && MONTHS.includes(m[1].slice(0, 3).toLowerCase())) return iso(+m[3], MONTHS.indexOf(m[1].slice(0, 3).toLowerCase()) + 1, +m[2]);
  return '';
}

/** The date-shaped text at the start of `s` (for "Date of service: 03/04/2019 …"), or ''. */
export const DATE_TEXT = /\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}\/(?:\d{4}|\d{2})(?!\d)|\d{1,2}-[A-Za-z]{3}-\d{4}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{8}(?!\d)/;
