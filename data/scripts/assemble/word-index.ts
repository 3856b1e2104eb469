import type { BuiltDataset } from './datasets.js';
import type { CptModifiersBundle, HcpcsBundle, Icd10Bundle, NuccBundle, PosBundle } from '../../../server/src/engine/data/bundle-types.js';
import { CodeData } from '../../../server/src/engine/code-data.js';
import { BUNDLED_SEARCH_SYSTEMS, searchDocuments } from '../../../server/src/engine/search/code-search.js';
import { buildWordIndex, type Synonyms } from '../../../server/src/engine/search/word-index.js';
import { BuildError, EXIT_DATA } from '../lib/sources.js';

/** data/tables/word-synonyms.json → abbreviation → phrases (lower case), checked. */
export function parseSynonyms(json: string, fileName: string): { synonyms: Synonyms; edition: string } {
  let doc: { abbreviations?: unknown; edition?: unknown };
  try {
    doc = JSON.parse(json) as typeof doc;
  } catch (e) {
    throw new BuildError(`${fileName}: not valid JSON (${(e as Error).message})`, EXIT_DATA);
  }
  const table = doc.abbreviations;
  if (!table || typeof table !== 'object' || Array.isArray(table)) throw new BuildError(`${fileName}: "abbreviations" must be an object of abbreviation → [phrases]`, EXIT_DATA);
  const synonyms: Synonyms = {};
  for (const [abbr, phrases] of Object.entries(table)) {
    if (!/^[a-z0-9]+$/.test(abbr)) throw new BuildError(`${fileName}: abbreviation "${abbr}" must be lower-case letters and digits (it is matched against one query word)`, EXIT_DATA);
    if (!Array.isArray(phrases) || !phrases.length || !phrases.every((p) => typeof p === 'string' && p.trim())) {
      throw new BuildError(`${fileName}: "${abbr}" must map to a non-empty list of phrases`, EXIT_DATA);
    }
    synonyms[abbr] = phrases.map((p: string) => p.toLowerCase());
  }
  return { synonyms, edition: typeof doc.edition === 'string' ? doc.edition : '' };
}

/**
 * The bundle's word index: the titles of the newest ICD-10-CM edition's codes (billable and headers), HCPCS Level
 * II, modifiers, NUCC taxonomy and place of service, read through the engine's own CodeData so the server shows
 * exactly the titles that were indexed. CPT descriptors are never in it (AMA content; the server indexes them at
 * load time).
 */
export function buildWordIndexDataset(
  built: readonly BuiltDataset[],
  synonymsJson: string,
  fileName: string,
  sha: string,
): BuiltDataset<Uint8Array> {
  const t0 = performance.now();
  const of = <T>(id: BuiltDataset['id']) => built.find((d) => d.id === id)?.bundle as T | undefined;
  const icd = of<Icd10Bundle>('icd10cm');
  if (!icd) throw new BuildError('word index: no ICD-10-CM dataset was built', EXIT_DATA);
  const data = new CodeData({ icd10cm: icd, hcpcs: of<HcpcsBundle>('hcpcs'), nucc: of<NuccBundle>('nucc'), pos: of<PosBundle>('pos'), cptModifiers: of<CptModifiersBundle>('cptModifiers') });
  const { synonyms, edition } = parseSynonyms(synonymsJson, fileName);
  const docs = searchDocuments(data, BUNDLED_SEARCH_SYSTEMS);
  const bytes = buildWordIndex(docs, synonyms);
  const icdEdition = icd.editions[icd.editions.length - 1]?.id ?? '';
  const sources: Record<string, string> = { [fileName]: sha };
  for (const d of built) if (['icd10cm', 'hcpcs', 'nucc', 'pos', 'cptModifiers'].includes(d.id)) Object.assign(sources, d.sources);
  return {
    id: 'wordIndex',
    bundle: bytes,
    edition: `ICD-10-CM ${icdEdition} + HCPCS, modifiers, NUCC, POS; synonyms ${edition}`,
    records: docs.length,
    sources,
    licence: 'Derived from the bundled official titles (see their datasets) and the Clinical Codes synonym table (MIT).',
    log: [`  word index: ${docs.length.toLocaleString('en-US')} codes, ${Object.keys(synonyms).length} abbreviations, ${bytes.length.toLocaleString('en-US')} bytes in ${(performance.now() - t0).toFixed(0)} ms`],
    warnings: [],
  };
}
