import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings, validateSettings } from '../../../server/src/lsp/settings';

// found by test/fuzz/settings.test.ts: the messages called String() on the value, which throws for such objects
test('settings values that are objects with a non-function toString are reported, not thrown', () => {
  const raw = JSON.parse('{"dateOfService":{"toString":"error"},"rules":{"icd10.unknown":{"toString":1}},"csv":{"columns":{"PROC":{"valueOf":"x","toString":"y"}}}}') as unknown;
  const { settings, problems } = validateSettings(raw);
  assert.equal(settings.dateOfService, defaultSettings().dateOfService);
  assert.deepEqual(settings.rules, {});
  assert.equal(settings.csv.columns.size, 0);
  assert.deepEqual(problems, [
    'clinicalCodes.dateOfService: {"toString":"error"} is not a date (YYYY-MM-DD); using the default',
    'clinicalCodes.rules.icd10.unknown: {"toString":1} is not error, warning, info, hint or off; using the rule\'s default',
    'clinicalCodes.csv.columns: column "PROC": {"valueOf":"x","toString":"y"} is not a column kind (diagnosis, dx, icd10cm, icd-10-cm, procedure, cpt, hcpcs, code, …); that column keeps the kind its header says',
  ]);
  assert.match(validateSettings({ dateOfService: '2024-02-30' }).problems[0], /"2024-02-30" is not a date/);
});

test('clinicalCodes.maxFindings: a whole number from 1 to 1,000,000, else the default (10,000) with a problem', () => {
  assert.equal(defaultSettings().maxFindings, 10_000);
  assert.equal(validateSettings({ maxFindings: 1 }).settings.maxFindings, 1);
  assert.equal(validateSettings({ maxFindings: 1_000_000 }).settings.maxFindings, 1_000_000);
  for (const bad of [0, -5, 2.5, 1_000_001, '50', true, Number.MAX_VALUE]) {
    const { settings, problems } = validateSettings({ maxFindings: bad });
    assert.equal(settings.maxFindings, 10_000, String(bad));
    assert.match(problems[0], /^clinicalCodes\.maxFindings: .* is not a whole number from 1 to 1,000,000; using the default$/);
  }
});
