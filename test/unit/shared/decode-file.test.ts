import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeDocument } from '../../../server/src/engine';
import { decodeFile } from '../../../server/src/shared/decode-file';

test('decodeFile is decodeDocument, with ASCII bytes taken as they are (text, binary verdict, encoding)', () => {
  const byte = fc.oneof(fc.integer({ min: 0, max: 127 }), fc.constantFrom(9, 10, 13, 32, 65, 48), fc.integer({ min: 0, max: 255 }));
  fc.assert(
    fc.property(fc.array(byte, { maxLength: 300 }), fc.constantFrom(0, 8000, 9000), (bytes, pad) => {
      // padded past the sniffed head, so a NUL or control bytes late in a large file count as they do in decodeDocument
      const buf = Buffer.concat([Buffer.alloc(pad, 0x61), Buffer.from(bytes)]);
      const { ascii, ...decoded } = decodeFile(buf);
      assert.deepEqual(decoded, decodeDocument(buf));
      assert.equal(ascii, buf.every((b) => b < 128));
    }),
    { numRuns: 500 },
  );
  for (const s of ['CPT 99213\r\nM79.641\n', '', 'a\0b', '\x01\x02\x03\x04 text']) assert.equal(decodeFile(Buffer.from(s)).ascii, true, JSON.stringify(s));
  for (const b of [Buffer.from('\uFEFFabc'), Buffer.from('José'), Buffer.from('\uFEFFab', 'utf16le')]) {
    const { ascii, ...decoded } = decodeFile(b);
    assert.equal(ascii, false);
    assert.deepEqual(decoded, decodeDocument(b));
  }
});
