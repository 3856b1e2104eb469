import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, truncateSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDocument } from '../../../server/src/shared/documents';
import { FileChangedError, FilePieces } from '../../../server/src/shared/file-pieces';

function withFile(content: string | Buffer, body: (path: string) => Promise<void> | void) {
  const dir = mkdtempSync(join(tmpdir(), 'clinical-codes-pieces-'));
  const path = join(dir, 'claims.csv');
  writeFileSync(path, content);
  return Promise.resolve(body(path)).finally(() => rmSync(dir, { recursive: true, force: true }));
}

async function opened(path: string) {
  const doc = await readDocument(path);
  assert.ok(doc.ok);
  return { doc, pieces: doc.file.piecesReadable ? new FilePieces(path, doc.file.stats) : undefined };
}

test('an ASCII file is read again piece by piece at its text offsets', () =>
  withFile('CPT,Dx\r\n99213,M79.64\r\n99214,I10\r\n', async (path) => {
    const { doc, pieces } = await opened(path);
    assert.ok(pieces, 'ASCII: readable in pieces');
    for (const [from, to] of [[0, 6], [8, 20], [20, 31], [5, 5], [0, doc.text.length]]) assert.equal(pieces.slice(from, to), doc.text.slice(from, to));
    pieces.close();
    assert.throws(() => pieces.slice(0, 1), /closed/);
  }));

test('a file whose offsets are not its bytes (non-ASCII, a BOM, UTF-16) keeps its text: not readable in pieces', async () => {
  for (const content of ['CPT,Name\n99213,José\n', '\uFEFFCPT\n99213\n', Buffer.from('\uFEFFCPT\n', 'utf16le')]) {
    await withFile(content, async (path) => {
      const doc = await readDocument(path);
      assert.ok(doc.ok);
      assert.equal(doc.file.piecesReadable, false, JSON.stringify(content));
    });
  }
});

test('a file changed, shortened or removed while it is checked is a FileChangedError, never a mixture of versions', async () => {
  const content = `CPT,Dx\n${'99213,M79.64\n'.repeat(100)}`;
  await withFile(content, async (path) => {
    const { pieces } = await opened(path);
    assert.equal(pieces!.slice(0, 6), 'CPT,Dx');
    appendFileSync(path, '99215,I10\n');
    assert.throws(() => pieces!.slice(7, 19), FileChangedError);
  });
  await withFile(content, async (path) => {
    const { pieces } = await opened(path);
    truncateSync(path, 50);
    assert.throws(() => pieces!.slice(40, 100), FileChangedError);
  });
  await withFile(content, async (path) => {
    const doc = await readDocument(path);
    assert.ok(doc.ok);
    // the same size, written again later (an editor saving in place)
    writeFileSync(path, content.replace('M79.64', 'M79.65'));
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    assert.throws(() => new FilePieces(path, doc.file.stats), FileChangedError);
  });
  await withFile(content, async (path) => {
    const doc = await readDocument(path);
    assert.ok(doc.ok);
    unlinkSync(path);
    assert.throws(() => new FilePieces(path, doc.file.stats), (e: Error) => e instanceof FileChangedError && /could not be opened again.*file not found/.test(e.message));
  });
});
