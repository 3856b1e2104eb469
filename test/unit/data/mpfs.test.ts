import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCptCode, isLicensedDescriptor, locateColumns, parseMpfsCsv } from '../../../data/scripts/parsers/mpfs.js';
import { fixture } from './helpers.js';

const csv = () => fixture('mpfs/RVU25A.zip.d/PPRRVU25_JAN.csv');

test('MPFS: columns located by stacked header names; indicators per code/modifier', () => {
  const r = parseMpfsCsv(csv(), { includeCptDescriptors: true });
  assert.equal(r.rows.length, 9);
  const row = (c: string, m = '') => r.rows.find((x) => x[0] === c && x[1] === m);
  assert.deepEqual(row('27447'), ['27447', '', 'A', '0', '090', '2', '1', '2', '1', '0', 'Fixture CPT descriptor 27447']);
  assert.deepEqual(row('71046', '26')?.slice(0, 4), ['71046', '26', 'A', '1']);
  assert.deepEqual(row('71046', 'TC')?.slice(0, 4), ['71046', 'TC', 'A', '1']);
  assert.equal(row('71046')?.[10], 'Fixture CPT descriptor, 71046', 'quoted comma');
  assert.deepEqual(row('G0008')?.slice(2, 5), ['X', '9', 'XXX']);
  assert.equal(r.descriptorsRemoved, 0);
  assert.equal(r.skipped.length, 1, 'the trailing ^Z line');
  assert.equal(r.skipped[0].text.charCodeAt(0), 0x1a);
});

test('MPFS: --no-cpt-descriptors blanks CPT and CDT descriptors, keeps HCPCS Level II', () => {
  const r = parseMpfsCsv(csv(), { includeCptDescriptors: false });
  const desc = (c: string, m = '') => r.rows.find((x) => x[0] === c && x[1] === m)?.[10];
  for (const c of ['27447', '0001F', '99213', '71046', 'D0120']) assert.equal(desc(c), '', c);
  assert.equal(desc('71046', '26'), '');
  assert.equal(desc('G0008'), 'Admin influenza virus vac');
  assert.equal(desc('A0021'), 'Outside state ambulance serv');
  assert.equal(r.descriptorsRemoved, 7);
  assert.deepEqual(r.rows.find((x) => x[0] === '27447')?.slice(0, 10), ['27447', '', 'A', '0', '090', '2', '1', '2', '1', '0'], 'indicators untouched');
});

test('MPFS: column lookup does not depend on position; missing columns are named', () => {
  const recs = [
    ['', 'GLOB', 'PCTC', 'STATUS'],
    ['HCPCS', 'DAYS', 'IND', 'CODE'],
  ];
  assert.deepEqual(locateColumns(recs, 1, ['HCPCS', 'STATUS CODE', 'PCTC IND', 'GLOB DAYS']), [0, 3, 2, 1]);
  assert.deepEqual(locateColumns([['CO-'], ['SURG']], 1, ['CO-SURG']), [0]);
  assert.throws(() => locateColumns(recs, 1, ['TEAM SURG']), /no column headed "TEAM SURG"/);
  assert.throws(() => parseMpfsCsv('a,b\n1,2\n', { includeCptDescriptors: true }), /header row starting with "HCPCS" not found/);
});

test('CPT / licensed descriptor detection', () => {
  for (const c of ['99213', '0001F', '0591T', '0001U', '0002M', '0001A']) assert.equal(isCptCode(c), true, c);
  for (const c of ['G0008', 'J3490', 'D0120', 'A0021']) assert.equal(isCptCode(c), false, c);
  assert.equal(isLicensedDescriptor('D0120'), true);
  assert.equal(isLicensedDescriptor('G0008'), false);
});
