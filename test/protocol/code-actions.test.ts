import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient, actionEdits, applyEdits, fixture, messageOf, seed } from './lsp-client';

describe('code actions', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start();
  });
  after(async () => {
    await c.shutdown();
  });

  /** Applies an action's edit as the editor would (didChange) and returns the next diagnostics. */
  async function apply(uri: string, action: CodeAction): Promise<{ text: string; diagnostics: Diagnostic[] }> {
    const text = applyEdits(c.text(uri), actionEdits(action, uri));
    const v = await c.change(uri, text);
    return { text, diagnostics: await c.waitForDiagnostics(uri, v) };
  }

  it('offers the billable children of a header, the one matching the stated description preferred', async () => {
    const text = seed('004_905ab25da1828483.txt');
    const uri = await c.open('seed-004.txt', text);
    const ds = await c.waitForDiagnostics(uri);
    const d = ds.find((x) => x.code === 'icd10.header-not-billable' && messageOf(x).startsWith('M79.64 '))!;
    const actions = await c.codeActions(uri, d.range, [d]);
    const fixes = actions.filter((a) => a.title.startsWith('Change to'));
    assert.equal(fixes.length, 6);
    assert.equal(fixes[0].title, 'Change to M79.642 Pain in left hand');
    assert.equal(fixes[0].isPreferred, true);
    assert.ok(fixes.slice(1).every((a) => !a.isPreferred));
    assert.ok(actions.every((a) => a.kind === 'quickfix'));
    assert.deepEqual(fixes[0].diagnostics, [d], 'linked to the diagnostic the client sent');
    // the edit is versioned (documentChanges) and fixes the line
    assert.equal(fixes[0].edit?.documentChanges?.[0] && 'textDocument' in fixes[0].edit.documentChanges[0] ? fixes[0].edit.documentChanges[0].textDocument.version : -1, 1);
    const r = await apply(uri, fixes[0]);
    assert.match(r.text.split('\n')[d.range.start.line], /^M79\.642 \| Pain in left hand/);
    assert.ok(!r.diagnostics.some((x) => x.range.start.line === d.range.start.line && x.code === 'icd10.header-not-billable'));
  });

  it('removes a bogus modifier written after the code', async () => {
    const uri = await c.open('suffix.txt', 'Billed 0264T-00 today\n');
    const [d] = await c.waitForDiagnostics(uri);
    assert.equal(d.code, 'modifier.unknown');
    const fix = (await c.codeActions(uri, d.range, [d])).find((a) => a.title === 'Remove modifier 00')!;
    assert.equal(fix.isPreferred, true);
    const r = await apply(uri, fix);
    assert.equal(r.text, 'Billed 0264T today\n');
    assert.deepEqual(r.diagnostics, []);
  });

  it('disables a rule for one line with a directive on the line above (plain text)', async () => {
    const uri = await c.open('disable-line.txt', 'Dx: M79.64 pain\nDx: M79.65 thigh\n');
    const ds = await c.waitForDiagnostics(uri);
    assert.equal(ds.length, 2);
    const action = (await c.codeActions(uri, ds[0].range, [ds[0]])).find((a) => a.title === 'Disable icd10.header-not-billable for this line')!;
    const r = await apply(uri, action);
    assert.equal(r.text, 'clinical-codes: disable-next-line icd10.header-not-billable\nDx: M79.64 pain\nDx: M79.65 thigh\n');
    assert.deepEqual(r.diagnostics.map((d) => d.range.start.line), [2], 'only the other line is still reported');
  });

  it('uses an HTML comment in markdown, and a same-line directive inside a table row', async () => {
    const uri = await c.open('disable.md', '# Codes\n\n- Dx: M79.64\n', 'markdown');
    const [d] = await c.waitForDiagnostics(uri);
    const line = (await c.codeActions(uri, d.range, [d])).find((a) => a.title.endsWith('for this line'))!;
    const r = await apply(uri, line);
    assert.equal(r.text, '# Codes\n\n<!-- clinical-codes: disable-next-line icd10.header-not-billable -->\n- Dx: M79.64\n');
    assert.deepEqual(r.diagnostics, []);

    const table = '| ICD-10 | Description |\n|---|---|\n| M79.64 | Pain in hand and fingers |\n';
    const t = await c.open('table.md', table, 'markdown');
    const [td] = await c.waitForDiagnostics(t);
    const tr = await apply(t, (await c.codeActions(t, td.range, [td])).find((a) => a.title.endsWith('for this line'))!);
    assert.equal(tr.text.split('\n')[2], '| M79.64 | Pain in hand and fingers | <!-- clinical-codes: disable-line icd10.header-not-billable -->');
    assert.deepEqual(tr.diagnostics, [], 'the table still parses and the line is quiet');
  });

  it('disables a rule for the whole file', async () => {
    const uri = await c.open('disable-file.note', '# note\nDx: M79.64\nDx: M79.65\n', 'clinical-note');
    const ds = await c.waitForDiagnostics(uri);
    const action = (await c.codeActions(uri, ds[0].range, [ds[0]])).find((a) => a.title === 'Disable icd10.header-not-billable for this file')!;
    const r = await apply(uri, action);
    assert.ok(r.text.startsWith('# clinical-codes: disable icd10.header-not-billable\n'));
    assert.deepEqual(r.diagnostics, []);
  });

  it('offers no directive for CSV (a comment line would become a data row)', async () => {
    const f = fixture('claim.csv');
    const uri = await c.open('claim.csv', f.text, 'csv');
    const ds = await c.waitForDiagnostics(uri);
    const actions = await c.codeActions(uri, ds[0].range, [ds[0]]);
    assert.ok(!actions.some((a) => a.title.startsWith('Disable')));
  });

  it('answers an empty list away from findings and respects context.only', async () => {
    const uri = await c.open('quiet.txt', 'Dx: M79.642\nDx: M79.64\n');
    await c.waitForDiagnostics(uri);
    assert.deepEqual(await c.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }), []);
    const d = { start: { line: 1, character: 4 }, end: { line: 1, character: 10 } };
    assert.deepEqual(await c.codeActions(uri, d, [], ['refactor']), []);
    assert.ok((await c.codeActions(uri, d, [], ['quickfix'])).length > 0);
  });
});
