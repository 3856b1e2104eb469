/**
 * A damaged code data bundle (one byte of the ICD-10-CM file changed: its sha256 no longer matches the manifest).
 * Restarted on it, the server stays up without data: one error notification naming the file, with Restart Server
 * and Show Output; the language status says "no code data" and offers Restart Server; the output has the error once,
 * however often the server reports its status meanwhile. Repaired, Restart Server (from the notification) brings the
 * diagnostics back. The server loads the harness's copy of the bundle (vs.dataDir), never the build's.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { VSCode } from '../harness.js';

export const name = 'damaged bundle: said once (notification, status, output) with Restart; repaired, Restart brings the diagnostics back';
export const files = { 'faults/damaged-bundle.note': 'Dx: M79.64\n' };
export const timeout = 60_000;

const CHANNEL = 'Clinical Codes';
const count = (text: string, s: string) => text.split(s).length - 1;

export async function fn(vs: VSCode): Promise<void> {
  await vs.openFile('faults/damaged-bundle.note');
  await vs.waitForSquiggles('error', (s) => s.some((x) => x.text === 'M79.64'), { timeout: 30_000 });

  const file = path.join(vs.dataDir, 'icd10cm.tsv.gz');
  const good = fs.readFileSync(file);
  const bad = Buffer.from(good);
  bad[bad.length >> 1] ^= 0x55; // inside valid gzip framing: only the checksum tells
  const error = `Code data file ${file} does not match the sha256 its manifest records`;
  const from = vs.outputLog(CHANNEL).length;
  fs.writeFileSync(file, bad);
  try {
    await vs.runCommand('Clinical Codes: Restart Server');
    const shown = await vs.waitForNotifications((n) => n.some((x) => x.message.includes(error)), { timeout: 30_000 });
    assert.deepEqual(shown.find((x) => x.message.includes(error))!.buttons, ['Restart Server', 'Show Output']);
    assert.match(shown.find((x) => x.message.includes(error))!.message, /Run `npm run build:data` \(or reinstall the extension\)/);
    await vs.waitForSquiggles('error', (s) => s.length === 0);
    await vs.waitForLanguageStatus((a) => a.includes('no code data') && a.includes(error));
    const items = await vs.languageStatusItems((i) => i.some((x) => x.text.includes('no code data')));
    assert.deepEqual(items.find((x) => x.text.includes('no code data'))!.commands, ['Restart Server']);
    await vs.screenshot('damaged-bundle');
    await vs.unhover();

    // more analyses, more status notifications from the server: still said once
    await vs.typeAt('Dx: M79.64', ', M79.65');
    await vs.waitForEditorText('Dx: M79.64, M79.65');
    await vs.waitForLanguageStatus((a) => a.includes('no code data'));
    const log = await vs.waitForOutputLog(CHANNEL, from, (t) => t.includes(error));
    assert.equal(count(log, error), 1, log);
    assert.equal((await vs.waitForNotifications(() => true)).filter((x) => x.message.includes(error)).length, 1);
  } finally {
    fs.writeFileSync(file, good);
  }

  // repaired: Restart Server from the notification
  await vs.clickNotificationButton(error, 'Restart Server');
  await vs.waitForSquiggles('error', (s) => ['M79.64', 'M79.65'].every((c) => s.some((x) => x.text === c)), { timeout: 30_000 });
  await vs.waitForLanguageStatus((a) => /Data: ICD-10-CM/.test(a) && !a.includes('no code data'));
  const after = vs.outputLog(CHANNEL).slice(from);
  assert.equal(count(after, error), 1, 'the error is not logged again');
  assert.match(after.slice(after.indexOf(error)), /code data loaded from/);
}
