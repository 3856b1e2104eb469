import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SpanIndex } from '../../../server/src/engine/data/span-index';

/** What rowsOf must answer: the rows with a span whose text is the query, ascending, each once. */
const reference = (text: string, spans: [number, number, number][], q: string) => [...new Set(spans.filter(([, s, e]) => text.slice(s, e) === q).map(([r]) => r))].sort((a, b) => a - b);

test('property: a span index finds exactly the rows whose span text is the query', () => {
  // few letters, so spans repeat; long spans differ only between the characters the hash samples
  const text = fc.stringMatching(/^[ab]{0,120}$/);
  fc.assert(
    fc.property(text, fc.array(fc.tuple(fc.nat(20), fc.nat(120), fc.nat(120)), { maxLength: 60 }), fc.array(fc.tuple(fc.nat(120), fc.nat(120)), { maxLength: 10 }), (t, raw, queries) => {
      const spans = raw.map(([r, a, b]) => [r, Math.min(a, b, t.length), Math.min(Math.max(a, b), t.length)] as [number, number, number]);
      const index = SpanIndex.build(t, (add) => spans.forEach(([r, s, e]) => add(r, s, e)));
      const asked = [...spans.map(([, s, e]) => t.slice(s, e)), ...queries.map(([a, b]) => t.slice(Math.min(a, b), Math.max(a, b))), 'c', ''];
      for (const q of asked) assert.deepEqual(index.rowsOf(q), reference(t, spans, q), JSON.stringify(q));
    }),
    { numRuns: 500 },
  );
});

test('a span index over 5,000 long titles that differ in one middle character each', () => {
  const titles = Array.from({ length: 5000 }, (_, i) => `Unspecified fracture of ${String(i).padStart(4, '0')} shaft, initial encounter for closed fracture`);
  const text = titles.join('\n');
  let at = 0;
  const index = SpanIndex.build(text, (add) => titles.forEach((t, i) => (add(i, at, at + t.length), (at += t.length + 1))));
  for (const i of [0, 1, 777, 4999]) assert.deepEqual(index.rowsOf(titles[i]), [i]);
  assert.deepEqual(index.rowsOf(titles[5].replace('0005', '5000')), []);
  assert.deepEqual(index.rowsOf(titles[5].slice(1)), []);
});
