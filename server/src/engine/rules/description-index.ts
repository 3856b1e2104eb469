import type { CodeData } from '../code-data';
import { normalizeTitle } from '../text/description-compare';

/**
 * Lookups from a description written in a document to the codes whose official description it is, used to say
 * "this description belongs to M79.641" when a document pairs a code with another code's description.
 * ICD-10-CM titles are found by searching the raw table for the exact title (as written, and in the official
 * sentence case) — no 98,000-entry index to build; taxonomy specialties by a small bag-of-words index.
 */
export class DescriptionIndex {
  private readonly icd = new Map<string, string[]>();
  private tax: Map<string, string[]> | undefined;

  constructor(private readonly data: CodeData) {}

  icdByTitle(title: string, edition: number): string[] {
    const key = `${edition}:${title}`;
    let hit = this.icd.get(key);
    if (!hit) {
      const t = title.trim().replace(/\s+/g, ' ').replace(/\.$/, '');
      const sentence = t.charAt(0).toUpperCase() + t.slice(1).toLowerCase();
      hit = [...new Set([...this.data.icd10.codesWithTitle(t, edition), ...this.data.icd10.codesWithTitle(sentence, edition)])];
      if (this.icd.size > 5000) this.icd.clear();
      this.icd.set(key, hit);
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
