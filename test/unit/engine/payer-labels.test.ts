import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PAYER_LABEL, payerLabelLines, payerLabels } from '../../../server/src/engine/policies/resolve';
import type { PolicyPack } from '../../../server/src/engine/policies/pack';

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

/**
 * payerLabels skips a plan label whose value has no whole word a pack's name starts with: the shortcut must never
 * change the answer. A pack list with an alias starting with "&" ("and" once normalised) takes no shortcut.
 */
test('property: a plan label names the same payer and plan with and without the first-word shortcut', () => {
  const pack = (name: string, aliases: string[], plans: [string, string[]][]) =>
    ({ payer: { name, aliases, ids: [] }, plans: plans.map(([n, a], i) => ({ id: `p${i}`, name: n, aliases: a })) }) as unknown as PolicyPack;
  const packs = [pack('Blue Cross & Blue Shield of RI', ['BCBSRI'], [['Medicare Advantage', ['MA']], ['Blue CHiP', []]]), pack('Kaiser Permanente', ['KP'], [['Senior Advantage', []]])];
  const noShortcut = [...packs, pack('Zzqx', ['& zzqx'], [])];
  const words = ['Blue', 'blue', 'Cross', '&', 'and', 'Shield', 'of', 'RI', 'BCBSRI', 'Medicare', 'Advantage', 'MA', 'CHiP', 'Kaiser', '\u212Aaiser', 'Permanente', 'KP', 'Senior', 'continue', 'therapy', 'plan'];
  fc.assert(
    fc.property(fc.constantFrom('Plan', 'Health plan', 'Product', 'Line of business'), fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(' ', '-', ', ', '/', '')), { maxLength: 8 }), (label, parts) => {
      const text = `${label}: ${parts.map(([w, sep]) => w + sep).join('')}x\nPlan: care`;
      assert.deepEqual(payerLabels(text, packs), payerLabels(text, noShortcut), text);
    }),
    { numRuns: 3000 },
  );
  assert.deepEqual(payerLabels('Plan: KP Senior Advantage', packs), { plan: 'KP Senior Advantage', payer: 'KP Senior Advantage' });
  assert.deepEqual(payerLabels('Plan: continue therapy\nPlan: Blue CHiP', packs), { plan: 'Blue CHiP' });
  assert.deepEqual(payerLabels('Plan: continue therapy', packs), {});
});
