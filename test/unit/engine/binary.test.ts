import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { binaryReason, decodeDocument } from '../../../server/src/engine';

// The one decision the CLI (bytes) and the server (text from the editor) share: binary or text, and how bytes decode.

const utf16 = (text: string, be: boolean) => {
  const b = Buffer.from('\ufeff' + text, 'utf16le');
  if (be) b.swap16();
  return new Uint8Array(b);
};

test('a NUL in the first 8 KB is binary, one after it is text; mostly control characters are binary', () => {
  assert.equal(binaryReason('Dx: M79.64\0'), 'nul');
  assert.equal(binaryReason('x'.repeat(8191) + '\0'), 'nul');
  assert.equal(binaryReason('x'.repeat(8192) + '\0'), undefined);
  assert.equal(binaryReason('\x01\x02\x03 ab'), 'control');
  assert.equal(binaryReason('a\tb\r\nc\rd\ve\ff\n'), undefined, 'tab, line ends, VT and FF are text');
  assert.equal(binaryReason(''), undefined);
});

test('UTF-8 (with or without BOM) and UTF-16 with a BOM decode to the same text; UTF-16 without a BOM is binary', () => {
  const text = 'Dx: M79.64 — douleur\r\nCPT 99213\r';
  const utf8 = decodeDocument(new TextEncoder().encode(text));
  assert.deepEqual(utf8, { ok: true, text, encoding: 'utf-8' });
  assert.deepEqual(decodeDocument(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])), { ok: true, text, encoding: 'utf-8' });
  assert.deepEqual(decodeDocument(utf16(text, false)), { ok: true, text, encoding: 'utf-16le' });
  assert.deepEqual(decodeDocument(utf16(text, true)), { ok: true, text, encoding: 'utf-16be' });
  const noBom = new Uint8Array(Buffer.from(text, 'utf16le'));
  assert.deepEqual(decodeDocument(noBom), { ok: false, reason: 'nul', encoding: 'utf-8' });
});

test('bytes are judged as their decoded text is (large files are sniffed from their head only)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.constant('a'), fc.constant('é'), fc.constant('€'), fc.constant('𝄞'), fc.constant('\0'), fc.constant('\x01'), fc.constant('\n')), { minLength: 0, maxLength: 400 }),
      fc.integer({ min: 0, max: 30_000 }),
      fc.boolean(),
      (chars, pad, wide) => {
        // padding puts the interesting characters near the 8 KB boundary, in 1-, 2- and 3-byte characters
        const text = (wide ? '€' : 'x').repeat(pad % 9000) + chars.join('');
        const d = decodeDocument(new TextEncoder().encode(text));
        assert.equal(d.ok, binaryReason(text) === undefined);
        if (d.ok) assert.equal(d.text, text);
        const d16 = decodeDocument(utf16(text, false));
        assert.equal(d16.ok, binaryReason(text) === undefined);
      },
    ),
    { numRuns: 300 },
  );
});
