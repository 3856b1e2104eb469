/** "Clinical Codes: Search Codes" finds a code by words and inserts it at the cursor. */
import * as assert from 'node:assert/strict';
import type { VSCode } from '../harness.js';

export const name = 'Search Codes command: find by words, insert at the cursor';
export const files = { 'search/find.note': 'Assessment: \n' };
export const timeout = 120_000;

export async function fn(vs: VSCode): Promise<void> {
  await vs.openFile('search/find.note');
  await vs.typeAt('Assessment:', ' ');
  await vs.runCommand('Clinical Codes: Search Codes');
  // the command opens its own quick pick after the palette closes: type only once it is there
  await vs.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Search Codes' }).waitFor({ state: 'visible', timeout: 20_000 });
  await vs.page.locator('.quick-input-widget .quick-input-box input').fill('pain in left hand');
  const row = vs.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'M79.642' }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await vs.screenshot('search-codes');
  await row.click();
  const text = await vs.waitForEditorText((t) => t.includes('M79.642'));
  assert.match(text, /^Assessment:\s+M79\.642\s*$/m);
}
