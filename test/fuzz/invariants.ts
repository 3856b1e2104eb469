/** What every analysis must satisfy, whatever the input: the fuzz targets assert these. */
import assert from 'node:assert/strict';
import type { Analysis } from '../../server/src/engine';
import { CodeData } from '../../server/src/engine';
import { defaultDataDir } from '../../server/src/shared/paths';

let data: Promise<CodeData> | undefined;
/** The full built bundle (dist/data; scripts/run-tests.mjs builds it when missing). */
export const realData = () => (data ??= CodeData.load(defaultDataDir()));

// Checks run tens of times per case: a message is only built when a check fails (formatting offsets into template
// strings for every token was as costly as analysing an X12 interchange).
const fail = (message: string): never => {
  throw new assert.AssertionError({ message });
};
const name = (what: string | (() => string), label: unknown) => `${typeof what === 'string' ? what : what()}${label === undefined ? '' : ` ${String(label)}`}`;
const inside = (what: string | (() => string), label: unknown, start: number, end: number, length: number) => {
  if (!Number.isInteger(start) || !Number.isInteger(end)) fail(`${name(what, label)}: offsets ${start}-${end} are not integers`);
  if (!(start >= 0 && start <= end && end <= length)) fail(`${name(what, label)}: range ${start}-${end} outside the document (length ${length})`);
};
/** `text` at start-end is `expected` */
const textAt = (text: string, start: number, end: number, expected: string, what: () => string) => {
  if (text.slice(start, end) !== expected) fail(`${what()}: text ${JSON.stringify(expected)} is not the text there, ${JSON.stringify(text.slice(start, end))}`);
};

/** Tokens and findings lie inside the text and are ordered; a token's text is the text at its range. */
export function checkAnalysis(text: string, a: Analysis): void {
  const n = text.length;
  let last = -1;
  for (const t of a.tokens) {
    inside('token', t.text, t.start, t.end, n);
    if (!(t.end > t.start)) fail(`token ${t.text}: empty range ${t.start}`);
    textAt(text, t.start, t.end, t.text, () => `token at ${t.start}-${t.end}`);
    if (!(t.start >= last)) fail(`tokens out of order at ${t.start} (after ${last})`);
    last = t.start;
    // a table cell's token has its record's (or segment's) first line; a quoted cell may run over several lines
    const line = a.layout.lineAt(t.start);
    if (!(a.format === 'note' ? t.line === line : t.line <= line)) fail(`token ${t.text} at ${t.start}: line ${t.line}, layout says ${line}`);
    if (t.stated) inside('stated description of', t.text, t.stated.start, t.stated.end, n);
  }
  last = -1;
  for (const f of a.findings) {
    inside('finding', f.ruleId, f.start, f.end, n);
    if (!(f.start >= last)) fail(`findings out of order at ${f.start} (after ${last})`);
    last = f.start;
    if (!(typeof f.message === 'string' && f.message.length > 0)) fail(`finding ${f.ruleId} has no message`);
    for (const x of f.fixes ?? []) inside('fix of', f.ruleId, x.start, x.end, n);
    for (const r of f.related ?? []) inside('related of', f.ruleId, r.start, r.end, n);
  }
  // X12: segments in order, every element and component the text at its offsets, envelope problems inside
  let seg = -1;
  for (const sg of a.layout.x12?.segments ?? []) {
    inside('segment', sg.id, sg.start, sg.end, n);
    if (!(sg.start >= seg)) fail(`segment ${sg.id} at ${sg.start} out of order`);
    seg = sg.start;
    for (const e of sg.elements) {
      inside('element of', sg.id, e.start, e.end, n);
      textAt(text, e.start, e.end, e.text, () => `element of ${sg.id} at ${e.start}-${e.end}`);
      for (const c of e.components) textAt(text, c.start, c.end, c.text, () => `component of ${sg.id} at ${c.start}-${c.end}`);
    }
  }
  for (const p of a.layout.x12?.problems ?? []) inside('X12 problem', p.message, p.start, p.end, n);
  for (const row of a.layout.tableRows.values()) {
    for (const c of row) {
      inside(() => `cell ${JSON.stringify(c.text)}`, undefined, c.from, c.to, n);
      if (!(c.from <= c.start && c.start <= c.end && c.end <= c.to)) fail(`cell ${JSON.stringify(c.text)}: ${c.start}-${c.end} outside its extent ${c.from}-${c.to}`);
      textAt(text, c.start, c.end, c.text, () => `cell at ${c.start}-${c.end}`);
    }
  }
  for (const c of a.claims) {
    inside('claim', c.id, c.start, c.end, n);
    const fields = [c.idField, c.payer?.name, c.payer?.id, c.payer?.plan, c.patient?.id, c.patient?.sex, c.patient?.birthDate, c.from, c.through, c.charge, c.admission, c.onset];
    for (const d of c.diagnoses) fields.push(d.code, d.qualifierText, d.presentOnAdmission);
    for (const l of c.lines) {
      inside(() => `line ${l.number} of claim`, c.id, l.start, l.end, n);
      fields.push(l.units, l.charge, l.date, l.through, l.revenueCode, l.unitBasis, l.controlNumber);
      // pointers of several pointer columns are one field: their texts joined, spanning the cells
      if (l.pointers) inside('pointers of claim', c.id, l.pointers.start, l.pointers.end, n);
      for (const d of l.diagnoses) fields.push(d.code);
    }
    for (const f of fields) {
      if (!f) continue;
      inside(() => `field ${JSON.stringify(f.text)} of claim`, c.id, f.start, f.end, n);
      textAt(text, f.start, f.end, f.text, () => `field of claim ${c.id} at ${f.start}-${f.end}`);
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
