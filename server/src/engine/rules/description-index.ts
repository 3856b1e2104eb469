import { BoundedCache } from '../bounded-cache';
import type { CodeData } from '../code-data';
import { extraWords, missingFrom, normalizeTitle } from '../text/description-compare';
import type { IcdCode } from '../systems/icd10cm';

/**
 * Lookups from a description written in a document to the codes whose official description it is, used to say
 * "this description belongs to M79.641" when a document pairs a code with another code's description.
 * ICD-10-CM titles are found by searching the raw table for the exact title (as written, and in the official
 * sentence case) — no 98,000-entry index to build; taxonomy specialties by a small bag-of-words index.
 */
export class DescriptionIndex {
  private readonly icd = new BoundedCache<string, string[]>(5000);
  private tax: Map<string, string[]> | undefined;
  private readonly better = new BoundedCache<string, IcdCode[]>(5000);

  constructor(private readonly data: CodeData) {}

  icdByTitle(title: string, edition: number): string[] {
    const key = `${edition}:${title}`;
    let hit = this.icd.get(key);
    if (!hit) {
      const t = title.trim().replace(/\s+/g, ' ').replace(/\.$/, '');
      const sentence = t.charAt(0).toUpperCase() + t.slice(1).toLowerCase();
      hit = [...new Set([...this.data.icd10.codesWithTitle(t, edition), ...this.data.icd10.codesWithTitle(sentence, edition)])];
      this.icd.set(key, hit);
    }
    return hit;
  }

  /**
   * "Which code does this description describe?": the billable codes whose official title holds every content word
   * of the stated description (abbreviations expanded), closest first (fewest title words the description leaves
   * out), among the code's own category and the codes whose titles mention `key`, the stated word its own title lacks.
   */
  icdDescribedBetter(code: string, stated: string, key: string | undefined, edition: number): IcdCode[] {
    const cacheKey = `${edition}:${code}:${stated}`;
    let hit = this.better.get(cacheKey);
    if (!hit) {
      const icd = this.data.icd10;
      const pool = new Map<string, IcdCode>();
      for (const c of this.billableIn(code.slice(0, 3), edition)) pool.set(c.code, c);
      if (key) for (const c of icd.codesMentioning(key, edition)) pool.set(c.code, c);
      pool.delete(code);
      // every stated word must be in a fitting title, the key word too: a cheap substring test first
      const probe = key?.slice(0, 5);
      const fits = [...pool.values()].filter((c) => (!probe || c.long.toLowerCase().includes(probe)) && missingFrom(stated, c.long).length === 0);
      const scored = fits.map((c) => ({ c, extra: extraWords(stated, c.long), own: c.code.startsWith(code.slice(0, 3)) ? 0 : 1 }));
      scored.sort((a, b) => a.extra - b.extra || a.own - b.own || a.c.code.localeCompare(b.c.code));
      hit = scored.filter((x) => x.extra === scored[0].extra).slice(0, 3).map((x) => x.c);
      this.better.set(cacheKey, hit);
    }
    return hit;
  }

  private readonly categories = new BoundedCache<string, IcdCode[]>(2000);
  /** The billable codes of a category (a table of one coding document names few categories, often many times). */
  private billableIn(category: string, edition: number): IcdCode[] {
    const key = `${edition}:${category}`;
    let hit = this.categories.get(key);
    if (!hit) {
      hit = this.data.icd10.descendants(category, edition, true);
      this.categories.set(key, hit);
    }
    return hit;
  }

  /** Taxonomy codes whose specialization (or classification when it has none) matches the words given. */
  taxonomyBySpecialty(specialty: string): string[] {
    if (!this.tax) {
      this.tax = new Map();
      for (const t of this.data.taxonomy.all()) {
        const keys = new Set([normalizeTitle(t.specialization || t.classification)]);
        if (t.specialization) keys.add(normalizeTitle(`${t.classification} ${t.specialization}`));
        for (const key of keys) {
          const list = this.tax.get(key);
          if (list) list.push(t.code);
          else this.tax.set(key, [t.code]);
        }
      }
    }
    return this.tax.get(normalizeTitle(specialty)) ?? [];
  }
}
