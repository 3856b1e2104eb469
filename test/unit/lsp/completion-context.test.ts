import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, contextAt } from '../../../server/src/engine';
import { findCompletionSite, type CompletionSystem } from '../../../server/src/lsp/completion-site';
import { defaultSettings } from '../../../server/src/lsp/settings';
import { fixtureData } from '../engine/fixture-data';
import { FALSE_POSITIVES } from '../engine/false-positives';

/**
 * Completion and the scanner read context through one engine function (scanner/context.ts): where the scanner
 * takes a token after a label as a code of a system, completion offers that system there, and where the scanner
 * sees no code context (the false-positive corpus), completion offers no description words either.
 */
const data = fixtureData();
const settings = defaultSettings();

/** The completion site at the end of `text` (one line), from an analysis of that text as the server makes it. */
function siteAtEnd(text: string, format: 'note' | 'csv' = 'note') {
  const analysis = analyze(text, format, { data });
  const lineStart = text.lastIndexOf('\n') + 1;
  const line = text.slice(0, lineStart).split('\n').length - 1;
  return findCompletionSite(text.slice(lineStart), lineStart, line, analysis, settings);
}

// label as written → the system the scanner gives a code typed after it, and a code of that system
const LABELS: [string, CompletionSystem, string][] = [
  ['CPT', 'cpt', '99213'],
  ['CPT®', 'cpt', '99213'],
  ['HCPCS', 'hcpcs', 'G0008'],
  ['Procedure code', 'cpt', '27447'],
  ['Proc code:', 'cpt', '27447'],
  ['Procedures:', 'cpt', '27447'],
  ['ICD-10', 'icd10cm', 'M79.642'],
  ['ICD-10-CM:', 'icd10cm', 'M79.642'],
  ['ICD', 'icd10cm', 'E11.9'],
  ['Diagnosis:', 'icd10cm', 'M79.642'],
  ['Diagnoses', 'icd10cm', 'E11.9'],
  ['Diagnosis codes:', 'icd10cm', 'E11.9'],
  ['Dx:', 'icd10cm', 'M7964'],
  ['DX', 'icd10cm', 'E119'],
  ['Taxonomy', 'taxonomy', '207Q00000X'],
];

test('after every label, completion offers the system the scanner recognises there', () => {
  for (const [label, system, code] of LABELS) {
    const scanned = analyze(`${label} ${code}`, 'note', { data }).tokens.filter((t) => t.system !== 'modifier');
    assert.equal(scanned.length, 1, `${label} ${code}: one token`);
    assert.equal(scanned[0].evidence, 'label', `${label} ${code}: taken by its label`);
    const expected = scanned[0].system;
    assert.equal(expected, system, `${label} ${code}: system`);
    const words = siteAtEnd(`${label} pain left`);
    assert.equal(words?.kind, 'words', `${label}: word completion in its context`);
    if (words?.kind === 'words') assert.ok(words.systems.includes(system), `${label}: ${words.systems}`);
    if (system === 'taxonomy') continue; // taxonomy values are completed from words only
    const typed = siteAtEnd(`${label} ${code.slice(0, 4)}`);
    assert.equal(typed?.kind, 'code', `${label} ${code.slice(0, 4)}: code completion`);
    if (typed?.kind === 'code') {
      assert.ok(typed.systems.includes(system), `${label}: completes ${typed.systems}, scanner says ${system}`);
      assert.equal(typed.context, true, `${label}: in a code context`);
    }
  }
});

test('a sentence break ends a label for both', () => {
  const text = 'CPT was discussed. The plan is 12345';
  assert.deepEqual(analyze(text, 'note', { data }).tokens, []);
  assert.equal(siteAtEnd('CPT was discussed. The plan is pain left'), undefined);
});

test('false-positive corpus: where the scanner sees no code context, completion offers no words', () => {
  for (const line of FALSE_POSITIVES) {
    const analysis = analyze(line, 'note', { data });
    for (let end = 1; end <= line.length; end++) {
      if (!/[A-Za-z]/.test(line[end - 1]) || /[A-Za-z]/.test(line[end] ?? '')) continue; // word ends only
      const ctx = contextAt(analysis.layout, 0, end);
      const site = findCompletionSite(line.slice(0, end), 0, 0, analysis, settings);
      const inCode = ctx.column === 'icd10cm' || ctx.column === 'procedure' || ctx.column === 'taxonomy' || ctx.label === 'icd10cm' || ctx.label === 'procedure' || ctx.label === 'taxonomy';
      if (site?.kind === 'words') assert.ok(inCode, `"${line.slice(0, end)}": words offered outside a code context`);
      if (inCode && /[A-Za-z]{3}$/.test(line.slice(0, end)) && !/\d/.test(line.slice(ctx.fieldStart, end))) {
        assert.equal(site?.kind, 'words', `"${line.slice(0, end)}": scanner context ${ctx.label ?? ctx.column}, completion offers nothing`);
      }
    }
  }
});

test('CSV and pipe-table columns: completion and the scanner read the same column', () => {
  const csv = 'Claim,CPT,Dx,Modifier\n1,27447,M17.11,RT\n2,';
  const a = analyze(csv, 'csv', { data });
  assert.equal(contextAt(a.layout, 2, csv.length).column, 'procedure');
  assert.equal(siteAtEnd(`${csv}9921`, 'csv')?.kind, 'code');
  const dx = `${csv}99213,pain le`;
  const site = siteAtEnd(dx, 'csv');
  assert.equal(site?.kind, 'words');
  if (site?.kind === 'words') assert.deepEqual(site.systems, ['icd10cm']);
  assert.equal(siteAtEnd(`${csv}99213,M17.11,`, 'csv')?.kind, 'modifier');
  const table = '| CPT | Description |\n|---|---|\n| 2744';
  const t = siteAtEnd(table);
  assert.equal(t?.kind, 'code');
  if (t?.kind === 'code') assert.deepEqual(t.systems, ['cpt']);
});
