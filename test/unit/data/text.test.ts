import { test } from 'node:test';
import assert from 'node:assert/strict';
import { col, decodeCp1252, decodeText, splitLines, squash } from '../../../data/scripts/lib/text.js';

test('Windows-1252 decoding maps 0x80-0x9F to the cp1252 characters (not Latin-1 controls)', () => {
  assert.equal(decodeCp1252(new Uint8Array([0x92, 0x93, 0x94, 0x96, 0x80, 0xae, 0x41])), '\u2019\u201c\u201d\u2013\u20ac\u00aeA');
  assert.equal(decodeCp1252(new Uint8Array([0x81])), '\x81');
  const big = new Uint8Array(20000).fill(0x97);
  assert.equal(decodeCp1252(big), '\u2014'.repeat(20000));
  assert.equal(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])), 'A', 'UTF-8 BOM dropped');
});

test('line, column and whitespace helpers', () => {
  assert.deepEqual(splitLines('a\r\nb\nc\rd\r\n'), ['a', 'b', 'c', 'd']);
  assert.equal(col('ABCDEFG', 2, 4), 'BCD');
  assert.equal(col('AB', 5, 9), '');
  assert.equal(squash('  a \t b\n c '), 'a b c');
});
