import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../../server/src/engine';
import { Lines } from '../../../server/src/engine/text/lines';
import { jsonElements, sarifResults, textLines, type CheckedFile } from '../../../server/src/cli/output';

function checked(n: number): CheckedFile {
  const text = 'M79.64 I10\n'.repeat(n);
  const findings: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const start = i * 11;
    findings.push({ ruleId: 'icd10.header-not-billable', severity: 'error', start, end: start + 6, code: 'M79.64', system: 'icd10cm', message: `M79.64 on line ${i + 1} is a header ${'x'.repeat(100)}` });
  }
  return { file: 'notes.txt', findings, layout: Lines.of(text) };
}

test('a file\'s output comes in pieces of about 64 KB: JSON elements, SARIF results and text lines, none split', () => {
  const r = checked(3000);
  const json = jsonElements(r);
  assert.ok(json.length > 3, `${json.length} pieces`);
  assert.ok(json.every((p) => p.length < 70_000));
  const elements = JSON.parse(`[${json.join(',\n')}]`) as { start: { line: number }; message: string }[];
  assert.equal(elements.length, 3000);
  assert.deepEqual(elements.map((e) => e.start.line), r.findings.map((_, i) => i));
  assert.equal((JSON.parse(`[${sarifResults(r, 'notes.txt').join(',\n')}]`) as unknown[]).length, 3000);
  const text = textLines(r, false);
  assert.ok(text.length > 3 && text.every((p) => p.endsWith('\n')));
  assert.deepEqual(text.join('').split('\n').slice(0, -1).map((l) => l.split(' ')[0]), r.findings.map((_, i) => `notes.txt:${i + 1}:1`));
  assert.deepEqual(jsonElements(checked(0)), []);
  assert.deepEqual(textLines(checked(0), true), []);
});
