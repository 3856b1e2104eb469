import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNuccCsv } from '../../../data/scripts/parsers/nucc.js';
import { parsePosFsh, splitPosText, titleCase } from '../../../data/scripts/parsers/pos.js';
import { fixture } from './helpers.js';

test('NUCC: columns by header name, quoted commas and quotes, Notes dropped', () => {
  const rows = parseNuccCsv(fixture('nucc/nucc_taxonomy_251.csv'));
  assert.equal(rows.length, 5);
  assert.deepEqual(rows[1], [
    '207Q00000X',
    'Allopathic & Osteopathic Physicians',
    'Family Medicine',
    '',
    'Family Medicine is the medical specialty which is concerned with the total health care of the individual and the family.',
    'Family Medicine Physician',
    'Individual',
  ]);
  assert.equal(rows[2][4], 'Provision of care for adults, including Alzheimer\u2019s disease.');
  assert.equal(rows[3][4], 'A hospital "general acute care" definition, quoted.');
  assert.equal(rows[4][6], 'Non-Individual');
  assert.throws(() => parseNuccCsv('Code,Grouping\n207Q00000X,x\n'), /column "Classification" not found/);
});

test('POS: UNASSIGNED and "~" skipped; name, description and effective note separated', () => {
  const rows = parsePosFsh(fixture('pos/CodeSystem-CLM-POS-CD.fsh'));
  assert.deepEqual(rows.map((r) => r[0]), ['01', '04', '11', '14', '22', '23', '27', '41', '42', '57', '66', '99']);
  const row = (c: string) => rows.find((r) => r[0] === c);
  assert.deepEqual(row('01'), ['01', 'Pharmacy', 'A facility or location where drugs and other medically related items and services are sold, dispensed, or otherwise provided directly to patients.', 'Effective October 1, 2005']);
  assert.equal(row('04')?.[2].startsWith('A facility or location whose primary purpose'), true, 'no separator after the parenthesis');
  assert.deepEqual(row('11')?.slice(1, 2), ['Office']);
  assert.match(row('11')?.[2] ?? '', /skilled nursing facility \(SNF\)/);
  assert.equal(row('14')?.[3], 'Code effective, October 1, 2003; description revised,effective April 1, 2004');
  assert.deepEqual(row('22')?.slice(1, 2), ['On Campus-Outpatient Hospital']);
  assert.equal(row('22')?.[3], 'Description revised January 1, 2016');
  assert.deepEqual(row('23')?.slice(1, 3), ['Emergency Room-Hospital', 'A portion of a hospital where emergency diagnosis and treatment of illness or injury is provided.']);
  assert.deepEqual(row('27'), ['27', 'Outreach Site/Street', '', 'Eff. 10/1/23']);
  assert.deepEqual(row('41')?.slice(1, 2), ['Ambulance—Land']);
  assert.match(row('41')?.[2] ?? '', /^A land vehicle specifically designed/);
  assert.deepEqual(row('42')?.slice(1, 2), ['Ambulance—Air or Water']);
  assert.equal(row('57')?.[3], 'October 1, 2003');
  assert.deepEqual(row('66'), ['66', 'Programs of All Inclusive Care for the Elderly (PACE) Center', '', '']);
  assert.deepEqual(row('99')?.slice(1, 3), ['Other Place of Service', 'Other place of service not identified above.']);
});

test('POS text helpers', () => {
  assert.equal(titleCase('INTERMEDIATE CARE FACILITY/INDIVIDUALS WITH INTELLECTUAL DISABILITIES'), 'Intermediate Care Facility/Individuals with Intellectual Disabilities');
  assert.equal(titleCase('TRIBAL 638 FREE-STANDING FACILITY'), 'Tribal 638 Free-Standing Facility');
  assert.deepEqual(splitPosText('NURSING FACILITY- A FACILITY WHICH PROVIDES CARE.'), { name: 'NURSING FACILITY', description: 'A FACILITY WHICH PROVIDES CARE.', effective: '' });
  assert.throws(() => parsePosFsh('CodeSystem: X\n'), /no .* concept lines/);
});
