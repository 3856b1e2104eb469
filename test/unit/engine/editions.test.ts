import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BEFORE_ICD10, describeCode, renderText } from '../../../server/src/engine';
import { fixtureData } from './fixture-data';

const data = fixtureData();
const icd = data.icd10;
const ed = (id: string) => icd.editions.findIndex((e) => e.id === id);
const describe = (code: string, dos: string) => describeCode(data, 'icd10cm', code, { edition: icd.editionFor(dos), dateOfService: dos })!;

test('editionFor: the edition whose start is the latest on or before the date; before 2015-10-01 none', () => {
  const at = (d: string) => (icd.editionFor(d) === BEFORE_ICD10 ? 'ICD-9' : icd.editions[icd.editionFor(d)].id);
  assert.deepEqual(
    ['2015-09-30', '2015-10-01', '2018-05-01', '2020-03-31', '2020-04-01', '2020-12-31', '2021-01-01', '2022-03-31', '2022-04-01', '2023-04-01', '2026-11-23', '2031-01-01'].map(at),
    ['ICD-9', 'FY2016', 'FY2018', 'FY2020', 'FY2020-April', 'FY2021', 'FY2021-January', 'FY2022', 'FY2022-April', 'FY2023-April', 'FY2027', 'FY2027'],
  );
  assert.equal(icd.editionFor(undefined), icd.current);
  assert.equal(icd.editionLabel(ed('FY2018')), 'ICD-10-CM FY2018');
  assert.equal(icd.editionLabel(BEFORE_ICD10), 'ICD-9-CM (date of service before ICD-10-CM, 2015-10-01)');
  // nothing is present or billable "before ICD-10"
  assert.equal(icd.exists('I10', BEFORE_ICD10), false);
  assert.equal(icd.isBillable('I10', BEFORE_ICD10), false);
  assert.deepEqual(icd.descendants('M7964', BEFORE_ICD10), []);
});

test('titles per edition: older titles where they changed, codesWithTitle per edition', () => {
  assert.equal(icd.get('Z6830', ed('FY2018'))?.long, 'Body mass index [BMI]30.0-30.9, adult');
  assert.equal(icd.get('Z6830', ed('FY2021-January'))?.long, 'Body mass index [BMI]30.0-30.9, adult');
  assert.equal(icd.get('Z6830', ed('FY2022'))?.long, 'Body mass index [BMI] 30.0-30.9, adult');
  assert.equal(icd.get('Z6830')?.long, 'Body mass index [BMI] 30.0-30.9, adult');
  assert.deepEqual(icd.codesWithTitle('Body mass index [BMI]30.0-30.9, adult', ed('FY2018')), ['Z6830']);
  assert.deepEqual(icd.codesWithTitle('Body mass index [BMI]30.0-30.9, adult', ed('FY2023')), []);
  assert.deepEqual(icd.codesWithTitle('Body mass index [BMI] 30.0-30.9, adult', ed('FY2018')), []);
  assert.deepEqual(icd.codesWithTitle('Body mass index [BMI] 30.0-30.9, adult', ed('FY2023')), ['Z6830']);
});

test('history: split, deletion with the parent that became billable, addition, title revision', () => {
  const h = (code: string) => icd.history(code).map((x) => `${icd.editions[x.edition].id} ${x.kind}${x.codes.length ? ` ${x.codes.map((c) => c.dotted).join(',')}` : ''}${x.was ? ` was "${x.was}"` : ''}`);
  assert.deepEqual(h('R05'), ['FY2022 became-header R05.1,R05.2,R05.3,R05.4,R05.8,R05.9']);
  assert.deepEqual(h('H8141'), ['FY2020 deleted H81.4']);
  assert.deepEqual(h('H814'), ['FY2020 became-billable']);
  assert.deepEqual(h('U071'), ['FY2020-April added']);
  assert.deepEqual(h('Q8781'), ['FY2027 deleted Q87.810,Q87.818']);
  assert.deepEqual(h('Z6830'), ['FY2022 revised was "Body mass index [BMI]30.0-30.9, adult"']);
  assert.deepEqual(h('I10'), []);
});

test('describe: valid on the date of service and changed since says both', () => {
  const r05 = describe('R05', '2018-05-01');
  assert.equal(r05.status, 'Billable on 2018-05-01 (ICD-10-CM FY2018); split into R05.1, R05.2, R05.3 and 3 more from FY2022 (2021-10-01)');
  const h = describe('H81.41'.replace('.', ''), '2017-03-01');
  assert.equal(h.status, 'Billable on 2017-03-01 (ICD-10-CM FY2017); deleted from FY2020 (2019-10-01), replaced by H81.4');
  assert.equal(describe('I10', '2018-05-01').status, 'Billable · ICD-10-CM FY2018', 'nothing changed since: the usual status');
  const text = renderText(r05);
  assert.match(text, /History \(ICD-10-CM FY2016–FY2027\):\n {4}FY2016 \(2015-10-01\): in the first ICD-10-CM edition, billable\n {4}FY2022 \(2021-10-01\): became a header, split into R05\.1 Acute cough; R05\.2 Subacute cough/);
  assert.match(renderText(describe('H8141', '2023-01-01')), /Deleted 2019-10-01 \(FY2020\) — not valid on 2023-01-01[\s\S]*FY2020 \(2019-10-01\): deleted; replaced by H81\.4 Vertigo of central origin/);
  assert.match(renderText(describe('U071', '2020-03-15')), /Not yet valid on 2020-03-15 \(ICD-10-CM FY2020\) — takes effect 2020-04-01 \(FY2020-April\)[\s\S]*FY2020-April \(2020-04-01\): added, billable/);
  assert.match(renderText(describe('Z6830', '2023-01-01')), /FY2022 \(2021-10-01\): title revised \(was "Body mass index \[BMI\]30\.0-30\.9, adult"\)/);
  assert.equal(describe('Z6830', '2018-05-01').title, 'Z68.30 — Body mass index [BMI]30.0-30.9, adult', 'the title in force then');
});

test('describe before ICD-10: not judged, titles from the newest edition', () => {
  const d = describe('R05', '2015-09-30');
  assert.equal(d.status, 'Not judged: the date of service 2015-09-30 is before ICD-10-CM (2015-10-01), so ICD-9-CM applies');
  assert.equal(d.title, 'R05 — Cough');
  assert.ok(d.sections.some((s) => s.heading === 'Billable codes (6)') === false, 'no header verdict either');
});
