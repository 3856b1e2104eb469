import type { CodeData } from '../data/code-data';
import { normalizeTitle } from './description-compare';

/**
 * Lazily built lookups from a normalised official description to the codes that carry it, used to say
 * "this description belongs to M79.641" when a document pairs a code with another code's description.
 * Built once per CodeData on first use (not at start-up).
 */
export class DescriptionIndex {
  private icd: Map<string, string[]> | undefined;
  private icdEdition = -1;
  private tax: Map<string, string[]> | undefined;

  constructor(private readonly data: CodeData) {}

  icdByTitle(title: string, edition: number): string[] {
    if (!this.icd || this.icdEdition !== edition) {
      this.icd = new Map();
      this.icdEdition = edition;
      for (const c of this.data.icd10.allCodes(edition)) {
        const key = normalizeTitle(c.long);
        const list = this.icd.get(key);
        if (list) list.push(c.code);
        else this.icd.set(key, [c.code]);
      }
    }
    return this.icd.get(normalizeTitle(title)) ?? [];
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
