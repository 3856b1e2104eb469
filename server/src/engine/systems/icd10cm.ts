import type { Icd10NotesBundle, IcdEdition, IcdNoteSet, IcdRow } from '../data/bundle-types';
import type { IcdStore } from '../data/icd-codec';

/** "M7964" → "M79.64"; categories (3 characters) have no dot. */
export function dotIcd(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

export function undotIcd(code: string): string {
  return code.replace('.', '').toUpperCase();
}

export interface IcdCode {
  code: string;
  dotted: string;
  short: string;
  long: string;
  /** editions (ids) the code is in, oldest first */
  editions: string[];
  /** present in the edition asked about */
  present: boolean;
  billable: boolean;
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

  /** Index of the edition in force on an ISO date; the newest edition for dates after it, the oldest before. */
  editionFor(date: string | undefined): number {
    if (!date) return this.current;
    for (let i = 0; i < this.editions.length; i++) {
      const e = this.editions[i];
      if (date >= e.start && date <= e.end) return i;
    }
    return date < this.editions[0].start ? 0 : this.current;
  }

  private row(code: string): IcdRow | undefined {
    const i = this.store.indexOf(code);
    return i < 0 ? undefined : this.store.rowAt(i);
  }

  /** Scanning asks about the same codes again and again: remember the answers (bounded). */
  private readonly maskCache = new Map<string, [number, number]>();

  private masks(code: string): [number, number] {
    let m = this.maskCache.get(code);
    if (!m) {
      const i = this.store.indexOf(code);
      m = i < 0 ? [0, 0] : this.store.masksAt(i);
      if (this.maskCache.size > 50_000) this.maskCache.clear();
      this.maskCache.set(code, m);
    }
    return m;
  }

  get(code: string, edition = this.current): IcdCode | undefined {
    const r = this.row(code);
    return r && this.toCode(r, edition);
  }

  /** Any edition at all. */
  known(code: string): boolean {
    return this.masks(code)[0] !== 0;
  }

  exists(code: string, edition = this.current): boolean {
    return (this.masks(code)[0] & (1 << edition)) !== 0;
  }

  isBillable(code: string, edition = this.current): boolean {
    return (this.masks(code)[1] & (1 << edition)) !== 0;
  }

  private toCode(r: IcdRow, edition: number): IcdCode {
    const bit = 1 << edition;
    return {
      code: r[0],
      dotted: dotIcd(r[0]),
      short: r[3],
      long: r[4],
      editions: this.editions.filter((_, i) => (r[1] & (1 << i)) !== 0).map((e) => e.id),
      present: (r[1] & bit) !== 0,
      billable: (r[2] & bit) !== 0,
    };
  }

  /** Codes (present in the edition) starting with prefix, in code order, the prefix itself excluded. */
  descendants(prefix: string, edition = this.current, billableOnly = false): IcdCode[] {
    const out: IcdCode[] = [];
    const bit = 1 << edition;
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
    const bit = 1 << edition;
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
    if (!present || present & (1 << edition)) return undefined;
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

  /** Codes of the edition whose official long title is exactly `title` (case as written in the data). */
  codesWithTitle(title: string, edition = this.current): string[] {
    return this.store.codesWithTitle(title).filter((c) => this.exists(c, edition));
  }

  allCodes(edition = this.current): IcdCode[] {
    const bit = 1 << edition;
    const out: IcdCode[] = [];
    for (let i = 0; i < this.store.size; i++) {
      if (this.store.masksAt(i)[0] & bit) out.push(this.toCode(this.store.rowAt(i), edition));
    }
    return out;
  }
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
