import type { MpfsBundle, MpfsRow, MpfsYear } from '../../../server/src/engine/data/bundle-types.js';
import type { MpfsFileRow } from '../parsers/mpfs.js';

/**
 * Merges MPFS years into one table: one row per distinct (code, modifier, indicator values) with the years it
 * applies to as a bit mask. Indicators rarely change between years, so four years cost little more than one
 * (docs/architecture.md, "Bundle format"). Descriptors come from the newest year only.
 */
export interface MpfsYearInput {
  year: MpfsYear;
  rows: MpfsFileRow[];
}

/** At most 31 years: the mask must stay a positive 32-bit integer. */
export const MAX_MPFS_YEARS = 31;

export function mergeMpfsYears(inputs: MpfsYearInput[]): MpfsBundle {
  if (!inputs.length) throw new Error('MPFS: no year to merge');
  const years = [...inputs].sort((a, b) => a.year.year - b.year.year);
  if (years.length > MAX_MPFS_YEARS) throw new Error(`MPFS: ${years.length} years; the year masks hold at most ${MAX_MPFS_YEARS}`);
  years.forEach((y, i) => {
    if (i && y.year.year === years[i - 1].year.year) throw new Error(`MPFS: two files for ${y.year.id}`);
  });
  const newest = years.length - 1;
  // key: code \t modifier \t indicators (status … team, not-priced settings) → mask
  const masks = new Map<string, number>();
  const descriptors = new Map<string, string>();
  years.forEach(({ rows }, i) => {
    for (const r of rows) {
      const key = [...r.slice(0, 10), r[11]].join('\t');
      masks.set(key, (masks.get(key) ?? 0) | (1 << i));
      if (i === newest) descriptors.set(`${r[0]}\t${r[1]}`, r[10]);
    }
  });
  const out: MpfsRow[] = [];
  for (const [key, mask] of masks) {
    const [code, mod, ...ind] = key.split('\t');
    const desc = mask & (1 << newest) ? (descriptors.get(`${code}\t${mod}`) ?? '') : '';
    out.push([code, mod, mask, ind[0], ind[1], ind[2], ind[3], ind[4], ind[5], ind[6], ind[7], desc, ind[8]]);
  }
  // code, then modifier ("" first), then oldest years first: a stable, diff-friendly order
  out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : lowBit(a[2]) - lowBit(b[2])));
  const first = years[0].year;
  const last = years[newest].year;
  return { edition: years.length > 1 ? `${first.id}-${last.id}` : last.id, years: years.map((y) => y.year), rows: out };
}

const lowBit = (mask: number) => Math.log2(mask & -mask);

/** Per-year change counts for the build log: codes (any modifier) added and dropped against the year before. */
export function mpfsYearChanges(bundle: MpfsBundle): { id: string; codes: number; added: number; dropped: number; changed: number }[] {
  const codeMask = new Map<string, number>();
  const globals = new Map<string, MpfsRow[]>();
  for (const r of bundle.rows) {
    codeMask.set(r[0], (codeMask.get(r[0]) ?? 0) | r[2]);
    if (r[1] === '') globals.set(r[0], [...(globals.get(r[0]) ?? []), r]);
  }
  return bundle.years.map((y, i) => {
    const bit = 1 << i;
    const prev = i ? 1 << (i - 1) : 0;
    let codes = 0;
    let added = 0;
    let dropped = 0;
    let changed = 0;
    for (const [code, m] of codeMask) {
      if (m & bit) codes++;
      if (i && m & bit && !(m & prev)) added++;
      if (i && !(m & bit) && m & prev) dropped++;
      // global row present in both years but on different rows: its indicators changed
      const g = globals.get(code);
      if (i && g && g.some((r) => r[2] & bit) && g.some((r) => r[2] & prev) && !g.some((r) => r[2] & bit && r[2] & prev)) changed++;
    }
    return { id: y.id, codes, added, dropped, changed };
  });
}
