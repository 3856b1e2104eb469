import type { Icd10NotesBundle, IcdEdition, IcdNoteSet, IcdRow } from '../data/bundle-types';
import { decodeOlderTitles, titlesIn, type IcdStore } from '../data/icd-codec';
import { BoundedCache } from '../bounded-cache';
import { overlap, stem } from '../text/description-compare';

/** ICD-10-CM replaced ICD-9-CM for dates of service from this day (US, HIPAA). */
export const ICD10_START = '2015-10-01';
/** What `editionFor` returns for a date before ICD10_START: ICD-9-CM applies and no edition judges the codes. */
export const BEFORE_ICD10 = -1;

/** "M7964" → "M79.64"; categories (3 characters) have no dot. */
export function dotIcd(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

export function undotIcd(code: string): string {
  return code.replace('.', '').toUpperCase();
}

export interface IcdCode {
  readonly code: string;
  readonly dotted: string;
  readonly short: string;
  readonly long: string;
  /** editions (ids) the code is in, oldest first */
  readonly editions: readonly string[];
  /** present in the edition asked about */
  readonly present: boolean;
  readonly billable: boolean;
}

/** One change in a code's life, in the edition where it took effect. */
export interface IcdHistoryEvent {
  edition: number;
  kind: 'added' | 'deleted' | 'became-header' | 'became-billable' | 'revised';
  /** deleted: replacements added in that edition; became-header: the billable codes it was split into */
  codes: IcdCode[];
  /** revised: the long title before the revision */
  was?: string;
}

export interface SeventhChar {
  char: string;
  meaning: string;
}

/**
 * ICD-10-CM across editions. Codes are kept sorted, so hierarchy questions (children, billable descendants)
 * are prefix ranges found by binary search rather than precomputed trees.
 */
export class Icd10System {
  readonly editions: IcdEdition[];
  private notes: Icd10NotesBundle | undefined;

  constructor(private readonly store: IcdStore) {
    this.editions = store.editions;
  }

  attachNotes(notes: Icd10NotesBundle | undefined): void {
    this.notes = notes;
  }

  get notesEdition(): string | undefined {
    return this.notes?.edition;
  }

  get current(): number {
    return this.editions.length - 1;
  }

  /**
   * Index of the edition in force on an ISO date: the newest edition that started on or before it. BEFORE_ICD10 for
   * dates before 2015-10-01 (ICD-9-CM applies); the oldest edition for later dates a bundle without the early editions
   * does not cover.
   */
  editionFor(date: string | undefined): number {
    if (!date) return this.current;
    if (date < ICD10_START) return BEFORE_ICD10;
    for (let i = this.editions.length - 1; i >= 0; i--) if (date >= this.editions[i].start) return i;
    return 0;
  }

  /** "ICD-10-CM FY2018", or what applies instead before ICD-10. */
  editionLabel(edition: number): string {
    return edition < 0 ? `ICD-9-CM (date of service before ICD-10-CM, ${ICD10_START})` : `ICD-10-CM ${this.editions[edition].id}`;
  }

  private row(code: string): IcdRow | undefined {
    const i = this.store.indexOf(code);
    return i < 0 ? undefined : this.store.rowAt(i);
  }

  /** Scanning asks about the same codes again and again: remember the answers (bounded). */
  private readonly maskCache = new BoundedCache<string, [number, number]>(50_000);

  private masks(code: string): [number, number] {
    let m = this.maskCache.get(code);
    if (!m) {
      const i = this.store.indexOf(code);
      m = i < 0 ? [0, 0] : this.store.masksAt(i);
      this.maskCache.set(code, m);
    }
    return m;
  }

  /**
   * get()'s answers: claim rules ask for each claim's diagnoses at its edition, row after row, and a lookup is a
   * binary search, a row read and a new IcdCode (bounded; the objects are shared, hence read-only).
   */
  private readonly codeCache = new BoundedCache<string, IcdCode | null>(20_000);

  get(code: string, edition = this.current): IcdCode | undefined {
    const key = `${edition}\u0000${code}`;
    let c = this.codeCache.get(key);
    if (c === undefined) {
      const r = this.row(code);
      this.codeCache.set(key, (c = r ? this.toCode(r, edition) : null));
    }
    return c ?? undefined;
  }

  /** Title and billability in an edition, for lists (no IcdCode, no row cached); undefined for an unknown code. */
  titleOf(code: string, edition = this.current): { long: string; billable: boolean } | undefined {
    const i = this.store.indexOf(code);
    return i < 0 ? undefined : this.store.titleAt(i, edition);
  }

  /** Any edition at all. */
  known(code: string): boolean {
    return this.masks(code)[0] !== 0;
  }

  exists(code: string, edition = this.current): boolean {
    return (this.masks(code)[0] & bitOf(edition)) !== 0;
  }

  isBillable(code: string, edition = this.current): boolean {
    return (this.masks(code)[1] & bitOf(edition)) !== 0;
  }

  private toCode(r: IcdRow, edition: number): IcdCode {
    const bit = bitOf(edition);
    const [short, long] = titlesIn(r, edition);
    return {
      code: r[0],
      dotted: dotIcd(r[0]),
      short,
      long,
      editions: this.editions.filter((_, i) => (r[1] & (1 << i)) !== 0).map((e) => e.id),
      present: (r[1] & bit) !== 0,
      billable: (r[2] & bit) !== 0,
    };
  }

  /** Codes (present in the edition) starting with prefix, in code order, the prefix itself excluded. */
  descendants(prefix: string, edition = this.current, billableOnly = false): IcdCode[] {
    const out: IcdCode[] = [];
    const bit = bitOf(edition);
    for (let i = this.store.lowerBound(prefix); i < this.store.size; i++) {
      const code = this.store.codeAt(i);
      if (!code.startsWith(prefix)) break;
      if (code === prefix) continue;
      const [present, billable] = this.store.masksAt(i);
      if (!(present & bit) || (billableOnly && !(billable & bit))) continue;
      out.push(this.toCode(this.store.rowAt(i), edition));
    }
    return out;
  }

  /** Categories (3-character codes) starting with a 1–2 character prefix, without building every code below them. */
  categories(prefix: string, edition = this.current): IcdCode[] {
    const out: IcdCode[] = [];
    const bit = bitOf(edition);
    for (let i = this.store.lowerBound(prefix); i < this.store.size; i++) {
      const code = this.store.codeAt(i);
      if (!code.startsWith(prefix)) break;
      if (code.length === 3 && this.store.masksAt(i)[0] & bit) out.push(this.toCode(this.store.rowAt(i), edition));
    }
    return out;
  }

  /** Direct children: descendants whose nearest present ancestor is `code`. */
  children(code: string, edition = this.current): IcdCode[] {
    const all = this.descendants(code, edition);
    const present = new Set(all.map((c) => c.code));
    return all.filter((c) => {
      for (let len = c.code.length - 1; len > code.length; len--) {
        if (present.has(c.code.slice(0, len))) return false;
      }
      return true;
    });
  }

  /** The nearest existing ancestors, category first: [M79, M796, M7964] for M79641. */
  ancestors(code: string, edition = this.current): IcdCode[] {
    const out: IcdCode[] = [];
    for (let len = 3; len < code.length; len++) {
      const c = this.get(code.slice(0, len), edition);
      if (c?.present) out.push(c);
    }
    return out;
  }

  /**
   * Valid 7th characters for a 6-character stem (already X-padded), derived from the billable codes of the edition
   * so that they are right even where the tabular XML is stale. Meanings come from the XML where it defines them,
   * else from the difference between the child's title and the stem's title.
   */
  seventhCharacters(stem: string, edition = this.current): SeventhChar[] {
    const padded = stem.padEnd(6, 'X');
    const defs = this.seventhDefs(padded);
    const stemTitle = this.get(padded, edition)?.long ?? this.nearestTitle(padded, edition);
    const out: SeventhChar[] = [];
    for (const c of this.descendants(padded, edition, true)) {
      if (c.code.length !== 7) continue;
      const ch = c.code[6];
      out.push({ char: ch, meaning: defs?.[ch] ?? titleSuffix(stemTitle, c.long) });
    }
    return out;
  }

  /** Does this stem (or category) use 7th characters at all in the edition? */
  needsSeventh(code: string, edition = this.current): boolean {
    if (code.length >= 7) return false;
    const padded = code.padEnd(6, 'X');
    const kids = this.descendants(code, edition, true);
    return kids.length > 0 && kids.every((k) => k.code.length === 7) && kids.some((k) => k.code.startsWith(padded));
  }

  private nearestTitle(code: string, edition: number): string {
    for (let len = code.length; len >= 3; len--) {
      const c = this.get(code.slice(0, len), edition);
      if (c) return c.long;
    }
    return '';
  }

  /** 7th-character definitions from the tabular XML, inherited down the hierarchy. */
  seventhDefs(code: string): Record<string, string> | undefined {
    if (!this.notes) return undefined;
    for (let len = Math.min(code.length, 6); len >= 3; len--) {
      const s = this.notes.seventh[code.slice(0, len)];
      if (s) return s.defs;
    }
    return undefined;
  }

  seventhNote(code: string): string | undefined {
    if (!this.notes) return undefined;
    for (let len = Math.min(code.length, 6); len >= 3; len--) {
      const s = this.notes.seventh[code.slice(0, len)];
      if (s) return s.note;
    }
    return undefined;
  }

  /** Instructional notes for the code and each ancestor level (most specific last), only for codes that still exist. */
  notesFor(code: string): { level: string; notes: IcdNoteSet }[] {
    if (!this.notes) return [];
    const out: { level: string; notes: IcdNoteSet }[] = [];
    for (let len = 3; len <= code.length; len++) {
      const key = code.slice(0, len);
      const n = this.notes.notes[key];
      if (n) out.push({ level: key, notes: n });
    }
    return out;
  }

  chapterOf(code: string): { num: string; desc: string } | undefined {
    const cat = code.slice(0, 3);
    return this.notes?.chapters.find((c) => cat >= c.first.slice(0, 3) && cat <= c.last.slice(0, 3));
  }

  sectionOf(code: string): { id: string; desc: string } | undefined {
    const cat = code.slice(0, 3);
    return this.notes?.sections.find((s) => cat >= s.first.slice(0, 3) && cat <= s.last.slice(0, 3));
  }

  /** Codes added in the edition at `index` (vs the previous one). */
  changesIn(editionId: string) {
    return this.store.changes.find((c) => c.edition === editionId);
  }

  /** The edition (index) in which a code stopped being present after `edition`, if it did. */
  deletedIn(code: string, edition = this.current): number | undefined {
    const present = this.masks(code)[0];
    if (!present || edition < 0 || present & bitOf(edition)) return undefined;
    for (let i = edition; i > 0; i--) {
      if (!(present & (1 << i)) && present & (1 << (i - 1))) return i;
    }
    return undefined;
  }

  /** First edition containing the code, if it is only in editions after `edition`. */
  addedAfter(code: string, edition = this.current): number | undefined {
    const present = this.masks(code)[0];
    for (let i = edition + 1; i < this.editions.length; i++) if (present & (1 << i)) return i;
    return undefined;
  }

  /** Codes of the edition whose official long title in that edition is exactly `title` (case as written in the data). */
  codesWithTitle(title: string, edition = this.current): string[] {
    return this.store.codesWithTitle(title).filter((c) => this.exists(c, edition) && this.get(c, edition)?.long === title);
  }

  /**
   * Codes that replaced `code` when it was deleted in edition `deletedIn`, from the bundle's change list: codes added
   * in that edition under its longest shared prefix, closest title first, or else the ancestor that became billable
   * then (H81.41 → H81.4 in FY2020); only those billable in `edition`.
   */
  replacements(code: string, deletedIn: number, edition = deletedIn): IcdCode[] {
    const title = this.get(code)?.long ?? '';
    const change = this.changesIn(this.editions[deletedIn].id);
    const added = change?.added ?? [];
    const parent = (change?.becameBillable ?? []).filter((b) => code.startsWith(b) && this.isBillable(b, edition)).map((b) => this.get(b, edition)!);
    if (parent.length) return parent;
    for (let len = code.length; len >= 4; len--) {
      const prefix = code.slice(0, len);
      const hits = added
        .filter((a) => a.startsWith(prefix) && this.isBillable(a, edition))
        .map((a) => this.get(a, edition)!)
        .sort((a, b) => overlap(title, b.long) - overlap(title, a.long));
      if (hits.length) return hits.slice(0, 8);
    }
    return [];
  }

  /** The billable codes a code was split into when it became a header in `edition`: the new ones, else all. */
  splitInto(code: string, edition: number): IcdCode[] {
    const kids = this.descendants(code, edition, true);
    const added = new Set(this.changesIn(this.editions[edition].id)?.added ?? []);
    const fresh = kids.filter((k) => added.has(k.code));
    return fresh.length ? fresh : kids;
  }

  /** Every change of the code across the bundled editions, oldest first (from the masks and the older titles). */
  history(code: string): IcdHistoryEvent[] {
    const i = this.store.indexOf(code);
    if (i < 0) return [];
    const row = this.store.rowAt(i);
    const [present, billable] = [row[1], row[2]];
    const out: IcdHistoryEvent[] = [];
    for (let e = 0; e < this.editions.length; e++) {
      const bit = 1 << e;
      const before = e > 0 ? 1 << (e - 1) : 0;
      const was = e > 0 && (present & before) !== 0;
      const is = (present & bit) !== 0;
      if (is && !was && e > 0) out.push({ edition: e, kind: 'added', codes: [] });
      else if (!is && was) out.push({ edition: e, kind: 'deleted', codes: this.replacements(code, e) });
      else if (is && was && billable & before && !(billable & bit)) out.push({ edition: e, kind: 'became-header', codes: this.splitInto(code, e) });
      else if (is && was && !(billable & before) && billable & bit) out.push({ edition: e, kind: 'became-billable', codes: [] });
    }
    const older = decodeOlderTitles(row[3]);
    older.forEach((t, k) => {
      // short-title-only revisions are left out: nobody writes the short title
      if (t.long === (older[k + 1]?.long ?? row[5])) return;
      let e = t.until + 1;
      while (e < this.editions.length && !(present & (1 << e))) e++;
      if (e < this.editions.length) out.push({ edition: e, kind: 'revised', codes: [], was: t.long });
    });
    return out.sort((a, b) => a.edition - b.edition);
  }

  /**
   * Billable codes of the edition whose newest title has a word (lower case, singular: "laceration"). A word in more
   * than `limit` titles names no particular condition: none.
   */
  codesMentioning(word: string, edition = this.current, limit = 400): IcdCode[] {
    if (word.length < 5) return [];
    const rows = this.rowsMentioning(word, limit);
    if (rows.length > limit) return [];
    const bit = bitOf(edition);
    const out: IcdCode[] = [];
    for (const i of rows) if (this.store.masksAt(i)[1] & bit) out.push(this.toCode(this.store.rowAt(i), edition));
    return out;
  }

  private words: Map<string, number[]> | undefined;
  /** words looked up before the whole index is built, with their rows (up to limit + 1) */
  private readonly wordRows = new Map<string, number[]>();
  /**
   * Rows whose newest long title has a token that stems to `word` (at most limit + 1 of them). A document names a
   * word or two (the 14 MB bench corpus: 2 words, 13 lookups), so the first `LAZY_WORDS` words are found by one
   * regex pass over the raw table each (~5-15 ms); after that every title is indexed once (~0.4-0.8 s).
   */
  private rowsMentioning(word: string, limit: number): number[] {
    if (this.words || this.wordRows.size >= Icd10System.LAZY_WORDS) return this.titleWords().get(word) ?? [];
    const key = `${limit}:${word}`;
    let rows = this.wordRows.get(key);
    if (!rows) {
      rows = [];
      // every token that stems to `word` starts with all of it but its last letter (…y → …ies, … → …s)
      if (/^[a-z0-9]+$/.test(word)) {
        const found = rows;
        const re = new RegExp(`(?<![a-z0-9])${word.slice(0, -1)}[a-z0-9]*`, 'gi');
        this.store.newestTitleMatches(re, (i, token) => {
          if (found[found.length - 1] !== i && token.length >= 5 && stem(token.toLowerCase()) === word) found.push(i);
          return found.length <= limit;
        });
      }
      this.wordRows.set(key, rows);
    }
    return rows;
  }
  static LAZY_WORDS = 32;

  /**
   * Rows by the words (lower case, singular, 5+ letters) of their newest long title, built on first use (~100,000
   * titles, a few hundred ms): a substring search of the raw table per lookup cost ~5 ms.
   */
  private titleWords(): Map<string, number[]> {
    if (this.words) return this.words;
    this.wordRows.clear();
    const index = new Map<string, number[]>();
    for (let i = 0; i < this.store.size; i++) {
      const title = this.store.newestTitle(i).toLowerCase();
      for (const raw of title.split(/[^a-z0-9]+/)) {
        if (raw.length < 5) continue;
        const w = stem(raw);
        const list = index.get(w);
        if (!list) index.set(w, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    }
    return (this.words = index);
  }

  allCodes(edition = this.current): IcdCode[] {
    const bit = bitOf(edition);
    const out: IcdCode[] = [];
    for (let i = 0; i < this.store.size; i++) {
      if (this.store.masksAt(i)[0] & bit) out.push(this.toCode(this.store.rowAt(i), edition));
    }
    return out;
  }
}

/** Mask bit of an edition; none for BEFORE_ICD10, so nothing is present or billable then. */
function bitOf(edition: number): number {
  return edition >= 0 ? 1 << edition : 0;
}

/** "Struck by X" + "Struck by X, initial encounter" → "initial encounter" */
export function titleSuffix(parent: string, child: string): string {
  if (parent && child.toLowerCase().startsWith(parent.toLowerCase())) {
    const rest = child.slice(parent.length).replace(/^[\s,;:-]+/, '');
    if (rest) return rest;
  }
  const comma = child.lastIndexOf(', ');
  return comma >= 0 ? child.slice(comma + 2) : child;
}
