import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TableStore } from '../../../server/src/engine/data/table-codec';

/** The in-place key comparison of lowerBound/indexOf/rowsFor against the obvious slice-and-compare. */
test('lowerBound, indexOf and rowsFor compare keys in place exactly as sliced strings compare', () => {
  const keys = ['0001F', '0001F', '00100', '0010', '001', 'A0', 'A00', 'A000', 'A0001', 'B', 'E11.9', 'E119', 'Z', 'z', 'é'];
  const t = TableStore.fromRows({}, keys.map((k, i) => [k, i, `title ${i}`]));
  const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const slow = (key: string) => sorted.findIndex((k) => k >= key);
  const probes = [...keys, '', '0', '0001', '0001G', '00', 'A', 'A0000', 'A00011', 'B0', 'E11', 'Zz', '~', 'zz', 'a\tb', 'A00\t1', 'A00\n', '\t'];
  for (const p of probes) {
    const want = slow(p) < 0 ? sorted.length : slow(p);
    assert.equal(t.lowerBound(p), want, `lowerBound(${JSON.stringify(p)})`);
    assert.equal(t.indexOf(p), sorted.includes(p) ? sorted.indexOf(p) : -1, `indexOf(${JSON.stringify(p)})`);
    assert.equal(t.rowsFor(p).length, sorted.filter((k) => k === p).length, `rowsFor(${JSON.stringify(p)})`);
  }
  // a row holding only its key (no tab) and the last row of the table
  const bare = TableStore.fromRows({}, [['A'], ['B', 1], ['C']]);
  assert.deepEqual(['A', 'B', 'C', 'D', 'AB', ''].map((k) => bare.indexOf(k)), [0, 1, 2, -1, -1, -1]);
});

test('lastFieldMatches: only matches in the last field, in row order, and stops when told', () => {
  const t = TableStore.fromRows({}, [['a', 'cat', 'the cat sat'], ['b', 'dog', 'a Cat and a cat'], ['c', 'cat', 'none']]);
  const seen: [number, string][] = [];
  t.lastFieldMatches(/cat/gi, (row, m) => (seen.push([row, m]), true));
  assert.deepEqual(seen, [[0, 'cat'], [1, 'Cat'], [1, 'cat']]);
  const first: number[] = [];
  t.lastFieldMatches(/cat/gi, (row) => (first.push(row), false));
  assert.deepEqual(first, [0]);
});
