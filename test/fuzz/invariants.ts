/** What every analysis must satisfy, whatever the input: the fuzz targets assert these. */
import assert from 'node:assert/strict';
import type { Analysis } from '../../server/src/engine';
import { CodeData } from '../../server/src/engine';
import { defaultDataDir } from '../../server/src/shared/paths';

let data: Promise<CodeData> | undefined;
/** The full built bundle (dist/data; scripts/run-tests.mjs builds it when missing). */
export const realData = () => (data ??= CodeData.load(defaultDataDir()));

const inside = (what: string, start: number, end: number, length: number) => {
  assert.ok(Number.isInteger(start) && Number.isInteger(end), `${what}: offsets ${start}-${end} are not integers`);
  assert.ok(start >= 0 && start <= end && end <= length, `${what}: range ${start}-${end} outside the document (length ${length})`);
};

/** Tokens and findings lie inside the text and are ordered; a token's text is the text at its range. */
export function checkAnalysis(text: string, a: Analysis): void {
  let last = -1;
  for (const t of a.tokens) {
    inside(`token ${t.text}`, t.start, t.end, text.length);
    assert.ok(t.end > t.start, `token ${t.text}: empty range ${t.start}`);
    assert.equal(text.slice(t.start, t.end), t.text, `token text differs from the text at ${t.start}-${t.end}`);
    assert.ok(t.start >= last, `tokens out of order at ${t.start} (after ${last})`);
    last = t.start;
    // a table cell's token has its record's (or segment's) first line; a quoted cell may run over several lines
    const line = a.layout.lineAt(t.start);
    assert.ok(a.format === 'note' ? t.line === line : t.line <= line, `token ${t.text} at ${t.start}: line ${t.line}, layout says ${line}`);
    if (t.stated) inside(`stated description of ${t.text}`, t.stated.start, t.stated.end, text.length);
  }
  last = -1;
  for (const f of a.findings) {
    inside(`finding ${f.ruleId}`, f.start, f.end, text.length);
    assert.ok(f.start >= last, `findings out of order at ${f.start} (after ${last})`);
    last = f.start;
    assert.ok(typeof f.message === 'string' && f.message.length > 0, `finding ${f.ruleId} has no message`);
    for (const x of f.fixes ?? []) inside(`fix of ${f.ruleId}`, x.start, x.end, text.length);
    for (const r of f.related ?? []) inside(`related of ${f.ruleId}`, r.start, r.end, text.length);
  }
  // X12: segments in order, every element and component the text at its offsets, envelope problems inside
  let seg = -1;
  for (const sg of a.layout.x12?.segments ?? []) {
    inside(`segment ${sg.id}`, sg.start, sg.end, text.length);
    assert.ok(sg.start >= seg, `segment ${sg.id} at ${sg.start} out of order`);
    seg = sg.start;
    for (const e of sg.elements) {
      inside(`element of ${sg.id}`, e.start, e.end, text.length);
      assert.equal(text.slice(e.start, e.end), e.text, `element of ${sg.id} at ${e.start}-${e.end}`);
      for (const c of e.components) assert.equal(text.slice(c.start, c.end), c.text, `component of ${sg.id} at ${c.start}-${c.end}`);
    }
  }
  for (const p of a.layout.x12?.problems ?? []) inside(`X12 problem "${p.message}"`, p.start, p.end, text.length);
  for (const row of a.layout.tableRows.values()) {
    for (const c of row) {
      inside(`cell ${JSON.stringify(c.text)}`, c.from, c.to, text.length);
      assert.ok(c.from <= c.start && c.start <= c.end && c.end <= c.to, `cell ${JSON.stringify(c.text)}: ${c.start}-${c.end} outside its extent ${c.from}-${c.to}`);
      assert.equal(text.slice(c.start, c.end), c.text, `cell at ${c.start}-${c.end}`);
    }
  }
  for (const c of a.claims) {
    inside(`claim ${c.id}`, c.start, c.end, text.length);
    const fields = [c.idField, c.payer?.name, c.payer?.id, c.payer?.plan, c.patient?.id, c.patient?.sex, c.patient?.birthDate, c.from, c.through, c.charge, c.admission, c.onset];
    for (const d of c.diagnoses) fields.push(d.code, d.qualifierText, d.presentOnAdmission);
    for (const l of c.lines) {
      inside(`line ${l.number} of claim ${c.id}`, l.start, l.end, text.length);
      fields.push(l.units, l.charge, l.date, l.through, l.revenueCode, l.unitBasis, l.controlNumber);
      // pointers of several pointer columns are one field: their texts joined, spanning the cells
      if (l.pointers) inside(`pointers of claim ${c.id}`, l.pointers.start, l.pointers.end, text.length);
      for (const d of l.diagnoses) fields.push(d.code);
    }
    for (const f of fields) {
      if (!f) continue;
      inside(`field ${JSON.stringify(f.text)} of claim ${c.id}`, f.start, f.end, text.length);
      assert.equal(text.slice(f.start, f.end), f.text, `field of claim ${c.id} at ${f.start}-${f.end}: text ${JSON.stringify(f.text)} is not the text there`);
    }
  }
}

/** An analysis as plain data (tokens link to each other), for comparing two runs. */
export function snapshot(a: Analysis): string {
  return JSON.stringify({
    tokens: a.tokens.map((t) => [t.start, t.end, t.system, t.code, t.evidence, t.known, t.line, t.parent?.start, t.parentVia, t.modifiers?.map((m) => m.start), t.service]),
    findings: a.findings,
    claims: a.claims.length,
    edition: a.edition,
  });
}
