import { test } from 'node:test';
import assert from 'node:assert/strict';
import { julianToIso, parseAocXlsx } from '../../../data/scripts/parsers/aoc.js';
import { parseMueCsv } from '../../../data/scripts/parsers/mue.js';
import { readXlsxFirstSheet } from '../../../data/scripts/lib/xlsx.js';
import { fixture, fixtureXlsx } from './helpers.js';

test('MUE: multi-line notice, header with embedded newline, MAI split into number and text', () => {
  const r = parseMueCsv(fixture('ncci/MCR_MUE_PractitionerServices_Eff_04-01-2026.csv'));
  assert.match(r.notice, /^Current Procedural Terminology \(CPT\) codes.*CPT® is a registered trademark/);
  assert.equal(r.rows.length, 7);
  assert.deepEqual(r.rows[1], ['27447', 1, 2, 'Date of Service Edit: Policy', 'CMS Policy']);
  assert.deepEqual(r.rows.find((x) => x[0] === 'J1100'), ['J1100', 120, 3, 'Date of Service Edit: Clinical', 'Clinical: Data']);
  assert.deepEqual(r.rows.find((x) => x[0] === 'A4206'), ['A4206', 1, 1, 'Line Edit', 'Clinical: Data']);
  assert.deepEqual(r.rows.find((x) => x[0] === 'V5364')?.slice(0, 2), ['V5364', 0]);
});

test('MUE: malformed rows fail loudly', () => {
  const head = '"notice",,,\n"HCPCS/\nCPT Code",V,MAI,R\n';
  assert.throws(() => parseMueCsv(`${head}99213,2,Date of Service Edit,x\n`), /adjudication indicator/);
  assert.throws(() => parseMueCsv(`${head}99213,two,3 Date of Service Edit: Clinical,x\n`), /not a whole number/);
  assert.throws(() => parseMueCsv('just,a,file\n'), /header record/);
});

test('Julian YYYYDDD dates', () => {
  assert.equal(julianToIso('2013091'), '2013-04-01');
  assert.equal(julianToIso('2026001'), '2026-01-01');
  assert.equal(julianToIso('2024275'), '2024-10-01');
  assert.equal(julianToIso('2024366'), '2024-12-31');
  assert.equal(julianToIso('2013091.0'), '2013-04-01');
  assert.equal(julianToIso(''), '');
  assert.throws(() => julianToIso('2023366'), /outside 2023/);
  assert.throws(() => julianToIso('20130401'), /not a Julian/);
});

test('xlsx reader: cells by column letter, shared/inline/str/numeric cells, rich text, _x000D_', () => {
  const rows = readXlsxFirstSheet(fixtureXlsx());
  assert.equal(rows[0].row, 1);
  assert.match(rows[0].cells.A, /^CPT codes are copyright 2025 American Medical Association\.\r\nAll rights reserved/);
  assert.deepEqual(rows[2].cells, { A: '1', B: '99292', D: '99291', F: '2013091' }, 'sparse row: no C/E/G keys');
  assert.equal(rows[5].cells.B, '0054T');
  assert.equal(rows[5].cells.H, 'Contractor Defined Primary Codes');
  assert.equal(rows[6].cells.B, '11045');
  assert.deepEqual(rows[7], { row: 8, cells: {} });
});

test('AOC: rows with Julian dates converted, optional special instruction, notice kept aside', () => {
  const r = parseAocXlsx(fixtureXlsx());
  assert.match(r.notice, /American Medical Association/);
  assert.deepEqual(r.rows, [
    ['99292', '99291', 1, '2013-04-01', ''],
    ['G2211', '99202', 1, '2024-10-01', '2024-10-01'],
    ['G2211', '99202', 1, '2024-01-01', ''],
    ['0054T', 'CCCCC', 2, '2013-04-01', '', 'Contractor Defined Primary Codes'],
    ['11045', '11042', 3, '2013-04-01', '2024-12-31', '(Temporarily suspended retroactive to 1/1/2019)'],
  ]);
});
