import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli, writeFixtureBundle } from './helpers';

// Payer policy packs through the built CLI: the bundled BCBSRI pack (seed 002), --payer, --policy.
const data = writeFixtureBundle();
const work = mkdtempSync(join(tmpdir(), 'cc-policies-'));
const write = (name: string, text: string) => (writeFileSync(join(work, name), text), join(work, name));
const ma = write('ma.txt', 'Payer: Blue Cross & Blue Shield of Rhode Island\nPlan: Medicare Advantage\nDate of service: 2026-03-02\n\nProcedures: 0263T, 0264T, 0265T\n');
const json = (file: string, ...args: string[]) => {
  const r = runCli(['check', file, '--data', data, '--format', 'json', ...args], { cwd: work });
  const out = JSON.parse(r.stdout) as { ruleId: string; code: string; message: string }[];
  return { ...r, coverage: out.filter((f) => /^coverage\.(?!medicare)/.test(f.ruleId)) };
};

test('CLI: the bundled pack reports 0263T-0265T not covered for a BCBSRI Medicare Advantage note dated 2026-03-02', () => {
  const r = json(ma);
  assert.deepEqual(r.coverage.map((f) => `${f.ruleId} ${f.code}`), ['coverage.not-covered 0263T', 'coverage.not-covered 0264T', 'coverage.not-covered 0265T']);
  assert.match(r.coverage[0].message, /Blue Cross & Blue Shield of Rhode Island Medicare Advantage on 2026-03-02: policy "Treatment of Peripheral Arterial Disease with Stem Cell Therapy" \(bcbsri-stem-cell-pad, effective 2026-01-01; source: /);
  // before the effective date; another payer
  assert.deepEqual(json(write('old.txt', 'Payer: BCBSRI\nPlan: Medicare Advantage\nDate of service: 2025-12-31\nCPT 0263T\n')).coverage, []);
  assert.deepEqual(json(write('aetna.txt', 'Payer: Aetna\nPlan: Medicare Advantage\nDate of service: 2026-03-02\nCPT 0263T\n')).coverage, []);
});

test('CLI: a BCBSRI Commercial claim row is not medically necessary (plan column, or payer column + --payer /PLAN)', () => {
  const rows = write('claims.csv', 'claim_id,payer,plan,date_of_service,cpt\nC1,Blue Cross & Blue Shield of Rhode Island,Commercial,2026-03-02,0263T\nC2,Aetna,Commercial,2026-03-02,0264T\nC3,BCBSRI,Commercial,2025-11-30,0265T\n');
  assert.deepEqual(json(rows).coverage.map((f) => `${f.ruleId} ${f.code}`), ['coverage.not-medically-necessary 0263T']);
  const noPlan = write('noplan.csv', 'claim_id,payer,date_of_service,cpt\nC1,BCBSRI,2026-03-02,0264T\n');
  assert.deepEqual(json(noPlan).coverage, []);
  assert.deepEqual(json(noPlan, '--payer', '/Commercial').coverage.map((f) => f.ruleId), ['coverage.not-medically-necessary']);
  // --payer NAME/PLAN where the document names no payer
  const bare = write('bare.txt', 'Date of service: 2026-03-02\nCPT 0265T\n');
  assert.deepEqual(json(bare).coverage, []);
  assert.deepEqual(json(bare, '--payer', 'BCBSRI/Medicare Advantage').coverage.map((f) => f.ruleId), ['coverage.not-covered']);
});

test('CLI check --payer that no pack knows: said once on stderr, as explain says it, and the files are still checked', () => {
  const bare = write('bare-unknown.txt', 'Date of service: 2026-03-02\nCPT 0265T\n');
  const other = write('other-unknown.txt', 'Payer: BCBSRI\nPlan: Medicare Advantage\nDate of service: 2026-03-02\nCPT 0265T\n');
  const r = runCli(['check', bare, other, '--data', data, '--format', 'json', '--payer', 'Nobody', '--jobs', '2'], { cwd: work });
  assert.equal(r.code, 0, r.stderr);
  const said = r.stderr.match(/--payer Nobody names no payer of the loaded policy packs \(Blue Cross & Blue Shield of Rhode Island\)\n/g);
  assert.equal(said?.length, 1, r.stderr);
  // the document's own payer still applies
  assert.deepEqual((JSON.parse(r.stdout) as { ruleId: string }[]).filter((f) => f.ruleId === 'coverage.not-covered').length, 1);
  const explained = runCli(['explain', '0265T', '--payer', 'Nobody'], { cwd: work });
  assert.equal(r.stderr.split('\n').find((l) => l.includes('--payer')), explained.stderr.split('\n').find((l) => l.includes('--payer')));
  // a payer a pack knows: nothing said
  assert.doesNotMatch(json(bare, '--payer', 'BCBSRI').stderr, /names no payer/);
});

test('CLI --policy: an invalid pack is reported with its path and problem; the valid ones still apply', () => {
  const bad = write('bad.json', JSON.stringify({ format: 1, id: 'bad', title: 'Bad', source: 's', effective: '2026-01-01', payer: { name: 'Test Health' }, plans: [{ id: 'p', name: 'PPO' }], rules: [{ kind: 'nope', codes: ['99213'], message: 'm' }] }));
  const good = join(work, 'good.json');
  writeFileSync(good, JSON.stringify({ format: 1, id: 'good', title: 'Good policy', source: 'https://example.org/p', effective: '2026-01-01', payer: { name: 'Test Health' }, plans: [{ id: 'p', name: 'PPO' }], rules: [{ kind: 'prior-auth', codes: ['0263T-0265T'], message: 'Authorize first.' }] }));
  const note = write('th.txt', 'Payer: Test Health\nDate of service: 2026-03-02\nCPT 0264T\n');
  const r = json(note, '--policy', bad, '--policy', good);
  assert.match(r.stderr, new RegExp(`policy pack ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is invalid and was skipped: \\$\\.rules\\[0\\]\\.kind: must be one of`));
  assert.deepEqual(r.coverage.map((f) => f.ruleId), ['coverage.prior-auth']);
  // the bundled packs still apply alongside
  assert.equal(json(ma, '--policy', bad).coverage.length, 3);
  // an unreadable file is reported, not fatal
  assert.match(json(ma, '--policy', join(work, 'missing.json')).stderr, /--policy .*missing\.json: cannot read it: file not found \(or a dangling symbolic link\); skipped\n/);
  assert.match(json(ma, '--policy', work).stderr, /--policy .*: a directory, not a file; skipped\n/);
  // the bundled pack's file given again as --policy: its findings are not doubled
  copyFileSync(join(ROOT, 'data', 'policies', 'bcbsri-stem-cell-pad.json'), join(work, 'copy.json'));
  assert.equal(json(ma, '--policy', join(work, 'copy.json')).coverage.length, 3);
});
