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
  // the editor renders only its visible lines: check what shows, then the whole pack once saved
  const draft = await vs.waitForEditorText((t) => t.includes('"0263T-0265T"'), { timeout: 30_000 });
  assert.match(draft, /"name": "Blue Cross & Blue Shield of Rhode Island"/);
  assert.match(draft, /"effective": "2026-01-01"/);
  assert.match(draft, /"id": "medicare-advantage"[\s\S]*"id": "commercial"/);

  const toast = vs.page.locator('.notifications-toasts .notification-toast', { hasText: 'drafted policy pack' });
  await toast.waitFor({ state: 'visible', timeout: 20_000 });
  const id = /drafted policy pack "([a-z0-9-]+)"; \d+ point\(s\) to review/.exec((await toast.innerText()).replace(/\s+/g, ' '))?.[1];
  assert.ok(id, 'the notification names the pack');
  await vs.screenshot('policy-draft');
  await toast.locator('.monaco-button', { hasText: 'Save to .clinical-codes/policies' }).click();

  // the saved pack is the reviewed draft, among the workspace's packs (removed again: later scenarios use the bundled pack)
  const target = path.join(vs.workspaceDir, '.clinical-codes', 'policies', `${id}.json`);
  try {
    await vs.waitUntil<string>('document.title', (t) => t.includes(`${id}.json`), 'the saved pack to open', { timeout: 20_000 });
    assert.ok(existsSync(target), `${target} written`);
    const pack = JSON.parse(readFileSync(target, 'utf8'));
    assert.equal(pack.id, id);
    assert.equal(pack.payer.name, 'Blue Cross & Blue Shield of Rhode Island');
    assert.deepEqual(pack.rules.map((r: { kind: string; plans: string[]; codes: string[] }) => `${r.kind} ${r.plans} ${r.codes}`), [
      'not-covered medicare-advantage 0263T-0265T',
      'not-medically-necessary commercial 0263T-0265T',
    ]);
    assert.match(pack.source, /drafted from bcbsri-pad-policy\.txt$/);
  } finally {
    rmSync(target, { force: true });
  }
}
