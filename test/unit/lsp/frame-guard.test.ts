import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FrameGuard, redactLibraryMessage } from '../../../server/src/lsp/transport';

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/** Feeds `input` to a guard in chunks of `size` bytes; returns what it passed on and the notes. */
async function through(input: string, size: number): Promise<{ out: string; notes: string[] }> {
  const notes: string[] = [];
  const g = new FrameGuard((m) => notes.push(m));
  const chunks: Buffer[] = [];
  g.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => g.on('end', r));
  const bytes = Buffer.from(input, 'utf8');
  for (let i = 0; i < bytes.length; i += size) g.write(bytes.subarray(i, i + size));
  g.end();
  await done;
  return { out: Buffer.concat(chunks).toString('utf8'), notes };
}

test('well-formed frames pass through unchanged, however the input is chunked', async () => {
  const good = frame('{"jsonrpc":"2.0","method":"a","params":{"text":"é ü \\r\\n Content-Length: 3"}}') + `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n${frame('{"id":1}')}`;
  for (const size of [1, 2, 7, 64, 100_000]) {
    const r = await through(good, size);
    assert.equal(r.out, good, `chunks of ${size}`);
    assert.deepEqual(r.notes, []);
  }
});

test('a frame without Content-Length is dropped, noted by size only, and the next frame gets through', async () => {
  const bad = 'X-Note: secret\r\n\r\n{"jsonrpc":"2.0","method":"x","params":"secret"}';
  const next = frame('{"jsonrpc":"2.0","id":2,"method":"b"}');
  for (const size of [1, 5, 1000]) {
    const r = await through(frame('{"id":1}') + bad + next, size);
    assert.equal(r.out, frame('{"id":1}') + next, `chunks of ${size}`);
    assert.equal(r.notes.length, 1);
    assert.match(r.notes[0], new RegExp(`ignored ${Buffer.byteLength(bad)} bytes of input`));
    assert.doesNotMatch(r.notes[0], /secret/);
  }
});

test('library log lines that echo a message keep their first line and a size', () => {
  const m = 'Received message which is neither a response nor a notification message:\n{\n    "text": "secret"\n}';
  assert.equal(redactLibraryMessage(m), `Received message which is neither a response nor a notification message (${m.length - m.indexOf('\n')} characters; content not logged)`);
  assert.equal(redactLibraryMessage('code data loaded in 5 ms'), 'code data loaded in 5 ms');
});

test('the guard tells of each whole frame once, however the input is chunked (lsp/foreground.ts counts them)', async () => {
  const input = frame('{"id":1}') + frame('') + frame('{"jsonrpc":"2.0","method":"b","params":"é"}');
  for (const size of [1, 3, 1000]) {
    let frames = 0;
    const g = new FrameGuard(() => undefined, () => frames++);
    const done = new Promise((r) => g.on('end', r));
    g.resume();
    const bytes = Buffer.from(input, 'utf8');
    for (let i = 0; i < bytes.length; i += size) g.write(bytes.subarray(i, i + size));
    g.end();
    await done;
    assert.equal(frames, 3, `chunks of ${size}`);
  }
});
