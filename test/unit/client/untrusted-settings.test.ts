import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settingKeysIn } from '../../../client/src/untrusted-settings';

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
