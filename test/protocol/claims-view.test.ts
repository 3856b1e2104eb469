import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLAIMS_REQUEST,
  DATE_OF_SERVICE_REQUEST,
  type ClaimsResult,
  type DateOfServiceResult,
} from '../../server/src/protocol';
import { LspClient } from './lsp-client';

// What the VS Code Claims view and date-of-service status item ask (client/src/claims-view.ts, date-status.ts).
describe('clinicalCodes/claims and clinicalCodes/dateOfService', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start();
  });
  after(async () => {
    await c.shutdown();
  });

  const CSV = [
    'claim_id,service_date,procedure_code,modifier_1,units,diagnosis_code_1',
    'C1,2019-03-04,99213,25,1,R05',
    'C2,2024-01-10,99213,,1,R05',
  ].join('\n') + '\n';

  it('lists the claims of a claim export, each line judged at its own date and edition', async () => {
    const uri = await c.open('claims.csv', CSV, 'csv');
    await c.waitForDiagnostics(uri);
    const r = await c.request<ClaimsResult>(CLAIMS_REQUEST, { uri });
    assert.equal(r.format, 'csv');
    assert.equal(r.unavailable, undefined);
    assert.deepEqual(r.claims.map((x) => x.id), ['C1', 'C2']);
    const [l1, l2] = r.claims.map((x) => x.lines[0]);
    assert.deepEqual([l1.procedure, l1.modifiers, l1.units, l1.date, l1.dateSource, l1.edition], ['99213', ['25'], '1', '2019-03-04', 'line', 'ICD-10-CM FY2019']);
    assert.deepEqual(l1.findings, []);
    assert.deepEqual([l2.date, l2.edition], ['2024-01-10', 'ICD-10-CM FY2024']);
    assert.deepEqual(l2.findings.map((f) => [f.ruleId, f.severity]), [['icd10.header-not-billable', 'error']]);
    // each diagnosis says where it is written (the Claims view reveals it)
    const dx = r.claims[1].diagnoses[0];
    assert.deepEqual(dx, { code: 'R05', position: 1, range: { start: { line: 2, character: 23 }, end: { line: 2, character: 26 } } });
  });

  it('answers the date of service and edition at a position, with the claim and line of a row', async () => {
    const uri = await c.open('dates.csv', CSV, 'csv');
    await c.waitForDiagnostics(uri);
    const at = (line: number) => c.request<DateOfServiceResult | null>(DATE_OF_SERVICE_REQUEST, { uri, position: { line, character: 2 } });
    assert.deepEqual(await at(1), { date: '2019-03-04', source: 'line', edition: 'ICD-10-CM FY2019', claim: 'C1', line: 1 });
    assert.deepEqual(await at(2), { date: '2024-01-10', source: 'line', edition: 'ICD-10-CM FY2024', claim: 'C2', line: 1 });
  });

  it('gives a note one implicit claim, dated from the document', async () => {
    const uri = await c.open('visit.note', 'Date of service: 2019-03-04\nDx: R05 cough\nCPT 99213\n', 'clinical-note');
    await c.waitForDiagnostics(uri);
    const r = await c.request<ClaimsResult>(CLAIMS_REQUEST, { uri });
    assert.equal(r.format, 'note');
    assert.deepEqual(r.claims.map((x) => [x.id, x.lines.map((l) => [l.procedure, l.date, l.dateSource, l.edition])]), [['document', [['99213', '2019-03-04', 'document', 'ICD-10-CM FY2019']]]]);
    const d = await c.request<DateOfServiceResult | null>(DATE_OF_SERVICE_REQUEST, { uri, position: { line: 1, character: 5 } });
    assert.deepEqual(d, { date: '2019-03-04', source: 'document', edition: 'ICD-10-CM FY2019' });
  });

  it('says why a document it does not check has no claims, and has no date for it', async () => {
    await c.setSettings({ enable: false });
    try {
      const uri = await c.open('off.csv', CSV, 'csv');
      const r = await c.request<ClaimsResult>(CLAIMS_REQUEST, { uri });
      assert.deepEqual(r.claims, []);
      assert.match(r.unavailable ?? '', /does not check this document/);
      assert.equal(await c.request(DATE_OF_SERVICE_REQUEST, { uri, position: { line: 1, character: 0 } }), null);
      assert.match((await c.request<ClaimsResult>(CLAIMS_REQUEST, { uri: 'file:///not/open.csv' })).unavailable ?? '', /not open/);
    } finally {
      await c.setSettings({});
    }
  });
});
