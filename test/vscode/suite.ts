/**
 * Runs inside desktop VS Code's extension host (see run.ts): the same scenarios as test/e2e, through the API —
 * vscode.executeHoverProvider, vscode.executeCompletionItemProvider, vscode.executeCodeActionProvider and the
 * diagnostics collection. Waits on events, never on the clock.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClaimsTreeNode } from '../../client/src/claims-view';
import type { ClinicalCodesApi } from '../../client/src/extension';

async function diagnosticsFor(uri: vscode.Uri, ok: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  const now = vscode.languages.getDiagnostics(uri);
  if (ok(now)) return now;
  return new Promise((resolve) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = vscode.languages.getDiagnostics(uri);
      if (ok(d)) {
        sub.dispose();
        resolve(d);
      }
    });
  });
}

function text(h: vscode.Hover): string {
  return h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

async function scenarioSeed004(folder: vscode.Uri): Promise<void> {
  const uri = vscode.Uri.joinPath(folder, 'seed-004.txt');
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const diags = await diagnosticsFor(uri, (d) => d.some((x) => String((x.code as { value?: string })?.value ?? x.code) === 'icd10.header-not-billable'));
  const header = diags.find((d) => doc.getText(d.range) === 'M79.64')!;
  assert.ok(header, 'M79.64 is flagged');
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, header.range.start);
  assert.match(hovers.map(text).join('\n'), /Header — not billable/);
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, header.range);
  const fix = actions.find((a) => a.title.startsWith('Change to M79.642'))!;
  assert.ok(fix?.edit, 'quick fix to M79.642');
  await vscode.workspace.applyEdit(fix.edit!);
  assert.match(doc.getText(), /^M79\.642 \| Pain in left hand/m);
}

async function scenarioCompletion(folder: vscode.Uri): Promise<void> {
  const uri = vscode.Uri.joinPath(folder, 'new.note');
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  await diagnosticsFor(uri, () => true);
  const afterHyphen = doc.positionAt(doc.getText().indexOf('0264T-') + 6);
  const mods = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, afterHyphen, '-');
  const labels = mods.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  assert.ok(labels.includes('22') && !labels.includes('00') && !labels.includes('50'), labels.join(' '));
  const endOfDx = doc.lineAt(1).range.end;
  const dx = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, endOfDx);
  assert.equal(typeof dx.items[0].label === 'string' ? dx.items[0].label : dx.items[0].label.label, 'M79.642');
}

const rows = (nodes: ClaimsTreeNode[], level = 1): [number, string, string, string | undefined][] =>
  nodes.flatMap((n) => [[level, n.label, n.description, n.icon] as [number, string, string, string | undefined], ...rows(n.children, level + 1)]);

/** The Claims view and the date-of-service item (test/e2e/scenarios/claims-view.e2e.ts), through the extension's API. */
async function scenarioClaims(folder: vscode.Uri): Promise<void> {
  const ext = vscode.extensions.getExtension<ClinicalCodesApi>('clinical-codes.clinical-codes')!;
  const api = await ext.activate();
  const uri = vscode.Uri.joinPath(folder, 'claims.csv');
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  const diags = await diagnosticsFor(uri, (d) => d.some((x) => doc.getText(x.range) === 'R05'));
  // R05 is a header on the 2024-01-10 row (FY2024) and billable on the 2019-03-04 row (FY2019)
  assert.deepEqual(diags.filter((d) => doc.getText(d.range) === 'R05').map((d) => [d.range.start.line, d.severity]), [[2, vscode.DiagnosticSeverity.Error]]);
  assert.ok(!diags.some((d) => d.range.start.line === 1), 'nothing on the 2019 row');

  const tree = await api.claimsView();
  assert.equal(tree.state, 'claims');
  const all = rows(tree.nodes);
  assert.match(all.find((r) => r[0] === 3 && r[3] === 'error')?.[1] ?? '', /^R05 "Cough" is a header/);
  assert.deepEqual(all.filter((r) => r[0] <= 2), [
    [1, 'C1001', '2019-03-04 · Medicare · patient P01', 'pass'],
    [2, 'Line 1 · 99213-25 × 1', '2019-03-04 · ICD-10-CM FY2019', 'pass'],
    [2, 'Diagnoses', '1', 'list-ordered'],
    [1, 'C1002', '2024-01-10 · Aetna · patient P02 · 1 finding', 'error'],
    [2, 'Line 1 · 99213 × 1', '2024-01-10 · ICD-10-CM FY2024 · 1 finding', 'error'],
    [2, 'Diagnoses', '1', 'list-ordered'],
    [1, 'C1003', '2024-02-01 · Aetna · patient P03', 'pass'],
    [2, 'Line 1 · 99214 × 1', '2024-02-01 · ICD-10-CM FY2024', 'pass'],
    [2, 'Line 2 · 83036 × 1', '2024-02-01 · ICD-10-CM FY2024', 'pass'],
    [2, 'Diagnoses', '1', 'list-ordered'],
  ]);

  for (const [line, text] of [[1, 'DOS 2019-03-04 · ICD-10-CM FY2019'], [2, 'DOS 2024-01-10 · ICD-10-CM FY2024']] as const) {
    editor.selection = new vscode.Selection(line, 0, line, 0);
    const status = await api.dateOfService();
    assert.equal(status.visible, true);
    assert.equal(status.text, `$(calendar) ${text}`);
    assert.match(status.tooltip, /the service line's date/);
  }

  // a note: its one implicit claim; a text without codes: no claims (the view shows its welcome message)
  const note = await vscode.workspace.openTextDocument({ language: 'clinical-note', content: 'Date of service: 2019-03-04\nDx: R05 cough\nCPT 99213\n' });
  await vscode.window.showTextDocument(note);
  await diagnosticsFor(note.uri, () => true);
  assert.deepEqual(rows((await api.claimsView()).nodes), [
    [1, 'document', '2019-03-04', 'pass'],
    [2, 'Line 1 · 99213', '2019-03-04 · ICD-10-CM FY2019', 'pass'],
    [2, 'Diagnoses', '1', 'list-ordered'],
    [3, '1 · R05', 'Ln 2', 'symbol-enum-member'],
  ]);
  const plain = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'Nothing to bill here.\n' });
  await vscode.window.showTextDocument(plain);
  const empty = await api.claimsView();
  assert.deepEqual([empty.state, empty.nodes], ['none', []]);
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const scenarios: [string, () => Promise<void>][] = [
    ['seed 004: diagnostics, hover, quick fix', () => scenarioSeed004(folder)],
    ['completion: modifiers after 0264T-, diagnosis by words', () => scenarioCompletion(folder)],
    ['Claims view and date-of-service status: R05 judged per row', () => scenarioClaims(folder)],
  ];
  let failed = 0;
  for (const [name, fn] of scenarios) {
    try {
      await fn();
      console.log(`ok - ${name}`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${name}\n  ${(e as Error).stack ?? e}`);
    }
  }
  console.log(`${scenarios.length - failed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} scenario(s) failed`);
}
