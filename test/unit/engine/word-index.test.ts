import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeSearch, searchDocuments, BUNDLED_SEARCH_SYSTEMS } from '../../../server/src/engine/search/code-search';
import { WordIndex, buildWordIndex, parseQuery, stem, titleTerms, type Synonyms, type WordDoc } from '../../../server/src/engine/search/word-index';
import { parseSynonyms } from '../../../data/scripts/assemble/word-index';
import { fixtureData } from './fixture-data';

const SYNONYMS_FILE = join(__dirname, '..', '..', '..', 'data', 'tables', 'word-synonyms.json');
const synonyms: Synonyms = parseSynonyms(readFileSync(SYNONYMS_FILE, 'utf8'), 'word-synonyms.json').synonyms;

/** A search over the fixture code data, its word index built the way the data build builds it. */
function fixtureSearch(): CodeSearch {
  const data = fixtureData();
  return new CodeSearch(data, new WordIndex(buildWordIndex(searchDocuments(data, BUNDLED_SEARCH_SYSTEMS), synonyms)));
}

const codes = (hits: { display: string }[], n = Infinity) => hits.slice(0, n).map((h) => h.display);

describe('word index: terms', () => {
  it('splits titles into lower-case words without stop words or possessives, plural-insensitive', () => {
    assert.deepEqual(titleTerms("Crohn's disease of small intestine with fistula"), ['crohn', 'disease', 'small', 'intestine', 'fistula']);
    assert.deepEqual(titleTerms('Gastro-esophageal reflux disease'), ['gastro', 'esophageal', 'reflux', 'disease']);
    assert.deepEqual(titleTerms('Pain in right finger(s)'), ['pain', 'right', 'finger']);
    assert.equal(stem('fingers'), 'finger');
    assert.equal(stem('diabetes'), stem('diabete'));
    for (const w of ['abscess', 'mellitus', 'pelvis', 'pass']) assert.equal(stem(w), w);
  });

  it('parses a query: the last word a prefix, long words suffixes, abbreviations with their expansions', () => {
    const { slots, laterEncounters } = parseQuery('CHF with diabetes neurop', synonyms);
    assert.deepEqual(
      slots.map((s) => [s.word, s.prefix, s.suffix]),
      [
        ['chf', true, false],
        ['diabete', true, true],
        ['neurop', true, true],
      ],
    );
    assert.deepEqual(slots[0].phrases, [['heart', 'failure']]);
    assert.equal(laterEncounters, false);
    assert.equal(parseQuery('fracture subsequent', synonyms).laterEncounters, true);
    // a finished word (space after it) is not a prefix when short; a lone letter is never a prefix
    assert.equal(parseQuery('x ', synonyms).slots[0].prefix, false);
    assert.equal(parseQuery('pain left h', synonyms).slots[2].prefix, true);
  });
});

describe('word index: bytes', () => {
  const docs: WordDoc[] = [
    { system: 'pos', code: '11', text: 'Office' },
    { system: 'icd10cm', code: 'M79642', text: 'Pain in left hand', billable: true },
    { system: 'icd10cm', code: 'M7964', text: 'Pain in hand and fingers', billable: false },
    { system: 'hcpcs', code: 'E0100', text: 'Cane, includes canes of all materials, adjustable or fixed, with tip' },
  ];

  it('round-trips: systems grouped and sorted by code, terms, codes', () => {
    const wi = new WordIndex(buildWordIndex(docs, { lt: ['left'] }));
    assert.equal(wi.docs, 4);
    assert.deepEqual(wi.systems.map((s) => [s.id, s.first, s.count]), [['icd10cm', 0, 2], ['hcpcs', 2, 1], ['pos', 3, 1]]);
    assert.deepEqual([0, 1, 2, 3].map((d) => wi.code(d)), ['M7964', 'M79642', 'E0100', '11']);
    assert.deepEqual([0, 1, 2, 3].map((d) => wi.billable(d)), [false, true, true, true]);
    assert.deepEqual(wi.synonyms, { lt: ['left'] });
    // an odd byte offset (a Buffer slice) is copied, not misread
    const bytes = buildWordIndex(docs);
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    assert.equal(new WordIndex(shifted.subarray(1)).code(1), 'M79642');
  });

  it('refuses bytes that are not a word index, or are cut short', () => {
    const bytes = buildWordIndex(docs);
    assert.throws(() => new WordIndex(new TextEncoder().encode('{"rows":[]}')), /not a word index/);
    assert.throws(() => new WordIndex(bytes.slice(0, bytes.length - 40)), /truncated|do not match/);
  });

  it('reads postings and term lists in place: damaged list bytes give wrong hits, never a hang or a throw', () => {
    const bytes = buildWordIndex(docs);
    const wi = new WordIndex(bytes);
    const { slots } = parseQuery('pain hand', {});
    assert.deepEqual(wi.query(slots, { limit: 5 }).map((h) => h.code), ['M79642', 'M7964']);
    // postings and term lists set to 0xff (unterminated varints, ids out of range); their ends still match
    const damaged = bytes.slice();
    const headLen = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headLen))) as { sections: Record<string, [number, number]> };
    const base = (12 + headLen + 3) & ~3;
    for (const name of ['postDocs', 'fwdTerms']) {
      const [off, len] = header.sections[name];
      damaged.fill(0xff, base + off, base + off + len);
    }
    const opened = new WordIndex(damaged);
    for (const h of opened.query(slots, { limit: 5 })) assert.ok(h.doc >= 0 && h.doc < opened.docs);
  });

  it('finds codes by prefix per system, shortest first', () => {
    const wi = new WordIndex(buildWordIndex(docs));
    assert.deepEqual(wi.codePrefix('M796', { limit: 5 }).map((h) => h.code), ['M7964', 'M79642']);
    assert.deepEqual(wi.codePrefix('M796', { limit: 5, systems: new Set(['hcpcs']) }), []);
    assert.deepEqual(wi.codePrefix('E01', { limit: 5 }).map((h) => [h.system, h.code]), [['hcpcs', 'E0100']]);
  });
});

describe('word search on the fixture data', () => {
  const s = fixtureSearch();

  it('"pain left hand" → M79.642 first, then codes with some of the words', () => {
    const hits = s.search('pain left hand');
    assert.equal(hits[0].display, 'M79.642');
    assert.equal(hits[0].description, 'Pain in left hand');
    assert.equal(hits[0].billable, true);
    // every word before some: the other hand codes and the left thigh come after
    const order = codes(hits);
    assert.ok(order.indexOf('M79.641') > 0 && order.indexOf('M79.652') > 0);
  });

  it('matches the last word as a prefix while it is typed', () => {
    assert.equal(codes(s.search('pain left ha'), 1)[0], 'M79.642');
    assert.equal(codes(s.search('pain left thi'), 1)[0], 'M79.652');
  });

  it('ranks billable codes before headers', () => {
    const order = codes(s.search('pain hand'));
    assert.ok(order.indexOf('M79.643') < order.indexOf('M79.64'), order.join(' '));
  });

  it('ranks an initial encounter before the subsequent one and the sequela, unless the query names them', () => {
    assert.deepEqual(codes(s.search('torus fracture right radius'), 3), ['S52.521A', 'S52.521D', 'S52.521S']);
    assert.equal(codes(s.search('struck sports equipment sequela'), 1)[0], 'W21.89XS');
    assert.equal(codes(s.search('torus fracture right radius subsequent'), 1)[0], 'S52.521D');
  });

  it('"type 2 diabetes with neuropathy": the neuropathy code before the other diabetes codes', () => {
    const hits = codes(s.search('type 2 diabetes with neuropathy'));
    assert.equal(hits[0], 'E11.40');
    assert.ok(hits.includes('E11.9'), 'codes with some of the words follow');
  });

  it('expands abbreviations from the synonym table (htn, t2dm, lt, fx)', () => {
    assert.equal(codes(s.search('htn'), 1)[0], 'I10');
    assert.equal(codes(s.search('t2dm neuropathy'), 1)[0], 'E11.40');
    assert.equal(codes(s.search('pain lt hand'), 1)[0], 'M79.642');
    assert.equal(codes(s.search('torus fx right radius'), 1)[0], 'S52.521A');
  });

  it('requireAll answers only codes whose titles hold every word', () => {
    assert.deepEqual(codes(s.search('pain left hand', { requireAll: true })), ['M79.642']);
    assert.deepEqual(s.search('pain left zebra', { requireAll: true }), []);
  });

  it('filters by system and answers code prefixes (a code-shaped query that is no code falls back to words)', () => {
    assert.ok(s.search('pain', { systems: ['hcpcs'] }).every((h) => h.system === 'hcpcs'));
    assert.deepEqual(codes(s.search('M79.64', { limit: 3 })), ['M79.64', 'M79.641', 'M79.642']);
    const t2dm = s.search('t2dm')[0];
    assert.ok(t2dm.code.startsWith('E11') && t2dm.billable, t2dm.code);
    assert.deepEqual(s.search('   '), []);
    assert.deepEqual(s.search('of the'), []);
  });

  it('indexes CPT descriptors at load time, the user-supplied ones included', () => {
    const data = fixtureData();
    data.procedures.setUserDescriptors(new Map([['99213', 'Office or other outpatient visit for an established patient, low complexity']]));
    const withCpt = new CodeSearch(data, undefined, synonyms);
    const hit = withCpt.search('established patient office visit', { systems: ['cpt'] })[0];
    assert.deepEqual([hit.system, hit.code], ['cpt', '99213']);
    assert.match(hit.description, /low complexity/);
    // the bundled part never holds CPT codes
    assert.ok(searchDocuments(data, BUNDLED_SEARCH_SYSTEMS).every((d) => d.system !== 'cpt'));
  });

  it('answers the same on a repeated query (scratch state is cleared between queries)', () => {
    const a = s.search('pain left hand').map((h) => h.code);
    s.search('torus fracture');
    s.search('zzzz yyyy');
    assert.deepEqual(s.search('pain left hand').map((h) => h.code), a);
  });
});
