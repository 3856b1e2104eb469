import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packInForce, parsePolicyPack, payerLabels, resolveCoverage, splitPayerSetting, validatePolicyPack } from '../../../server/src/engine';
import { bundledPolicies } from '../../../server/src/shared/bundled-policies';

const POLICIES = join(__dirname, '..', '..', '..', 'data', 'policies');
const packs = bundledPolicies();

test('every pack in data/policies is valid and bundled; the BCBSRI pack says what seed 002 says', () => {
  const files = readdirSync(POLICIES).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
  for (const f of files) {
    const r = parsePolicyPack(readFileSync(join(POLICIES, f), 'utf8'), f);
    assert.ok(r.ok, `${f}: ${r.ok ? '' : r.problems.join('; ')}`);
  }
  assert.deepEqual(packs.map((p) => p.origin).sort(), files.map((f) => `bundled:${f}`).sort());
  const p = packs.find((x) => x.id === 'bcbsri-stem-cell-pad')!;
  assert.equal(p.effective, '2026-01-01');
  assert.equal(p.end, undefined);
  assert.equal(p.payer.name, 'Blue Cross & Blue Shield of Rhode Island');
  assert.deepEqual(p.plans.map((x) => x.name), ['Medicare Advantage', 'Commercial']);
  assert.deepEqual(p.rules.map((r) => [r.kind, r.plans, r.codes]), [
    ['not-covered', ['medicare-advantage'], [{ from: '0263T', to: '0265T' }]],
    ['not-medically-necessary', ['commercial'], [{ from: '0263T', to: '0265T' }]],
  ]);
  assert.ok(packInForce(p, '2026-01-01') && !packInForce(p, '2025-12-31'));
});

test('validation problems name the JSON path', () => {
  assert.deepEqual(parsePolicyPack('{', 'x').ok, false);
  assert.match((parsePolicyPack('{', 'x') as { problems: string[] }).problems[0], /^\$: not JSON/);
  const r = validatePolicyPack(
    {
      format: 1, id: 'x', title: 't', source: 's', effective: '2026-13-01', colour: 1,
      payer: { name: 'P' }, plans: [{ id: 'a', name: 'A' }],
      rules: [{ kind: 'denied', codes: ['0263T-0265'], plans: ['b'], message: 'm' }, { kind: 'diagnosis-required', codes: ['99213'], message: 'm' }],
    },
    'x.json',
  );
  assert.equal(r.ok, false);
  assert.deepEqual(!r.ok && r.problems, [
    '$.colour: unknown property (expected format, id, title, source, effective, end, payer, plans, rules, notes, lastReviewed, published)',
    '$.effective: "2026-13-01" is not a date: use YYYY-MM-DD',
    '$.rules[0].kind: must be one of not-covered, not-medically-necessary, prior-auth, diagnosis-required',
    '$.rules[0].codes[0]: "0263T-0265" is not a CPT/HCPCS code or range ("0263T", "0263T-0265T")',
    '$.rules[0].plans[0]: "b" is not a plan id of $.plans (a)',
    '$.rules[1].diagnoses: required for diagnosis-required (the ICD-10-CM codes or prefixes that support the service)',
  ]);
  const missing = validatePolicyPack({ format: 1 }, 'y');
  assert.deepEqual(!missing.ok && missing.problems.slice(0, 3), ['$.id: required (a non-empty string)', '$.title: required (a non-empty string)', '$.source: required (a non-empty string)']);
});

test('resolveCoverage: the claim payer, else the note labels, else the setting; plans by name or alias, case-insensitively', () => {
  const r = (input: Parameters<typeof resolveCoverage>[0]) => {
    const c = resolveCoverage(input, packs);
    return c && `${c.source}: ${c.payerName} / ${c.plan?.name ?? '-'}`;
  };
  assert.equal(r({ claim: { name: 'BLUE CROSS AND BLUE SHIELD OF RHODE ISLAND', plan: 'commercial' } }), 'claim: Blue Cross & Blue Shield of Rhode Island / Commercial');
  assert.equal(r({ claim: { name: 'Aetna' }, labels: { payer: 'BCBSRI' }, setting: 'BCBSRI/Commercial' }), undefined);
  assert.equal(r({ labels: { payer: 'BCBSRI', plan: 'Medicare Advantage Plans' }, setting: 'BCBSRI/Commercial' }), 'document: Blue Cross & Blue Shield of Rhode Island / Medicare Advantage');
  assert.equal(r({ labels: { payer: 'BCBSRI' }, setting: 'BCBSRI/Commercial' }), 'document: Blue Cross & Blue Shield of Rhode Island / Commercial');
  assert.equal(r({ labels: { payer: 'BCBSRI' }, setting: 'Aetna/Commercial' }), 'document: Blue Cross & Blue Shield of Rhode Island / -');
  assert.equal(r({ labels: { payer: 'BCBSRI Medicare Advantage' } }), 'document: Blue Cross & Blue Shield of Rhode Island / Medicare Advantage');
  assert.equal(r({ setting: 'Blue Cross & Blue Shield of Rhode Island/Commercial' }), 'setting: Blue Cross & Blue Shield of Rhode Island / Commercial');
  assert.equal(r({ claim: { plan: 'Commercial' }, labels: { plan: 'Medicare Advantage' }, setting: 'BCBSRI' }), 'setting: Blue Cross & Blue Shield of Rhode Island / Commercial');
  assert.equal(r({}), undefined);
  assert.deepEqual(splitPayerSetting('/Commercial'), { payer: undefined, plan: 'Commercial' });
});

test('payerLabels: Payer/Insurance/Plan/Health plan lines; a Plan line only when it names a plan of the packs', () => {
  assert.deepEqual(payerLabels('Payer: Blue Cross & Blue Shield of Rhode Island\nPlan: Medicare Advantage\n', packs), { payer: 'Blue Cross & Blue Shield of Rhode Island', plan: 'Medicare Advantage' });
  assert.deepEqual(payerLabels('Insurance: BCBSRI\nPlan: ice and rest\n', packs), { payer: 'BCBSRI' });
  assert.deepEqual(payerLabels('Health plan: BCBSRI Commercial\n', packs), { payer: 'BCBSRI Commercial', plan: 'BCBSRI Commercial' });
});
