/**
 * Completion in a new note: `0264T-` offers the modifiers that fit, with their meanings and without "00";
 * words of a diagnosis after "Dx:" offer M79.642.
 */
import * as assert from 'node:assert/strict';
import type { VSCode } from '../harness.js';

export const name = 'completion: modifiers after 0264T-, diagnosis by words';
export const files = { 'complete/new.note': 'Procedure: CPT \nDx: \n' };
export const timeout = 120_000;

export async function fn(vs: VSCode): Promise<void> {
  await vs.openFile('complete/new.note');
  // wait until the language server has analysed the document (the language status names the data editions)
  await vs.waitUntil<string>(`document.querySelector('[id="status.languageStatus"]')?.getAttribute('aria-label') || ''`, (a) => /Clinical Codes: .*Data: ICD-10-CM/.test(a), 'language server ready', { timeout: 60_000 });
  await vs.typeAt('Procedure: CPT', '0264T-');
  const labels = await suggestUntil(vs, (l) => l.includes('22') && l.includes('80'));
  assert.ok(!labels.includes('00'), `"00" must not be offered: ${labels.join(' ')}`);
  assert.ok(!labels.includes('50'), `50 does not fit 0264T: ${labels.join(' ')}`);
  // each row shows the modifier's meaning next to it
  const rows = await vs.probe<string[]>(`[...document.querySelectorAll('.suggest-widget .monaco-list-row')].map((r) => r.textContent || '')`);
  assert.ok(rows.some((r) => r.startsWith('22') && /Increased procedural services/.test(r)), `rows: ${rows.join(' | ')}`);
  await vs.screenshot('completion-modifiers');
  await vs.dismissSuggest();

  await vs.typeAt('Dx:', ' pain in left hand');
  await vs.waitForEditorText('pain in left hand');
  await suggestUntil(vs, (l) => l.includes('M79.642'));
  // The list typing opened may still answer an earlier keystroke: the list is incomplete, so VS Code asks again at
  // each keystroke and shows the previous answer until the new one comes ("pain in left h" has M25.552, left hip,
  // first). Asked afresh, the list answers the whole text.
  await vs.dismissSuggest();
  const dx = (await vs.triggerSuggest()).labels;
  assert.equal(dx[0], 'M79.642', `M79.642 first: ${dx.join(' ')}`);
  await vs.screenshot('completion-words');
  await vs.acceptSuggestion('M79.642');
  await vs.waitForEditorText((t) => /^Dx:\s+M79\.642\s*$/m.test(t));
}

/** The list that typing opened, or Ctrl+Space until it shows what is expected (the first word search may still be indexing). */
async function suggestUntil(vs: VSCode, ok: (labels: string[]) => boolean): Promise<string[]> {
  let last: unknown;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await vs.waitForSuggest(ok, { timeout: attempt === 0 ? 5_000 : 15_000 });
    } catch (e) {
      last = e;
      await vs.triggerSuggest().catch(() => undefined);
    }
  }
  throw last;
}
