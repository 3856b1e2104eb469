import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { draftPolicyPack, parsePolicyPack, validatePolicyPack } from '../../../server/src/engine';

const ROOT = join(__dirname, '..', '..', '..');
const SEED = join(ROOT, '..', 'shared', 'seeds', '002_c6c3683f7fda1044.txt');
const hand = parsePolicyPack(readFileSync(join(ROOT, 'data', 'policies', 'bcbsri-stem-cell-pad.json'), 'utf8'), 'hand');

test('seed 002: the draft says what the hand-written pack says', () => {
  const { pack, review } = draftPolicyPack(readFileSync(SEED, 'utf8'), { name: '002_c6c3683f7fda1044.txt' });
  const parsed = validatePolicyPack(pack, 'draft');
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.problems.join('; '));
  assert.ok(hand.ok);
  assert.equal(pack.effective, hand.pack.effective);
  assert.equal(pack.lastReviewed, '2025-09-17');
  assert.equal(pack.published, 'Provider Update, November 2025');
  assert.equal(pack.payer.name, hand.pack.payer.name);
  assert.ok(pack.payer.aliases.includes('BCBSRI'));
  assert.deepEqual(pack.plans.map((p) => p.id), hand.pack.plans.map((p) => p.id));
  assert.deepEqual(
    parsed.pack.rules.map((r) => [r.kind, r.plans, r.codes]),
    hand.pack.rules.map((r) => [r.kind, r.plans, r.codes]),
  );
  // each plan's message is its own policy statement
  assert.match(pack.rules[0].message, /^Treatment of peripheral arterial disease.* is not covered as the evidence/);
  assert.match(pack.rules[1].message, /is not medically necessary as the evidence/);
  // the title is not in the text: the draft says so rather than inventing one
  assert.ok(review.some((r) => /No title line found/.test(r)));
});

test('a policy in markdown: dates in words, plans with their own verdicts, ranges, only the coding section', () => {
  const text = readFileSync(join(ROOT, 'test', 'fixtures', 'policies', 'sacral-nerve-stimulation.md'), 'utf8');
  const known = new Set(['64561', '64581', '64590', '64585', 'L8680', '99213', '27447']);
  const { pack, review } = draftPolicyPack(text, { name: 'policies/sacral-nerve-stimulation.md', knownProcedure: (c) => known.has(c) });
  assert.ok(validatePolicyPack(pack, 'draft').ok);
  assert.equal(pack.title, 'Sacral Nerve Neuromodulation for Urinary and Fecal Incontinence');
  assert.equal(pack.effective, '2025-03-01');
  assert.equal(pack.lastReviewed, '2024-11-20');
  assert.equal(pack.payer.name, 'Aetna');
  assert.deepEqual(pack.plans.map((p) => p.id), ['commercial', 'medicaid']);
  // the statement's verdicts per plan apply to the coding section's codes; 99999 is not a code; references are not read
  assert.deepEqual(pack.rules.map((r) => [r.kind, r.plans, r.codes]), [
    ['not-covered', ['medicaid'], ['64561', '64581', '64590', '64585', 'L8680-L8682']],
    ['prior-auth', ['commercial'], ['64561', '64581', '64590', '64585', 'L8680-L8682']],
  ]);
  // the second verdict in the Commercial statement (another indication) is left to the reviewer
  assert.ok(review.some((r) => /^Commercial: .* read as prior-auth\. The statement says more \(line \d+\)/.test(r)));
  assert.equal(pack.rules[1].message, 'Prior authorization is required for implantation of a sacral nerve neurostimulator.');
  const codes = pack.rules.flatMap((r) => r.codes).join(' ');
  assert.doesNotMatch(codes, /99213|27447|0223/);
  assert.ok(review.some((r) => /Left out.*99999 \(line \d+\)/.test(r)));
  assert.ok(review.some((r) => /N39\.41, R15\.9.*diagnosis-required/.test(r)));
  assert.equal(pack.id, 'aetna-sacral-nerve-neuromodulation-for-urinary-and-fecal');
});

test('a document that is not a policy gives an honest, empty draft', () => {
  const { pack, review } = draftPolicyPack('Patient seen for knee pain.\nCPT 99213\nDx M17.11\n', { name: 'visit.txt' });
  assert.deepEqual(pack.rules, []);
  assert.equal(validatePolicyPack(pack, 'draft').ok, false);
  for (const want of [/No effective date/, /No payer name/, /No coding section/, /No product lines/, /no rules/]) assert.ok(review.some((r) => want.test(r)), String(want));
});

test('a coding sentence that gives each plan its verdict wins over the statement', () => {
  const text = [
    'Effective date: 07/01/2025',
    'Blue Shield of California',
    '',
    'CODING',
    '',
    'The following codes are not covered for Medicare Advantage Plans and require prior authorization for Commercial Products:',
    '0263T, 0264T and 0265T',
    '',
    'REFERENCES',
    '0266T',
  ].join('\n');
  const { pack } = draftPolicyPack(text, { name: 'p.txt' });
  assert.equal(pack.payer.name, 'Blue Shield of California');
  assert.equal(pack.effective, '2025-07-01');
  assert.deepEqual(pack.rules.map((r) => [r.kind, r.plans, r.codes]), [
    ['not-covered', ['medicare-advantage'], ['0263T-0265T']],
    ['prior-auth', ['commercial'], ['0263T-0265T']],
  ]);
});
