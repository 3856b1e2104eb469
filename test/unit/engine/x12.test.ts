import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readX12, looksX12, ISA_LENGTH } from '../../../server/src/engine/scanner/x12-read';
import { segmentParts, x12Segments } from '../../../server/src/engine/scanner/x12-loops';
import { Layout } from '../../../server/src/engine/scanner/layout';
import { formatFor } from '../../../server/src/engine/formats';
import { interchange, isaSegment, PROFESSIONAL_BODY } from './x12-helpers';
import { describeX12At, elementRef, SEGMENTS } from '../../../server/src/engine/x12/dictionary';
import { x12Outline, type X12OutlineNode } from '../../../server/src/engine/x12/outline';
import { analyze } from '../../../server/src/engine';
import { fixtureData } from './fixture-data';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'x12');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

test('X12 delimiters come from the ISA: element after "ISA", repetition ISA11, component ISA16, terminator after it', () => {
  assert.equal(isaSegment().length + 1, ISA_LENGTH);
  const std = readX12(interchange(PROFESSIONAL_BODY));
  assert.deepEqual(std.delimiters, { element: '*', component: ':', repetition: '^', segment: '~' });
  assert.equal(std.declared, true);
  assert.deepEqual(std.problems, []);
  // nothing assumed: | element, > component, ! repetition, ' terminator
  const odd = interchange(PROFESSIONAL_BODY, { element: '|', component: '>', repetition: '!', segment: "'" });
  const ix = readX12(odd);
  assert.deepEqual(ix.delimiters, { element: '|', component: '>', repetition: '!', segment: "'" });
  assert.deepEqual(ix.problems, []);
  const hi = ix.segments.find((s) => s.id === 'HI')!;
  assert.deepEqual(hi.elements.slice(1).map((e) => e.components.map((c) => c.text)), [['ABK', 'E1140'], ['ABF', 'M7964']]);
  // a 4010-style ISA11 ("U") declares no repetition separator; segments ended by line breaks only
  const u = isaSegment({ repetition: 'U' });
  const nl = readX12(`${u}\nGS*HC*A*B*20240101*1200*1*X*005010X222A1\nST*837*0001\nSE*2*0001\nGE*1*1\nIEA*1*000000001\n`);
  assert.deepEqual(nl.delimiters, { element: '*', component: ':', repetition: undefined, segment: '\n' });
  assert.deepEqual(nl.segments.map((s) => s.id), ['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA']);
  assert.deepEqual(nl.problems, []);
});

test('X12 segments split with or without line breaks (LF, CRLF, CR, none), every offset exact, a BOM and blank lines first', () => {
  const variants = ['', '\n', '\r\n', '\r'].map((newline) => interchange(PROFESSIONAL_BODY, { newline }));
  const ids = (t: string) => readX12(t).segments.map((s) => s.id);
  for (const v of variants) assert.deepEqual(ids(v), ids(variants[0]));
  for (const text of [...variants, `\uFEFF\n  ${variants[1]}`]) {
    const ix = readX12(text);
    assert.deepEqual(ix.problems, []);
    for (const s of ix.segments) {
      assert.equal(text.slice(s.start, s.end).split(ix.delimiters.element)[0], s.id);
      for (const e of s.elements) {
        assert.equal(text.slice(e.start, e.end), e.text);
        for (const c of e.components) assert.equal(text.slice(c.start, c.end), c.text);
      }
    }
  }
  const sv1 = readX12(variants[2]).segments.find((s) => s.id === 'SV1')!;
  assert.equal(sv1.elements[1].text, 'HC:99213:25');
  assert.deepEqual(sv1.elements[7].components.map((c) => c.text), ['1', '2']);
});

test('X12 loops: 1000A/B, 2000A billing provider, 2010BA subscriber, 2010BB payer, 2300 claim, 2400 lines, 2430 adjudication', () => {
  const body = [...PROFESSIONAL_BODY, 'SVD*11000*40*HC:99213**1', 'CAS*CO*45*20'];
  const infos = x12Segments(readX12(interchange(body)));
  const at = (id: string, e1?: string) => infos.filter((i) => i.segment.id === id && (e1 === undefined || i.segment.elements[1]?.text === e1)).map((i) => i.loop);
  assert.deepEqual(at('NM1', '41'), ['1000A']);
  assert.deepEqual(at('NM1', '40'), ['1000B']);
  assert.deepEqual(at('PRV'), ['2000A']);
  assert.deepEqual(at('NM1', '85'), ['2010AA']);
  assert.deepEqual(at('NM1', 'IL'), ['2010BA']);
  assert.deepEqual(at('DMG'), ['2010BA']);
  assert.deepEqual(at('NM1', 'PR'), ['2010BB']);
  assert.deepEqual(at('CLM'), ['2300']);
  assert.deepEqual(at('HI'), ['2300']);
  assert.deepEqual(at('SV1'), ['2400', '2400']);
  assert.deepEqual(at('SVD'), ['2430']);
  assert.deepEqual([...new Set(infos.map((i) => i.transaction))], ['other', '837P']);
  assert.equal(x12Segments(readX12(fixture('institutional.837i'))).find((i) => i.segment.id === 'CLM')!.transaction, '837I');
});

test('X12 element kinds: what the scanner judges in each element (ZIPs, IDs, qualifiers, ICD-9, non-HC procedure codes)', () => {
  const body = [
    ...PROFESSIONAL_BODY.slice(0, 14),
    'HI*ABK:E1140*ABF:A0100*BF:25000*APR:R05',
    'HI*BE:A1:::100',
    'LX*1',
    'SV1*ER:99213:25*60*UN*1***1',
    'SV1*HC:J0300:RT:59:XS:GA:DESCRIPTION*60*UN*1*11**1:2:3:4',
  ];
  const text = interchange(body);
  const layout = new Layout(text, 'x12');
  const kinds = new Map<string, string[]>();
  for (const cells of layout.tableRows.values()) for (const c of cells) if (c.text) kinds.set(c.text, [...(kinds.get(c.text) ?? []), c.kind]);
  assert.deepEqual(kinds.get('99213'), ['identifier', 'zip', 'identifier', 'other-code'], 'NM1*40 id, N4 ZIP, REF id, ER code');
  assert.deepEqual(kinds.get('11000'), ['payer-id']);
  assert.deepEqual(kinds.get('M99213'), ['patient-id']);
  assert.deepEqual(kinds.get('E1140'), ['icd10cm']);
  assert.deepEqual(kinds.get('A0100'), ['icd10cm']);
  assert.deepEqual(kinds.get('25000'), ['icd9']);
  assert.deepEqual(kinds.get('A1'), ['other-code'], 'a value code (BE) is not a diagnosis');
  assert.deepEqual(kinds.get('J0300'), ['procedure']);
  assert.deepEqual(['RT', '59', 'XS', 'GA'].map((m) => kinds.get(m)![0]), ['modifier', 'modifier', 'modifier', 'modifier']);
  assert.deepEqual(kinds.get('25'), ['other-code'], 'after ER no component is a CPT/HCPCS code or modifier');
  assert.deepEqual(kinds.get('DESCRIPTION'), ['text']);
  assert.deepEqual(kinds.get('207Q00000X'), ['taxonomy']);
  assert.equal(kinds.get('11')![0], 'pos');
  // a one-line file: every segment's cells on line 0, found by offset
  const one = new Layout(interchange(body, { newline: '' }), 'x12');
  assert.equal(one.tableRows.size, 1);
  const at = one.text.indexOf('E1140') + 2;
  assert.equal(one.cellAt(0, at)?.text, 'E1140');
  assert.equal(one.cellAt(0, at)?.kind, 'icd10cm');
});

test('X12 cells are built when asked for and read as the eager cells of each line: rows, cellAt at every offset, rowsOf by kind', () => {
  for (const name of ['professional.837p', 'professional-one-line.x12', 'professional-crlf.edi', 'institutional.837i', 'truncated.x12']) {
    const layout = new Layout(fixture(name), 'x12');
    // the eager definition: every segment's parts, trimmed, appended to its line's cells
    const eager = new Map<number, { text: string; kind: string; start: number; end: number; from: number; to: number; col: number; group?: number }[]>();
    for (const info of x12Segments(layout.x12!)) {
      const line = layout.lineAt(info.segment.start);
      const cells = eager.get(line) ?? [];
      eager.set(line, cells);
      for (const p of segmentParts(info)) {
        const t = p.text.trim();
        const lead = p.text.length - p.text.trimStart().length;
        cells.push({ start: p.start + lead, end: p.start + lead + t.length, text: t, from: p.start, to: p.end, kind: p.kind, col: cells.length, group: p.group });
      }
    }
    assert.deepEqual([...layout.tableRows.keys()], [...eager.keys()], name);
    assert.equal(layout.tableRows.size, eager.size, name);
    for (const [line, cells] of eager) assert.deepEqual(layout.tableRows.get(line), cells, `${name} line ${line}`);
    for (let offset = 0; offset <= layout.text.length; offset++) {
      const line = layout.lineAt(offset);
      const cells = eager.get(line) ?? [];
      const want = cells.find((c) => c.to >= offset);
      assert.deepEqual(layout.cellAt(line, offset), want && want.from <= offset ? want : undefined, `${name} @${offset}`);
    }
    for (const kinds of [['icd10cm', 'procedure', 'taxonomy'], ['modifier'], ['pos']] as const) {
      const seen = [...layout.rowsOf(kinds)].flatMap(([, cells]) => cells.filter((c) => (kinds as readonly string[]).includes(c.kind)));
      const all = [...eager.values()].flat().filter((c) => (kinds as readonly string[]).includes(c.kind));
      assert.deepEqual(seen, all, `${name} ${kinds.join(',')}`);
      if (name.startsWith('professional')) assert.ok(all.length > 0, `${name} has ${kinds.join(',')} cells`);
    }
  }
});

test('X12 envelope: a missing, short or truncated ISA, wrong SE01 count, mismatched control numbers, missing trailers', () => {
  const problems = (t: string) => readX12(t).problems.map((p) => `${t.slice(p.start, p.end)}: ${p.message}`);
  // SE01 counts ST through SE
  const wrongCount = interchange(PROFESSIONAL_BODY, {}, { seCount: 5 });
  assert.deepEqual(problems(wrongCount), [`5: SE01 says 5, but the transaction set (ST to SE, both included) holds ${PROFESSIONAL_BODY.length + 2}. Correct the count.`]);
  // control numbers: SE02 vs ST02, GE02 vs GS06, IEA02 vs ISA13
  const mismatched = interchange(PROFESSIONAL_BODY).replace('SE*23*0001', 'SE*23*0002').replace('GE*1*1~', 'GE*1*7~').replace('IEA*1*000000001', 'IEA*2*000000009');
  assert.deepEqual(problems(mismatched), [
    '0002: SE02 control number "0002" does not match ST02 "0001": a trailer repeats its header\'s control number. Make them equal.',
    '7: GE02 control number "7" does not match GS06 "1": a trailer repeats its header\'s control number. Make them equal.',
    '2: IEA01 says 2, but the interchange (functional groups) holds 1. Correct the count.',
    '000000009: IEA02 control number "000000009" does not match ISA13 "000000001": a trailer repeats its header\'s control number. Make them equal.',
  ]);
  // truncated: no SE, GE, IEA
  const cut = interchange(PROFESSIONAL_BODY).split('SE*')[0];
  assert.deepEqual(problems(cut), [
    'ISA: ISA 000000001 has no IEA: the interchange is truncated or its trailer is missing. Add the IEA segment.',
    'GS: GS 1 has no GE: the functional group is truncated or its trailer is missing. Add the GE segment.',
    'ST: ST 0001 has no SE: the transaction set is truncated or its trailer is missing. Add the SE segment.',
  ]);
  // ISA06 one character short: 105 characters, still read with its delimiters
  const short = interchange(PROFESSIONAL_BODY).replace('SENDER         ', 'SENDER        ');
  const s = readX12(short);
  assert.equal(s.delimiters.component, ':');
  assert.match(problems(short)[0], /^ISA: The ISA segment is 105 characters long, not 106/);
  assert.equal(s.segments.find((x) => x.id === 'HI')!.elements[1].text, 'ABK:E1140');
  // no ISA at all: delimiters guessed from the content (| and > here), segments still read
  const bare = interchange(PROFESSIONAL_BODY, { element: '|', component: '>' }).split('\n').slice(1).join('\n');
  const b = readX12(bare);
  assert.deepEqual([b.delimiters.element, b.delimiters.component, b.delimiters.segment], ['|', '>', '~']);
  assert.match(problems(bare)[0], /^GS: No ISA segment: an X12 interchange starts with an ISA segment/);
  assert.equal(problems(bare).length, 2, 'and IEA without an ISA');
  assert.deepEqual(b.segments.find((x) => x.id === 'HI')!.elements[1].components.map((c) => c.text), ['ABK', 'E1140']);
  // an ISA cut short before ISA16
  const stub = readX12('ISA*00*          *00*   ~GS*HC~');
  assert.match(stub.problems[0].message, /^The ISA segment is truncated/);
});

test('formatFor: x12 by language id, extension and content (ISA after a BOM or blanks), a note beginning "ISA:" is prose', () => {
  const text = interchange(PROFESSIONAL_BODY);
  assert.equal(formatFor({ languageId: 'x12' }), 'x12');
  for (const path of ['a.x12', 'a.837', 'b.837P', 'c.837i', 'd.EDI']) assert.equal(formatFor({ path }), 'x12', path);
  assert.equal(formatFor({ path: 'claims.txt', text }), 'x12');
  assert.equal(formatFor({ path: 'untitled', languageId: 'plaintext', text: `\uFEFF\r\n ${text}` }), 'x12');
  assert.equal(looksX12('ISA: John Smith, RN\nDx: E11.9'), false);
  assert.equal(formatFor({ path: 'note.txt', text: 'ISA: John Smith, RN\nDx: E11.9' }), 'note');
  assert.equal(formatFor({ path: 'a.csv', text: 'code\n99213\n' }), 'csv');
});

test('X12 dictionary: a segment id names the segment and its elements; an element its name and what its value means', () => {
  const text = interchange([...PROFESSIONAL_BODY, 'SV1*HC:99213:25::::OFFICE VISIT*60*UN*1***1']);
  const layout = new Layout(text, 'x12');
  const at = (needle: string, plus = 0) => describeX12At(layout, text.indexOf(needle) + plus)!;
  const clm = at('CLM*');
  assert.equal(clm.title, 'CLM — Claim information');
  assert.equal(clm.status, 'Segment · loop 2300 (claim information) · 837P');
  assert.equal(text.slice(clm.start, clm.end), 'CLM');
  assert.ok(clm.sections[1].lines.includes('CLM05: Health care service location information'));
  assert.deepEqual([at('NM1*85', 4).title, at('NM1*85', 4).sections[0].lines], ['NM101 — Entity identifier code', ['85: billing provider']]);
  assert.deepEqual(at('DTP*472', 4).sections[0].lines, ['472: service date']);
  assert.deepEqual([at('11:B:1', 5).title, at('11:B:1', 5).sections[0].lines], ['CLM05-3 — Claim frequency type code', ['1: original claim']]);
  assert.deepEqual([at('HI*ABK', 3).title, at('HI*ABK', 3).sections[0].lines], ['HI01-1 — Code list qualifier', ['ABK: ICD-10-CM principal diagnosis']]);
  assert.equal(at('HI*ABK', 7).title, 'HI01-2 — Industry code (the diagnosis or other code, no decimal point)');
  assert.deepEqual(at('SV1*HC', 4).sections[0].lines, ['HC: CPT or HCPCS Level II code']);
  assert.equal(at('OFFICE VISIT').title, 'SV101-7 — Description (free text, never a code or modifier)');
  assert.equal(at('ISA*').title, 'ISA — Interchange control header');
  assert.equal(at('SE*').title, 'SE — Transaction set trailer');
  assert.equal(describeX12At(layout, text.indexOf('~') + 1), undefined, 'between segments');
  // element references for messages
  assert.equal(elementRef('HI', 3, 2), 'HI03-2');
  assert.deepEqual(Object.keys(SEGMENTS).filter((id) => ['CLM', 'HI', 'SV1', 'SV2', 'DTP', 'NM1', 'N4', 'PRV', 'SBR', 'DMG', 'LX', 'REF', 'SVD', 'ISA', 'GS', 'ST', 'SE', 'GE', 'IEA'].includes(id)).length, 19);
});

test('X12 outline: interchange › group › transaction › claim › service line, the claim\'s own codes before its lines', () => {
  const text = fixture('professional.837p');
  const a = analyze(text, 'x12', { data: fixtureData(), dateOfService: '2026-11-23' });
  const tree = (n: X12OutlineNode, d = 0): string[] => [`${'  '.repeat(d)}${n.kind} ${n.name}${n.detail ? ` | ${n.detail}` : ''}`, ...n.children.flatMap((c) => tree(c, d + 1))];
  const lines = x12Outline(a.layout, a.claims, a.tokens).flatMap((n) => tree(n)).filter((l) => !l.trimStart().startsWith('code'));
  assert.deepEqual(lines, [
    'interchange Interchange 000000101 | NORTHWIND01 → ACMECH01 · test · 2 claims',
    '  group Group 101 | health care claims · 005010X222A1 · 2 claims',
    '    transaction Transaction 0001 | 837 · 837P · 2 claims',
    '      claim Claim PCN1001 | 837P · 2 lines · 5 diagnoses · 2024-01-10',
    '        line Line 1 · 99213-25 | 2024-01-10 × 1',
    '        line Line 2 · 97110-ZZ | 2024-01-10 × 2',
    '      claim Claim PCN1002 | 837P · 1 line · 1 diagnosis · 2019-03-04',
    '        line Line 1 · 99213 | 2019-03-04 × 1',
  ]);
  const [claim] = x12Outline(a.layout, a.claims, a.tokens)[0].children[0].children[0].children;
  assert.deepEqual(claim.children.filter((c) => c.kind === 'code').map((c) => c.name), ['11', 'E1140', 'A0100', 'J0300', 'M7964', 'H8141']);
  assert.equal(text.slice(claim.selectionStart, claim.selectionEnd), 'PCN1001');
});
