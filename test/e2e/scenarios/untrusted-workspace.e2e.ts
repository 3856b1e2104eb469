/**
 * Restricted mode (workspace trust on, the folder not trusted): the workspace's path settings
 * (clinicalCodes.cptDescriptorsFile, clinicalCodes.policyFiles) and its .clinical-codes/policies pack are ignored;
 * the language status says which and why, and the server never reads them (no descriptor in the hover, no coverage
 * finding of the pack, no load in the output). Trusting the folder then applies all three.
 */
import * as assert from 'node:assert/strict';
import type { VSCode } from '../harness.js';

const MARKER = 'WORKSPACE-DESCRIPTOR-MARKER';
const pack = (id: string, payer: string) =>
  JSON.stringify({
    format: 1,
    id,
    title: `${payer} policy`,
    source: 'https://example.org/e2e',
    effective: '2026-01-01',
    payer: { name: payer },
    plans: [{ id: 'ppo', name: 'PPO' }],
    rules: [{ kind: 'prior-auth', codes: ['0264T'], message: 'Authorize first.' }],
  });

export const name = 'untrusted workspace: its path settings and packs are ignored and the status says why; trusting it applies them';
export const restrictedMode = true;
export const timeout = 90_000;
export const files = {
  'visit.note': ['Payer: Trust Health', 'Date of service: 2026-03-02', '', 'Dx: M79.64', 'Procedure: 0264T', 'CPT 27447 today', ''].join('\n'),
  'cpt.csv': `code,descriptor\n27447,${MARKER} total knee\n`,
  'packs/listed.json': pack('listed', 'Listed Health'),
  '.clinical-codes/policies/trust-health.json': pack('trust-health', 'Trust Health'),
  '.vscode/settings.json': JSON.stringify({ 'clinicalCodes.cptDescriptorsFile': 'cpt.csv', 'clinicalCodes.policyFiles': ['packs/listed.json'] }, null, 2),
};

const IGNORED = [
  /clinicalCodes\.cptDescriptorsFile is ignored: the workspace sets it and is not trusted/,
  /clinicalCodes\.policyFiles is ignored: the workspace is not trusted/,
  /1 payer policy pack in \.clinical-codes\/policies not loaded: the workspace is not trusted/,
];

export async function fn(vs: VSCode): Promise<void> {
  await vs.waitUntil<string>(`document.querySelector('.part.banner')?.textContent || ''`, (t) => /Restricted Mode/.test(t), 'the Restricted Mode banner');
  await vs.openFile('visit.note');
  // analysed: the header M79.64 is an error
  await vs.waitForSquiggles('error', (s) => s.some((x) => x.text === 'M79.64'), { timeout: 30_000 });

  const aria = await vs.waitForLanguageStatus((a) => /Ignored:/.test(a));
  for (const re of IGNORED) assert.match(aria, re);
  const items = await vs.languageStatusItems((i) => i.some((x) => /is ignored/.test(x.text)));
  const item = items.find((x) => /is ignored/.test(x.text))!;
  for (const re of IGNORED) assert.match(item.text, re);
  await vs.screenshot('untrusted-status');
  await vs.unhover();

  // not read: no descriptor from the file, no finding of either pack, nothing loaded in the output
  const hover = await vs.hoverText('CPT 27447', '27447', { contains: '27447' });
  assert.doesNotMatch(hover, new RegExp(MARKER));
  const problems = await vs.problems();
  assert.ok(!problems.some((p) => /Trust Health|Listed Health|prior authori/.test(p.message)), JSON.stringify(problems));
  const log = vs.outputLog('Clinical Codes');
  assert.doesNotMatch(log, /CPT descriptors: \d+ loaded|payer policy packs:/);
  assert.match(log, /clinicalCodes\.cptDescriptorsFile is ignored: the workspace sets it and is not trusted/);

  // trusted: the client restarts the server, which now reads all three
  const from = log.length;
  await vs.runCommand('Workspaces: Manage Workspace Trust');
  await vs.page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first().click();
  await vs.waitForOutputLog('Clinical Codes', from, (t) => /CPT descriptors: 1 loaded/.test(t) && /payer policy packs:.*trust-health\.json.*listed\.json/.test(t), { timeout: 30_000 });
  await vs.runCommand('View: Close All Editors');
  await vs.openFile('visit.note');
  await vs.waitForProblems((e) => e.some((p) => /0264T needs prior authorization for Trust Health/.test(p.message)), { timeout: 30_000 });
  assert.match(await vs.hoverText('CPT 27447', '27447', { contains: MARKER }), new RegExp(`${MARKER} total knee`));
  await vs.waitForLanguageStatus((a) => /Data: ICD-10-CM/.test(a) && !/Ignored:/.test(a));
}
