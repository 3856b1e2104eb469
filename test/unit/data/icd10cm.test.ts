import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIcdOrderFile, type IcdOrderRecord } from '../../../data/scripts/parsers/icd10cm-order.js';
import { parseIcdOrderAddenda } from '../../../data/scripts/parsers/icd10cm-addenda.js';
import {
  applyIcdAddenda,
  checkAddendaTally,
  checkAgainstSummary,
  checkIcdStructure,
  compareChanges,
  countIcd,
  dayBefore,
  deriveIcdEdition,
  diffIcdEditions,
  icdChangesFromAddenda,
  mergeIcdEditions,
} from '../../../data/scripts/assemble/icd10cm.js';
import { decodeOlderTitles, titlesIn } from '../../../server/src/engine/data/icd-codec.js';
import { fixture } from './helpers.js';

const order2025 = () => parseIcdOrderFile(fixture('icd10cm/2025-code-descriptions-tabular-order.zip.d/icd10cm_order_2025.txt'));
const order2026 = () => parseIcdOrderFile(fixture('icd10cm/2026-code-descriptions-tabular-order.zip.d/icd10cm_order_2026.txt'));
const addenda2026 = () => parseIcdOrderAddenda(fixture('icd10cm/2026-code-descriptions-tabular-order.zip.d/icd10cm_order_addenda_2026.txt'));
const addenda2027 = () => parseIcdOrderAddenda(fixture('icd10cm/fy2027/icd10cm_order_addenda_2027.txt'));
const get = (rows: IcdOrderRecord[], code: string) => rows.find((r) => r.code === code);
const order2020 = () => parseIcdOrderFile(fixture('icd10cm/2020-icd-10-cm-codes.zip.d/2020 Code Descriptions/icd10cm_order_2020.txt'));
const jan2021 = 'icd10cm/2021-code-descriptions-tabular-order-updated-12162020.zip.d/2021-code-descriptions-tabular-order/';
const order2021jan = () => parseIcdOrderFile(fixture(`${jan2021}icd10cm_order_2021.txt`));
const cdc2022 = () => parseIcdOrderFile(fixture('icd10cm/cdc-ftp/2022/Code-Descriptions-zip.zip.d/Code Descriptions/icd10cm-order-2022.txt'));
const covidJan2021 = ['J1282', 'M3581', 'M3589', 'Z1152', 'Z20822', 'Z8616'];

test('order file: fixed-width fields, CRLF, billable flags and counts', () => {
  const rows = order2026();
  assert.deepEqual(countIcd(rows), { rows: 63, billable: 41, headers: 22 });
  assert.deepEqual(get(rows, 'M7964'), { order: 21, code: 'M7964', billable: false, short: 'Pain in hand and fingers', long: 'Pain in hand and fingers' });
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
  assert.deepEqual(a.summary.codes, { previousFile: 'icd10cm_order_2026.txt', previousCount: 41, nextFile: 'icd10cm_order_2027.txt', nextCount: 43, additions: 4, deletions: 2, revisions: 1 });
  assert.equal(a.summary.headers?.nextCount, 22);
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
  assert.deepEqual(countIcd(fy27), { rows: 65, billable: 43, headers: 22 });
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
  const ed = (id: string, records: typeof fy25) => ({ id, start: id, end: '', source: id, records });
  const b = mergeIcdEditions([ed('FY2025', fy25), ed('FY2026', fy26), ed('FY2027', fy27)], []);
  const row = (c: string) => b.rows.find((r) => r[0] === c);
  assert.deepEqual(row('M79641')?.slice(0, 3), ['M79641', 0b111, 0b111]);
  assert.deepEqual(row('M7964')?.slice(0, 3), ['M7964', 0b111, 0]);
  assert.deepEqual(row('R6889')?.slice(0, 3), ['R6889', 0b001, 0b001], 'deleted in FY2026');
  assert.deepEqual(row('D691')?.slice(0, 3), ['D691', 0b111, 0b011], 'header from FY2027');
  assert.deepEqual(row('B880')?.slice(0, 3), ['B880', 0b111, 0b001]);
  assert.deepEqual(row('M79644')?.slice(0, 3), ['M79644', 0b100, 0b100]);
  assert.deepEqual(row('S23420A')?.slice(0, 3), ['S23420A', 0b011, 0b011]);
  assert.equal(row('Z2914')?.[5], 'Encounter for prophylactic rabies immune globulin');
  assert.equal(row('L02212')?.[4], 'Cutaneous abscess of back');
  assert.equal(row('R6889')?.[5], 'Other general symptoms and signs', 'deleted codes keep their last title');
  assert.equal(row('I10')?.[3], '', 'no older titles where none changed');
  assert.equal(b.rows.length, 60 + 4 + 4, 'FY2025 codes + 4 new in FY2026 + 4 new in FY2027');
  assert.deepEqual(b.rows.map((r) => r[0]), [...b.rows.map((r) => r[0])].sort());
  assert.deepEqual(b.editions.map((e) => e.id), ['FY2025', 'FY2026', 'FY2027']);
});

test('merge: older titles are kept only where they changed, and decode per edition', () => {
  const fy25 = order2025();
  const fy26 = order2026();
  const fy27 = applyIcdAddenda(fy26, addenda2027());
  const ed = (id: string, records: typeof fy25) => ({ id, start: id, end: '', source: id, records });
  const b = mergeIcdEditions([ed('FY2025', fy25), ed('FY2026', fy26), ed('FY2027', fy27)], []);
  const z = b.rows.find((r) => r[0] === 'Z2914')!;
  // revised in FY2027: FY2025 and FY2026 had "globin"
  assert.deepEqual(decodeOlderTitles(z[3]), [{ until: 1, short: 'Encounter for prophylactic rabies immune globin', long: 'Encounter for prophylactic rabies immune globin' }]);
  assert.equal(titlesIn(z, 0)[1], 'Encounter for prophylactic rabies immune globin');
  assert.equal(titlesIn(z, 1)[1], 'Encounter for prophylactic rabies immune globin');
  assert.equal(titlesIn(z, 2)[1], 'Encounter for prophylactic rabies immune globulin');
  const l = b.rows.find((r) => r[0] === 'L02212')!;
  assert.deepEqual([titlesIn(l, 0)[0], titlesIn(l, 1)[0]], ['Cutaneous abscess of back [any part, except buttock]', 'Cutaneous abscess of back']);
  assert.equal(b.rows.filter((r) => r[3]).length, 2, 'only Z2914 and L02212 changed titles');
});

test('merge: editions must be in date order and fit the masks', () => {
  const fy25 = order2025();
  const ed = (id: string, start: string) => ({ id, start, end: '', source: id, records: fy25 });
  assert.throws(() => mergeIcdEditions([ed('B', '2025-10-01'), ed('A', '2024-10-01')], []), /out of order: B \(2025-10-01\) before A/);
  const many = Array.from({ length: 32 }, (_, i) => ed(`E${i}`, `${2000 + i}-10-01`));
  assert.throws(() => mergeIcdEditions(many, []), /32 ICD-10-CM editions: the masks hold at most 31/);
  const b = mergeIcdEditions(many.slice(0, 31), []);
  assert.equal(b.rows.find((r) => r[0] === 'I10')?.[1], 0x7fffffff, '31 editions use bits 0-30, all positive');
});

test('FY2020-April derived from the October 2019 base: + U07 / U07.1 with the FY2021 records', () => {
  const fy20 = order2020();
  assert.equal(get(fy20, 'U071'), undefined, 'the FY2020 base lacks U07.1');
  const apr = deriveIcdEdition(fy20, { add: ['U07', 'U071'], recordsFrom: order2021jan() }, 'FY2020-April');
  assert.deepEqual(countIcd(apr), { rows: countIcd(fy20).rows + 2, billable: countIcd(fy20).billable + 1, headers: countIcd(fy20).headers + 1 });
  assert.deepEqual(get(apr, 'U071'), { order: null, code: 'U071', billable: true, short: 'COVID-19', long: 'COVID-19' });
  assert.equal(get(apr, 'U07')?.billable, false);
  assert.deepEqual(checkIcdStructure(apr, ['U07', 'U071'], 'FY2020-April'), []);
  assert.deepEqual(diffIcdEditions(fy20, apr, 'FY2020-April'), { edition: 'FY2020-April', added: ['U07', 'U071'], deleted: [], revised: [] });
});

test('FY2021 (October 2020) derived from the January 2021 file: without the 2021-01-01 codes, M35.8 billable again', () => {
  const jan = order2021jan();
  const oct = deriveIcdEdition(jan, { remove: covidJan2021, billable: ['M358'] }, 'FY2021');
  assert.deepEqual(countIcd(oct), { rows: countIcd(jan).rows - 6, billable: countIcd(jan).billable - 5, headers: countIcd(jan).headers - 1 });
  assert.equal(get(oct, 'M358')?.billable, true);
  assert.equal(get(oct, 'J1282'), undefined);
  assert.equal(get(oct, 'U071')?.billable, true, 'U07.1 stays (valid since 2020-04-01)');
  assert.deepEqual(checkIcdStructure(oct, [...covidJan2021, 'M358'], 'FY2021'), []);
  // the official Jan-2021 addenda (relative to the FY2020 base) = U07/U07.1 from April 2020 + the January codes
  const addenda = parseIcdOrderAddenda(fixture(`${jan2021}icd10cm_order_addenda_2021.txt`));
  assert.deepEqual(compareChanges(diffIcdEditions(order2020(), jan, 'x'), icdChangesFromAddenda(addenda, 'x')), []);
  assert.deepEqual(icdChangesFromAddenda(addenda, 'x').becameHeader, ['M358']);
});

test('derivation fails loudly when the spec does not fit the base; the structure check catches a forgotten flip', () => {
  const jan = order2021jan();
  assert.throws(() => deriveIcdEdition(jan, { remove: ['X999'] }, 'w'), /w: remove X999: not in the base edition/);
  assert.throws(() => deriveIcdEdition(jan, { add: ['U071'], recordsFrom: jan }, 'w'), /w: add U071: already in the base edition/);
  assert.throws(() => deriveIcdEdition(order2020(), { add: ['U072'], recordsFrom: jan }, 'w'), /add U072: not in the edition the records come from/);
  assert.throws(() => deriveIcdEdition(jan, { billable: ['I10'] }, 'w'), /billable I10: already billable/);
  const noFlip = deriveIcdEdition(jan, { remove: covidJan2021 }, 'FY2021');
  assert.deepEqual(checkIcdStructure(noFlip, covidJan2021, 'FY2021'), ['FY2021: M358 is a header with no codes below it']);
  const flipWithKids = deriveIcdEdition(jan, { billable: ['M358'] }, 'FY2021');
  assert.deepEqual(checkIcdStructure(flipWithKids, ['M358'], 'FY2021'), ['FY2021: M358 is billable but has codes below it']);
});

test('CDC base release member names (hyphens, nested folder) parse like the CMS ones; R05 split in FY2022', () => {
  const fy22 = cdc2022();
  assert.equal(get(fy22, 'R05')?.billable, false);
  assert.deepEqual(fy22.filter((r) => r.code.startsWith('R05')).map((r) => r.code), ['R05', 'R051', 'R059']);
  assert.deepEqual(diffIcdEditions(order2021jan(), fy22, 'FY2022'), { edition: 'FY2022', added: ['R051', 'R059'], deleted: [], revised: ['Z6830'], becameHeader: ['R05'] });
});

test('dayBefore: the end of the edition a start date replaces', () => {
  assert.equal(dayBefore('2021-01-01'), '2020-12-31');
  assert.equal(dayBefore('2020-03-01'), '2020-02-29');
  assert.equal(dayBefore('2020-04-01'), '2020-03-31');
});
