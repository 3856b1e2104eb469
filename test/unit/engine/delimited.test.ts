import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { columnKind, normaliseHeader } from '../../../server/src/engine/scanner/columns';
import { looksDelimited, readRecord, sniffDelimiter } from '../../../server/src/engine/scanner/delimited';
import { Layout } from '../../../server/src/engine/scanner/layout';
import { columnOverrides, parseColumnsDirective } from '../../../server/src/engine/scanner/column-overrides';
import { parseDate } from '../../../server/src/engine/dates';
import { parsePointers } from '../../../server/src/engine/claims/from-table';
import { analyze } from '../../../server/src/engine';
import { fixtureData } from './fixture-data';

test('column kinds: the header styles real exports use', () => {
  const cases: [string, string][] = [
    // CMS research-file names
    ['CLM_ID', 'claim-id'], ['HCPCS_CD', 'procedure'], ['HCPCS_1ST_MDFR_CD', 'modifier'], ['HCPCS_2ND_MDFR_CD', 'modifier'],
    ['ICD_DGNS_CD1', 'icd10cm'], ['ICD_DGNS_CD25', 'icd10cm'], ['PRNCPAL_DGNS_CD', 'icd10cm'], ['ADMTG_DGNS_CD', 'icd10cm'],
    ['ICD_DGNS_VRSN_CD1', 'icd-version'], ['CLM_FROM_DT', 'date-from'], ['CLM_THRU_DT', 'date-through'], ['LINE_1ST_EXPNS_DT', 'date-service'],
    ['LINE_SRVC_CNT', 'units'], ['LINE_NCH_PMT_AMT', 'charge'], ['PRF_PHYSN_NPI', 'npi'], ['DESYNPUF_ID', 'patient-id'],
    ['BENE_SEX_IDENT_CD', 'patient-sex'], ['BENE_BIRTH_DT', 'birth-date'], ['LINE_PLACE_OF_SRVC_CD', 'pos'], ['REV_CNTR', 'revenue'],
    ['ICD_PRCDR_CD1', 'other-code'], ['ADMTG_ICD9_DGNS_CD', 'icd9'], ['LINE_NUM', 'line-number'], ['PRVDR_ZIP', 'zip'],
    // snake_case data models with numbered series
    ['claim_id', 'claim-id'], ['procedure_code', 'procedure'], ['modifier_1', 'modifier'], ['modifier_4', 'modifier'],
    ['diagnosis_code_1', 'icd10cm'], ['diagnosis_code_12', 'icd10cm'], ['dx_pointer', 'pointer'], ['claim_start_date', 'date-from'],
    ['service_date', 'date-service'], ['to_date', 'date-through'], ['patient_dob', 'birth-date'], ['payer_name', 'payer'],
    ['payer_id', 'payer-id'], ['rendering_npi', 'npi'], ['taxonomy_code', 'taxonomy'], ['charge_amount', 'charge'], ['coding_system', 'code-system'],
    // spaced and ordinal names
    ['1st Modifier', 'modifier'], ['2nd Modifier', 'modifier'], ['Mod 1', 'modifier'], ['Mod1', 'modifier'], ['Diagnosis Pointer', 'pointer'],
    ['Date of Service', 'date-service'], ['DOS', 'date-service'], ['From Date', 'date-from'], ['Place of Service', 'pos'], ['Dx1', 'icd10cm'],
    ['Primary Dx', 'icd10cm'], ['CPT®', 'procedure'], ['Member ID', 'patient-id'], ['Account Number', 'patient-id'], ['Claim Number', 'claim-id'],
    ['claimNumber', 'claim-id'], ['Billing NPI', 'npi'], ['Patient ZIP', 'zip'], ['DRG', 'other'], ['Units', 'units'], ['Qty', 'units'],
    // prose and descriptions stay what they were
    ['Relationship to This Procedure', 'other'], ['Dx description', 'description'], ['When to Use', 'other'], ['Code', 'code'],
  ];
  for (const [h, k] of cases) assert.equal(columnKind(h), k, `${h} (${normaliseHeader(h)})`);
});

test('delimiter sniffing: comma, tab, pipe, semicolon; quoted delimiters do not count', () => {
  assert.equal(sniffDelimiter('claim_id,cpt,dx\n1,99213,E11.9\n'), ',');
  assert.equal(sniffDelimiter('claim_id\tcpt\tdx\n1\t99213\tE11.9\n'), '\t');
  assert.equal(sniffDelimiter('CLM_ID|HCPCS_CD|ICD_DGNS_CD1\n1|99213|E119\n'), '|');
  assert.equal(sniffDelimiter('claim;cpt;dx;note\n1;99213;E11.9;"a, b, c"\n'), ';');
  assert.equal(sniffDelimiter('\uFEFF# clinical-codes: columns A=procedure\nA|B|C\n1|2|3\n'), '|');
});

test('a .txt export with a header row is a table; markdown tables and prose are not', () => {
  assert.ok(looksDelimited('CLM_ID|HCPCS_CD|ICD_DGNS_CD1|CLM_FROM_DT\n1|99213|E119|20190304\n2|27447|M1711|20190305\n'));
  assert.ok(looksDelimited('claim_id\tprocedure_code\tdiagnosis_code_1\n1\t99213\tE11.9\n'));
  assert.ok(!looksDelimited('| CPT | Dx | Description |\n|---|---|---|\n| 99213 | E11.9 | visit |\n'));
  assert.ok(!looksDelimited('Assessment: E11.9, diabetes.\nPlan: follow up, labs, diet.\n'));
  assert.ok(!looksDelimited('name,age,city\nAnn,40,Providence\n'), 'no code column');
});

test('records: RFC 4180 quoting with exact offsets, any delimiter, CR/CRLF/LF', () => {
  const text = 'a|"b|c"|" d ""q"" "\r\nx|y|z';
  const r = readRecord(text, 0, '|');
  assert.deepEqual(r.cells.map((c) => c.text), ['a', 'b|c', 'd ""q""']);
  assert.equal(text.slice(r.cells[1].start, r.cells[1].end), 'b|c');
  assert.equal(r.next, text.indexOf('x'));
  const cr = 'a,b\rc,d';
  assert.equal(readRecord(cr, 0).next, 4);
  const layout = new Layout('h1,h2\rE11.9,1\r\nM79.64,2\nI10,3', 'csv');
  assert.deepEqual(layout.lineStarts, [0, 6, 15, 24]);
  assert.deepEqual([...layout.tableRows.keys()], [1, 2, 3]);
  assert.equal(layout.lineText(1), 'E11.9,1');
});

test('property: every cell offset points at its text in the document, whatever the delimiter and quoting', () => {
  const cell = fc.stringMatching(/^[A-Za-z0-9 .,;|"\t]{0,8}$/);
  fc.assert(
    fc.property(fc.constantFrom<',' | '\t' | '|' | ';'>(',', '\t', '|', ';'), fc.array(cell, { minLength: 1, maxLength: 5 }), (d, cells) => {
      const quoted = cells.map((c) => `"${c.replace(/"/g, '""')}"`);
      const text = quoted.join(d);
      const r = readRecord(text, 0, d);
      assert.equal(r.cells.length, cells.length);
      r.cells.forEach((c, i) => {
        assert.equal(text.slice(c.start, c.end), c.text);
        assert.equal(c.text, cells[i].replace(/"/g, '""').trim(), 'quoted text as written, trimmed');
      });
    }),
  );
});

test('a row\'s ICD version and coding-system cells decide its code cells', () => {
  const l = new Layout('CLM_ID,ICD_DGNS_VRSN_CD1,ICD_DGNS_CD1,code_system,code\n1,9,25000,CPT,99213\n2,0,E119,ICD10,E119\n3,,I10,LOINC,2345\n', 'csv');
  const kinds = [...l.tableRows.values()].map((cells) => cells.map((c) => c.kind).join(' '));
  assert.deepEqual(kinds, [
    'claim-id icd-version icd9 code-system procedure',
    'claim-id icd-version icd10cm code-system icd10cm',
    'claim-id icd-version icd10cm code-system other-code',
  ]);
});

test('column directive and setting override the header words; bad entries are reported at their offset', () => {
  const text = '# clinical-codes: columns PROC=procedure, X1=diagnosis, Y=bogus\nPROC,X1,Y\n99213,E11.9,1\n';
  const l = new Layout(text, 'csv');
  assert.deepEqual(l.headers[0].kinds, ['procedure', 'icd10cm', 'other']);
  assert.deepEqual(l.columnProblems.map((p) => text.slice(p.start, p.end)), ['Y=bogus']);
  const s = new Layout('COL_A,X1\n99213,E11.9\n', 'csv', { columns: new Map([['x1', 'icd10cm' as const]]) });
  assert.deepEqual(s.headers[0].kinds, ['other', 'icd10cm']);
  assert.equal(parseColumnsDirective('no directive here', 0), undefined);
});

test('dates as exports and notes write them; pointers as forms write them', () => {
  for (const [s, iso] of [['2019-03-04', '2019-03-04'], ['20190304', '2019-03-04'], ['03/04/2019', '2019-03-04'], ['3/4/19', '2019-03-04'], ['04-MAR-2019', '2019-03-04'], ['March 4, 2019', '2019-03-04'], ['2019-02-30', ''], ['13/01/2019', ''], ['99213', '']]) {
    assert.equal(parseDate(s), iso, s);
  }
  assert.deepEqual(parsePointers('1,2'), [1, 2]);
  assert.deepEqual(parsePointers('1:3:4'), [1, 3, 4]);
  assert.deepEqual(parsePointers('AB'), [1, 2]);
  assert.deepEqual(parsePointers('12'), [1, 2]);
  assert.deepEqual(parsePointers('10'), [10]);
  assert.ok(Number.isNaN(parsePointers('x')[0]));
});

test('a stray quote before the header does not swallow the header and rows (closed never, or by a later cell)', () => {
  const data = fixtureData();
  const csv = [
    'claim_id,service_date,procedure_code,modifier_1,diagnosis_code_1,description',
    'C1,2024-01-02,99213,00,M79.64,office visit',
    'C2,2024-01-02,99213,ZZ,M79.64,"visit, established"',
    'C3,2024-01-02,99213,00,M79.64,office visit',
    'C4,2024-01-02,99213,00,M79.64,"visit, new"',
  ].join('\n');
  const brief = (text: string) => analyze(text, 'csv', { data }).findings.map((f) => `${f.ruleId} ${text.slice(f.start, f.end)} ${text.slice(0, f.start).split('\n').length}`);
  const clean = brief(csv);
  assert.ok(clean.filter((f) => f.startsWith('modifier.unknown')).length === 4, clean.join('\n'));
  // the quote is closed lines later by C2's description quote, which is followed by text: a stray quote
  assert.deepEqual(brief(`"${csv}`), clean);
  assert.deepEqual(readRecord(`"${csv}`, 0).cells.map((c) => c.text), ['claim_id', 'service_date', 'procedure_code', 'modifier_1', 'diagnosis_code_1', 'description']);
  // never closed
  const unclosed = csv.replace(/"/g, '');
  assert.deepEqual(brief(`"${unclosed}`), brief(unclosed));
  // a quoted cell that really holds a line break still reads as one cell
  const multi = 'a,"line one\nline two",b\nc,d,e';
  assert.deepEqual(readRecord(multi, 0).cells.map((c) => c.text), ['a', 'line one\nline two', 'b']);
});

// found by test/fuzz/documents.test.ts (after the stray-quote change): an unterminated quote ending in "" ended two past the text
test('an unterminated quote whose last characters are an escaped quote ends at the end of the text', () => {
  const text = 'claim_id,claim_id\n"A00,""';
  const r = readRecord(text, 18);
  for (const c of r.cells) assert.ok(c.to <= text.length && c.end <= text.length, `${c.text} ${c.end} ${c.to}`);
  const layout = new Layout(text, 'csv');
  for (const row of layout.tableRows.values()) for (const c of row) assert.ok(c.to <= text.length, `cell ${c.text} ends at ${c.to}`);
});

// found by test/fuzz/documents.test.ts: the record of an unterminated quote ended one past the text
test('an unterminated quote at the end of a file ends at the end of the text', () => {
  const text = 'claim_id\n"pain';
  const r = readRecord(text, 9);
  assert.deepEqual(r.cells.map((c) => [c.text, c.start, c.end, c.to]), [['pain', 10, 14, 14]]);
  const layout = new Layout(text, 'csv');
  for (const row of layout.tableRows.values()) for (const c of row) assert.ok(c.to <= text.length, `cell ${c.text} ends at ${c.to}`);
});

// found by test/fuzz/settings.test.ts: kind names were looked up on a plain object, so "constructor" was a "kind"
test('column kinds named like Object.prototype members are unknown kinds, in the setting and the directive', () => {
  const o = columnOverrides({ PROC: 'constructor', X: '__proto__', Y: 'toString' });
  assert.equal(o.columns.size, 0);
  assert.equal(o.problems.length, 3);
  const text = '# clinical-codes: columns COL_A=constructor\nCOL_A\n99213\n';
  const l = new Layout(text, 'csv');
  assert.deepEqual(l.headers[0].kinds, ['other']);
  assert.deepEqual(l.columnProblems.map((p) => text.slice(p.start, p.end)), ['COL_A=constructor']);
});

test('line starts: LF, CRLF (one break) and a lone CR each end a line, as editors count them', () => {
  const reference = (text: string) => {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
    }
    return starts;
  };
  assert.deepEqual(new Layout('a\r\nb\rc\nd\n\r\n\r\r\n\n', 'note').lineStarts, [0, 3, 5, 7, 9, 11, 12, 14, 15]);
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', 'b', '\r', '\n'), { maxLength: 40 }), (chars) => {
      const text = chars.join('');
      assert.deepEqual(new Layout(text, 'note').lineStarts, reference(text));
    }),
    { numRuns: 2000 },
  );
});

test('property: blank lines (runs of LF, CRLF and CR) before the header and between records are no rows; the records keep their lines', () => {
  const eager = (text: string, layout: Layout) => {
    const records: [number, string[]][] = [];
    const first = layout.lineStarts[layout.headers[0].line];
    for (let p = first; p < text.length; ) {
      const r = readRecord(text, p);
      if (p !== first && r.cells.some((c) => c.text)) records.push([layout.lineAt(p), r.cells.map((c) => c.text)]);
      p = r.next;
    }
    return records;
  };
  const blank = fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 6 }).map((b) => b.join(''));
  const record = fc.tuple(fc.integer({ min: 1, max: 99 }), fc.constantFrom('99213', 'J0300', ''), fc.constantFrom('25', ' RT ', '')).map((r) => r.join(','));
  fc.assert(
    fc.property(fc.option(blank), fc.array(fc.oneof(blank, record.map((r) => r + '\n')), { maxLength: 12 }), (before, rest) => {
      const text = (before ?? '') + 'claim_id,cpt,mod_1\n' + rest.join('');
      const layout = new Layout(text, 'csv');
      assert.deepEqual([...layout.tableRows].map(([line, cells]) => [line, cells.map((c) => c.text)]), eager(text, layout));
    }),
    { numRuns: 1000 },
  );
  // the rows a .txt export is recognised by may follow many blank lines (a part of a large file is mostly those)
  assert.equal(looksDelimited('claim_id,cpt,dx\n' + '\n'.repeat(70_000) + '1,99213,E119\n2,99214,I10\n'), true);
  assert.equal(sniffDelimiter('a,b,c;d,e;f\n' + '\r\n'.repeat(40_000) + '1;2;3\n4;5;6\n'), ';');
});

test('delimited rows are read again when asked for: every record below the header, cellAt at every offset, rowsOf by the kinds a row can hold', () => {
  const text = '# exported 2024\nclaim_id,cpt,mod_1,code_system,code,description\n1,99213,25,ICD10,E119,"two\nlines"\n\n2 , 99214 ,,CPT,99215, plain \n3,J0300,RT,,,"a ""q"", b"\n';
  const layout = new Layout(text, 'csv');
  // the eager definition: records from the header on, each read once; a blank record is no row
  const header = layout.headers[0];
  const records: { line: number; texts: string[] }[] = [];
  for (let p = layout.lineStarts[header.line]; p < text.length; ) {
    const r = readRecord(text, p);
    if (p !== layout.lineStarts[header.line] && r.cells.some((c) => c.text)) records.push({ line: layout.lineAt(p), texts: r.cells.map((c) => c.text) });
    p = r.next;
  }
  assert.deepEqual([...layout.tableRows.keys()], records.map((r) => r.line));
  assert.equal(layout.tableRows.size, records.length);
  for (const r of records) assert.deepEqual(layout.tableRows.get(r.line)!.map((c) => c.text), r.texts, `line ${r.line}`);
  assert.deepEqual(layout.tableRows.get(2)!.map((c) => c.kind), ['claim-id', 'procedure', 'modifier', 'code-system', 'icd10cm', 'description']);
  for (let offset = 0; offset <= text.length; offset++) {
    const line = layout.lineAt(offset);
    const want = (layout.tableRows.get(line) ?? []).find((c) => c.to >= offset);
    assert.deepEqual(layout.cellAt(line, offset), want && want.from <= offset ? want : undefined, `@${offset}`);
  }
  // a Code column becomes procedure or ICD-10-CM by its row's code system: the loops for those kinds see every row
  assert.equal([...layout.rowsOf(['icd10cm'])].length, records.length);
  assert.equal([...layout.rowsOf(['taxonomy', 'pos'])].length, 0, 'no row can hold a taxonomy or POS cell');
  assert.equal(layout.describedBy(2, 1)?.text, 'two\nlines');
});
