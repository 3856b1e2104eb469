import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MarkupContent } from 'vscode-languageserver-protocol/node';
import { LspClient, REPO_ROOT, runCliJson } from './lsp-client';
import { CLAIMS_REQUEST, DATE_OF_SERVICE_REQUEST, type ClaimsResult, type DateOfServiceResult } from '../../server/src/protocol';

// Claim files over the real server: the same findings at the same positions as the CLI, rows judged at their own
// dates, the claims and dates the Claims view and the status item show.
const fixture = (name: string) => readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'claims', name), 'utf8');

describe('claim files', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start();
  });
  after(async () => {
    await c.shutdown();
  });

  for (const [name, languageId] of [
    ['snake-series.csv', 'csv'],
    ['cms-research.txt', 'plaintext'],
    ['ordinal.tsv', 'csv'],
    ['semicolon-cr.csv', 'csv'],
  ] as const) {
    it(`${name}: diagnostics at the positions the CLI reports (line ends: LF, CRLF or CR)`, async () => {
      const text = fixture(name);
      const uri = await c.open(`claims-${name}`, text.replace(/^\uFEFF/, ''), languageId);
      const ds = await c.waitForDiagnostics(uri);
      const cli = runCliJson(['check', join(REPO_ROOT, 'test', 'fixtures', 'claims', name)]) as { ruleId: string; start: unknown; end: unknown }[];
      assert.ok(cli.length > 0);
      assert.deepEqual(
        ds.map((d) => [d.code, d.range.start, d.range.end]),
        cli.map((f) => [f.ruleId, f.start, f.end]),
      );
    });
  }

  it('hover at a row says the date of service and edition it was judged at', async () => {
    const text = 'claim_id,service_date,procedure_code,diagnosis_code_1\nC1,2019-03-04,99213,R05\nC2,2024-01-10,99213,R05\n';
    const uri = await c.open('claims-hover.csv', text, 'csv');
    const ds = await c.waitForDiagnostics(uri);
    assert.deepEqual(ds.map((d) => [d.code, d.range.start.line]), [['icd10.header-not-billable', 2]]);
    const h2019 = (await c.hover(uri, { line: 1, character: text.split('\n')[1].indexOf('R05') + 1 }))!.contents as MarkupContent;
    assert.match(h2019.value, /Billable on 2019-03-04 \(ICD-10-CM FY2019\)/);
    assert.match(h2019.value, /2019-03-04: the date of service of its service line/);
    const h2024 = (await c.hover(uri, { line: 2, character: text.split('\n')[2].indexOf('R05') + 1 }))!.contents as MarkupContent;
    assert.match(h2024.value, /header/i);
    assert.match(h2024.value, /2024-01-10: the date of service of its service line/);
  });

  it('clinicalCodes/claims lists claims, lines, dates, editions and findings', async () => {
    const text = fixture('snake-series.csv').replace(/^\uFEFF/, '');
    const uri = await c.open('claims-view.csv', text, 'csv');
    await c.waitForDiagnostics(uri);
    const r = await c.request<ClaimsResult>(CLAIMS_REQUEST, { uri });
    assert.equal(r.format, 'csv');
    assert.deepEqual(
      r.claims.map((x) => [x.id, x.from, x.diagnoses.map((d) => d.code), x.lines.map((l) => `${l.number} ${l.procedure}${l.modifiers.map((m) => `-${m}`).join('')} ×${l.units} ${l.date} ${l.edition} ${l.findings.map((f) => f.ruleId).join(',')}`)]),
      [
        ['C100', '2019-03-04', ['R05', 'E11.9'], ['1 99213-25 ×1 2019-03-04 ICD-10-CM FY2019 ', '2 27447-RT-00 ×1 2019-03-04 ICD-10-CM FY2019 modifier.unknown,claim.pointer-invalid']],
        [
          'C200',
          '2024-01-10',
          ['R05', 'M79.64'],
          [
            '1 99213 ×1.5 2024-01-10 ICD-10-CM FY2024 claim.units-invalid,icd10.header-not-billable,icd10.header-not-billable',
            '2 93000-26 ×2 2024-01-10 ICD-10-CM FY2024 modifier.not-applicable,icd10.header-not-billable,icd10.header-not-billable',
          ],
        ],
      ],
    );
    assert.deepEqual(r.claims[0].lines[1].range.start, { line: 2, character: 0 });
    const missing = await c.request<ClaimsResult>(CLAIMS_REQUEST, { uri: 'file:///nowhere.csv' });
    assert.equal(missing.unavailable, 'The document is not open.');
  });

  it('clinicalCodes/dateOfService: the line\'s date in a claim file, the stated date in a note, else the setting or today', async () => {
    const csv = 'claim_id,service_date,procedure_code,diagnosis_code_1\nC1,2019-03-04,99213,R05\nC2,2024-01-10,99213,R05\n';
    const uri = await c.open('claims-dos.csv', csv, 'csv');
    await c.waitForDiagnostics(uri);
    const at = (u: string, line: number, character = 0) => c.request<DateOfServiceResult>(DATE_OF_SERVICE_REQUEST, { uri: u, position: { line, character } });
    assert.deepEqual(await at(uri, 1), { date: '2019-03-04', source: 'line', edition: 'ICD-10-CM FY2019', claim: 'C1', line: 1 });
    assert.deepEqual(await at(uri, 2, 5), { date: '2024-01-10', source: 'line', edition: 'ICD-10-CM FY2024', claim: 'C2', line: 1 });
    assert.equal(await at(uri, 0, 3), null, 'the header row is no service line');
    const note = await c.open('claims-dos.txt', fixture('dated-note.txt'));
    await c.waitForDiagnostics(note);
    assert.deepEqual(await at(note, 2, 5), { date: '2019-03-04', source: 'document', edition: 'ICD-10-CM FY2019' });
    assert.deepEqual(await at(note, 7, 5), { date: '2024-01-10', source: 'document', edition: 'ICD-10-CM FY2024' });
    const plain = await c.open('claims-dos-plain.txt', 'Dx: E11.9\n');
    await c.waitForDiagnostics(plain);
    assert.equal((await at(plain, 0, 5)).source, 'today');
  });
});
