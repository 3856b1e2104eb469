/** Dates as the engine uses them: ISO `YYYY-MM-DD` strings, compared as strings, in UTC. */

/** A real calendar date in YYYY-MM-DD form (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Today's date (UTC) in YYYY-MM-DD form: the date of service when nothing else gives one. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** YYYYMMDD (CMS files, X12 D8) → YYYY-MM-DD; '' when it is not one. */
export function isoFromCompact(yyyymmdd: string): string {
  return /^\d{8}$/.test(yyyymmdd) ? `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` : '';
}
