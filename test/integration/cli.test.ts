import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, writeFixtureBundle } from './helpers';
import { fixtureBundles } from '../unit/engine/fixture-data';
import type { MpfsBundle, MpfsRow } from '../../server/src/engine';

// The built CLI (bin/clinical-codes.js → dist/cli.js) on the hand-written fixture bundle.
const data = writeFixtureBundle();
const work = mkdtempSync(join(tmpdir(), 'cc-cli-'));
const note = join(work, 'note.txt');
writeFileSync(note, 'Assessment\nDx: M79.64 pain\nCPT 99213-25 today\n');
const clean = join(work, 'clean.md');
writeFileSync(clean, 'Dx: M79.642\nCPT 99213\n');
const common = ['--data', data, '--date-of-service', '2026-11-23'];

test('text output: file:line:col severity rule message; exit 1 on errors', () => {
  const r = runCli(['check', note, ...common], { cwd: work });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^note\.txt:2:5 error icd10\.header-not-billable M79\.64 "Pain in hand and fingers" is a header/m);
  assert.match(r.stderr, /1 file\(s\) checked: 1 finding\(s\), 1 error\(s\) · ICD-10-CM FY2027/);
});

test('clean files exit 0; --rule turns a rule off', () => {
  assert.equal(runCli(['check', clean, ...common]).code, 0);
  const r = runCli(['check', note, ...common, '--rule', 'icd10.header-not-billable=off']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '');
});

test('json output has 0-based positions, rule ids and fixes', () => {
  const r = runCli(['check', note, ...common, '--format', 'json'], { cwd: work });
  const out = JSON.parse(r.stdout);
  assert.equal(out.length, 1);
  assert.deepEqual(out[0].start, { line: 1, character: 4 });
  assert.deepEqual(out[0].end, { line: 1, character: 10 });
  assert.equal(out[0].ruleId, 'icd10.header-not-billable');
  assert.equal(out[0].severity, 'error');
  assert.equal(out[0].code, 'M79.64');
  assert.equal(out[0].fixes[0].newText, 'M79.641');
});

test('sarif output is SARIF 2.1.0 with rules and 1-based regions', () => {
  const r = runCli(['check', note, ...common, '--format', 'sarif'], { cwd: work });
  const s = JSON.parse(r.stdout);
  assert.equal(s.version, '2.1.0');
  const run = s.runs[0];
  assert.ok(run.tool.driver.rules.some((x: { id: string }) => x.id === 'description.mismatch'));
  const res = run.results[0];
  assert.equal(res.ruleId, 'icd10.header-not-billable');
  assert.equal(res.level, 'error');
  assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 2, startColumn: 5, endLine: 2, endColumn: 11 });
  assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'note.txt');
});

test('usage and data errors exit 2 with a clear message, no stack trace', () => {
  let r = runCli(['check']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /check needs at least one file/);
  r = runCli(['check', note, '--format', 'xml', ...common]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--format must be text, json or sarif/);
  r = runCli(['check', note, '--data', join(work, 'nowhere')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Code data bundle not found: cannot read .*manifest\.json.*npm run build:data/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  const corrupt = writeFixtureBundle();
  writeFileSync(join(corrupt, 'icd10cm.tsv.gz'), 'not gzip');
  r = runCli(['check', note, '--data', corrupt]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /icd10cm\.tsv\.gz is 8 bytes, but the manifest records \d+: it was replaced or damaged after the build\. Run `npm run build:data`/);
  r = runCli(['check', note, ...common, '--rule', 'nope=off']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown rule "nope"/);
});

test('binary and oversized files are skipped with a reason; other files still checked', () => {
  const bin = join(work, 'scan.txt');
  writeFileSync(bin, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]));
  let r = runCli(['check', bin, note, ...common]);
  assert.equal(r.code, 2, 'a named file that could not be checked');
  assert.match(r.stderr, /scan\.txt: not checked: binary file \(a NUL byte in its first 8 KB\), not text/);
  assert.match(r.stdout, /icd10\.header-not-billable/);
  r = runCli(['check', bin, note, ...common, '--skip-unreadable']);
  assert.equal(r.code, 1);
  const big = join(work, 'big.txt');
  writeFileSync(big, 'x'.repeat(2 * 1048576));
  assert.match(runCli(['check', big, ...common, '--max-file-size', '1']).stderr, /over the 1 MB limit/);
});

test('directories and globs expand; explain and search work', () => {
  const r = runCli(['check', work, ...common, '--format', 'json']);
  const files = new Set(JSON.parse(r.stdout).map((f: { file: string }) => f.file));
  assert.ok([...files].some((f) => String(f).endsWith('note.txt')));
  assert.equal(runCli(['check', join(work, '*.md'), ...common]).code, 0);
  assert.equal(runCli(['check', join(work, '*.nothing'), ...common]).code, 2);
  const e = runCli(['explain', 'M79.64', '--data', data]);
  assert.equal(e.code, 0);
  assert.match(e.stdout, /M79\.64 — Pain in hand and fingers/);
  assert.match(e.stdout, /Header — not billable/);
  assert.match(e.stdout, /M79\.642 Pain in left hand/);
  const s = runCli(['search', 'pain', 'left', 'hand', '--data', data]);
  assert.equal(s.code, 0);
  assert.match(s.stdout.split('\n')[0], /M79\.642\s+Pain in left hand/);
});

test('without bundled CPT descriptors, explain says so and still shows the CMS indicators; a licensed file adds them', () => {
  const mpfs = fixtureBundles().mpfs as MpfsBundle;
  const noCpt = writeFixtureBundle({ mpfs: { ...mpfs, rows: mpfs.rows.map((r) => [...r.slice(0, 11), /^\d/.test(r[0]) ? '' : r[11]] as unknown as MpfsRow) } });
  let r = runCli(['explain', '27447', '--data', noCpt]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /27447 — CPT descriptor not bundled \(AMA licence\)/);
  assert.match(r.stdout, /Bilateral 1: modifier 50 allowed: paid at 150%/);
  assert.match(r.stdout, /Global days 090/);
  const csv = join(work, 'cpt.csv');
  writeFileSync(csv, 'code,descriptor\n27447,"Arthroplasty, knee, condyle and plateau; medial AND lateral compartments"\nbad,row\n');
  r = runCli(['explain', '27447', '--data', noCpt, '--cpt-descriptors', csv]);
  assert.match(r.stdout, /27447 — Arthroplasty, knee, condyle and plateau; medial AND lateral compartments \(your CPT descriptor file\)/);
  assert.match(r.stderr, /1 row\(s\) of .*cpt\.csv were not "code,descriptor"/);
});

test('a bundle of another format version is refused with what to do', () => {
  const dir = writeFixtureBundle();
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...m, formatVersion: 1 }));
  const r = runCli(['check', note, '--data', dir]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /has format version 1; this version of Clinical Codes needs \d+\. Run `npm run build:data`/);
});

test('bad arguments say exactly what is wrong', () => {
  let r = runCli(['check', note, ...common.slice(0, 2), '--date-of-service', '2025-13-45']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--date-of-service 2025-13-45 is not a date/);
  r = runCli(['check', join(work, 'missing.txt'), ...common]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /file not found: .*missing\.txt/);
  r = runCli(['explain', '99213', '--data', data, '--cpt-descriptors', join(work, 'nope.csv')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--cpt-descriptors .*nope\.csv: cannot read it: file not found \(or a dangling symbolic link\); give a CSV file/);
  assert.doesNotMatch(r.stderr, /ENOENT/);
  // the same words for check, and for --policy (reported, and the check goes on)
  r = runCli(['check', note, ...common, '--cpt-descriptors', join(work, 'nope.csv')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--cpt-descriptors .*nope\.csv: cannot read it: file not found \(or a dangling symbolic link\)/);
  r = runCli(['check', note, ...common, '--policy', join(work, 'nope.json')]);
  assert.match(r.stderr, /clinical-codes: --policy .*nope\.json: cannot read it: file not found \(or a dangling symbolic link\); skipped\n/);
  assert.doesNotMatch(r.stderr, /ENOENT/);
});
