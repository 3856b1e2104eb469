import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine';
import { icd10HeaderNotBillable } from '../../../server/src/engine/rules/icd10-header-not-billable';
import { fixtureData } from './fixture-data';

const data = fixtureData();
const DOS = '2026-11-23';

test('findings past the cap are counted, not built: the header rule builds only the kept ones, and the count is the same', () => {
  // 40 header codes on line 1, 10 on a suppressed line 3, 10 more on line 4
  const text = `${'M79.64 '.repeat(40)}\nclinical-codes: disable-next-line icd10.header-not-billable\n${'M79.64 '.repeat(10)}\n${'M79.64 '.repeat(10)}\n`;
  const rule = icd10HeaderNotBillable as { check: NonNullable<typeof icd10HeaderNotBillable.check> };
  const check = rule.check;
  let built = 0;
  rule.check = (t, ctx) => {
    const out = check(t, ctx);
    if (out) built++;
    return out;
  };
  try {
    const a = analyze(text, 'note', { data, dateOfService: DOS, maxFindings: 5 });
    assert.equal(built, 5, 'only the 5 kept findings were built');
    assert.deepEqual(a.findings.slice(0, 5).map((f) => f.start), [0, 7, 14, 21, 28]);
    const last = a.findings[5];
    assert.equal(last.ruleId, 'analysis.truncated');
    assert.equal(last.data?.dropped, 45, '35 more on line 1 and 10 on line 4; the suppressed line counts none');
    assert.equal(last.start, 35);
  } finally {
    rule.check = check;
  }
});

test('the header rule fires exactly where check gives a finding at the token start', () => {
  const text = 'Dx: M79.64, M79.642, E11.31-, M79.6, CPT 99213, J45.-\n';
  const a = analyze(text, 'note', { data, dateOfService: DOS });
  assert.ok(a.tokens.length >= 5);
  const ctx = { data, icdEdition: data.icd10.editionFor(DOS) } as Parameters<NonNullable<typeof icd10HeaderNotBillable.check>>[1];
  let fired = 0;
  for (const t of a.tokens) {
    const out = icd10HeaderNotBillable.check!(t, ctx);
    const fires = icd10HeaderNotBillable.fires!(t, ctx);
    assert.equal(fires, !!out, t.text);
    if (out && !Array.isArray(out)) assert.equal(out.start, t.start);
    if (fires) fired++;
  }
  assert.ok(fired >= 2, 'M79.64 and M79.6 are headers');
});
