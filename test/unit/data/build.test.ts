import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import type { Icd10NotesBundle, Manifest, MpfsBundle } from '../../../server/src/engine/data/bundle-types.js';
import { BUNDLE_FORMAT_VERSION, DATASET_FILES } from '../../../server/src/engine/data/bundle-types.js';
import { IcdStore } from '../../../server/src/engine/data/icd-codec.js';
import { TableStore } from '../../../server/src/engine/data/table-codec.js';
import { WordIndex } from '../../../server/src/engine/search/word-index.js';
import { buildData, formatSummary, parseArgs, type BuildOptions } from '../../../data/scripts/build-data.js';
import { BuildError, loadSourcesConfig, sha256 } from '../../../data/scripts/lib/sources.js';
import { FIXTURES, REPO, materializeFixtures, removeTempDirs, tempDir } from './helpers.js';

after(removeTempDirs);

const quiet = () => {};
const opts = (sourcesDir: string, extra: Partial<BuildOptions> = {}): BuildOptions => ({
  sourcesDir,
  outDir: tempDir('cc-out-'),
  includeCptDescriptors: true,
  allowChecksumMismatch: true,
  log: quiet,
  ...extra,
});
const readGz = <T>(dir: string, file: string): T => JSON.parse(gunzipSync(readFileSync(join(dir, file))).toString('utf8')) as T;
/** A table dataset decoded with the runtime's codec, as { ...header, rows } with every cell a string. */
const readTable = <T = { rows: string[][] }>(dir: string, file: string): T => {
  const t = TableStore.decode<Record<string, unknown>>(gunzipSync(readFileSync(join(dir, file))).toString('utf8'));
  return { ...t.head, rows: Array.from({ length: t.size }, (_, i) => t.rowAt(i)) } as T;
};

/** Every row of a positional bundle has the given arity and only strings/numbers in it. */
function assertRows(rows: unknown[], arity: number | [number, number], name: string) {
  const [min, max] = typeof arity === 'number' ? [arity, arity] : arity;
  assert.ok(rows.length > 0, `${name}: no rows`);
  for (const r of rows) {
    assert.ok(Array.isArray(r) && r.length >= min && r.length <= max, `${name}: bad row ${JSON.stringify(r)}`);
    for (const v of r as unknown[]) assert.ok(typeof v === 'string' || typeof v === 'number', `${name}: bad cell in ${JSON.stringify(r)}`);
  }
}

test('whole build on the fixtures: manifest, bundle files, shapes', () => {
  const src = materializeFixtures();
  const o = opts(src);
  const r = buildData(o);
  const manifest = JSON.parse(readFileSync(join(o.outDir, 'manifest.json'), 'utf8')) as Manifest;
  assert.deepEqual(manifest, r.manifest);
  assert.equal(manifest.formatVersion, BUNDLE_FORMAT_VERSION);
  assert.equal(manifest.cptDescriptorsIncluded, true);
  assert.ok(!Number.isNaN(Date.parse(manifest.builtAt)));
  assert.deepEqual(
    Object.fromEntries(Object.entries(manifest.datasets).map(([k, d]) => [k, d.records])),
    { icd10cm: 70, icd10cmNotes: 6, hcpcs: 11, mpfs: 14, mue: 7, aoc: 5, nucc: 5, pos: 12, cptModifiers: 43, wordIndex: 136 },
  );
  // the word index: the newest edition's ICD-10-CM codes, HCPCS, modifiers, NUCC, POS (never CPT), with the synonyms
  const words = new WordIndex(gunzipSync(readFileSync(join(o.outDir, DATASET_FILES.wordIndex))));
  assert.deepEqual(words.systems.map((x) => x.id), ['icd10cm', 'hcpcs', 'modifier', 'taxonomy', 'pos']);
  assert.deepEqual(words.synonyms.chf, ['heart failure']);
  for (const [id, d] of Object.entries(manifest.datasets)) {
    assert.equal(d.file, DATASET_FILES[id as keyof typeof DATASET_FILES]);
    assert.ok(existsSync(join(o.outDir, d.file)), d.file);
    assert.ok(d.licence.length > 20, `${id} licence`);
    // what the loader verifies: the file as written and its decompressed size
    const gz = readFileSync(join(o.outDir, d.file));
    assert.equal(d.sha256, sha256(gz), `${id} sha256`);
    assert.equal(d.bytes, gz.length);
    assert.equal(d.uncompressedBytes, gunzipSync(gz).length);
  }
  const icdSrc = manifest.datasets.icd10cm?.sources ?? {};
  assert.deepEqual(Object.keys(icdSrc), [
    '2016-code-descriptions-in-tabular-order.zip',
    '2017-icd10-code-descriptions.zip',
    '2018-icd-10-code-descriptions.zip',
    '2019-icd-10-cm-code-descriptions.zip',
    '2020-icd-10-cm-codes.zip',
    '2021-code-descriptions-tabular-order-updated-12162020.zip',
    'Code-Descriptions-zip.zip',
    '2022-code-descriptions-tabular-order-updated-02012022.zip',
    'icd10-Order-CodeFiles2023.zip',
    '2023-code-descriptions-tabular-order-updated-01-11-2023.zip',
    '2024-code-descriptions-tabular-order-updated-02-01-2024.zip',
    '2025-code-descriptions-tabular-order.zip',
    '2026-code-descriptions-tabular-order.zip',
    'icd10cm_order_addenda_2027.txt',
  ]);
  assert.equal(icdSrc['icd10cm_order_addenda_2027.txt'], sha256(readFileSync(join(src, 'icd10cm/fy2027/icd10cm_order_addenda_2027.txt'))));
  assert.equal(manifest.datasets.icd10cm?.edition, 'FY2016-FY2027');
  assert.equal(manifest.datasets.icd10cm?.effective, '2026-10-01');
  assert.match(manifest.datasets.mpfs?.licence ?? '', /American Medical Association/);
  assert.equal(manifest.warnings.filter((w) => w.startsWith('checksum mismatch accepted')).length, 24);
  assert.deepEqual(manifest.warnings.filter((w) => /^FY\d{4}/.test(w)), [], 'every addenda agrees with its order files');
  assert.ok(manifest.warnings.some((w) => /instructional notes come from the FY2017 tabular XML/.test(w)));

  // ICD-10-CM is written with the runtime's own codec and must decode with it
  const icd = IcdStore.decode(gunzipSync(readFileSync(join(o.outDir, DATASET_FILES.icd10cm))).toString('utf8'));
  assert.deepEqual(
    icd.editions.map((e) => `${e.id} ${e.start}..${e.end}`),
    [
      'FY2016 2015-10-01..2016-09-30',
      'FY2017 2016-10-01..2017-09-30',
      'FY2018 2017-10-01..2018-09-30',
      'FY2019 2018-10-01..2019-09-30',
      'FY2020 2019-10-01..2020-03-31',
      'FY2020-April 2020-04-01..2020-09-30',
      'FY2021 2020-10-01..2020-12-31',
      'FY2021-January 2021-01-01..2021-09-30',
      'FY2022 2021-10-01..2022-03-31',
      'FY2022-April 2022-04-01..2022-09-30',
      'FY2023 2022-10-01..2023-03-31',
      'FY2023-April 2023-04-01..2023-09-30',
      'FY2024 2023-10-01..2024-09-30',
      'FY2025 2024-10-01..2025-09-30',
      'FY2026 2025-10-01..2026-09-30',
      'FY2027 2026-10-01..2027-09-30',
    ],
  );
  assert.equal(icd.editions[5].source, 'icd10cm_order_2020.txt + U07, U071 from icd10cm_order_2021.txt');
  assert.equal(icd.editions[6].source, 'icd10cm_order_2021.txt - J1282, M3581, M3589, Z1152, Z20822, Z8616; M358 billable');
  assert.equal(icd.editions[15].source, 'icd10cm_order_2026.txt + icd10cm_order_addenda_2027.txt');
  const icdRows = Array.from({ length: icd.size }, (_, i) => icd.rowAt(i));
  assertRows(icdRows, 6, 'icd10cm');
  const bits = (...eds: number[]) => eds.reduce((m, i) => m | (1 << i), 0);
  const span = (from: number, to = 15) => bits(...Array.from({ length: to - from + 1 }, (_, k) => from + k));
  assert.deepEqual(icd.rowAt(icd.indexOf('D691')), ['D691', span(0), span(0, 14), '', 'Qualitative platelet defects', 'Qualitative platelet defects']);
  assert.deepEqual(icd.rowAt(icd.indexOf('U071')).slice(0, 3), ['U071', span(5), span(5)], 'U07.1 from FY2020-April');
  assert.deepEqual(icd.rowAt(icd.indexOf('M358')).slice(0, 3), ['M358', span(0), span(0, 6)], 'M35.8 billable until FY2021 (October 2020)');
  assert.deepEqual(icd.rowAt(icd.indexOf('J1282')).slice(0, 3), ['J1282', span(7), span(7)], 'J12.82 from FY2021-January');
  assert.deepEqual(icd.rowAt(icd.indexOf('H8141')).slice(0, 3), ['H8141', span(0, 3), span(0, 3)], 'deleted in FY2020');
  assert.deepEqual(icd.rowAt(icd.indexOf('Z28310')).slice(0, 3), ['Z28310', span(9), span(9)], 'from FY2022-April');
  assert.deepEqual(icd.rowAt(icd.indexOf('Z6830'))[3], '7\x1fBody mass index [BMI]30.0-30.9, adult\x1fBody mass index [BMI]30.0-30.9, adult', 'title until FY2021-January');
  assert.deepEqual(icdRows.map((x) => x[0]), icdRows.map((x) => x[0]).sort());
  assert.deepEqual(
    icd.changes.filter((c) => c.added.length || c.deleted.length || c.becameHeader || c.becameBillable).map((c) => [c.edition, c.added.length, c.deleted.length, c.becameHeader ?? [], c.becameBillable ?? []]),
    [
      ['FY2020', 0, 2, [], ['H814']],
      ['FY2020-April', 2, 0, [], []],
      ['FY2021-January', 6, 0, ['M358'], []],
      ['FY2022', 2, 0, ['R05'], []],
      ['FY2022-April', 4, 0, ['Z283'], []],
      ['FY2023', 2, 0, ['E872'], []],
      ['FY2023-April', 2, 0, ['Z591'], []],
      ['FY2026', 4, 1, ['B880'], []],
      ['FY2027', 4, 2, ['D691'], []],
    ],
  );
  const notes = readGz<Icd10NotesBundle>(o.outDir, 'icd10cm-notes.json.gz');
  assert.equal(notes.edition, 'FY2017');
  assert.ok(notes.seventh.S52.defs.A);
  assertRows(readTable<{ rows: unknown[] }>(o.outDir, 'hcpcs.tsv.gz').rows, 9, 'hcpcs');
  assertRows(readTable<{ modifiers: unknown[] }>(o.outDir, 'hcpcs.tsv.gz').modifiers, 7, 'hcpcs modifiers');
  assertRows(readTable<{ rows: unknown[] }>(o.outDir, 'mpfs.tsv.gz').rows, 13, 'mpfs');
  assertRows(readTable<{ rows: unknown[] }>(o.outDir, 'mue.tsv.gz').rows, 5, 'mue');
  assertRows(readTable<{ rows: unknown[] }>(o.outDir, 'aoc.tsv.gz').rows, [5, 6], 'aoc');
  assertRows(readTable<{ rows: unknown[] }>(o.outDir, 'nucc.tsv.gz').rows, 7, 'nucc');
  assertRows(readTable<{ rows: unknown[] }>(o.outDir, 'pos.tsv.gz').rows, 4, 'pos');
  assert.equal(readGz<{ rows: { code: string }[] }>(o.outDir, 'cpt-modifiers.json.gz').rows[0].code, '1P'); // Category II 1P sorts first
  const mpfs = readTable<MpfsBundle>(o.outDir, 'mpfs.tsv.gz');
  assert.deepEqual(mpfs.years.map((y) => `${y.id} ${y.edition} ${y.start}..${y.end} ${y.rows} ${y.source}`), [
    'CY2022 RVU22A (CY2022 January) 2022-01-01..2022-12-31 11 PPRRVU22_JAN.csv',
    'CY2023 RVU23A (CY2023 January) 2023-01-01..2023-12-31 11 PPRRVU23_JAN.csv',
    'CY2024 RVU24A (CY2024 January) 2024-01-01..2024-12-31 10 PPRRVU24_JAN.csv',
    'CY2025 RVU25A (CY2025 January) 2025-01-01..2025-12-31 10 PPRRVU25_JAN.csv',
  ]);
  assert.equal(manifest.datasets.mpfs?.edition, 'CY2022-CY2025');
  assert.deepEqual(Object.keys(manifest.datasets.mpfs?.sources ?? {}), ['RVU22A.zip', 'RVU23A.zip', 'RVU24A.zip', 'RVU25A.zip']);
  assert.deepEqual(mpfs.rows.find((x) => x[0] === '27447'), ['27447', '', '15', 'A', '0', '090', '2', '1', '2', '1', '0', 'Fixture CPT descriptor 27447', 'N']);
  assert.deepEqual(mpfs.rows.filter((x) => x[0] === '20610').map((x) => [x[2], x[7], x[11]]), [['3', '1', ''], ['12', '0', 'Fixture CPT descriptor 20610']]);

  const summary = formatSummary(r, o.outDir);
  assert.match(summary, /^dataset +edition +records +bytes \(gz\)/);
  assert.match(summary, /icd10cm +FY2016-FY2027 +70 /);
  assert.equal(r.totalBytes, r.files.reduce((n, f) => n + f.bytes, 0));
});

test('--no-cpt-descriptors build: CPT descriptors absent from the MPFS table and the manifest says so', () => {
  const o = opts(materializeFixtures(), { includeCptDescriptors: false });
  const r = buildData(o);
  assert.equal(r.manifest.cptDescriptorsIncluded, false);
  const raw = gunzipSync(readFileSync(join(o.outDir, 'mpfs.tsv.gz'))).toString('utf8');
  assert.doesNotMatch(raw, /Fixture CPT descriptor|Fixture dental descriptor/);
  assert.match(raw, /Admin influenza virus vac/);
});

test('optional sources missing: datasets omitted with warnings, stale files from an earlier build removed', () => {
  const full = opts(materializeFixtures());
  buildData(full);
  assert.ok(existsSync(join(full.outDir, 'aoc.tsv.gz')));
  const src = materializeFixtures((rel) => rel.startsWith('ncci') || rel.startsWith('pos') || rel.includes('legacy-fy2017'));
  const r = buildData({ ...full, sourcesDir: src });
  assert.deepEqual(Object.keys(r.manifest.datasets).sort(), ['cptModifiers', 'hcpcs', 'icd10cm', 'mpfs', 'nucc', 'wordIndex']);
  for (const id of ['aoc-2026q2', 'pos', 'mue-practitioner-2026q2', 'icd10cm-tabular-xml']) {
    assert.ok(r.manifest.warnings.some((w) => w.startsWith(`optional source ${id} `) && w.includes('https://')), id);
  }
  for (const f of ['aoc.tsv.gz', 'pos.tsv.gz', 'mue.tsv.gz', 'icd10cm-notes.json.gz']) assert.equal(existsSync(join(full.outDir, f)), false, f);
});

test('a newer tabular XML in the sources dir wins (loose file or inside a zip), newest year first', () => {
  const src = materializeFixtures();
  const xml = readFileSync(join(FIXTURES, 'icd10cm/legacy-fy2017/ICD10CM_FY2017_Full_XML.zip.d/icd10cm_tabular_2017.xml'));
  mkdirSync(join(src, 'icd10cm', 'fy2026'), { recursive: true });
  writeFileSync(join(src, 'icd10cm', 'fy2026', 'icd10cm_tabular_2026.xml'), xml);
  let r = buildData(opts(src));
  assert.equal(r.manifest.datasets.icd10cmNotes?.edition, 'FY2026');
  assert.deepEqual(Object.keys(r.manifest.datasets.icd10cmNotes?.sources ?? {}), ['icd10cm_tabular_2026.xml']);
  assert.ok(r.manifest.warnings.some((w) => /icd10cm_tabular_2026\.xml found and used \(FY2026\); it has no checksum/.test(w)));
  assert.ok(!r.manifest.warnings.some((w) => /come from the FY2017/.test(w)));
  writeFileSync(join(src, 'icd10cm', '2027-code-tables-tabular-and-index.zip'), zipSync({ 'Table and Index/icd10cm-tabular-2027.xml': new Uint8Array(xml) }));
  r = buildData(opts(src));
  assert.equal(r.manifest.datasets.icd10cmNotes?.edition, 'FY2027');
  assert.deepEqual(Object.keys(r.manifest.datasets.icd10cmNotes?.sources ?? {}), ['2027-code-tables-tabular-and-index.zip']);
});

test('data checks: derived FY2027 must match the addenda summary; expect counts apply to checksum-verified files', () => {
  const src = materializeFixtures();
  const addenda = join(src, 'icd10cm/fy2027/icd10cm_order_addenda_2027.txt');
  writeFileSync(addenda, readFileSync(addenda, 'latin1').replace('   43 codes in icd10cm_order_2027.txt', '   44 codes in icd10cm_order_2027.txt'), 'latin1');
  assert.throws(
    () => buildData(opts(src)),
    (e: unknown) => e instanceof BuildError && e.exitCode === 4 && /43 billable codes, addenda summary says 44/.test(e.message),
  );

  // a sources.json whose sha256 matches the fixture NUCC file, with a wrong expected count
  const good = materializeFixtures();
  const cfg = JSON.parse(readFileSync(join(REPO, 'data', 'sources.json'), 'utf8')) as { sources: { id: string; sha256: string; expect?: Record<string, number> }[] };
  const nucc = cfg.sources.find((s) => s.id === 'nucc-25.1');
  assert.ok(nucc);
  nucc.sha256 = sha256(readFileSync(join(good, 'nucc/nucc_taxonomy_251.csv')));
  nucc.expect = { rows: 6 };
  const cfgFile = join(tempDir(), 'sources.json');
  writeFileSync(cfgFile, JSON.stringify(cfg));
  assert.throws(
    () => buildData(opts(good, { configFile: cfgFile })),
    (e: unknown) => e instanceof BuildError && e.exitCode === 4 && /nucc-25\.1: record counts differ.*rows 5 \(expected 6\)/.test(e.message),
  );
  nucc.expect = { rows: 5 };
  writeFileSync(cfgFile, JSON.stringify(cfg));
  const logs: string[] = [];
  buildData(opts(good, { configFile: cfgFile, log: (l) => logs.push(l) }));
  assert.ok(logs.some((l) => /nucc-25\.1: rows 5 = expected/.test(l)));
});

test('command line: defaults, environment, unknown arguments', () => {
  const root = '/repo/x';
  const o = parseArgs([], {}, root);
  assert.ok(o !== 'help');
  assert.equal(o.sourcesDir, '/repo/shared/codesets');
  assert.equal(o.outDir, '/repo/x/dist/data');
  assert.equal(o.includeCptDescriptors, true);
  const e = parseArgs(['--no-cpt-descriptors', '--allow-checksum-mismatch', '--out', '/tmp/o'], { CLINICAL_CODES_SOURCES: '/srv/codes' }, root);
  assert.ok(e !== 'help');
  assert.deepEqual([e.sourcesDir, e.outDir, e.includeCptDescriptors, e.allowChecksumMismatch], ['/srv/codes', '/tmp/o', false, true]);
  assert.equal(parseArgs(['--help'], {}, root), 'help');
  assert.throws(() => parseArgs(['--bogus'], {}, root), (x: unknown) => x instanceof BuildError && x.exitCode === 64);
  assert.throws(() => parseArgs(['--sources'], {}, root), /--sources needs a directory/);
});

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'data', 'scripts', 'build-data.ts'), ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, CLINICAL_CODES_SOURCES: '' } });

test('CLI: missing required source → exit 2, names the file, expected path and download URL, no stack trace', () => {
  const src = materializeFixtures((rel) => rel.startsWith('nucc'));
  const r = cli('--sources', src, '--out', tempDir(), '--allow-checksum-mismatch');
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /missing required source file\(s\)/);
  assert.match(r.stderr, /nucc\/nucc_taxonomy_251\.csv/);
  assert.ok(r.stderr.includes(join(src, 'nucc', 'nucc_taxonomy_251.csv')));
  assert.match(r.stderr, /https:\/\/www\.nucc\.org\/images\/stories\/CSV\/nucc_taxonomy_251\.csv/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test('CLI: checksum mismatch → exit 3 with expected and actual sha256 and what to do; the flag turns it into warnings', () => {
  const src = materializeFixtures();
  const out = tempDir();
  const r = cli('--sources', src, '--out', out);
  assert.equal(r.status, 3, r.stderr);
  const nucc = join(src, 'nucc', 'nucc_taxonomy_251.csv');
  assert.ok(r.stderr.includes(nucc));
  assert.ok(r.stderr.includes('expected sha256 2e866cf2280980658f6143b9cd4e6297d0aeeeaf6234a7ccf12699db8c9fa134'));
  assert.ok(r.stderr.includes(`actual   sha256 ${sha256(readFileSync(nucc))}`));
  assert.match(r.stderr, /--allow-checksum-mismatch/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  assert.equal(existsSync(join(out, 'manifest.json')), false);

  const ok = cli('--sources', src, '--out', out, '--allow-checksum-mismatch', '--no-cpt-descriptors');
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /icd10cm +FY2016-FY2027 +70 /);
  assert.match(ok.stdout, /CPT descriptors included: no/);
  const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
  assert.equal(m.cptDescriptorsIncluded, false);
});

test('sources.json: every source has the fields the build and the README rely on', () => {
  const cfg = JSON.parse(readFileSync(join(REPO, 'data', 'sources.json'), 'utf8')) as { sources: Record<string, unknown>[] };
  const ids = cfg.sources.map((s) => s.id);
  assert.deepEqual(ids, [
    'icd10cm-fy2016',
    'icd10cm-fy2017',
    'icd10cm-fy2018',
    'icd10cm-fy2019',
    'icd10cm-fy2020',
    'icd10cm-fy2021-jan',
    'icd10cm-fy2022',
    'icd10cm-fy2022-apr',
    'icd10cm-fy2023',
    'icd10cm-fy2023-apr',
    'icd10cm-fy2024',
    'icd10cm-fy2025',
    'icd10cm-fy2026', 'icd10cm-fy2027-addenda', 'icd10cm-tabular-xml', 'hcpcs-2026-jan', 'mpfs-rvu22a', 'mpfs-rvu23a', 'mpfs-rvu24a', 'mpfs-rvu25a', 'mue-practitioner-2026q2', 'aoc-2026q2', 'nucc-25.1', 'pos']);
  for (const s of cfg.sources) {
    assert.match(String(s.sha256), /^[0-9a-f]{64}$/, `${s.id} sha256`);
    assert.match(String(s.url), /^https:\/\//, `${s.id} url`);
    assert.ok(String(s.licence).length > 40, `${s.id} licence`);
    assert.ok(!String(s.path).startsWith('/') && !String(s.path).includes('..'), `${s.id} path is relative`);
    assert.equal(typeof s.required, 'boolean');
    if (s.format === 'zip') assert.ok(s.members && Object.keys(s.members).length > 0, `${s.id} members`);
  }
  const optional = cfg.sources.filter((s) => !s.required).map((s) => s.id);
  assert.deepEqual(optional, ['icd10cm-tabular-xml', 'mue-practitioner-2026q2', 'aoc-2026q2', 'pos']);
});

test('sources.json derived windows: each names its base, its dates and counts; bad references are refused', () => {
  const cfg = JSON.parse(readFileSync(join(REPO, 'data', 'sources.json'), 'utf8')) as { derived: Record<string, unknown>[] };
  assert.deepEqual(cfg.derived.map((d) => [d.id, d.edition, d.effective, d.basedOn]), [
    ['icd10cm-fy2020-apr', 'FY2020-April', '2020-04-01', 'icd10cm-fy2020'],
    ['icd10cm-fy2021', 'FY2021', '2020-10-01', 'icd10cm-fy2021-jan'],
  ]);
  for (const d of cfg.derived) assert.ok(d.expect && String(d.notes).length > 40, `${d.id} expect/notes`);
  const bad = { ...cfg, derived: [{ ...cfg.derived[0], basedOn: 'icd10cm-fy2019x' }] };
  const file = join(tempDir(), 'sources.json');
  writeFileSync(file, JSON.stringify(bad));
  assert.throws(() => loadSourcesConfig(file), /derived edition icd10cm-fy2020-apr refers to unknown source icd10cm-fy2019x/);
});

test('ICD-10-CM windows must follow each other: an "end" that is not the day before the next start fails', () => {
  const cfg = JSON.parse(readFileSync(join(REPO, 'data', 'sources.json'), 'utf8')) as { derived: { id: string; end?: string }[] };
  cfg.derived.find((d) => d.id === 'icd10cm-fy2021')!.end = '2021-03-31';
  const file = join(tempDir(), 'sources.json');
  writeFileSync(file, JSON.stringify(cfg));
  assert.throws(
    () => buildData(opts(materializeFixtures(), { configFile: file })),
    (e: unknown) => e instanceof BuildError && e.exitCode === 4 && /ICD-10-CM icd10cm-fy2021 says it ends 2021-03-31, but icd10cm-fy2021-jan starts 2021-01-01/.test(e.message),
  );
});

test('an addenda summary that disagrees with the order files: a warning for unverified files, a failure for verified ones', () => {
  const src = materializeFixtures();
  const zip = join(src, 'icd10cm/2021-code-descriptions-tabular-order-updated-12162020.zip');
  const dir = join(FIXTURES, 'icd10cm/2021-code-descriptions-tabular-order-updated-12162020.zip.d/2021-code-descriptions-tabular-order');
  const addenda = readFileSync(join(dir, 'icd10cm_order_addenda_2021.txt'), 'latin1').replace('     36 codes in icd10cm_order_2021.txt', '     37 codes in icd10cm_order_2021.txt');
  const member = (n: string) => new Uint8Array(n === 'icd10cm_order_addenda_2021.txt' ? Buffer.from(addenda, 'latin1') : readFileSync(join(dir, n)));
  writeFileSync(zip, zipSync(Object.fromEntries(['icd10cm_order_2021.txt', 'icd10cm_order_addenda_2021.txt'].map((n) => [`2021-code-descriptions-tabular-order/${n}`, member(n)]))));
  const r = buildData(opts(src));
  assert.ok(r.manifest.warnings.some((w) => /^FY2021-January: counts differ from icd10cm_order_addenda_2021\.txt: FY2021-January: 36 billable codes, addenda summary says 37/.test(w)));

  const cfg = JSON.parse(readFileSync(join(REPO, 'data', 'sources.json'), 'utf8')) as { sources: { id: string; sha256: string; expect?: unknown }[]; derived: { id: string; expect?: unknown }[] };
  const jan = cfg.sources.find((s) => s.id === 'icd10cm-fy2021-jan')!;
  jan.sha256 = sha256(readFileSync(zip));
  // the real-file counts do not apply to the fixture (nor to FY2021, derived from it)
  delete jan.expect;
  delete cfg.derived.find((d) => d.id === 'icd10cm-fy2021')!.expect;
  const file = join(tempDir(), 'sources.json');
  writeFileSync(file, JSON.stringify(cfg));
  assert.throws(
    () => buildData(opts(src, { configFile: file })),
    (e: unknown) => e instanceof BuildError && e.exitCode === 4 && /icd10cm-fy2021-jan: counts differ from the official addenda summary/.test(e.message),
  );
});
