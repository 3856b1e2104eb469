/** "Clinical Codes: Draft Payer Policy Pack from This Document": a payer policy becomes a draft pack to review and save. */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { VSCode } from '../harness.js';
import { seedText } from './seed-fixtures.js';

const policy = seedText('002_');

export const name = 'Draft Payer Policy Pack: the draft opens beside the policy; saving it writes .clinical-codes/policies/<id>.json';
export const files = { 'policy/bcbsri-pad-policy.txt': policy.text };
export const timeout = 120_000;

export async function fn(vs: VSCode): Promise<void> {
  await vs.openFile('policy/bcbsri-pad-policy.txt');
  await vs.runCommand('Clinical Codes: Draft Payer Policy Pack from This Document');
  const draft = await vs.waitForEditorText((t) => t.includes('"0263T-0265T"'), { timeout: 30_000 });
  const pack = JSON.parse(draft);
  assert.equal(pack.payer.name, 'Blue Cross & Blue Shield of Rhode Island');
  assert.equal(pack.effective, '2026-01-01');
  assert.deepEqual(pack.rules.map((r: { kind: string; plans: string[] }) => `${r.kind} ${r.plans}`), ['not-covered medicare-advantage', 'not-medically-necessary commercial']);
  assert.match(pack.source, /drafted from bcbsri-pad-policy\.txt$/);

  const toast = vs.page.locator('.notifications-toasts .notification-toast', { hasText: 'drafted policy pack' });
  await toast.waitFor({ state: 'visible', timeout: 20_000 });
  assert.match((await toast.innerText()).replace(/\s+/g, ' '), new RegExp(`drafted policy pack "${pack.id}"; \\d+ point\\(s\\) to review`));
  await vs.screenshot('policy-draft');
  await toast.locator('.monaco-button', { hasText: 'Save to .clinical-codes/policies' }).click();

  // the saved pack is the reviewed draft, among the workspace's packs (removed again: later scenarios use the bundled pack)
  const target = path.join(vs.workspaceDir, '.clinical-codes', 'policies', `${pack.id}.json`);
  try {
    await vs.waitForEditorText((t) => t === draft, { timeout: 20_000 });
    assert.ok(existsSync(target), `${target} written`);
    assert.deepEqual(JSON.parse(readFileSync(target, 'utf8')), pack);
  } finally {
    rmSync(path.join(vs.workspaceDir, '.clinical-codes'), { recursive: true, force: true });
  }
}
