import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isIsoDate, parseDate } from '../../../server/src/engine/dates';

/** What the calendar says, by way of Date (the dates module validates by arithmetic, without a Date per date). */
const calendarHas = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const pad = (n: number, w: number) => String(n).padStart(w, '0');

test('isIsoDate agrees with the calendar on any year, month and day written as YYYY-MM-DD', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
      const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
      assert.equal(isIsoDate(s), calendarHas(s), s);
    }),
    { numRuns: 20_000 },
  );
  for (const [s, ok] of [['2024-02-29', true], ['2023-02-29', false], ['1900-02-29', false], ['2000-02-29', true], ['2024-04-31', false], ['2024-12-31', true], ['2024-1-31', false], ['2024-00-10', false]] as const) {
    assert.equal(isIsoDate(s), ok, s);
  }
});

test('parseDate rejects days the month does not have, in every written form', () => {
  assert.equal(parseDate('02/29/2023'), '');
  assert.equal(parseDate('02/29/2024'), '2024-02-29');
  assert.equal(parseDate('31-APR-2024'), '');
  assert.equal(parseDate('April 30, 2024'), '2024-04-30');
  assert.equal(parseDate('20230229'), '');
  assert.equal(parseDate('2019-3-4'), '2019-03-04');
});
