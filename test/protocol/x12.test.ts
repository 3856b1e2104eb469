import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MarkupContent } from 'vscode-languageserver-protocol/node';
import { LspClient, REPO_ROOT, runCliJson } from './lsp-client';
import { CLAIMS_REQUEST, DATE_OF_SERVICE_REQUEST, type ClaimsResult, type DateOfServiceResult } from '../../server/src/protocol';

// X12 interchanges over the real server: the same findings at the same positions as the CLI (LF, CRLF, one line),
// the claims and service lines the Claims view shows, hover judging a dotless HI diagnosis as ICD-10-CM.
const dir = join(REPO_ROOT, 'test', 'fixtures', 'x12');
const fixture = (name: string) => readFileSync(join(dir, name), 'utf8');

describe('X12 837 files', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start();
  });
  after(async () => {
    await c.shutdown();
  });

  for (const [name, languageId] of [
    ['professional.837p', 'x12'],
    ['professional-crlf.edi', 'x12'],
    ['professional-one-line.x12', 'x12'],
    ['institutional.837i', 'x12'],
    ['truncated.x12', 'x12'],
    // an editor that does not know the extension: plain text, read as X12 because it starts with ISA
    ['professional.837p', 'plaintext'],
  ] as const) {
    it(`${name} (${languageId}): diagnostics at the positions the CLI reports`, async () => {
      const uri = await c.open(`x12-${languageId}-${name}`, fixture(name), languageId);
      const ds = await c.waitForDiagnostics(uri);
      const cli = runCliJson(['check', join(dir, name)]) as { ruleId: string; start: unknown; end: unknown; message: string }[];
      assert.ok(cli.length > 0);
      assert.deepEqual(
        ds.map((d) => [d.code, d.range.start, d.range.end, d.message]),
        cli.map((f) => [f.ruleId, f.start, f.end, f.message]),
      );
    });
  }

  it('hover on a dotless HI diagnosis shaped like HCPCS: ICD-10-CM E11.40, judged at the claim\'s date of service', async () => {
    const text = fixture('professional.837p');
    const uri = await c.open('x12-hover.837p', text, 'x12');
    await c.waitForDiagnostics(uri);
    const lines = text.split('\n');
    const hiLine = lines.findIndex((l) => l.startsWith('HI*ABK:E1140'));
    const h = (await c.hover(uri, { line: hiLine, character: lines[hiLine].indexOf('E1140') + 2 }))!.contents as MarkupContent;
    assert.match(h.value, /E11\.40/);
    assert.match(h.value, /Type 2 diabetes mellitus with diabetic neuropathy, unspecified/);
    assert.doesNotMatch(h.value, /HCPCS/);
    const at = (line: number, character: number) => c.request<DateOfServiceResult>(DATE_OF_SERVICE_REQUEST, { uri, position: { line, character } });
    assert.deepEqual(await at(hiLine, lines[hiLine].indexOf('E1140') + 1), { date: '2024-01-10', source: 'claim', edition: 'ICD-10-CM FY2024', claim: 'PCN1001' });
    const sv1 = lines.findIndex((l) => l.startsWith('SV1*HC:99213*100'));
    assert.deepEqual(await at(sv1, 8), { date: '2019-03-04', source: 'line', edition: 'ICD-10-CM FY2019', claim: 'PCN1002', line: 1 });
    assert.deepEqual(await at(sv1, 20), { date: '2019-03-04', source: 'line', edition: 'ICD-10-CM FY2019', claim: 'PCN1002', line: 1 }, 'not on a code: the line\'s date');
    // on one line: the claim or service line at the position, not the first code of the (only) line
    const flat = fixture('professional-one-line.x12');
    const one = await c.open('x12-hover-one-line.x12', flat, 'x12');
    await c.waitForDiagnostics(one);
    const at1 = (character: number) => c.request<DateOfServiceResult>(DATE_OF_SERVICE_REQUEST, { uri: one, position: { line: 0, character } });
    assert.deepEqual(await at1(flat.indexOf('HI*ABK:R05')), { date: '2019-03-04', source: 'claim', edition: 'ICD-10-CM FY2019', claim: 'PCN1002' });
    assert.deepEqual(await at1(flat.indexOf('*80*UN*2')), { date: '2024-01-10', source: 'line', edition: 'ICD-10-CM FY2024', claim: 'PCN1001', line: 2 });
    const h1 = (await c.hover(one, { line: 0, character: flat.indexOf('ABF:A0100') + 5 }))!.contents as MarkupContent;
    assert.match(h1.value, /A01\.00/);
  });

  it('clinicalCodes/claims returns the X12 claims with their diagnoses and service lines', async () => {
    const uri = await c.open('x12-claims.837p', fixture('professional.837p'), 'x12');
    await c.waitForDiagnostics(uri);
    const r = await c.request<ClaimsResult>(CLAIMS_REQUEST, { uri });
    assert.equal(r.format, 'x12');
    const line = (l: ClaimsResult['claims'][number]['lines'][number]) =>
      `${l.number} ${l.procedure}${l.modifiers.map((m) => `-${m}`).join('')} ×${l.units} $${l.charge} ${l.date} ${l.edition} [${l.diagnoses.join(' ')}] ${l.findings.map((f) => f.ruleId).join(',')}`;
    assert.deepEqual(
      r.claims.map((x) => [x.id, x.transaction, x.payer, x.patient, x.from, x.through, x.placeOfService, x.charge, x.diagnoses.map((d) => `${d.position}:${d.code}:${d.qualifier}`), x.lines.map(line), x.findings.map((f) => f.ruleId)]),
      [
        [
          'PCN1001', '837P', 'BLUE PAYER', 'W27447001', '2024-01-10', '2024-01-10', '11', '205',
          ['1:E1140:principal', '2:A0100:other', '3:J0300:other', '4:M7964:other', '5:H8141:other'],
          ['1 99213-25 ×1 $125 2024-01-10 ICD-10-CM FY2024 [E1140 A0100] ', '2 97110-ZZ ×2 $80 2024-01-10 ICD-10-CM FY2024 [E1140] modifier.unknown,claim.pointer-invalid'],
          ['icd10.header-not-billable', 'icd10.deleted'],
        ],
        ['PCN1002', '837P', 'BLUE PAYER', 'W27447001', '2019-03-04', '2019-03-04', '11', '100', ['1:R05:principal'], ['1 99213 ×1 $100 2019-03-04 ICD-10-CM FY2019 [R05] '], []],
      ],
    );
    const inst = await c.open('x12-claims.837i', fixture('institutional.837i'), 'x12');
    await c.waitForDiagnostics(inst);
    const ri = await c.request<ClaimsResult>(CLAIMS_REQUEST, { uri: inst });
    const [claim] = ri.claims;
    assert.deepEqual([claim.id, claim.transaction, claim.from, claim.through, claim.placeOfService], ['ICN2001', '837I', '2023-12-28', '2024-01-03', '11']);
    assert.deepEqual(claim.diagnoses.map((d) => `${d.code}:${d.qualifier}:${d.poa ?? ''}`), ['I214:principal:Y', 'R079:admitting:', 'R0789:reason:', 'E119:other:N', 'I10:other:Y', 'M7964:other:U']);
    assert.deepEqual(claim.lines.map((l) => `${l.number} ${l.revenueCode} ${l.procedure ?? '-'} ×${l.units} ${l.date} ${l.dateSource}`), [
      '1 0120 - ×5 2023-12-28 claim',
      '2 0450 99285 ×1 2023-12-28 line',
      '3 0300 80053 ×0 2023-12-29 line',
    ]);
  });

  it('the outline: interchange › group › transaction › claim › service line, with their codes', async () => {
    const uri = await c.open('x12-outline.837p', fixture('professional.837p'), 'x12');
    await c.waitForDiagnostics(uri);
    const symbols = await c.documentSymbols(uri);
    assert.deepEqual(symbols.map((s) => `${s.name}: ${s.detail}`), ['Interchange 000000101: NORTHWIND01 → ACMECH01 · test · 2 claims']);
    const [group] = symbols[0].children!;
    assert.equal(group.name, 'Group 101');
    const [transaction] = group.children!;
    assert.equal(`${transaction.name}: ${transaction.detail}`, 'Transaction 0001: 837 · 837P · 2 claims');
    assert.deepEqual(transaction.children!.map((s) => `${s.name}: ${s.detail}`), ['Claim PCN1001: 837P · 2 lines · 5 diagnoses · 2024-01-10', 'Claim PCN1002: 837P · 1 line · 1 diagnosis · 2019-03-04']);
    const claim = transaction.children![0];
    assert.deepEqual(claim.children!.map((s) => s.name), ['11', 'E11.40', 'A01.00', 'J03.00', 'M79.64', 'H81.41', 'Line 1 · 99213-25', 'Line 2 · 97110-ZZ']);
    assert.deepEqual(claim.children![6].children!.map((s) => s.name), ['99213', '25']);
    assert.equal(claim.selectionRange.start.line, 20);
  });

  it('hover on a segment id or an element names it and says what its value means; on a code, the code', async () => {
    const text = fixture('professional.837p');
    const uri = await c.open('x12-hover-segments.837p', text, 'x12');
    await c.waitForDiagnostics(uri);
    const lines = text.split('\n');
    const hover = async (prefix: string, needle: string, plus = 0) => {
      const line = lines.findIndex((l) => l.startsWith(prefix));
      const h = await c.hover(uri, { line, character: lines[line].indexOf(needle) + plus });
      return (h?.contents as MarkupContent | undefined)?.value ?? '';
    };
    const clm = await hover('CLM*PCN1001', 'CLM', 1);
    assert.match(clm, /^\*\*CLM — Claim information\*\*/);
    assert.match(clm, /Segment · loop 2300 \(claim information\) · 837P/);
    assert.match(await hover('NM1*85', '85', 1), /NM101 — Entity identifier code[\s\S]*85: billing provider/);
    assert.match(await hover('DTP*472', '472', 1), /DTP01 — Date\/time qualifier[\s\S]*472: service date/);
    assert.match(await hover('HI*ABK', 'ABK', 1), /HI01-1 — Code list qualifier[\s\S]*ABK: ICD-10-CM principal diagnosis/);
    assert.match(await hover('SV1*HC:99213:25', 'HC', 1), /SV101-1 — Product or service ID qualifier[\s\S]*HC: CPT or HCPCS Level II code/);
    assert.match(await hover('CLM*PCN1001', ':1*', 1), /CLM05-3 — Claim frequency type code[\s\S]*1: original claim/);
    // a code inside an element: the code's hover, as in a note
    assert.match(await hover('HI*ABK', 'E1140', 2), /E11\.40/);
  });
});
