import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, analyzeAsync, MAX_FINDINGS } from '../../../server/src/engine';
import { fixtureData } from './fixture-data';

/**
 * The sizes that used to crash (`Maximum call stack size exceeded`) or take minutes: generated here, never
 * committed. They must complete without error, with findings capped and counted.
 */

const data = fixtureData();
const DOS = '2026-11-23';

/** 20 MB of note: codes, modifiers, POS and a date on every line */
export const note20mb = () => 'Dx: M79.642 pain in left hand; CPT 99213-25 office visit, POS 11. Seen 2026-01-02.\n'.repeat(250_000);
/** 150,000 charge rows with modifier and POS columns */
export const csv150k = () => `CPT,Modifier,POS,Dx\n${'99213,25,11,M79.642\n'.repeat(150_000)}`;
/** 7 MB, one header code a million times: a million findings */
export const millionFindings = () => 'M79.64 '.repeat(1_000_000);

test('a 20 MB note completes', () => {
  const text = note20mb();
  assert.ok(text.length >= 20_000_000);
  const a = analyze(text, 'note', { data, dateOfService: DOS });
  assert.equal(a.tokens.filter((t) => t.system === 'pos').length, 250_000);
  assert.equal(a.claims[0].lines.length, 250_000);
});

test('a 150,000-row charge CSV with Modifier and POS columns completes', () => {
  const a = analyze(csv150k(), 'csv', { data, dateOfService: DOS });
  assert.equal(a.claims.length, 150_000);
  assert.equal(a.tokens.length, 600_000);
  assert.ok(a.findings.every((f) => f.ruleId !== 'analysis.truncated'));
});

test('a million findings: the first MAX_FINDINGS kept in document order, the rest counted in one finding', () => {
  const a = analyze(millionFindings(), 'note', { data, dateOfService: DOS });
  assert.equal(a.tokens.length, 1_000_000);
  assert.equal(a.findings.length, MAX_FINDINGS + 1);
  const kept = a.findings.slice(0, -1);
  assert.ok(kept.every((f, i) => f.ruleId === 'icd10.header-not-billable' && f.start === 7 * i));
  const last = a.findings[MAX_FINDINGS];
  assert.equal(last.ruleId, 'analysis.truncated');
  assert.equal(last.data?.dropped, 1_000_000 - MAX_FINDINGS);
  assert.equal(last.start, 7 * MAX_FINDINGS);
  assert.match(last.message, /^990,000 more findings not shown \(990,000 errors\)/);
});

test('one code with 130,000 suffix modifiers and 200,000 POS lines (used to overflow the stack)', () => {
  const chain = analyze(`99213${'-25'.repeat(130_000)}`, 'note', { data, dateOfService: DOS });
  assert.equal(chain.tokens.length, 130_001);
  assert.equal(chain.findings.at(-1)?.ruleId, 'analysis.truncated');
  const pos = analyze('POS 11\n'.repeat(200_000), 'note', { data, dateOfService: DOS });
  assert.equal(pos.tokens.length, 200_000);
});

test('analyzeAsync gives the event loop turns, answers what analyze answers, and stops when cancelled', async () => {
  const text = 'Dx M79.64; CPT 99213-25 POS 11\n'.repeat(20_000);
  const sync = analyze(text, 'note', { data, dateOfService: DOS });
  let turns = 0;
  const yieldTo = () => new Promise<void>((resolve) => setImmediate(() => (turns++, resolve())));
  const a = await analyzeAsync(text, 'note', { data, dateOfService: DOS }, { sliceMs: 1, yieldTo });
  assert.ok(a);
  assert.ok(turns > 1, `the event loop got ${turns} turns`);
  assert.deepEqual(a.findings, sync.findings);
  assert.deepEqual(
    a.tokens.map((t) => [t.start, t.system, t.code]),
    sync.tokens.map((t) => [t.start, t.system, t.code]),
  );
  let asked = 0;
  const cancelled = await analyzeAsync(text, 'note', { data, dateOfService: DOS }, { sliceMs: 1, yieldTo, cancelled: () => ++asked >= 2 });
  assert.equal(cancelled, undefined);
  assert.equal(asked, 2, 'stopped at the first check that said so');
});
