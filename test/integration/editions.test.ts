import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers';

// The built CLI on the full bundle (dist/data): real codes whose status changed between FY2018 and FY2022, found in
// the official order files (R05 split in FY2022, H81.41 deleted in FY2020), and the mid-year windows.
const work = mkdtempSync(join(tmpdir(), 'cc-editions-'));
const note = join(work, 'note.txt');
writeFileSync(note, 'Assessment\nDx: R05 cough\nDx: H81.41\nDx: U07.1\nDx: M35.8\nDx: Z28.310\n');
type Out = { ruleId: string; code: string; severity: string; message: string; fixes?: { newText: string }[] }[];
const check = (dos: string) => {
  const r = runCli(['check', note, '--date-of-service', dos, '--format', 'json']);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as Out;
};
const byCode = (out: Out) => Object.fromEntries(out.map((f) => [f.code, f.ruleId]));

test('2018-05-01 (FY2018): R05, H81.41 and M35.8 are billable; the codes of 2020-2022 are not yet effective', () => {
  assert.deepEqual(byCode(check('2018-05-01')), { 'U07.1': 'icd10.not-yet-effective', 'Z28.310': 'icd10.not-yet-effective' });
});

test('2023-01-01 (FY2023): R05 is a header since FY2022, H81.41 deleted in FY2020 and replaced by H81.4, M35.8 a header since 2021-01-01', () => {
  const out = check('2023-01-01');
  assert.deepEqual(byCode(out), { R05: 'icd10.header-not-billable', 'H81.41': 'icd10.deleted', 'M35.8': 'icd10.header-not-billable' });
  const r05 = out.find((f) => f.code === 'R05')!;
  assert.match(r05.message, /R05 "Cough" is a header, not a billable code \(ICD-10-CM FY2023\)/);
  assert.match(r05.message, /It was billable before 2021-10-01 and became a header in FY2022\./);
  assert.ok(r05.fixes!.some((x) => x.newText === 'R059'));
  const h = out.find((f) => f.code === 'H81.41')!;
  assert.match(h.message, /deleted from ICD-10-CM on 2019-10-01 \(FY2020\).*Replaced by: H81\.4 Vertigo of central origin\./);
  assert.match(out.find((f) => f.code === 'M35.8')!.message, /became a header in FY2021-January/);
});

test('mid-year windows: U07.1 from 2020-04-01; M35.8 billable in October 2020 (FY2021) and a header from 2021-01-01; Z28.310 from 2022-04-01', () => {
  assert.equal(byCode(check('2020-03-31'))['U07.1'], 'icd10.not-yet-effective');
  assert.equal(byCode(check('2020-04-01'))['U07.1'], undefined);
  assert.equal(byCode(check('2020-12-31'))['M35.8'], undefined);
  assert.equal(byCode(check('2021-01-01'))['M35.8'], 'icd10.header-not-billable');
  const mar = check('2022-03-31').find((f) => f.code === 'Z28.310')!;
  assert.match(mar.message, /takes effect on 2022-04-01 \(FY2022-April\)/);
  assert.equal(byCode(check('2022-04-01'))['Z28.310'], undefined);
});

test('before 2015-10-01: one info finding, no ICD-10-CM judgement, exit 0; the summary line says ICD-9-CM', () => {
  const r = runCli(['check', note, '--date-of-service', '2015-09-30'], { cwd: work });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^note\.txt:2:5 info icd10\.before-icd10 The date of service 2015-09-30 is before ICD-10-CM took effect \(2015-10-01\): ICD-9-CM applies, so the 5 ICD-10-CM codes in this document are not judged/m);
  assert.equal(r.stdout.trim().split('\n').length, 1);
  assert.match(r.stderr, /1 finding\(s\), 0 error\(s\) · ICD-9-CM \(date of service before ICD-10-CM, 2015-10-01\)/);
});

test('explain with a date of service: valid then, changed since, and the history', () => {
  const r = runCli(['explain', 'R05', '--date-of-service', '2018-05-01']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /R05 — Cough\n {2}Billable on 2018-05-01 \(ICD-10-CM FY2018\); split into R05\.1, R05\.2, R05\.3 and 3 more from FY2022 \(2021-10-01\)/);
  assert.match(r.stdout, /History \(ICD-10-CM FY2016–FY2027\):\n {4}FY2016 \(2015-10-01\): in the first ICD-10-CM edition, billable\n {4}FY2022 \(2021-10-01\): became a header, split into R05\.1 Acute cough/);
  const h = runCli(['explain', 'H81.41', '--date-of-service', '2017-03-01']);
  assert.match(h.stdout, /Billable on 2017-03-01 \(ICD-10-CM FY2017\); deleted from FY2020 \(2019-10-01\), replaced by H81\.4/);
  assert.match(runCli(['explain', 'H81.41']).stdout, /Deleted 2019-10-01 \(FY2020\) — not valid/);
});
