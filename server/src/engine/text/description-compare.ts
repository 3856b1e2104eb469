/**
 * Compares a description written in a document with an official one. Tuned for precision: it reports a
 * mismatch only on a clear contradiction (left vs right, intravenous vs intramuscular, initial vs subsequent …)
 * or when the two share no content word at all. Abbreviated CMS short descriptors are only checked for
 * contradictions.
 */

import { BoundedCache } from '../bounded-cache';
import { ABBREVIATIONS, SYNONYMS } from './abbreviations';

const STOPWORDS = new Set(
  (
    'a an and or of the in on at to for with by from as is are be this that other than not nos nec unspecified specified ' +
    'use used when code codes procedure service services each per any all its into via due type'
  ).split(' '),
);

/** Groups of mutually exclusive terms: a description using only one member contradicts one using only another. */
const CONFLICT_GROUPS: { name: string; terms: string[] }[] = [
  { name: 'laterality', terms: ['left', 'right', 'bilateral'] },
  { name: 'route', terms: ['intravenous', 'intramuscular', 'subcutaneous', 'intraarterial', 'intrathecal', 'oral', 'intradermal', 'inhalation'] },
  { name: 'encounter', terms: ['initial', 'subsequent', 'sequela'] },
  { name: 'limb', terms: ['upper', 'lower'] },
  { name: 'course', terms: ['acute', 'chronic'] },
  { name: 'behaviour', terms: ['benign', 'malignant'] },
  { name: 'fracture', terms: ['open', 'closed'] },
  { name: 'sex', terms: ['male', 'female'] },
  { name: 'patient', terms: ['new', 'established'] },
];

/** Plural to singular, the one word-form rule both sides of every comparison share. */
export function stem(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('is') && !w.endsWith('us')) return w.slice(0, -1);
  return w;
}

const wordCache = new BoundedCache<string, string[]>(100_000);

/** Lower-cased, abbreviation-expanded words (stop words kept; callers filter). Memoised: tables repeat descriptions. */
export function words(text: string): string[] {
  let w = wordCache.get(text);
  if (!w) {
    w = computeWords(text);
    wordCache.set(text, w);
  }
  return w;
}

function computeWords(text: string): string[] {
  const out: string[] = [];
  const raw = text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\(e\)/g, 'e')
    .split(/[^a-z0-9/'-]+/)
    .filter(Boolean);
  for (let w of raw) {
    w = w.replace(/^['-]+|['-]+$/g, '');
    if (!w) continue;
    const exp = Object.hasOwn(ABBREVIATIONS, w) ? ABBREVIATIONS[w] : undefined;
    if (exp) {
      out.push(...exp.split(' '));
      continue;
    }
    const syn = Object.hasOwn(SYNONYMS, w) ? SYNONYMS[w] : undefined;
    if (syn) {
      out.push(syn);
      continue;
    }
    if (w.includes('/') || w.includes('-')) {
      for (const part of w.split(/[/-]/)) if (part) out.push(Object.hasOwn(ABBREVIATIONS, part) ? ABBREVIATIONS[part].split(' ')[0] : Object.hasOwn(SYNONYMS, part) ? SYNONYMS[part] : stem(part));
      continue;
    }
    out.push(stem(w));
  }
  return out;
}

const contentCache = new BoundedCache<string, Set<string>>(100_000);

/** Content words (no stop words, no numbers); memoised like words(): callers must not change the set. */
export function contentWords(text: string): ReadonlySet<string> {
  let c = contentCache.get(text);
  if (!c) {
    c = new Set(words(text).filter((w) => !STOPWORDS.has(w) && !/^\d+$/.test(w)));
    contentCache.set(text, c);
  }
  return c;
}

/** Normalised form used to look a description up among official titles. */
export function normalizeTitle(text: string): string {
  return words(text).join(' ');
}

export interface Contradiction {
  group: string;
  stated: string[];
  official: string[];
}

export function findContradiction(stated: string, official: string): Contradiction | undefined {
  const s = new Set(words(stated));
  const o = new Set(words(official));
  for (const g of CONFLICT_GROUPS) {
    // in the order the words appear, so messages quote them naturally
    const inS = [...s].filter((t) => g.terms.includes(t));
    const inO = [...o].filter((t) => g.terms.includes(t));
    if (inS.length && inO.length && !inS.some((t) => inO.includes(t))) {
      // "bilateral" next to "left and right" is not a contradiction
      if (g.name === 'laterality' && (inS.length > 1 || inO.length > 1)) continue;
      if (g.name === 'fracture' && !(s.has('fracture') && o.has('fracture'))) continue;
      if (g.name === 'patient' && !(s.has('patient') && o.has('patient'))) continue;
      return { group: g.name, stated: inS, official: inO };
    }
  }
  return undefined;
}

/** Share of the smaller set's content words found in the other (0 … 1). */
export function overlap(a: string, b: string): number {
  const sa = contentWords(a);
  const sb = contentWords(b);
  if (!sa.size || !sb.size) return 1;
  let n = 0;
  for (const w of sa) if (sb.has(w)) n++;
  return n / Math.min(sa.size, sb.size);
}

/**
 * Like overlap(), for abbreviated descriptors ("Rsa lower extr exam"): words match when they share their first
 * four letters, so "extr" meets "extremity" and "chemo" meets "chemotherapy".
 */
export function looseOverlap(a: string, b: string): number {
  const key = (w: string) => w.slice(0, 4);
  const sa = new Set([...contentWords(a)].map(key));
  const sb = new Set([...contentWords(b)].map(key));
  if (!sa.size || !sb.size) return 1;
  let n = 0;
  for (const w of sa) if (sb.has(w)) n++;
  return n / Math.min(sa.size, sb.size);
}

/**
 * Words that do not tell one condition from another: a description may add or drop them ("Primary osteoarthritis"
 * for "Unilateral primary osteoarthritis, right knee") without describing another code.
 */
const GENERIC = new Set(
  (
    'other unilateral primary secondary site part region disease disorder condition syndrome history encounter initial subsequent ' +
    'sequela acute chronic left right bilateral upper lower without complication mellitus patient new established visit office ' +
    'moderate mild severe'
  ).split(' '),
);

/** Content words of a description that name what it is about (GENERIC words left out). */
export function keyWords(text: string): string[] {
  return [...contentWords(text)].filter((w) => !GENERIC.has(w) && w.length >= 4);
}

/** Whether a word is found among a title's words: the same, or one form of the other (diabet-es/-ic, fractur-e/-ed). */
function wordIn(w: string, title: ReadonlySet<string>): boolean {
  if (title.has(w)) return true;
  if (w.length < 5) return false;
  for (const t of title) {
    if (t.length < 5) continue;
    const n = Math.min(w.length, t.length);
    let k = 0;
    while (k < n && w[k] === t[k]) k++;
    if (k >= Math.max(5, Math.ceil(0.75 * n))) return true;
  }
  return false;
}

/** The stated description's content words that a title lacks (abbreviations expanded, word forms joined). */
export function missingFrom(stated: string, title: string): string[] {
  const t = contentWords(title);
  return [...contentWords(stated)].filter((w) => !wordIn(w, t));
}

/** How many content words of a title the stated description does not use (fewer: a closer title). */
export function extraWords(stated: string, title: string): number {
  const s = contentWords(stated);
  return [...contentWords(title)].filter((w) => !wordIn(w, s)).length;
}
