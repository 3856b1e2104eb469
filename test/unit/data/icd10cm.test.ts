import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIcdOrderFile, type IcdOrderRecord } from '../../../data/scripts/parsers/icd10cm-order.js';
import { parseIcdOrderAddenda } from '../../../data/scripts/parsers/icd10cm-addenda.js';
import {
  applyIcdAddenda,
  checkAddendaTally,
  checkAgainstSummary,
  compareChanges,
  countIcd,
  diffIcdEditions,
  icdChangesFromAddenda,
  mergeIcdEditions,
} from '../../../data/scripts/assemble/icd10cm.js';
import { fixture } from './helpers.js';

const order2025 = () => parseIcdOrderFile(fixture('icd10cm/2025-code-descriptions-tabular-order.zip.d/icd10cm_order_2025.txt'));
const order2026 = () => parseIcdOrderFile(fixture('icd10cm/2026-code-descriptions-tabular-order.zip.d/icd10cm_order_2026.txt'));
const addenda2026 = () => parseIcdOrderAddenda(fixture('icd10cm/2026-code-descriptions-tabular-order.zip.d/icd10cm_order_addenda_2026.txt'));
const addenda2027 = () => parseIcdOrderAddenda(fixture('icd10cm/fy2027/icd10cm_order_addenda_2027.txt'));
const get = (rows: IcdOrderRecord[], code: string) => rows.find((r) => r.code === code);

test('order file: fixed-width fields, CRLF, billable flags and counts', () => {
  const rows = order2026();
  assert.deepEqual(countIcd(rows), { rows: 30, billable: 19, headers: 11 });
  assert.deepEqual(get(rows, 'M7964'), { order: 11, code: 'M7964', billable: false, short: 'Pain in hand and fingers', long: 'Pain in hand and fingers' });
  assert.equal(get(rows, 'M79641')?.billable, true);
  assert.deepEqual(
    rows.filter((r) => r.code.startsWith('M7964')).map((r) => r.code),
    ['M7964', 'M79641', 'M79642', 'M79643', 'M79646'],
  );
  const s = get(rows, 'S52501A');
  assert.equal(s?.short, 'Unsp fracture of the lower end of right radius, init');
  assert.equal(s?.long, 'Unspecified fracture of the lower end of right radius, initial encounter for closed fracture');
  // 7th-character family with the X placeholder: W21.89 → W21.89X (header) → W21.89XA (billable)
  assert.equal(get(rows, 'W2189X')?.billable, false);
  assert.equal(get(rows, 'W2189XA')?.billable, true);
  // FY2026 introduced codes with a letter in the second position
  assert.equal(get(rows, 'QA0')?.billable, false);
});

test('order file: malformed lines fail with the line number', () => {
  const good = '00001 A00     0 Cholera                                                      Cholera\r\n';
  assert.throws(() => parseIcdOrderFile(`${good}00002 A000    7 Cholera x                                                    Cholera x\r\n`, 'f.txt'), /f\.txt line 2: billable flag/);
  assert.throws(() => parseIcdOrderFile(good + good, 'f.txt'), /line 2: duplicate code A00/);
  assert.throws(() => parseIcdOrderFile('0001 A00     0 Cholera', 'f.txt'), /line 1: expected a 5-digit order number/);
  assert.throws(() => parseIcdOrderFile('00001 a-0     0 Cholera                                                      Cholera', 'f.txt'), /malformed ICD-10-CM code/);
});

test('addenda: actions, flag-before-code layout, summary block is not a record', () => {
  const a = addenda2027();
  const count = (act: string) => a.records.filter((r) => r.action === act).length;
  assert.equal(count('add'), 5);
  assert.equal(count('delete'), 3);
  assert.equal(count('reviseFrom'), 1);
  assert.equal(count('reviseTo'), 1);
  assert.deepEqual(a.unrecognized, []);
  const d691 = a.records.filter((r) => r.code === 'D691');
  assert.deepEqual(d691.map((r) => [r.action, r.billable]), [['delete', true], ['add', false]]);
  assert.deepEqual(a.summary.codes, { previousFile: 'icd10cm_order_2026.txt', previousCount: 19, nextFile: 'icd10cm_order_2027.txt', nextCount: 21, additions: 4, deletions: 2, revisions: 1 });
  assert.equal(a.summary.headers?.nextCount, 11);
  assert.deepEqual(checkAddendaTally(a, 'FY2027'), []);
  assert.deepEqual(checkAddendaTally(addenda2026(), 'FY2026'), []);
  const missingOne = { ...a, records: a.records.filter((r) => r.code !== 'M79645') };
  assert.deepEqual(checkAddendaTally(missingOne, 'x'), ['x: 3 codes additions parsed, summary says 4']);
  const odd = parseIcdOrderAddenda('Add:         1 A001    Cholera x                                                    Cholera x\r\nsomething else\r\n');
  assert.deepEqual(odd.unrecognized, [{ line: 2, text: 'something else' }]);
});

test('FY2027 derivation: addenda applied to FY2026 (header flip, adds, deletes, revisions)', () => {
  const fy26 = order2026();
  const a = addenda2027();
  const fy27 = applyIcdAddenda(fy26, a);
  assert.deepEqual(countIcd(fy27), { rows: 32, billable: 21, headers: 11 });
  assert.deepEqual(checkAgainstSummary(countIcd(fy27), a.summary, 'next', 'FY2027'), []);
  assert.deepEqual(checkAgainstSummary(countIcd(fy26), a.summary, 'previous', 'FY2026'), []);
  assert.equal(get(fy27, 'D691')?.billable, false, 'D691 became a header');
  assert.equal(get(fy27, 'D6911')?.billable, true);
  assert.equal(get(fy27, 'D6911')?.order, null);
  assert.equal(get(fy27, 'S23420A'), undefined);
  assert.equal(get(fy27, 'Z2914')?.long, 'Encounter for prophylactic rabies immune globulin');
  assert.deepEqual(fy27.map((r) => r.code), [...fy27.map((r) => r.code)].sort(), 'derived rows are sorted by code');
  assert.deepEqual(icdChangesFromAddenda(a, 'FY2027'), {
    edition: 'FY2027',
    added: ['D6911', 'D6919', 'M79644', 'M79645'],
    deleted: ['S23420', 'S23420A'],
    revised: ['Z2914'],
    becameHeader: ['D691'],
  });
  assert.deepEqual(compareChanges(icdChangesFromAddenda(a, 'FY2027'), diffIcdEditions(fy26, fy27, 'FY2027')), []);
});

test('addenda application rejects records that do not fit the base edition', () => {
  const fy26 = order2026();
  const parse = (line: string) => parseIcdOrderAddenda(line);
  assert.throws(() => applyIcdAddenda(fy26, parse('Delete:      1 X999    Nope                                                         Nope')), /line 1: Delete of X999, which is not in the base/);
  assert.throws(() => applyIcdAddenda(fy26, parse('Add:         1 I10     Essential (primary) hypertension                             Essential (primary) hypertension')), /Add of I10, which is already/);
  assert.throws(() => applyIcdAddenda(fy26, parse('Delete:      0 I10     Essential (primary) hypertension                             Essential (primary) hypertension')), /flag 0, base has 1/);
  assert.throws(() => applyIcdAddenda(fy26, parse('Revise from: 1 I10     Wrong title                                                  Wrong title')), /does not match the base/);
});

test('FY2026 vs FY2025: order-file diff equals the official addenda, and re-applying it reproduces FY2026', () => {
  const fy25 = order2025();
  const fy26 = order2026();
  const diff = diffIcdEditions(fy25, fy26, 'FY2026');
  assert.deepEqual(diff, {
    edition: 'FY2026',
    added: ['B8801', 'B8809', 'QA0', 'QA00'],
    deleted: ['R6889'],
    revised: ['L02212'],
    becameHeader: ['B880'],
  });
  assert.deepEqual(compareChanges(diff, icdChangesFromAddenda(addenda2026(), 'FY2026')), []);
  const rebuilt = applyIcdAddenda(fy25, addenda2026());
  assert.deepEqual(compareChanges(diffIcdEditions(fy26, rebuilt, 'x'), { edition: 'x', added: [], deleted: [], revised: [] }), []);
});

test('merge: presence/billable masks per edition, titles from the newest edition', () => {
  const fy25 = order2025();
  const fy26 = order2026();
  const fy27 = applyIcdAddenda(fy26, addenda2027());
  const ed = (id: string, records: typeof fy25) => ({ id, start: '', end: '', source: id, records });
  const b = mergeIcdEditions([ed('FY2025', fy25), ed('FY2026', fy26), ed('FY2027', fy27)], []);
  const row = (c: string) => b.rows.find((r) => r[0] === c);
  assert.deepEqual(row('M79641')?.slice(0, 3), ['M79641', 0b111, 0b111]);
  assert.deepEqual(row('M7964')?.slice(0, 3), ['M7964', 0b111, 0]);
  assert.deepEqual(row('R6889')?.slice(0, 3), ['R6889', 0b001, 0b001], 'deleted in FY2026');
  assert.deepEqual(row('D691')?.slice(0, 3), ['D691', 0b111, 0b011], 'header from FY2027');
  assert.deepEqual(row('B880')?.slice(0, 3), ['B880', 0b111, 0b001]);
  assert.deepEqual(row('M79644')?.slice(0, 3), ['M79644', 0b100, 0b100]);
  assert.deepEqual(row('S23420A')?.slice(0, 3), ['S23420A', 0b011, 0b011]);
  assert.equal(row('Z2914')?.[4], 'Encounter for prophylactic rabies immune globulin');
  assert.equal(row('L02212')?.[3], 'Cutaneous abscess of back');
  assert.equal(row('R6889')?.[4], 'Other general symptoms and signs', 'deleted codes keep their last title');
  assert.equal(b.rows.length, 27 + 4 + 4, 'FY2025 codes + 4 new in FY2026 + 4 new in FY2027');
  assert.deepEqual(b.rows.map((r) => r[0]), [...b.rows.map((r) => r[0])].sort());
  assert.deepEqual(b.editions.map((e) => e.id), ['FY2025', 'FY2026', 'FY2027']);
});
