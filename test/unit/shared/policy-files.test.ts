import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPolicyFile } from '../../../server/src/shared/policy-files';
import { readDocument } from '../../../server/src/shared/documents';
import { descriptorFileProblem, readCptDescriptors } from '../../../server/src/shared/cpt-descriptors';

const PACK = readFileSync(join(__dirname, '..', '..', '..', 'data', 'policies', 'bcbsri-stem-cell-pad.json'), 'utf8');

test('a policy pack saved with a byte order mark loads from disk, as the editor shows it (UTF-8 and UTF-16)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-pack-bom-'));
  const utf8 = join(dir, 'utf8.json');
  writeFileSync(utf8, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PACK, 'utf8')]));
  const utf16 = join(dir, 'utf16.json');
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PACK, 'utf16le')]));
  for (const path of [utf8, utf16]) {
    const r = await readPolicyFile(path);
    assert.ok(r.ok, `${path}: ${JSON.stringify(r)}`);
  }
  const bin = join(dir, 'binary.json');
  writeFileSync(bin, Buffer.from([0x7b, 0, 0, 0x7d]));
  const r = await readPolicyFile(bin);
  assert.ok(!r.ok && 'unreadable' in r && /binary/.test(r.unreadable), JSON.stringify(r));
});

test('a missing or non-file pack is told in readDocument\'s words (no raw ENOENT)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-pack-missing-'));
  for (const path of [join(dir, 'missing.json'), dir]) {
    const r = await readPolicyFile(path);
    const doc = await readDocument(path);
    assert.ok(!r.ok && 'unreadable' in r && !doc.ok, JSON.stringify(r));
    assert.equal(r.unreadable, doc.reason);
    assert.doesNotMatch(r.unreadable, /ENOENT|EISDIR/);
  }
  await assert.rejects(readCptDescriptors(join(dir, 'missing.csv')), (e: Error) => descriptorFileProblem(e) === 'cannot read it: file not found (or a dangling symbolic link)');
});
