import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCptCode, isLicensedDescriptor, locateColumns, parseMpfsCsv } from '../../../data/scripts/parsers/mpfs.js';
import { mergeMpfsYears, mpfsYearChanges, type MpfsYearInput } from '../../../data/scripts/assemble/mpfs.js';
import { fixture } from './helpers.js';

const csv = () => fixture('mpfs/RVU25A.zip.d/PPRRVU25_JAN.csv');

test('MPFS: columns located by stacked header names; indicators per code/modifier', () => {
  const r = parseMpfsCsv(csv(), { includeCptDescriptors: true });
  assert.equal(r.rows.length, 10);
  assert.equal(r.titleYear, 2025);
  assert.equal(r.title, '2025 National Physician Fee Schedule Relative Value File January Release');
  const row = (c: string, m = '') => r.rows.find((x) => x[0] === c && x[1] === m);
  // the last cell: the settings without a price (27447: non-facility NA, no office price)
  assert.deepEqual(row('27447'), ['27447', '', 'A', '0', '090', '2', '1', '2', '1', '0', 'Fixture CPT descriptor 27447', 'N']);
  assert.equal(row('71046')?.[11], '');
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
  assert.equal(r.descriptorsRemoved, 8);
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

/** Every fixture year (members found by name in RVUyyA.zip.d), parsed as the build does. */
function fixtureYears(includeCptDescriptors = true): MpfsYearInput[] {
  return [2022, 2023, 2024, 2025].map((year) => {
    const yy = year % 100;
    const r = parseMpfsCsv(fixture(`mpfs/RVU${yy}A.zip.d/PPRRVU${yy}_JAN.csv`), { includeCptDescriptors });
    assert.equal(r.titleYear, year, `the ${year} file's title names its year`);
    return { year: { id: `CY${year}`, year, edition: `RVU${yy}A (CY${year} January)`, start: `${year}-01-01`, end: `${year}-12-31`, rows: r.rows.length, source: `PPRRVU${yy}_JAN.csv` }, rows: r.rows };
  });
}

test('MPFS years merged: one row per distinct (code, modifier, indicators) with a year mask; descriptors from the newest year only', () => {
  const inputs = fixtureYears();
  assert.deepEqual(inputs.map((y) => y.rows.length), [11, 11, 10, 10]);
  const b = mergeMpfsYears([...inputs].reverse()); // input order does not matter
  assert.equal(b.edition, 'CY2022-CY2025');
  assert.deepEqual(b.years.map((y) => y.id), ['CY2022', 'CY2023', 'CY2024', 'CY2025']);
  const rows = (code: string, mod = '') => b.rows.filter((r) => r[0] === code && r[1] === mod).map((r) => [r[2], r[3], r[7], r[11]]);
  // unchanged in every year: one row for all four; a descriptor that changes between years does not split it
  assert.deepEqual(rows('27447'), [[0b1111, 'A', '1', 'Fixture CPT descriptor 27447']]);
  assert.deepEqual(rows('99213'), [[0b1111, 'A', '0', 'Fixture CPT descriptor 99213']]);
  assert.deepEqual(rows('G0008'), [[0b1111, 'X', '9', 'Admin influenza virus vac']], 'the CY2025 wording');
  // bilateral indicator 1 in CY2022-CY2023, 0 from CY2024
  assert.deepEqual(rows('20610'), [[0b0011, 'A', '1', ''], [0b1100, 'A', '0', 'Fixture CPT descriptor 20610']]);
  // status M in CY2022, I from CY2023
  assert.deepEqual(rows('0001F').map((r) => r.slice(0, 2)), [[0b0001, 'M'], [0b1110, 'I']]);
  // in CY2022-CY2023 only / CY2022 only: no descriptor (not in the newest year)
  assert.deepEqual(rows('91300'), [[0b0011, 'X', '9', '']]);
  assert.deepEqual(rows('99217'), [[0b0001, 'A', '0', '']]);
  // a modifier row added in CY2023
  assert.deepEqual(rows('71046', 'TC').map((r) => r[0]), [0b1110]);
  assert.equal(b.rows.length, 14);
  assert.deepEqual(b.rows.map((r) => r[0]), b.rows.map((r) => r[0]).sort(), 'sorted by code');
  assert.deepEqual(mpfsYearChanges(b), [
    { id: 'CY2022', codes: 10, added: 0, dropped: 0, changed: 0 },
    { id: 'CY2023', codes: 9, added: 0, dropped: 1, changed: 1 },
    { id: 'CY2024', codes: 8, added: 0, dropped: 1, changed: 1 },
    { id: 'CY2025', codes: 8, added: 0, dropped: 0, changed: 0 },
  ]);
});

test('MPFS years merged without CPT descriptors: none from any year; two files for one year are refused', () => {
  const b = mergeMpfsYears(fixtureYears(false));
  assert.deepEqual(b.rows.filter((r) => /^\d/.test(r[0]) && r[11]), []);
  const inputs = fixtureYears();
  assert.throws(() => mergeMpfsYears([inputs[0], inputs[0]]), /two files for CY2022/);
  assert.throws(() => mergeMpfsYears([]), /no year/);
});
