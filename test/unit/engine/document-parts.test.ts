import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, DocumentParts, type AnalyzeOptions, type DocumentFormat, type PieceSource } from '../../../server/src/engine';
import { SourceLines } from '../../../server/src/engine/parts/piece-source';
import { Lines } from '../../../server/src/engine/text/lines';
import { fixtureData } from './fixture-data';
import { interchange, PROFESSIONAL_BODY } from './x12-helpers';

const data = fixtureData({ ptp: true });

/** The document's text behind a PieceSource that is not the string, counting what is read. */
class CountingSource implements PieceSource {
  reads = 0;
  constructor(private readonly text: string) {}
  slice(from: number, to: number): string {
    this.reads++;
    assert.ok(from >= 0 && to <= this.text.length && from <= to, `a piece inside the text: [${from}, ${to})`);
    return this.text.slice(from, to);
  }
}
const DOS = '2026-11-23';
const CLAIMS = join(__dirname, '..', '..', 'fixtures', 'claims');

/**
 * The findings of `text` analysed in parts of `partBytes` (undefined: it is analysed whole), and how many parts.
 * `source`: the pieces are read from it, not from the text (as the CLI reads them again from the file).
 */
function inParts(text: string, format: DocumentFormat, options: AnalyzeOptions, partBytes: number, source?: PieceSource) {
  const parts = DocumentParts.of(text, format, options, partBytes);
  if (!parts) return undefined;
  if (source) parts.readFrom(source);
  // each claim's billing provider taxonomy (an X12 part's claims need its provider loop from before it)
  const taxonomy = new Map<string, string | undefined>();
  for (let k = 0; k < parts.count; k++) {
    const a = analyze(parts.text(k), format, parts.options);
    for (const c of a.claims) taxonomy.set(c.id, c.taxonomy?.map((t) => t.code).join());
    parts.add(k, a);
  }
  return { count: parts.count, findings: parts.findings(), taxonomy };
}

/** Analysed in parts, the document has exactly the findings it has analysed whole. */
function assertSameInParts(text: string, format: DocumentFormat, partBytes: number, extra: Partial<AnalyzeOptions> = {}): number {
  const options: AnalyzeOptions = { data, dateOfService: DOS, ...extra };
  const whole = analyze(text, format, options).findings;
  assert.ok(whole.length > 0, 'the document has findings to compare');
  const parted = inParts(text, format, options, partBytes);
  assert.ok(parted, 'the document is analysed in parts');
  assert.ok(parted.count >= 3, `in ${parted.count} parts`);
  assert.deepEqual(JSON.parse(JSON.stringify(parted.findings)), JSON.parse(JSON.stringify(whole)));
  // read again piece by piece from elsewhere (the CLI: the file), the same findings
  const source = new CountingSource(text);
  assert.deepEqual(JSON.parse(JSON.stringify(inParts(text, format, options, partBytes, source)!.findings)), JSON.parse(JSON.stringify(whole)));
  assert.ok(source.reads >= parted.count, `${source.reads} pieces read from the source`);
  if (format === 'x12') {
    const claims = analyze(text, format, options).claims;
    assert.deepEqual(parted.taxonomy, new Map(claims.map((c) => [c.id, c.taxonomy?.map((t) => t.code).join()])));
    assert.ok(claims.every((c) => c.taxonomy?.length));
  }
  return parted.count;
}

const header = 'claim_id,patient_id,service_date,patient_sex,birth_date,diagnosis_code_1,diagnosis_code_2,procedure_code,modifier_1,units';
const editsRows = readFileSync(join(CLAIMS, 'claim-edits.csv'), 'utf8').trim().split(/\r?\n/).slice(1);

test('a claim export in parts: the same findings as whole (claim edits, rows of one claim kept together)', () => {
  const csvHeader = readFileSync(join(CLAIMS, 'claim-edits.csv'), 'utf8').split(/\r?\n/)[0];
  const rows: string[] = [];
  for (let i = 0; i < 40; i++) for (const r of editsRows) rows.push(r.replace(/^([^,]*)/, `$1-${i}`));
  assertSameInParts(`${csvHeader}\n${rows.join('\n')}\n`, 'csv', 600);
});

test('a claim export in parts: a claim whose rows are far apart is never cut, rows without a claim id stay "row N"', () => {
  const rows = [`A,P1,2026-05-01,F,1990-03-01,M79.64,I10,99213,25,1`];
  for (let i = 0; i < 200; i++) rows.push(`,,2026-05-0${1 + (i % 9)},M,1980-02-01,${i % 3 ? 'M79.64' : 'E11.9'},,9921${i % 5},${i % 4 ? '' : '00'},1`);
  // claim A again at the end: with its first row, one part (its duplicate diagnosis and units judged together)
  rows.push(`A,P1,2026-05-01,F,1990-03-01,M79.64,I10,99213,25,3`);
  for (let i = 0; i < 100; i++) rows.push(`B${i},P${i},2026-05-01,M,1980-02-01,Z00.00,M79.64,99213,,1`);
  const text = `${header}\n${rows.join('\n')}\n`;
  const options = { data, dateOfService: DOS };
  const parted = inParts(text, 'csv', options, 500)!;
  const whole = analyze(text, 'csv', options);
  const lastA = whole.claims.find((c) => c.id === 'A')!.end;
  assert.ok(parted.count >= 3);
  // no cut inside claim A: every finding of A's claim matches, and the first part reaches past A's last row
  assert.ok(parted.findings.filter((f) => f.claim?.id === 'A').length >= 2);
  assert.ok(whole.findings.some((f) => f.claim?.id.startsWith('row ')));
  assert.ok(lastA > 500);
  assertSameInParts(text, 'csv', 500);
});

test('a claim export in parts: what is said once per document is said once (ICD-9-CM dates, the findings cap)', () => {
  const rows: string[] = [];
  for (let i = 0; i < 300; i++) rows.push(`C${i},P${i},${i % 2 ? '2014-06-01' : '2026-05-01'},F,1990-03-01,M79.64,I10,99213,00,1`);
  const text = `${header}\n${rows.join('\n')}\n`;
  const whole = analyze(text, 'csv', { data, dateOfService: DOS }).findings;
  const nine = whole.filter((f) => f.ruleId === 'icd10.before-icd10');
  assert.equal(nine.length, 1);
  assert.equal(nine[0].data?.codes, 300);
  assertSameInParts(text, 'csv', 1000);
  const capped = { maxFindings: 50 };
  assertSameInParts(text, 'csv', 1000, capped);
  assert.ok(analyze(text, 'csv', { data, dateOfService: DOS, ...capped }).findings.some((f) => f.ruleId === 'analysis.truncated'));
});

test('a claim export is analysed whole when its reading depends on text anywhere in it', () => {
  const rows = Array.from({ length: 200 }, (_, i) => `C${i},P${i},2026-05-01,F,1990-03-01,M79.64,I10,99213,,1`);
  const body = rows.join('\n');
  const options = { data, dateOfService: DOS };
  assert.ok(inParts(`${header}\n${body}\n`, 'csv', options, 500));
  // a quoted cell over two lines (rows are counted by record, a part's blank lines by line)
  const quoted = [...rows.slice(0, 100), `Q,P,2026-05-01,F,1990-03-01,M79.64,"two\nlines",99213,,1`, ...rows.slice(100)].join('\n');
  assert.equal(inParts(`${header}\n${quoted}\n`, 'csv', options, 500), undefined);
  // a directive past the header, and a date of service stated in words, apply to everything after them
  assert.equal(inParts(`${header}\n${body}\n# clinical-codes: disable icd10.header-not-billable\n${body}\n`, 'csv', options, 500), undefined);
  assert.equal(inParts(`${header}\n${body}\nnote,DOS 03/04/2019\n${body}\n`, 'csv', options, 500), undefined);
  // small files and notes are never cut
  assert.equal(inParts(`${header}\n${body}\n`, 'csv', options, 1 << 20), undefined);
  assert.equal(inParts(`M79.64\n`.repeat(1000), 'note', options, 500), undefined);
});

/** An 837P of `n` billing providers, each with subscribers and claims of the PROFESSIONAL_BODY kind. */
function professional(n: number): string[] {
  const [bht, submitter, receiver, ...rest] = PROFESSIONAL_BODY;
  const provider = rest.slice(0, 4);
  const subscriber = rest.slice(4);
  const out = [bht, submitter, receiver];
  let hl = 1;
  for (let p = 0; p < n; p++) {
    const parent = hl;
    // every other billing provider's taxonomy is not a NUCC code: a finding in the context of the parts after it
    const prv = p % 2 ? 'PRV*BI*PXC*999Q00000X' : provider[1];
    out.push(provider[0].replace('HL*1', `HL*${hl++}`), prv, ...provider.slice(2));
    for (let s = 0; s < 3; s++) out.push(`HL*${hl++}*${parent}*22*0`, ...subscriber.slice(1).map((x) => x.replace('CLM*C1', `CLM*C${p}-${s}`)));
  }
  return out;
}

test('an 837P in parts: the same findings as whole, cut at billing providers and subscribers, one line or many', () => {
  const body = professional(12);
  for (const newline of ['\n', '', '\r\n']) assertSameInParts(interchange(body, { newline }), 'x12', 1500);
});

test('an 837P in parts: the envelope is checked once, over the whole interchange', () => {
  const body = professional(12);
  // SE01 one short in the first interchange, a second interchange without its IEA: each said once, where it is written
  const text = interchange(body, {}, { seCount: body.length + 1 }) + interchange(body, {}, { noIea: true });
  const whole = analyze(text, 'x12', { data, dateOfService: DOS }).findings.filter((f) => f.ruleId === 'x12.envelope');
  assert.equal(whole.length, 2, whole.map((f) => f.message).join('\n'));
  assertSameInParts(text, 'x12', 1500);
});

test('a document\'s lines without its text (SourceLines): the same line ends, texts and length, CRLF, CR and LF', () => {
  const text = 'a,b\r\n\r\nccc\rdd\n\ne\r\n';
  const lines = Lines.of(text);
  const source = new CountingSource(text);
  const detached = new SourceLines(lines, source);
  assert.equal(detached.text, '', 'the text is not held');
  assert.equal(detached.length, text.length);
  for (let l = 0; l < lines.lineCount; l++) {
    assert.equal(detached.lineEnd(l), lines.lineEnd(l), `end of line ${l}`);
    assert.equal(detached.lineText(l), lines.lineText(l), `text of line ${l}`);
    assert.equal(detached.lineAt(lines.lineStarts[l]), l);
  }
});
