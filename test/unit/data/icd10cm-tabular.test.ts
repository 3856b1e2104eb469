import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIcdTabularXml, splitRange, tabularEditionFromName } from '../../../data/scripts/parsers/icd10cm-tabular.js';
import { fixture } from './helpers.js';

const bundle = () => parseIcdTabularXml(fixture('icd10cm/legacy-fy2017/ICD10CM_FY2017_Full_XML.zip.d/icd10cm_tabular_2017.xml'), 'FY2017');

test('tabular XML: chapters and sections with ranges split off the description', () => {
  const b = bundle();
  assert.equal(b.edition, 'FY2017');
  assert.deepEqual(
    b.chapters.map(({ num, desc, first, last }) => [num, desc, first, last]),
    [
      ['13', 'Diseases of the musculoskeletal system and connective tissue', 'M00', 'M99'],
      ['19', 'Injury, poisoning and certain other consequences of external causes', 'S00', 'T88'],
      ['20', 'External causes of morbidity', 'V00', 'Y99'],
    ],
  );
  // only <section> elements become sections (W00-W19 is a sectionRef without a section in the fixture)
  assert.deepEqual(b.sections.map((s) => s.id), ['M05-M14', 'M70-M79', 'S50-S59', 'W20-W49']);
  assert.deepEqual(b.sections[1], { id: 'M70-M79', desc: 'Other soft tissue disorders', first: 'M70', last: 'M79' });
  assert.deepEqual(b.chapters[0].notes?.excludes2, ['certain conditions originating in the perinatal period (P04-P96)', 'injury, poisoning and certain other consequences of external causes (S00-T88)']);
  assert.equal(b.chapters[0].notes?.useAdditionalCode?.length, 1);
  assert.deepEqual(b.chapters[1].notes?.notes, ['Use secondary code(s) from Chapter 20, External causes of morbidity, to indicate cause of injury.']);
  assert.deepEqual(b.sections[2].notes, { excludes2: ['burns and corrosions (T20-T32)'] });
});

test('tabular XML: per-code notes keyed without the dot, only where present', () => {
  const b = bundle();
  assert.deepEqual(b.notes.M79, { excludes1: ['psychogenic rheumatism (F45.8)', 'soft tissue pain, psychogenic (F45.41)'] });
  assert.deepEqual(b.notes.M796, { excludes2: ['pain in joint (M25.5-)'] });
  assert.equal(b.notes.M7964, undefined);
  assert.deepEqual(b.notes.M146, {
    inclusionTerm: ['Neuropathic arthropathy'],
    codeFirst: ['underlying disease, such as:', 'syringomyelia (G95.0)', 'tabes dorsalis (A52.16)'],
  });
  assert.equal(b.notes.M14.excludes1?.[0], 'arthropathy in: diabetes mellitus (E08-E13 with .61-)', 'whitespace collapsed');
  assert.deepEqual(Object.keys(b.notes.S52).sort(), ['excludes1', 'notes']);
  assert.equal(b.notes.S52.notes?.length, 2);
});

test('tabular XML: 7th characters where declared, note inside sevenChrDef attached to the preceding extension', () => {
  const b = bundle();
  assert.deepEqual(Object.keys(b.seventh).sort(), ['S52', 'W21']);
  assert.equal(b.seventh.S52.note, 'The appropriate 7th character is to be added to all codes from category S52');
  assert.deepEqual(b.seventh.S52.defs, {
    A: 'initial encounter for closed fracture',
    B: 'initial encounter for open fracture type I or II (includes: initial encounter for open fracture NOS)',
    D: 'subsequent encounter for closed fracture with routine healing',
    S: 'sequela',
  });
  assert.deepEqual(b.seventh.W21.defs, { A: 'initial encounter', D: 'subsequent encounter', S: 'sequela' });
  assert.equal(b.seventh.S525, undefined, 'inherited at runtime, not copied down');
});

test('tabular helpers: range split and edition from file name', () => {
  assert.deepEqual(splitRange('Bacterial and viral infectious agents (B95-B97)'), ['Bacterial and viral infectious agents', 'B95', 'B97']);
  assert.deepEqual(splitRange('Malignant neoplasms of breast (C50)'), ['Malignant neoplasms of breast', 'C50', 'C50']);
  assert.deepEqual(splitRange('No range here'), ['No range here', '', '']);
  assert.equal(tabularEditionFromName('icd10cm_tabular_2026.xml'), 'FY2026');
  assert.equal(tabularEditionFromName('Table and Index/icd10cm-tabular-2027.xml'), 'FY2027');
  assert.equal(tabularEditionFromName('icd10cm_index_2026.xml'), undefined);
  assert.throws(() => parseIcdTabularXml('<other/>', 'FY2017'), /root element/);
});
