import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SettingKeysMemo, settingKeysIn } from '../../../client/src/untrusted-settings';

const KEYS = ['cptDescriptorsFile', 'policyFiles'];

test('the path settings a workspace settings file sets, comments ignored, values never needed', () => {
  assert.deepEqual(settingKeysIn('{ "clinicalCodes.cptDescriptorsFile": "/etc/passwd" }', KEYS), ['cptDescriptorsFile']);
  assert.deepEqual(settingKeysIn('{\n  "clinicalCodes.policyFiles" : ["a.json"],\n  "clinicalCodes.cptDescriptorsFile": "x",\n}', KEYS), KEYS);
  // commented out: not set; a "//" or "/*" inside a string is no comment
  assert.deepEqual(settingKeysIn('{\n  // "clinicalCodes.cptDescriptorsFile": "x",\n  /* "clinicalCodes.policyFiles": [] */\n}', KEYS), []);
  assert.deepEqual(settingKeysIn('{ "files.exclude": { "//x/*": true }, "clinicalCodes.policyFiles": [] }', KEYS), ['policyFiles']);
  // a key only as a value, or another setting with the name as a prefix, is not the setting
  assert.deepEqual(settingKeysIn('{ "x": "clinicalCodes.cptDescriptorsFile", "clinicalCodes.policyFilesExtra": 1 }', KEYS), []);
  // a .code-workspace file: its settings object
  assert.deepEqual(settingKeysIn('{ "folders": [{ "path": "." }], "settings": { "clinicalCodes.cptDescriptorsFile": "c.csv" } }', KEYS), ['cptDescriptorsFile']);
});

test('the keys are read once for many settings pulls, and again after invalidate() (a settings file or the trust changed)', async () => {
  let reads = 0;
  let text = '{ "clinicalCodes.cptDescriptorsFile": "x" }';
  const memo = new SettingKeysMemo(async () => (reads++, settingKeysIn(text, KEYS)));
  // concurrent pulls share one read; later pulls reuse it
  assert.deepEqual(await Promise.all([memo.get(), memo.get()]), [['cptDescriptorsFile'], ['cptDescriptorsFile']]);
  for (let i = 0; i < 10; i++) assert.deepEqual(await memo.get(), ['cptDescriptorsFile']);
  assert.equal(reads, 1);
  // the file changed: the next pull reads it again
  text = '{ "clinicalCodes.policyFiles": [] }';
  assert.deepEqual(await memo.get(), ['cptDescriptorsFile'], 'not re-read until told');
  memo.invalidate();
  assert.deepEqual(await memo.get(), ['policyFiles']);
  assert.equal(reads, 2);
});

test('a read invalidated while in flight answers its callers; the next pull reads again; a failed read is not kept', async () => {
  const releases: ((keys: string[]) => void)[] = [];
  const release = (keys: string[]) => releases.shift()!(keys);
  let reads = 0;
  let fail = false;
  const memo = new SettingKeysMemo(() => {
    reads++;
    if (fail) return Promise.reject(new Error('EIO'));
    return new Promise<string[]>((resolve) => releases.push(resolve));
  });
  const first = memo.get();
  memo.invalidate();
  const second = memo.get();
  assert.equal(reads, 2);
  release(['cptDescriptorsFile']);
  assert.deepEqual(await first, ['cptDescriptorsFile']);
  release(['policyFiles']);
  assert.deepEqual(await second, ['policyFiles']);
  assert.deepEqual(await memo.get(), ['policyFiles']);
  assert.equal(reads, 2);
  memo.invalidate();
  fail = true;
  await assert.rejects(memo.get(), /EIO/);
  fail = false;
  const third = memo.get();
  assert.equal(reads, 4, 'the failed read was not kept');
  release(['cptDescriptorsFile']);
  assert.deepEqual(await third, ['cptDescriptorsFile']);
});
