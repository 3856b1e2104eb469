/**
 * A note naming BCBSRI Medicare Advantage, dated 2026-03-02: 0264T gets the coverage squiggle and the hover shows the
 * policy; the payer status bar item says where the payer came from, and choosing None (then Commercial) in its
 * QuickPick changes the diagnostics at once. "From document" restores it (the choice is kept in the workspace state).
 * A workspace pack is listed too, and mistyping it shows the server's error at the property as it is typed.
 */
import * as assert from 'node:assert/strict';
import type { VSCode } from '../harness.js';

const NOTE = [
  'Payer: Blue Cross & Blue Shield of Rhode Island',
  'Plan: Medicare Advantage',
  'Date of service: 2026-03-02',
  '',
  'Procedure: 0264T',
  '',
].join('\n');
// a workspace pack (valid on disk: the shared workspace's Problems stay clean for the other scenarios)
const PACK = JSON.stringify(
  {
    format: 1,
    id: 'e2e-health',
    title: 'E2E Health stem cell policy',
    source: 'https://example.org/e2e',
    effective: '2026-01-01',
    payer: { name: 'E2E Health' },
    plans: [{ id: 'ppo', name: 'PPO' }],
    rules: [{ kind: 'prior-auth', codes: ['0264T'], message: 'Authorize first.' }],
  },
  null,
  2,
);
const ITEM = 'clinicalCodes.payer';
const COMMERCIAL = 'Blue Cross & Blue Shield of Rhode Island · Commercial';

export const name = 'payer: coverage squiggle and hover for a BCBSRI Medicare Advantage note; the status bar QuickPick switches the payer';
// a second entry in .clinical-codes keeps the Explorer from compacting it into ".clinical-codes/policies" (openFile
// walks one folder per row)
export const files = {
  'payer/bcbsri-ma.txt': NOTE,
  '.clinical-codes/policies/e2e-health.json': PACK,
  '.clinical-codes/README.txt': 'Payer policy packs for the e2e payer scenario.\n',
};
export const timeout = 120_000;

export async function fn(vs: VSCode): Promise<void> {
  await vs.openFile('payer/bcbsri-ma.txt');
  const onCode = (s: { text: string }[]) => s.some((x) => x.text === '0264T');
  await vs.waitForSquiggles('warning', onCode);

  const hover = await vs.hoverText('Procedure:', '0264T', { contains: 'Payer coverage' });
  assert.match(hover, /Payer coverage: Blue Cross & Blue Shield of Rhode Island · Medicare Advantage, named in the document/);
  assert.match(hover, /Medicare Advantage · not covered · Treatment of Peripheral Arterial Disease with Stem Cell Therapy · effective 2026-01-01/);
  assert.match(hover, /Other payer policies[\s\S]*Commercial · not medically necessary/);
  await vs.screenshot('payer-hover-0264t');
  await vs.unhover();

  const item = await vs.waitForStatusBarItem(ITEM, (s) => s.visible && s.text.includes('Medicare Advantage'));
  assert.match(item.aria, /named in the document/);

  await vs.clickStatusBarItem(ITEM);
  const rows = await vs.waitForQuickPick((l) => l.includes('From document') && l.includes('None') && l.includes(COMMERCIAL));
  assert.ok(rows.includes('Blue Cross & Blue Shield of Rhode Island · Medicare Advantage'), rows.join(' | '));
  assert.ok(rows.includes('E2E Health · PPO'), `the workspace pack's payer is listed: ${rows.join(' | ')}`);
  await vs.screenshot('payer-quickpick');
  await vs.pickQuickPickItem('None');
  await vs.waitForSquiggles('warning', (s) => !onCode(s));
  await vs.waitForStatusBarItem(ITEM, (s) => s.text.includes('Payer: none'));

  await vs.clickStatusBarItem(ITEM);
  await vs.pickQuickPickItem(COMMERCIAL);
  await vs.waitForSquiggles('warning', onCode);
  const commercial = await vs.waitForStatusBarItem(ITEM, (s) => s.text.includes('Commercial'));
  assert.match(commercial.aria, /chosen for this document/);

  // back to what the document says, so the shared workspace state is as it was
  await vs.clickStatusBarItem(ITEM);
  await vs.pickQuickPickItem('From document');
  await vs.waitForStatusBarItem(ITEM, (s) => s.text.includes('Medicare Advantage'));

  // the workspace pack, mistyped (not saved): an error at the property, from the server, as it is typed
  await vs.openFile('.clinical-codes/policies/e2e-health.json');
  await vs.typeAt('"kind": "prior-auth"', 'x', { after: 'prior-auth' });
  const problems = await vs.waitForProblems((e) => e.some((p) => p.source === 'clinical-codes' && p.code.includes('policy-pack.invalid')));
  const p = problems.find((x) => x.source === 'clinical-codes')!;
  assert.match(p.message, /\$\.rules\[0\]\.kind: must be one of not-covered, not-medically-necessary, prior-auth, diagnosis-required/);
  await vs.waitForSquiggles('error', (s) => s.some((x) => x.text.includes('prior-authx')));
  await vs.screenshot('payer-pack-file-error');
}
