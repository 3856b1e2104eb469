import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parsePtpTxt, parsePtpXlsx, ptpFileName } from '../../../data/scripts/parsers/ncci-ptp.js';
import { PtpTable, encodePtp, type PtpRow } from '../../../server/src/engine/data/ptp-codec.js';
import { FIXTURES, fixture, zipDir } from './helpers.js';

const HEAD = [
  'CPT only copyright 2025 American Medical Association.  All rights reserved.\t\t\t\t\t\t',
  'Column1/Column2 Edits\t\t\t\t\t\t',
  'Column 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale',
  '\t\tprior to 1996\tDate\tDate\t0=not allowed\t',
  '\t\t\t\t*=no data\t1=allowed\t',
  '\t\t\t\t\t9=not applicable\t',
].join('\n');

test('PTP TXT: notice and 6-line wrapped header skipped, CRLF, "*" flags and dates, all four parts', () => {
  const f1 = parsePtpTxt(fixture('ncci/ptp/ccipra-v321r0-f1.TXT'), 'f1');
  assert.match(f1.notice, /^CPT only copyright 2025 American Medical Association\. All rights reserved\. Column1\/Column2 Edits$/);
  assert.deepEqual(f1.rows, [
    ['0001A', '99213', 0, '2022-01-01', '2023-12-31', 1, 'CPT Manual or CMS manual coding instruction'],
    ['0001A', 'G0008', 0, '2022-01-01', '2022-01-01', 9, 'Mutually exclusive procedures'],
    ['0264T', '96372', 0, '2010-01-01', '', 0, 'Misuse of Column Two code with Column One code'],
    ['11000', '20610', 1, '1996-01-01', '2007-01-01', 1, 'Standards of medical / surgical practice'],
    ['11000', '20610', 0, '2010-01-01', '', 1, 'Standards of medical / surgical practice'],
  ]);
  const counts = ['f2', 'f3', 'f4'].map((p) => parsePtpTxt(fixture(`ncci/ptp/ccipra-v321r0-${p}.TXT`)).rows.length);
  assert.deepEqual(counts, [2, 1, 3]);
});

test('PTP xlsx: header in one row with line breaks, numeric cells, anesthesia code without its leading zero', () => {
  const r = parsePtpXlsx(zipDir(join(FIXTURES, 'ncci', 'ptp-xlsx', 'ccipra-v321r0-f1.xlsx.d')), 'f1.xlsx');
  assert.match(r.notice, /American Medical Association/);
  assert.deepEqual(r.rows, [
    ['0001A', '99213', 0, '2022-01-01', '2023-12-31', 1, 'CPT Manual or CMS manual coding instruction'],
    ['01810', '64450', 1, '1996-01-01', '', 0, 'Anesthesia service included in surgical procedure'],
  ]);
});

test('PTP: malformed rows fail loudly with their line number', () => {
  const bad = (row: string) => () => parsePtpTxt(`${HEAD}\n0001A\t99213\t\t20220101\t*\t1\tok\n${row}\n`, 'x.TXT');
  assert.throws(bad('0001A\t9921\t\t20220101\t*\t1\tr'), /^Error: x\.TXT line 8: column 2 "9921" is not a 5-character procedure code$/);
  assert.throws(bad('0001A\t99214\t\t20221301\t*\t1\tr'), /line 8: effective date "20221301" is not a YYYYMMDD date/);
  assert.throws(bad('0001A\t99214\t\t20220101\t2021\t1\tr'), /line 8: deletion date "2021" is not a YYYYMMDD date or "\*"/);
  assert.throws(bad('0001A\t99214\t\t20220101\t20210101\t1\tr'), /line 8: deletion date 20210101 is before the effective date/);
  assert.throws(bad('0001A\t99214\t\t20220101\t*\t2\tr'), /line 8: modifier indicator "2" is not 0, 1 or 9/);
  assert.throws(bad('0001A\t99214\tx\t20220101\t*\t1\tr'), /line 8: "in existence prior to 1996" is "x"/);
  assert.throws(bad('0001A 99214 20220101 * 1'), /line 8: 1 tab-separated field\(s\), expected 7/);
  assert.throws(() => parsePtpTxt('0001A\t99213\t\t20220101\t*\t1\tr\n', 'y.TXT'), /y\.TXT: header line .* not found/);
  // blank lines (the file's end) are not rows
  assert.equal(parsePtpTxt(`${HEAD}\n0001A\t99213\t\t20220101\t*\t1\tr\n\n\n`).rows.length, 1);
});

test('PTP file names give the NCCI version, quarter and part', () => {
  assert.deepEqual(ptpFileName('ccipra-v321r0-f1.TXT'), { version: 'v32.1r0', quarter: '2026 Q2', part: 'f1', id: 'v321r0' });
  assert.deepEqual(ptpFileName('medicare/CCIPRA-V303R0-F4.xlsx'), { version: 'v30.3r0', quarter: '2024 Q4', part: 'f4', id: 'v303r0' });
  assert.equal(ptpFileName('MCR_MUE_PractitionerServices.csv'), undefined);
});

test('PTP codec: round trip of every row, lookups by pair and date, partner counts', () => {
  const rows = ['f1', 'f2', 'f3', 'f4'].flatMap((p) => parsePtpTxt(fixture(`ncci/ptp/ccipra-v321r0-${p}.TXT`)).rows);
  const t = PtpTable.decode(encodePtp({ edition: 'v32.1r0 (2026 Q2)', parts: ['f1', 'f2', 'f3', 'f4'], rows }));
  assert.equal(t.edition, 'v32.1r0 (2026 Q2)');
  assert.equal(t.size, rows.length);
  const key = (r: PtpRow) => r.join('|');
  assert.deepEqual([...t.all()].map(key), [...rows].sort((a, b) => (a[0] + a[1] + a[3] < b[0] + b[1] + b[3] ? -1 : 1)).map(key));
  // effective <= date < deletion
  assert.equal(t.inForce('71046', '93000', '2014-12-31'), undefined);
  assert.equal(t.inForce('71046', '93000', '2015-01-01')?.modifier, 1);
  assert.equal(t.inForce('71046', '93000', '2024-12-31')?.deletion, '2025-01-01');
  assert.equal(t.inForce('71046', '93000', '2025-01-01'), undefined);
  assert.equal(t.inForce('93000', '71046', '2020-01-01'), undefined, 'the order of the columns matters');
  // deleted, then in force again: two edits for one pair
  assert.deepEqual(t.edits('11000', '20610').map((e) => `${e.effective}..${e.deletion || '*'} prior1996=${e.prior1996}`), ['1996-01-01..2007-01-01 prior1996=true', '2010-01-01..* prior1996=false']);
  assert.equal(t.inForce('11000', '20610', '2008-06-01'), undefined);
  assert.equal(t.inForce('11000', '20610', '2010-06-01')?.effective, '2010-01-01');
  assert.deepEqual(t.inForce('99291', '93000', '2026-03-01'), {
    column1: '99291', column2: '93000', effective: '2010-01-01', deletion: '', modifier: 0, prior1996: false, rationale: 'CPT Manual or CMS manual coding instruction',
  });
  assert.deepEqual(t.partners('27447', '2026-01-01'), { all: 2, inForce: 1 }, '27447/11000 has modifier indicator 9');
  assert.deepEqual(t.partners('0001A'), { all: 2 });
  assert.deepEqual(t.partners('99999', '2026-01-01'), { all: 0, inForce: 0 });
  assert.throws(() => PtpTable.decode(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])), /no PTP1 signature/);
  const bytes = encodePtp({ edition: 'x', parts: [], rows });
  assert.throws(() => PtpTable.decode(bytes.subarray(0, bytes.length - 3)), /truncated/);
});

test('PTP codec: more than 255 dates and more than 65,535 codes use wider columns', () => {
  const rows: PtpRow[] = [];
  for (let i = 0; i < 70_000; i++) {
    const day = new Date(Date.UTC(2000, 0, 1 + (i % 400))).toISOString().slice(0, 10);
    rows.push([`C${String(i).padStart(4, '0')}`.slice(0, 5).padEnd(5, '0'), `${String(i).padStart(5, '0')}`, 0, day, i % 3 ? '' : '2030-01-01', i % 2, `r${i % 20}`]);
  }
  const t = PtpTable.decode(encodePtp({ edition: 'wide', parts: [], rows }));
  assert.equal(t.size, rows.length);
  const sample = rows[69_999];
  assert.deepEqual(t.edits(sample[0], sample[1]).map((e) => [e.column1, e.column2, e.effective, e.deletion, e.modifier, e.rationale]), [[sample[0], sample[1], sample[3], sample[4], sample[5], sample[6]]]);
});

test('build: PTP parts from --ncci-ptp / CLINICAL_CODES_NCCI_PTP (directory, zip, loose file) into the manifest; none: no PTP dataset', async () => {
  const { buildData, parseArgs } = await import('../../../data/scripts/build-data.js');
  const { readFileSync, writeFileSync } = await import('node:fs');
  const { gunzipSync } = await import('node:zlib');
  const { materializeFixtures, tempDir, removeTempDirs } = await import('./helpers.js');
  try {
    const src = materializeFixtures((rel) => rel.startsWith('ncci/ptp'));
    const dir = join(FIXTURES, 'ncci', 'ptp');
    const out = tempDir('cc-out-');
    const base = { sourcesDir: src, outDir: out, includeCptDescriptors: true, allowChecksumMismatch: true, log: () => {} };
    const r = buildData({ ...base, ptpPaths: [dir] });
    const d = r.manifest.datasets.ptp!;
    assert.equal(d.edition, 'v32.1r0 (2026 Q2)');
    assert.equal(d.effective, '2026-04-01');
    assert.equal(d.records, 11);
    assert.deepEqual(Object.keys(d.sources), ['ccipra-v321r0-f1.TXT', 'ccipra-v321r0-f2.TXT', 'ccipra-v321r0-f3.TXT', 'ccipra-v321r0-f4.TXT']);
    const t = PtpTable.decode(new Uint8Array(gunzipSync(readFileSync(join(out, d.file)))));
    assert.equal(t.inForce('27447', '20610', '2026-05-01')?.modifier, 1);

    // a zip holding one part (the xlsx next to its TXT loses), and a missing part is a warning
    const zip = join(tempDir('cc-ptp-'), 'medicare-ncci-2026q2-ptp-f1.zip');
    const { zipSync } = await import('fflate');
    writeFileSync(zip, zipSync({ 'ccipra-v321r0-f1.TXT': fixture('ncci/ptp/ccipra-v321r0-f1.TXT'), 'ccipra-v321r0-f1.xlsx': zipDir(join(FIXTURES, 'ncci', 'ptp-xlsx', 'ccipra-v321r0-f1.xlsx.d')) }));
    const z = buildData({ ...base, outDir: tempDir('cc-out-'), ptpPaths: [zip] });
    assert.equal(z.manifest.datasets.ptp?.records, 5);
    assert.deepEqual(Object.keys(z.manifest.datasets.ptp!.sources), ['medicare-ncci-2026q2-ptp-f1.zip']);
    assert.ok(z.manifest.warnings.includes('NCCI PTP v32.1r0: part(s) f2, f3, f4 not given: edits whose column 1 code is in them are not judged'));

    const none = buildData({ ...base, outDir: out });
    assert.equal(none.manifest.datasets.ptp, undefined);
    assert.throws(() => readFileSync(join(out, d.file)), /ENOENT/, 'the last build\'s PTP file is removed');
    assert.throws(() => buildData({ ...base, ptpPaths: [join(dir, 'nope')] }), /NCCI PTP: .*nope does not exist/);
    assert.throws(() => buildData({ ...base, ptpPaths: [src + '/nucc'] }), /no practitioner PTP files/);

    assert.deepEqual((parseArgs([], { CLINICAL_CODES_NCCI_PTP: '/a:/b' }, '/r') as { ptpPaths: string[] }).ptpPaths, ['/a', '/b']);
    assert.deepEqual((parseArgs(['--ncci-ptp', '/c'], { CLINICAL_CODES_NCCI_PTP: '/a' }, '/r') as { ptpPaths: string[] }).ptpPaths, ['/c'], 'the option wins over the variable');
  } finally {
    removeTempDirs();
  }
});
