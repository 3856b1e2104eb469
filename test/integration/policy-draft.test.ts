import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
