import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, brief, checkJson } from './helpers';

// The built CLI on the full bundle, on documents written in the styles of real coding documents: a coding summary
// with code tables, a payer policy grid with long CPT/HCPCS/ICD-10-CM lists and ranges, a coding guideline with
// "too general" examples and the ".-" notation.
const doc = (name: string) => join(ROOT, 'test', 'fixtures', 'coding-documents', name);

test('coding summary: wrong descriptions that share words with the right title are caught, with the code they describe', () => {
  const out = checkJson(doc('coding-summary.md'));
  assert.deepEqual(brief(out), [
    'description.mismatch M17.11 @10:3',
    'description.mismatch S36.021A @11:3',
    'description.mismatch M79.641 @28:5',
    'description.mismatch M79.641 @29:1',
    'description.mismatch M17.12 @41:3',
  ]);
  assert.match(out[0].message, /"Chondromalacia of right knee"\) does not match M17\.11: it describes M94\.261 "Chondromalacia, right knee": "chondromalacia" is not in the title of M17\.11/);
  assert.match(out[1].message, /it is the official description of S36\.031A\. The official ICD-10-CM title is "Major contusion of spleen, initial encounter"/);
  // "Dx: M79.641 Pain in left hand" (no separator) and "M79.641 - Pain in left hand"
  assert.match(out[2].message, /it says left where the official ICD-10-CM title says right/);
  assert.match(out[4].message, /"Asthma"\) does not match M17\.12: it is the official description of J45/);
  // silent: CHF, HTN, COPD, T2DM, "Right knee pain", a lay ECG description against the CMS short descriptor, the
  // A0021-A0999 range row, and lay terms that share no word with the title (Stroke, Sore throat, Flu shot …)
});

test('payer policy grid: every unknown, retired or malformed code of a long list is reported; range ends are not', () => {
  const out = checkJson(doc('payer-policy-grid.txt'));
  assert.deepEqual(brief(out), [
    'cpt.deleted 99441 @9:43',
    'cpt.unknown 9302 @9:64',
    'cpt.unknown 930100 @9:70',
    'hcpcs.unknown Z9999 @11:71',
    'icd10.unknown E11.65123 @14:49',
    'icd10.unknown Q99.88 @14:60',
    'icd10.unknown I10.1 @14:68',
    'range.malformed 93224 @18:42',
    'range.malformed 93000 @18:55',
  ]);
  const [deleted, short, long, , eight] = out;
  assert.match(deleted.message, /^99441 is not in the MPFS CY2025, the year of the date of service 2025-06-01: it was last in the MPFS CY2024 \(listed CY2022-CY2024\), so it was deleted or replaced/);
  assert.match(short.message, /9302 in a list of CPT codes is not a CPT code: it has 4 characters, and CPT codes have 5\. Did you mean 93024/);
  assert.match(long.message, /Did you mean 93010/);
  assert.match(eight.message, /it has 8 characters, and ICD-10-CM codes have at most 7\. Did you mean E11\.65\?/);
  assert.match(out[7].message, /The range 93299-93224 is malformed: it ends \(93224\) before it starts \(93299\)/);
  assert.match(out[8].message, /its ends are in different code families \(93000 is CPT Category I, G0403 is HCPCS G codes\)/);
});

test('coding guideline: "more characters needed" references (E11.31-, J45.-, I50.-), ranges and prose examples give no finding', () => {
  assert.deepEqual(brief(checkJson(doc('coding-guideline.md'))), []);
});
