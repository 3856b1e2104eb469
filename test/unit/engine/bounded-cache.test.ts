import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedCache } from '../../../server/src/engine/bounded-cache';

test('BoundedCache: never holds more than its cap, whatever the number of keys', () => {
  const c = new BoundedCache<number, number>(100);
  for (let i = 0; i < 10_000; i++) {
    c.set(i, i * 2);
    assert.ok(c.size <= 100, `size ${c.size} after ${i + 1} keys`);
  }
  assert.equal(c.get(9_999), 19_998);
  assert.equal(c.get(0), undefined);
  assert.equal(c.has(0), false);
});

test('BoundedCache: an entry used again survives the flips that drop the cold ones', () => {
  const c = new BoundedCache<string, number>(10);
  c.set('hot', 1);
  for (let i = 0; i < 1_000; i++) {
    c.set(`cold${i}`, i);
    assert.equal(c.get('hot'), 1, `hot entry lost after ${i + 1} cold ones`);
  }
  assert.equal(c.has('cold0'), false);
  assert.ok(c.size <= 10);
});

test('BoundedCache: an undefined value is remembered (has), set replaces without a second copy, clear empties', () => {
  const c = new BoundedCache<string, string | undefined>(6);
  c.set('none', undefined);
  c.set('a', 'x');
  c.set('b', 'y');
  c.set('c', 'z'); // the first three are now the older generation
  assert.equal(c.has('none'), true);
  assert.equal(c.get('none'), undefined);
  assert.equal(c.has('none'), true);
  c.set('a', 'x2');
  assert.equal(c.get('a'), 'x2');
  assert.equal(c.size, 4);
  c.clear();
  assert.equal(c.size, 0);
  assert.equal(c.has('none'), false);
});
