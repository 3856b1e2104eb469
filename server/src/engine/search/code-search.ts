import type { CodeData } from '../code-data';
import type { Manifest } from '../data/bundle-types';
import { BundleError, REBUILD_HINT, readBytes, readManifest } from '../data/load';
import type { CodeSystemId } from '../scanner/tokens';
import { dotIcd } from '../systems/icd10cm';
import { WordIndex, buildWordIndex, parseQuery, type Synonyms, type WordDoc, type WordHit } from './word-index';

export interface SearchHit {
  system: CodeSystemId;
  code: string;
  /** as it should be inserted (ICD-10-CM dotted) */
  display: string;
  description: string;
  billable?: boolean;
  score: number;
}

/** The systems in the bundled word index; CPT (AMA descriptors) is indexed at load time. */
export const BUNDLED_SEARCH_SYSTEMS: readonly CodeSystemId[] = ['icd10cm', 'hcpcs', 'modifier', 'taxonomy', 'pos'];

/** The searchable text of each code of the given systems (the data build and the server agree through this). */
export function searchDocuments(data: CodeData, systems: readonly CodeSystemId[], edition = data.icd10.current): WordDoc[] {
  const docs: WordDoc[] = [];
  const want = new Set(systems);
  if (want.has('icd10cm')) for (const c of data.icd10.allCodes(edition)) docs.push({ system: 'icd10cm', code: c.code, text: c.long, billable: c.billable });
  if (want.has('hcpcs')) {
    for (const code of data.procedures.codes('hcpcs')) {
      const text = data.procedures.descriptor(code)?.text;
      if (text) docs.push({ system: 'hcpcs', code, text });
    }
  }
  if (want.has('cpt')) for (const [code, text] of data.procedures.cptDescriptors()) docs.push({ system: 'cpt', code, text });
  if (want.has('modifier')) for (const m of data.modifiers.all()) docs.push({ system: 'modifier', code: m.code, text: modifierText(m) });
  if (want.has('taxonomy')) for (const t of data.taxonomy.all()) docs.push({ system: 'taxonomy', code: t.code, text: taxonomyText(t) });
  if (want.has('pos')) for (const p of data.pos.all()) docs.push({ system: 'pos', code: p.code, text: p.name });
  return docs;
}

/** ties between systems: diagnoses, then procedures, then the rest */
const SYSTEM_RANK: Record<CodeSystemId, number> = { icd10cm: 0, cpt: 1, hcpcs: 2, modifier: 3, taxonomy: 4, pos: 5 } as Record<CodeSystemId, number>;

const modifierText = (m: { name: string; meaning: string }) => `${m.name} ${m.meaning}`.trim();
const taxonomyText = (t: { grouping: string; classification: string; specialization: string }) => [t.grouping, t.classification, t.specialization].filter(Boolean).join(' ');

/**
 * Word and code-prefix search over official descriptions: the bundled word index (word-index.ts) plus one built
 * at load time for CPT descriptors (bundled CMS short descriptors or the user's licensed file). Construction is
 * cheap; nothing is built per query.
 */
export class CodeSearch {
  private readonly main: WordIndex;
  /** CPT descriptors, indexed on the first query that wants CPT codes (null: there are none) */
  private cpt: WordIndex | null | undefined;
  private readonly synonyms: Synonyms;

  /**
   * `bundled`: the data bundle's word index; without one (fixture data in tests, a bundle from before the index)
   * it is built from the data now, with `synonyms`.
   */
  constructor(
    private readonly data: CodeData,
    bundled?: WordIndex,
    synonyms: Synonyms = {},
    private readonly edition = data.icd10.current,
  ) {
    this.main = bundled ?? new WordIndex(buildWordIndex(searchDocuments(data, BUNDLED_SEARCH_SYSTEMS, edition), synonyms));
    this.synonyms = bundled ? bundled.synonyms : synonyms;
  }

  /** Makes the derived structures now (after start-up, off the request path) instead of on the first query. */
  prepare(): void {
    this.main.prepare();
  }

  private parts(systems: ReadonlySet<CodeSystemId> | undefined): WordIndex[] {
    if (systems && !systems.has('cpt')) return [this.main];
    if (this.cpt === undefined) {
      const docs = searchDocuments(this.data, ['cpt']);
      this.cpt = docs.length ? new WordIndex(buildWordIndex(docs)) : null;
    }
    return this.cpt ? [this.main, this.cpt] : [this.main];
  }

  /** The bundled index (`word-index.bin.gz`) of a bundle directory, read as bytes; undefined when the bundle has none. */
  static async readBundled(dir: string, data: { manifest?: Manifest }): Promise<WordIndex | undefined> {
    if (!data.manifest?.datasets.wordIndex) return undefined;
    const { file, bytes } = await readBytes(dir, data.manifest, 'wordIndex');
    try {
      return new WordIndex(bytes);
    } catch (e) {
      throw new BundleError(`Code data file ${file} is corrupt (${(e as Error).message}). ${REBUILD_HINT}`, file);
    }
  }

  /** The bundled index read straight from the bundle's manifest, so it can be read while the data loads. */
  static async readBundledDir(dir: string): Promise<WordIndex | undefined> {
    return CodeSearch.readBundled(dir, { manifest: await readManifest(dir) });
  }

  /** Bytes of the indexes (for the status and benchmarks). */
  get bytes(): number {
    return this.main.bytes + (this.cpt?.bytes ?? 0);
  }

  /**
   * Code-prefix search when the query looks like a code ("M79.6", "9921", "0264") and codes start so, word search otherwise.
   * `requireAll`: only codes whose titles hold every word (completion narrows the words itself).
   */
  search(query: string, opts: { limit?: number; systems?: readonly CodeSystemId[]; requireAll?: boolean } = {}): SearchHit[] {
    const limit = opts.limit ?? 50;
    const q = query.trim();
    if (!q) return [];
    const systems = opts.systems ? new Set(opts.systems) : undefined;
    const codeLike = /^[A-Z0-9][A-Z0-9.]{1,9}$/i.test(q) && /\d/.test(q);
    const found: { part: WordIndex; hit: WordHit }[] = [];
    if (codeLike) {
      const prefix = q.toUpperCase().replace('.', '');
      for (const part of this.parts(systems)) for (const hit of part.codePrefix(prefix, { limit, systems })) found.push({ part, hit });
    }
    // no code starts so ("t2dm", "dm2"): the words
    if (!found.length) {
      const { slots, laterEncounters } = parseQuery(query, this.synonyms);
      if (!slots.length) return [];
      for (const part of this.parts(systems)) for (const hit of part.query(slots, { limit, systems, requireAll: opts.requireAll, laterEncounters })) found.push({ part, hit });
    }
    found.sort((a, b) => b.hit.score - a.hit.score || SYSTEM_RANK[a.hit.system] - SYSTEM_RANK[b.hit.system] || (a.hit.code < b.hit.code ? -1 : a.hit.code > b.hit.code ? 1 : 0));
    const out: SearchHit[] = [];
    for (const { hit } of found) {
      const h = this.toHit(hit);
      if (h) out.push(h);
      if (out.length === limit) break;
    }
    return out;
  }

  private toHit(h: WordHit): SearchHit | undefined {
    const { system, code, score } = h;
    // one literal shape, no object spread: at a keystroke's rate, spread copies were promoted to the old space
    // (~2 MB per scavenge) and grew the server's RSS between full collections
    const hit = (description: string | undefined, display = code, billable?: boolean): SearchHit | undefined =>
      description === undefined ? undefined : { system, code, display, description, billable, score };
    switch (system) {
      case 'icd10cm': {
        // the title only (icd10.get builds a whole IcdCode and caches the split row)
        const t = this.data.icd10.titleOf(code, this.edition);
        return t && hit(t.long, dotIcd(code), t.billable);
      }
      case 'hcpcs':
      case 'cpt':
        return hit(this.data.procedures.descriptor(code)?.text || undefined);
      case 'modifier': {
        const m = this.data.modifiers.get(code);
        return m && hit(modifierText(m));
      }
      case 'taxonomy': {
        const t = this.data.taxonomy.get(code);
        return t && hit(taxonomyText(t));
      }
      case 'pos':
        return hit(this.data.pos.get(code)?.name);
      default:
        return undefined;
    }
  }
}
