/**
 * Smoke: the harness drives a real VS Code and our extension is installed.
 * Deliberately independent of the extension's features (it may not even build).
 */
import * as assert from 'node:assert/strict';
import type { VSCode } from '../harness.js';

export const name = 'smoke: open a file, type, extension is installed';

export const files = {
  'smoke/plain.txt': 'first line\nsecond line\n',
};

export async function fn(vs: VSCode): Promise<void> {
  await vs.openFile('smoke/plain.txt');
  await vs.waitForEditorText('second line');

  await vs.typeAt('second line', 'typed by e2e ', { before: 'line' });
  await vs.typeAt('first line', '\nan inserted line');
  const text = await vs.waitForEditorText('an inserted line');
  assert.deepEqual(text.split('\n').slice(0, 3), ['first line', 'an inserted line', 'second typed by e2e line']);

  const extensions = await vs.installedExtensions();
  assert.ok(
    extensions.some((e) => e.id === vs.extensionId),
    `${vs.extensionId} not listed as installed; Extensions view shows: ${JSON.stringify(extensions.map((e) => e.id))}`,
  );
  await vs.screenshot('smoke');
}
