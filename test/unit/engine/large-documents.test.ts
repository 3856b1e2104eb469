import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, analyzeAsync, MAX_FINDINGS } from '../../../server/src/engine';
import { fixtureData } from './fixture-data';
import { runSliced, sortSteps } from '../../../server/src/engine/steps';
import { Layout } from '../../../server/src/engine/scanner/layout';
import { claimsFromX12 } from '../../../server/src/engine/claims/from-x12';

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

test('an X12 interchange on one line is read in steps: its reader, loop walk, cells and claims give the event loop turns', async () => {
  // no line breaks: only the X12 stages can yield (the line scan finds none), every 256 segments each
  const claim = (i: number) => `HL*${i + 2}*1*22*0~NM1*IL*1*DOE*JANE****MI*W${i}~CLM*PCN${i}*125***11:B:1*Y*A*Y*Y~HI*ABK:M79642~LX*1~SV1*HC:99213:25*125*UN*1***1~DTP*472*D8*20240110~`;
  const n = 2_000;
  const body = Array.from({ length: n }, (_, i) => claim(i)).join('');
  // ISA GS ST HL, the claims, SE GE IEA
  const segments = 4 + 7 * n + 3;
  const text = `ISA*00*          *00*          *ZZ*NORTHWIND01    *ZZ*ACMECH01       *240115*1200*^*00501*000000101*0*T*:~GS*HC*A*B*20240115*1200*101*X*005010X222A1~ST*837*0001*005010X222A1~HL*1**20*1~${body}SE*${segments - 4}*0001~GE*1*101~IEA*1*000000101~`;
  const sync = analyze(text, 'x12', { data, dateOfService: DOS });
  assert.equal(sync.claims.length, n);
  assert.ok(!sync.findings.some((f) => f.ruleId === 'x12.envelope'), 'a whole envelope');
  let turns = 0;
  // sliceMs 0: a turn at every step, so the count says how often the stages yield (no clock involved)
  const yieldTo = () => new Promise<void>((resolve) => setImmediate(() => (turns++, resolve())));
  const a = await analyzeAsync(text, 'x12', { data, dateOfService: DOS }, { sliceMs: 0, yieldTo });
  assert.ok(a);
  assert.deepEqual(a.findings, sync.findings);
  assert.equal(a.claims.length, n);
  // the X12 stages alone: split, envelope, loop walk and cells each yield every 256 segments (unsliced: no turn at all)
  turns = 0;
  const layout = await runSliced(Layout.build(text, 'x12'), { sliceMs: 0, yieldTo });
  assert.equal(layout?.x12Segments.length, segments);
  assert.ok(turns >= 4 * Math.floor(segments / 256), `${turns} turns for ${segments} segments while reading`);
  turns = 0;
  const claims = await runSliced(claimsFromX12(layout!, sync.tokens), { sliceMs: 0, yieldTo });
  assert.equal(claims?.length, n);
  assert.ok(turns >= Math.floor(segments / 256), `${turns} turns for ${segments} segments while reading the claims`);
});

test('sortSteps sorts as Array.prototype.sort does (stable), in steps', () => {
  for (const n of [0, 1, 63, 64, 65, 1000, 5003]) {
    const items = Array.from({ length: n }, (_, i) => ({ key: (i * 7919) % 97, i }));
    const expected = [...items].sort((a, b) => a.key - b.key);
    let steps = 0;
    const gen = sortSteps(items, (a, b) => a.key - b.key);
    while (!gen.next().done) steps++;
    assert.deepEqual(items, expected, `n = ${n}`);
    if (n > 1000) assert.ok(steps > n / 256, `${steps} steps for ${n} items`);
  }
});
