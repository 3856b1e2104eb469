import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstIndex } from '../../../server/src/engine/sorted';

test('firstIndex: the first index where the predicate turns true, for every cut of sorted lists with repeats', () => {
  for (const xs of [[] as number[], [5], [1, 1, 1], [1, 2, 2, 3, 7, 7, 9], Array.from({ length: 100 }, (_, i) => Math.floor(i / 3))]) {
    for (let x = -1; x <= 40; x++) {
      assert.equal(firstIndex(xs.length, (i) => xs[i] >= x), xs.findIndex((v) => v >= x) === -1 ? xs.length : xs.findIndex((v) => v >= x));
      assert.equal(firstIndex(xs.length, (i) => xs[i] > x) - 1, xs.reduce((last, v, i) => (v <= x ? i : last), -1));
    }
  }
});
