import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, writeFixtureBundle } from './helpers';

// `clinical-codes explain <code>` with payer policy packs: the --payer's verdict first, then every other pack.
const data = writeFixtureBundle();
const work = mkdtempSync(join(tmpdir(), 'cc-explain-coverage-'));
const other = join(work, 'other.json');
writeFileSync(other, JSON.stringify({ format: 1, id: 'other', title: 'Other policy', source: 'https://example.org/other', effective: '2026-01-01', payer: { name: 'Other Health' }, plans: [{ id: 'ppo', name: 'PPO' }], rules: [{ kind: 'prior-auth', codes: ['0264T'], message: 'Authorize first.' }] }));
const explain = (...args: string[]) => runCli(['explain', '0264T', '--data', data, ...args]);

test('explain: coverage under --payer first, then every other loaded pack, at --date-of-service', () => {
  const r = explain('--payer', 'BCBSRI/Medicare Advantage', '--policy', other, '--date-of-service', '2026-03-02');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  const at = lines.findIndex((l) => l === '  Payer coverage: Blue Cross & Blue Shield of Rhode Island · Medicare Advantage, from the payer setting:');
  assert.ok(at > 0, r.stdout);
  assert.match(lines[at + 1], /^ {4}Blue Cross & Blue Shield of Rhode Island · Medicare Advantage · not covered · Treatment of Peripheral Arterial Disease with Stem Cell Therapy · effective 2026-01-01 · Blue Cross & Blue Shield of Rhode Island medical policy/);
  assert.equal(lines[at + 2], '  Other payer policies:');
  assert.match(lines[at + 3], /^ {4}Blue Cross & Blue Shield of Rhode Island · Commercial · not medically necessary · /);
  assert.equal(lines[at + 4], '    Other Health · all plans · prior auth · Other policy · effective 2026-01-01 · https://example.org/other');
  // before the policies' effective date each line says it is not in force
  assert.match(explain('--payer', 'BCBSRI/Commercial', '--date-of-service', '2025-06-01').stdout, /Commercial · not medically necessary · .* · effective 2026-01-01 \(not in force on the date of service\) · /);
});

test('explain: without --payer every pack is listed; a --payer no pack knows is said on stderr; codes no pack lists get no section', () => {
  const bare = explain();
  assert.match(bare.stdout, / {2}Payer coverage:\n {4}No payer named, or the payer named has no loaded policy pack\n {2}Payer policies:\n {4}Blue Cross & Blue Shield of Rhode Island · Medicare Advantage · not covered/);
  const aetna = explain('--payer', 'Aetna');
  assert.equal(aetna.code, 0);
  assert.match(aetna.stderr, /--payer Aetna names no payer of the loaded policy packs \(Blue Cross & Blue Shield of Rhode Island\)/);
  const e11 = runCli(['explain', 'E11.9', '--data', data, '--payer', 'BCBSRI']);
  assert.equal(e11.code, 0, e11.stdout);
  assert.doesNotMatch(e11.stdout, /Payer/);
});
