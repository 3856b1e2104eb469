import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, brief, checkJson, runCli, type CliFinding } from './helpers';

// The built CLI on the full bundle, on 837P/837I interchanges written by hand (test/fixtures/x12): codes judged by
// element (a dotless diagnosis after ABF is ICD-10-CM, ZIPs and IDs are not codes), each at its line's date of
// service, claim rules on SV1/SV2, envelope problems as warnings. Positions as an editor counts them.
const dir = join(ROOT, 'test', 'fixtures', 'x12');
const text = (name: string) => readFileSync(join(dir, name), 'utf8');
const check = (name: string, ...args: string[]) => checkJson(join(dir, name), ...args);
/** The text each finding points at, as an editor would select it (lines split at CRLF, LF or CR). */
const pointedAt = (name: string, o: CliFinding[]) => {
  const lines = text(name).split(/\r\n|\r|\n/);
  return o.map((f) => lines[f.start.line].slice(f.start.character, f.end.character));
};

const PROFESSIONAL = [
  'icd10.header-not-billable M7964 @23:38 [PCN1001]',
  'icd10.deleted H8141 @23:48 [PCN1001]',
  'modifier.unknown ZZ @28:14 [PCN1001/2]',
  'claim.pointer-invalid 1:6 @28:27 [PCN1001/2]',
];

test('837P: HI diagnoses judged as ICD-10-CM (E1140 is E11.40, A0100 is A01.00), header and deleted codes, SV1 modifier and pointer', () => {
  const out = check('professional.837p');
  assert.deepEqual(brief(out), PROFESSIONAL);
  assert.deepEqual(pointedAt('professional.837p', out), ['M7964', 'H8141', 'ZZ', '1:6']);
  assert.deepEqual(out.map((f) => f.system ?? '-'), ['icd10cm', 'icd10cm', 'modifier', '-']);
  assert.match(out[0].message, /^M79\.64 "Pain in hand and fingers" is a header, not a billable code \(ICD-10-CM FY2024\); claims need one of its 6 billable codes: M79\.641 Pain in right hand;/);
  assert.equal(out[1].message, 'H81.41 "Vertigo of central origin, right ear" was deleted from ICD-10-CM on 2019-10-01 (FY2020) and is not valid for dates of service from then on. Replaced by: H81.4 Vertigo of central origin.');
  assert.equal(out[2].message, 'Modifier ZZ is not a CPT or HCPCS Level II modifier; payers reject the line.');
  // the diagnoses as the claim lists them: the dotless HCPCS-shaped codes were read as ICD-10-CM
  assert.equal(
    out[3].message,
    'Diagnosis pointer "1:6" on line 2 of claim PCN1001 points at 6, but the claim lists 5 diagnoses (1: E11.40, 2: A01.00, 3: J03.00, 4: M79.64, …). Point at a listed diagnosis or add the diagnosis to the claim.',
  );
  // never HCPCS (E1140, A0100, J0300 are not procedure codes here), and no ZIP (N4 99213), id (NM1 27447, 11000; REF 99213) or amount is a code
  assert.ok(!out.some((f) => f.ruleId.startsWith('hcpcs.') || f.ruleId.startsWith('cpt.') || f.ruleId === 'coverage.medicare-non-covered'));
  // R05 on the second claim is judged at its line's DTP*472 (2019-03-04): billable then, a header since FY2022
  const r = runCli(['check', join(dir, 'professional.837p')]);
  assert.match(r.stderr, /4 finding\(s\), 4 error\(s\) · ICD-10-CM FY2019, FY2024 \(by date of service\)/);
  assert.match(r.stdout, /professional\.837p:28:14 error modifier\.unknown \[claim PCN1001, line 2\] Modifier ZZ/);
});

test('the same 837P on one line and with CRLF: the same findings, each pointing at the same element', () => {
  const lf = check('professional.837p');
  for (const name of ['professional-one-line.x12', 'professional-crlf.edi']) {
    const out = check(name);
    assert.deepEqual(out.map((f) => [f.ruleId, f.code, f.message, f.claim]), lf.map((f) => [f.ruleId, f.code, f.message, f.claim]), name);
    assert.deepEqual(pointedAt(name, out), ['M7964', 'H8141', 'ZZ', '1:6'], name);
  }
  assert.deepEqual(brief(check('professional-crlf.edi')), PROFESSIONAL);
  const one = check('professional-one-line.x12');
  assert.deepEqual(one.map((f) => f.start.line), [0, 0, 0, 0]);
  const flat = text('professional-one-line.x12');
  assert.equal(flat.slice(one[0].start.character, one[0].end.character), 'M7964');
  assert.equal(one[0].start.character, flat.indexOf('ABF:M7964') + 4);
});

test('837I: SV2 revenue lines with HC procedures, POA in HI, statement dates; units and modifier findings on the lines', () => {
  const out = check('institutional.837i');
  assert.deepEqual(brief(out), [
    'icd10.header-not-billable M7964 @26:41 [ICN2001]',
    'modifier.unknown ZZ @30:19 [ICN2001/2]',
    'claim.units-invalid 0 @33:26 [ICN2001/3]',
  ]);
  assert.deepEqual(pointedAt('institutional.837i', out), ['M7964', 'ZZ', '0']);
  // the claim's diagnoses are judged at its statement dates (DTP*434 from 2023-12-28: FY2024)
  assert.match(out[0].message, /\(ICD-10-CM FY2024\)/);
  assert.equal(out[2].message, 'Units "0" on line 3 of claim ICN2001 is zero: units must be a whole number of at least 1. Correct the count of services.');
});

test('a truncated interchange (no IEA, wrong SE01) is still read: envelope warnings where they are, the claim judged', () => {
  const out = check('truncated.x12');
  assert.deepEqual(brief(out), ['x12.envelope ISA @1:1', 'icd10.header-not-billable M7964 @11:8 [PCN3001]', 'x12.envelope 10 @15:4']);
  assert.deepEqual(out.map((f) => f.severity), ['warning', 'error', 'warning']);
  assert.equal(out[0].message, 'ISA 000000303 has no IEA: the interchange is truncated or its trailer is missing. Add the IEA segment.');
  assert.equal(out[2].message, 'SE01 says 10, but the transaction set (ST to SE, both included) holds 13. Correct the count.');
  // severities can be set like any rule's
  assert.deepEqual(brief(check('truncated.x12', '--rule', 'x12.envelope=off')), ['icd10.header-not-billable M7964 @11:8 [PCN3001]']);
});

test('the CLI picks the X12 reader by extension in a directory walk, and by content for an interchange saved as .txt', () => {
  const r = runCli(['check', dir, '--format', 'json']);
  const out = JSON.parse(r.stdout) as (CliFinding & { file: string })[];
  const files = [...new Set(out.map((f) => f.file.split(/[/\\]/).pop()))].sort();
  assert.deepEqual(files, ['institutional.837i', 'professional-crlf.edi', 'professional-one-line.x12', 'professional.837p', 'truncated.x12']);
  const tmp = mkdtempSync(join(tmpdir(), 'cc-x12-'));
  copyFileSync(join(dir, 'professional.837p'), join(tmp, 'export.txt'));
  const txt = JSON.parse(runCli(['check', join(tmp, 'export.txt'), '--format', 'json']).stdout) as CliFinding[];
  assert.deepEqual(brief(txt), PROFESSIONAL);
});
