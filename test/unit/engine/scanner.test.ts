import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scan, analyze } from '../../../server/src/engine';
import { fixtureData } from './fixture-data';
import { columnKind } from '../../../server/src/engine/scanner/columns';
import { FALSE_POSITIVES } from './false-positives';

const data = fixtureData();
const codes = (text: string) => scan(text, data).tokens.map((t) => `${t.system}:${t.code}`);

test('false-positive corpus: no tokens', () => {
  for (const line of FALSE_POSITIVES) assert.deepEqual(codes(line), [], line);
});

test('the reference list of a policy document yields nothing, even for numbers in the data', () => {
  const text = ['REFERENCES', '1. Smith J. Title. J Foo. 2015; 16(5): 11000-20. PMID 1', '2. Doe A. Another 99213 study. Circ. 2019.', ''].join('\n');
  assert.deepEqual(codes(text), []);
});

test('recognises codes by data, label, column and shape', () => {
  assert.deepEqual(codes('Dx: M79.642, I10 and E11.9'), ['icd10cm:M79642', 'icd10cm:I10', 'icd10cm:E119']);
  assert.deepEqual(codes('Billed 99213 today'), ['cpt:99213']);
  assert.deepEqual(codes('99213 seen by Dr Smith'), ['cpt:99213']);
  assert.deepEqual(codes('CPT 0264T-22 and 96409'), ['cpt:0264T', 'modifier:22', 'cpt:96409']);
  assert.deepEqual(codes('ICD-10: M7964'), ['icd10cm:M7964']);
  assert.deepEqual(codes('Pain M7964 in prose'), [], 'dotless ICD-10-CM only in a diagnosis field');
  assert.deepEqual(codes('Taxonomy 207Q00000X'), ['taxonomy:207Q00000X']);
  assert.deepEqual(codes('HCPCS G0008 given'), ['hcpcs:G0008']);
  assert.deepEqual(codes('POS 11'), ['pos:11']);
});

test('unknown codes are tokens only where the context says so', () => {
  assert.deepEqual(codes('CPT 12345'), ['cpt:12345']);
  assert.deepEqual(codes('We saw 12345 of them'), []);
  assert.deepEqual(codes('M79.99 is odd'), ['icd10cm:M7999'], 'dotted with a known category');
  assert.deepEqual(codes('Q99.99 is odd'), [], 'dotted, unknown category, no label');
  assert.deepEqual(codes('ICD-10 Q99.99'), ['icd10cm:Q9999']);
});

test('modifiers: suffix, space, label and column forms are linked to their code', () => {
  const { tokens } = scan('Bill 27447-RT-59 and 99213 25 then 11000 with modifier 59.\n99213 25 minutes', data);
  const mods = tokens.filter((t) => t.system === 'modifier').map((t) => `${t.code}<${t.parent?.code}:${t.parentVia}`);
  assert.deepEqual(mods, ['RT<27447:suffix', '59<27447:suffix', '25<99213:suffix', '59<11000:line']);
});

test('markdown tables: column kinds from headers, rows without a leading pipe, stated descriptions', () => {
  const text = [
    'CPT 0264T: Autologous injection',
    '| Modifier | Description | When to Use |',
    '|---|---|---|',
    '00 | No modifier | never |',
    'QK | Medical direction | anesthesia |',
    '| ICD-10 Code | Description |',
    '|---|---|',
    'M79.64 | Pain in left hand |',
    '| Taxonomy Code | Specialty |',
    '|---|---|',
    '| 207Q00000X | Vascular Surgery |',
  ].join('\n');
  const { tokens } = scan(text, data);
  const summary = tokens.map((t) => `${t.system}:${t.code}${t.stated ? `="${t.stated.text}"` : ''}${t.parent ? `<${t.parent.code}` : ''}`);
  assert.deepEqual(summary, [
    'cpt:0264T="Autologous injection"',
    'modifier:00="No modifier"<0264T',
    'modifier:QK="Medical direction"<0264T',
    'icd10cm:M7964="Pain in left hand"',
    'taxonomy:207Q00000X="Vascular Surgery"',
  ]);
});

test('property: text without code-shaped words yields no tokens and analyze never throws', () => {
  const word = fc.stringMatching(/^[a-z]{1,9}$/);
  const num = fc.integer({ min: 0, max: 9999 }).map(String);
  fc.assert(
    fc.property(fc.array(fc.oneof(word, num), { maxLength: 40 }), (parts) => {
      assert.deepEqual(codes(parts.join(' ')), []);
    }),
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (s) => {
      analyze(s, 'note', { data });
      analyze(s, 'csv', { data });
    }),
  );
});

test('CSV charge files: header names the columns, quoted cells keep offsets', () => {
  const text = 'Date,CPT,Modifier,Units,Dx,Description\n2026-11-02,99213,25,1,"M79.642","Pain in left hand"\n2026-11-02,11000,,10000,M7964,x\n';
  const { tokens } = scan(text, data, { format: 'csv' });
  assert.deepEqual(
    tokens.map((t) => `${t.system}:${t.code}@${text.slice(t.start, t.end)}${t.parent ? `<${t.parent.code}` : ''}`),
    ['cpt:99213@99213', 'modifier:25@25<99213', 'icd10cm:M79642@M79.642', 'cpt:11000@11000', 'icd10cm:M7964@M7964'],
  );
});

test('column kinds come only from headers that name a code column', () => {
  const cases: [string, string][] = [
    ['CPT Code', 'procedure'],
    ['HCPCS', 'procedure'],
    ['Relationship to This Procedure', 'other'],
    ['ICD-10 Code', 'icd10cm'],
    ['Related Diagnoses', 'other'],
    ['Dx', 'icd10cm'],
    ['Modifier', 'modifier'],
    ['Modifier 2', 'modifier'],
    ['Taxonomy Code', 'taxonomy'],
    ['Specialty', 'description'],
    ['When to Use', 'other'],
    ['Units', 'units'],
    ['POS', 'pos'],
  ];
  for (const [h, k] of cases) assert.equal(columnKind(h), k, h);
});

test('FY2026 categories with a letter in the second position (QA0) are ICD-10-CM shapes', () => {
  const { tokens } = scan('Dx: QA0.0101 and ICD-10 QA00101; words like BA1 or CA125 are not codes', data);
  assert.deepEqual(tokens.map((t) => `${t.system}:${t.code}`), ['icd10cm:QA00101', 'icd10cm:QA00101']);
});

test('codes separated by a slash are both codes; a column headed "Code" takes any system', () => {
  assert.deepEqual(codes('Visits 99213/27447 billed'), ['cpt:99213', 'cpt:27447']);
  const table = '| Code | Description |\n|---|---|\n| M79.642 | Pain in left hand |\n| E119 | Diabetes |\n| G0008 | Flu shot admin |\n| 99213 | Office visit |';
  assert.deepEqual(codes(table), ['icd10cm:M79642', 'icd10cm:E119', 'hcpcs:G0008', 'cpt:99213']);
});

test('CSV: a quoted cell may span lines; its continuation is not a new row', () => {
  const text = 'Code,Notes\n99213,"line one\n99999 units, two"\n27447,"said ""hi"""\n';
  const { tokens } = scan(text, data, { format: 'csv' });
  assert.deepEqual(tokens.map((t) => `${t.system}:${t.code}@${t.line}`), ['cpt:99213@1', 'cpt:27447@3']);
});
