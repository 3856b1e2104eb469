/**
 * Runs inside desktop VS Code's extension host (see run.ts): the same scenarios as test/e2e, through the API —
 * vscode.executeHoverProvider, vscode.executeCompletionItemProvider, vscode.executeCodeActionProvider and the
 * diagnostics collection. Waits on events, never on the clock.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

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

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const scenarios: [string, () => Promise<void>][] = [
    ['seed 004: diagnostics, hover, quick fix', () => scenarioSeed004(folder)],
    ['completion: modifiers after 0264T-, diagnosis by words', () => scenarioCompletion(folder)],
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
