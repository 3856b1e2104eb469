import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkJson, ROOT, runCli, SEEDS } from './helpers';

const tmp = mkdtempSync(join(tmpdir(), 'cc-draft-'));

test('CLI policy draft: seed 002 drafts the BCBSRI pack; what to review goes to stderr', () => {
  const r = runCli(['policy', 'draft', join(SEEDS, '002_c6c3683f7fda1044.txt')]);
  assert.equal(r.code, 0, r.stderr);
  const pack = JSON.parse(r.stdout);
  assert.equal(pack.effective, '2026-01-01');
  assert.deepEqual(pack.rules.map((x: { kind: string; codes: string[] }) => `${x.kind} ${x.codes}`), ['not-covered 0263T-0265T', 'not-medically-necessary 0263T-0265T']);
  assert.match(r.stderr, /drafted 2 rule\(s\) .* for Blue Cross & Blue Shield of Rhode Island \(Medicare Advantage, Commercial\), effective 2026-01-01/);
  assert.match(r.stderr, /Review before use:\n {2}- /);
});

test('CLI policy draft --out, then check --policy: the drafted pack judges a note for that payer and plan', () => {
  const out = join(tmp, 'aetna.json');
  const r = runCli(['policy', 'draft', join(ROOT, 'test', 'fixtures', 'policies', 'sacral-nerve-stimulation.md'), '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(readFileSync(out, 'utf8'), /"payer": \{\n\s+"name": "Aetna"/);
  const note = join(tmp, 'visit.txt');
  writeFileSync(note, 'Payer: Aetna\nPlan: Medicaid\nDate of service: 2025-06-02\nCPT: 64561\n');
  const withPack = checkJson(note, '--policy', out).filter((f) => f.ruleId.startsWith('coverage.'));
  assert.deepEqual(withPack.map((f) => `${f.ruleId} ${f.code}`), ['coverage.not-covered 64561']);
  assert.match(withPack[0].message, /Aetna/);
  assert.deepEqual(checkJson(note).filter((f) => f.ruleId.startsWith('coverage.')), []);
  // before the drafted effective date (2025-03-01) the policy is not in force
  writeFileSync(note, 'Payer: Aetna\nPlan: Medicaid\nDate of service: 2025-02-27\nCPT: 64561\n');
  assert.deepEqual(checkJson(note, '--policy', out).filter((f) => f.ruleId.startsWith('coverage.')), []);
});

test('CLI policy draft --out DIR writes DIR/<id>.json, like cp; --out FILE writes FILE; a folder that does not exist is a plain error', () => {
  const policy = join(ROOT, 'test', 'fixtures', 'policies', 'sacral-nerve-stimulation.md');
  const dir = mkdtempSync(join(tmpdir(), 'cc-draft-dir-'));
  const r = runCli(['policy', 'draft', policy, '--out', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  const written = readdirSync(dir);
  assert.equal(written.length, 1);
  const pack = JSON.parse(readFileSync(join(dir, written[0]), 'utf8'));
  assert.equal(written[0], `${pack.id}.json`);
  assert.match(r.stderr, new RegExp(`written to ${join(dir, written[0]).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.`));
  // a file name: that file, whatever its name
  const file = join(dir, 'mine.json');
  assert.equal(runCli(['policy', 'draft', policy, '--out', file]).code, 0);
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), pack);
  // a folder that is not there: said plainly, exit 2, no stack
  const bad = runCli(['policy', 'draft', policy, '--out', join(dir, 'no', 'such', 'x.json')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^clinical-codes: --out .*x\.json: cannot write it: its folder does not exist\n$/);
});

test('CLI policy draft: usage and unreadable input', () => {
  assert.equal(runCli(['policy', 'write', 'x']).code, 2);
  assert.equal(runCli(['policy', 'draft']).code, 2);
  const missing = runCli(['policy', 'draft', join(tmp, 'nope.txt')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.txt: cannot read it: file not found/);
  // not a policy: a draft with no rules is printed, and the exit status says it is not a usable pack yet
  const visit = join(tmp, 'v.txt');
  writeFileSync(visit, 'Seen for knee pain. 99213.\n');
  const r = runCli(['policy', 'draft', visit]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /not yet a valid pack/);
});
