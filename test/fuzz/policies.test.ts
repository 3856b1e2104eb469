// Fuzzing payer policy packs (server/src/engine/policies/pack.ts): packs built from the real pack's shape with
// fields dropped, retyped and mistyped, and pack texts cut or garbled. parsePolicyPack never throws; a pack it
// accepts is well formed; a pack it rejects says why at a JSON path. Accepted packs then judge generated notes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, isIsoDate, packInForce, parsePolicyPack, type CodeData, type PolicyPack } from '../../server/src/engine';
import { rangeIncludes, POLICY_RULE_KINDS } from '../../server/src/engine/policies/pack';
import { codePools, noteArb, packTextArb, validPackArb } from './generators';
import { checkAnalysis, realData } from './invariants';
import { fuzz } from './harness';

const FILE = 'test/fuzz/policies.test.ts';

function checkPack(p: PolicyPack): void {
  assert.ok(p.id && p.title && p.source && isIsoDate(p.effective));
  assert.ok(p.end === undefined || (isIsoDate(p.end) && p.end >= p.effective));
  assert.ok(typeof p.payer.name === 'string' && p.payer.aliases.every((a) => typeof a === 'string') && p.payer.ids.every((a) => typeof a === 'string'));
  assert.ok(p.plans.length > 0 && p.rules.length > 0);
  for (const r of p.rules) {
    assert.ok(POLICY_RULE_KINDS.includes(r.kind) && r.codes.length > 0 && r.message);
    for (const c of r.codes) assert.ok(c.from <= c.to && rangeIncludes(c, c.from) && rangeIncludes(c, c.to), `range ${c.from}-${c.to}`);
    for (const id of r.plans) assert.ok(p.plans.some((x) => x.id === id), `rule plan ${id}`);
    if (r.kind === 'diagnosis-required') assert.ok(r.diagnoses.length > 0);
  }
  packInForce(p, '2026-06-01');
}

test('fuzz: policy packs', () => {
  let accepted = 0;
  fuzz('policy packs (parsePolicyPack)', FILE, packTextArb(), (text) => {
    const r = parsePolicyPack(text, 'fuzz.json');
    if (r.ok) {
      accepted++;
      checkPack(r.pack);
    } else {
      assert.ok(r.problems.length > 0, 'rejected without a problem');
      for (const p of r.problems) assert.ok(p.startsWith('$') && p.includes(': '), p);
    }
  }, { ms: 14_000 });
  // the generator must reach valid packs too, or the accepted branch is never judged
  assert.ok(accepted > 0, 'no generated pack was valid');
});

let ready: Promise<{ data: CodeData; notes: fc.Arbitrary<string> }> | undefined;
// mostly short notes: the packs and payers are what this target varies (a minority of longer notes)
const setup = () => (ready ??= realData().then((data) => ({ data, notes: fc.oneof({ weight: 3, arbitrary: noteArb(codePools(data), 4) }, { weight: 1, arbitrary: noteArb(codePools(data), 12) }) })));

test('fuzz: accepted policy packs judging notes', async () => {
  const { data, notes } = await setup();
  const valid = validPackArb().map((p) => parsePolicyPack(JSON.stringify(p), 'fuzz.json')).map((r) => {
    assert.ok(r.ok, `a schema-valid pack was rejected: ${r.ok ? '' : r.problems.join('; ')}`);
    return r.pack;
  });
  const payer = fc.constantFrom(undefined, 'BCBSRI', 'BCBSRI/Commercial', '/medicare-advantage', 'Aetna/x', '/');
  fuzz('policy packs judging notes (analyze)', FILE, fc.tuple(fc.array(valid, { minLength: 1, maxLength: 2 }), notes.map((n) => `Payer: BCBSRI\nPlan: Commercial\nCPT 0263T ${n}`), payer), ([packs, text, p]) => {
    checkAnalysis(text, analyze(text, 'note', { data, policies: packs, payer: p, dateOfService: '2026-06-01' }));
  }, { ms: 40_000 });
});
