import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT, brief, checkJson, runCli } from './helpers';

// The built CLI on the full bundle (NCCI MUE and AOC 2026 Q2, ICD-10-CM, MPFS): the claim edits on a hand-written
// claim export and a note with real codes (test/fixtures/claims/claim-edits.csv, claim-edits-note.txt).
const dir = join(ROOT, 'test', 'fixtures', 'claims');
const check = (name: string, ...args: string[]) => checkJson(join(dir, name), ...args);

test('claim edits on a claim export: add-on without primary, MUE per date, patient sex and age, principal diagnosis, modifiers', () => {
  const out = check('claim-edits.csv');
  assert.deepEqual(brief(out), [
    'claim.patient-sex-age O80 @2:28 [E1/1]',
    'claim.addon-without-primary 99292 @2:36 [E1/1]',
    'claim.patient-sex-age P59.9 @5:28 [E3/1]',
    'modifier.not-applicable LT @5:41 [E3/1]',
    'claim.principal-diagnosis W19.XXXA @6:28 [E4/1]',
    'modifier.conflict LT @6:55 [E4/1]',
    'claim.mue-exceeded 1 @8:41 [E5/2]',
    'modifier.not-applicable 26 @11:33 [E7/1]',
  ]);
  const [male, addon, perinatal, lt, external, , mue, ecg] = out;
  assert.match(male.message, /chapter O\) for a male patient/);
  assert.match(addon.message, /99292 on line 1 of claim E1 is an add-on code \(NCCI AOC 2026 Q2, edit type 1\), but no primary code for it is on claim E1: its primary code is 99291\./);
  assert.match(perinatal.message, /perinatal code \(chapter P\) at age 7/);
  assert.match(lt.message, /LT is an anatomic modifier/);
  assert.match(external.message, /"Unspecified fall, initial encounter" is the first-listed diagnosis of claim E4, but it is an external-cause code/);
  // E5: 99291 twice on one date (MUE 1, MAI 2); E6: once on each of two dates, no finding; E2: 99292 with 99291
  assert.match(mue.message, /^2 units of 99291 on 2026-05-01 on claim E5 \(line 1: 1, line 2: 1\) exceed the MUE 1 for 99291 \(NCCI practitioner MUE 2026 Q2; MAI 2: Date of Service Edit: Policy; rationale: Code Descriptor \/ CPT Instruction\)/);
  assert.match(ecg.message, /93000 is a global test only code/);
  // E7 has no sex or birth date: O80 and N40.0 are not judged against the patient
  assert.ok(!out.some((f) => f.claim?.id === 'E7' && f.ruleId === 'claim.patient-sex-age'));
});

test('claim edits on a note: stated units count, mentions do not; an add-on code alone', () => {
  assert.deepEqual(brief(check('claim-edits-note.txt')), ['claim.addon-without-primary 99292 @2:13', 'claim.mue-exceeded 5 @3:21']);
});

test('explain: a code without a published MUE says so, never "no limit"', () => {
  const r = runCli(['explain', 'J3490']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /No published MUE for this code/);
  assert.doesNotMatch(r.stdout, /no limit/i);
  assert.match(runCli(['explain', '99291']).stdout, /1 unit\(s\) per day · MAI 2 \(Date of Service Edit: Policy\)/);
});
