import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, brief, checkJson, runCli } from './helpers';

// The built CLI on the full bundle, on claim exports in the header styles real systems use (test/fixtures/claims,
// written by hand): each row judged at its own date of service, columns deciding what a cell is.
const dir = join(ROOT, 'test', 'fixtures', 'claims');
const text = (name: string) => readFileSync(join(dir, name), 'utf8');
const check = (name: string, ...args: string[]) => checkJson(join(dir, name), ...args);

test('snake_case series (BOM, CRLF): rows at their own dates; modifier, units, pointer and header findings on their cells', () => {
  const out = check('snake-series.csv');
  assert.deepEqual(brief(out), [
    'modifier.unknown 00 @3:31 [C100/2]',
    'claim.pointer-invalid 1,3 @3:37 [C100/2]',
    'claim.units-invalid 1.5 @4:30 [C200/1]',
    'icd10.header-not-billable R05 @4:36 [C200/1]',
    'icd10.header-not-billable M79.64 @4:40 [C200/1]',
    'modifier.not-applicable 26 @5:28 [C200/2]',
    'icd10.header-not-billable R05 @5:36 [C200/2]',
    'icd10.header-not-billable M79.64 @5:40 [C200/2]',
  ]);
  // R05 on the 2019 rows (C100) is billable then: no finding; on the 2024 rows it is a header since FY2022
  assert.match(out[3].message, /^R05 "Cough" is a header, not a billable code \(ICD-10-CM FY2024\);.*It was billable before 2021-10-01 and became a header in FY2022\.$/);
  assert.match(out[5].message, /93000 is a global test only code/);
  // NPI, ZIP (99213) and charge columns hold no codes
  const lines = text('snake-series.csv').split('\r\n');
  assert.ok(!out.some((f) => f.start.line === 3 && lines[3].slice(f.start.character).startsWith('99213,125')));
});

test('CMS research-file names in a pipe-delimited .txt: compact dates, ICD-9 rows not judged, HCPCS-shaped diagnoses are ICD-10-CM', () => {
  const out = check('cms-research.txt');
  // H81.41 is valid on the 2017 row and deleted for the 2021 row; the ICD-9 row (version 9: 4019, 25000) is not
  // judged; IDs, ZIPs and amounts shaped like CPT codes (27447, 99213, 11000) are not codes
  assert.deepEqual(brief(out), ['icd10.unknown E0100 @2:53 [99213001/1]', 'icd10.deleted H8141 @3:47 [99213002/1]']);
  // E0100 in a diagnosis column is read as ICD-10-CM E01.00 (no such code), never as the HCPCS cane E0100;
  // E1140 on the next row is E11.40, billable
  assert.match(out[0].message, /^E0100 is not an ICD-10-CM code \(not in FY2017 or any bundled edition\)\. Did you mean E01\.0,/);
  assert.match(out[1].message, /H81\.41 "Vertigo of central origin, right ear" was deleted from ICD-10-CM on 2019-10-01 \(FY2020\).*Replaced by: H81\.4/);
});

test('spaced and ordinal names in a TSV: a bad value in a modifier column is an error whatever it looks like; letter pointers', () => {
  assert.deepEqual(brief(check('ordinal.tsv')), [
    'modifier.conflict LT @3:25 [A-1/2]',
    'modifier.unknown RTX @4:22 [B-7/1]',
    'claim.pointer-invalid C @4:29 [B-7/1]',
    'icd10.header-not-billable R05 @4:31 [B-7/1]',
  ]);
});

test('semicolons with a quoted delimiter and CR-only line ends: positions as an editor counts lines', () => {
  const out = check('semicolon-cr.csv');
  assert.deepEqual(brief(out), ['icd10.header-not-billable R05 @2:21 [1/1]']);
  const line = text('semicolon-cr.csv').split('\r')[1];
  assert.equal(line.slice(out[0].start.character, out[0].end.character), 'R05');
});

test('no code column: one info finding on the header, nothing judged', () => {
  const out = check('no-code-columns.csv');
  assert.deepEqual(brief(out), ['table.columns account,amount,zip @1:1']);
  assert.match(out[0].message, /No code column found in this file's header \(account, amount, zip\), so nothing in it is judged/);
  // the setting's CLI form names the columns: now the cells are judged as what they are said to be
  const named = check('no-code-columns.csv', '--column', 'account=procedure', '--column', 'amount=procedure');
  assert.deepEqual(brief(named), []);
  const bad = runCli(['check', join(dir, 'no-code-columns.csv'), '--column', 'account=bogus']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--column: column "account": "bogus" is not a column kind/);
});

test('a note judges each code at the date of service it states before it', () => {
  assert.deepEqual(brief(check('dated-note.txt')), ['icd10.header-not-billable R05 @8:5']);
  const text = runCli(['check', join(dir, 'dated-note.txt')]);
  assert.match(text.stderr, /ICD-10-CM FY2019, FY2024 \(by date of service\)/);
});

test('SARIF carries the claim id and service line of each finding', () => {
  const r = runCli(['check', join(dir, 'ordinal.tsv'), '--format', 'sarif']);
  const results = JSON.parse(r.stdout).runs[0].results as { ruleId: string; properties?: { claimId: string; claimLine: number } }[];
  assert.deepEqual(results.map((x) => [x.ruleId, x.properties?.claimId, x.properties?.claimLine]), [
    ['modifier.conflict', 'A-1', 2],
    ['modifier.unknown', 'B-7', 1],
    ['claim.pointer-invalid', 'B-7', 1],
    ['icd10.header-not-billable', 'B-7', 1],
  ]);
});
