import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeData } from '../../server/src/engine';
import { Icd10System } from '../../server/src/engine/systems/icd10cm';
import { defaultDataDir } from '../../server/src/shared/paths';

/**
 * `codesMentioning` finds its first words by a regex pass over the raw ICD-10-CM table and only later builds the
 * whole title-word index: both ways must give the same codes for every word, on the full bundle (dist/data).
 */
let lazy: CodeData;
let full: CodeData;
before(async () => {
  lazy = await CodeData.load(defaultDataDir());
  full = await CodeData.load(defaultDataDir());
});

const WORDS = ['neuropathy', 'laceration', 'diabete', 'injury', 'artery', 'kidney', 'fracture', 'hypertension', 'contusion', 'burn', 'abcdefg', 'ulcer', 'pressure', 'tendon', 'catheter', 'poisoning', 'dislocation', 'subluxation', 'embolism', 'sprain', 'strain', 'ankle', 'femur', 'infection', 'screening', 'varicose', 'bypass', 'neoplasm', 'secondary', 'malignant'];

test('codesMentioning: the lazy regex pass and the full index agree word by word, limits included', () => {
  const ed = lazy.icd10.current;
  const codes = (d: CodeData, w: string, limit?: number) => d.icd10.codesMentioning(w, ed, limit).map((c) => c.code);
  // the full index: more distinct words than the lazy pass takes
  for (let i = 0; i <= Icd10System.LAZY_WORDS; i++) full.icd10.codesMentioning(`zzzzz${i}`, ed);
  let nonEmpty = 0;
  const lazyWords = Icd10System.LAZY_WORDS;
  Icd10System.LAZY_WORDS = 1000; // every word of this test by the regex pass
  for (const w of WORDS) {
    for (const limit of [400, 5000]) {
      const a = codes(lazy, w, limit);
      assert.deepEqual(a, codes(full, w, limit), `${w} (limit ${limit})`);
      if (a.length) nonEmpty++;
    }
  }
  assert.equal((lazy.icd10 as unknown as { words?: unknown }).words, undefined, 'the lazy data never built the whole index');
  Icd10System.LAZY_WORDS = lazyWords;
  assert.ok(nonEmpty >= 20, `most words have codes (${nonEmpty})`);
  // "injuries" → injury, "diabetes" → diabete: the plural forms are found
  assert.ok(codes(lazy, 'diabete', 5000).some((c) => c.startsWith('E11')));
});

test('codesWithTitle: the first lookups (substring search) and the title index give the same codes', async () => {
  const { IcdStore } = await import('../../server/src/engine/data/icd-codec.js');
  const a = await CodeData.load(defaultDataDir());
  const b = await CodeData.load(defaultDataDir());
  const icd = a.icd10;
  // newest titles, an older title (Z68.30 before FY2022), a title shared by several codes, and no title
  const titles = ['Essential (primary) hypertension', 'Pain in left hand', 'Body mass index (BMI) 30.0-30.9, adult', 'Body mass index [BMI]30.0-30.9, adult', 'Body mass index [BMI] 30.0-30.9, adult', 'Type 2 diabetes mellitus without complications', 'Unspecified fracture of left femur', 'Nothing like a title'];
  const all = icd.allCodes(icd.current).map((c) => c.long);
  for (let k = 0; k < all.length && titles.length < 20; k += 7919) titles.push(all[k]);
  const seen = new Set<string>();
  const shared = all.find((t) => seen.has(t) || !seen.add(t));
  if (shared) titles.push(shared);
  const fy2018 = icd.editions.findIndex((e) => e.id === 'FY2018');
  const searched = IcdStore.SEARCHED_TITLES;
  IcdStore.SEARCHED_TITLES = 1000;
  const bySearch = titles.map((t) => [t, ...[fy2018, icd.current].map((e) => a.icd10.codesWithTitle(t, e).join(' '))]);
  IcdStore.SEARCHED_TITLES = 0;
  const byIndex = titles.map((t) => [t, ...[fy2018, icd.current].map((e) => b.icd10.codesWithTitle(t, e).join(' '))]);
  IcdStore.SEARCHED_TITLES = searched;
  assert.deepEqual(byIndex, bySearch);
  assert.ok(bySearch.filter((r) => r[2]).length >= 15);
  assert.ok(bySearch.some((r) => r[1] && !r[2]), 'an older title is found in its edition only');
});
