import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAYER_LABEL, payerLabelLines } from '../../../server/src/engine/policies/resolve';

/** payerLabelLines tries the label regex at line starts only: it must find exactly what the /gm search finds. */
test('payerLabelLines: the same matches as matchAll of the /gim regex, whatever the line ends', () => {
  const lines = ['Payer: BCBSRI', '  Plan:  Medicare Advantage  ', '> **Insurance:** none', '# Health plan: Aetna', 'Plan: continue meds', 'the plan: x', 'Payer:', 'Product:\tPPO', '', '- Line of business: Commercial', 'PAYOR : UHC', 'Primary insurance: Medicaid'];
  const texts = [
    lines.join('\n'),
    lines.join('\r\n'),
    lines.join('\r'),
    lines.join('\u2028'),
    lines.map((l, i) => l + ['\n', '\r\n', '\r', '\u2029'][i % 4]).join(''),
    '',
    'Payer: X',
    '\n\nPayer: X\n',
    'x Payer: not at a line start\nPlan: y',
  ];
  for (const t of texts) {
    const want = [...t.matchAll(PAYER_LABEL)].map((m) => [m.index, m[0], m[1], m[2]]);
    const got = payerLabelLines(t).map((m) => [m.index, m[0], m[1], m[2]]);
    assert.deepEqual(got, want, JSON.stringify(t));
  }
  assert.equal(payerLabelLines(lines.join('\r\n')).length, 9);
});
