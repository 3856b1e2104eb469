import * as vscode from 'vscode';

/**
 * Fires when the diagnostics of the active editor's document change: a new analysis of what the user looks at (an
 * edit, new settings, the code data loaded). The status items and the Claims view follow it.
 */
export function onActiveDocumentDiagnostics(listener: () => void): vscode.Disposable {
  return vscode.languages.onDidChangeDiagnostics((e) => {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    if (active && e.uris.some((u) => u.toString() === active)) listener();
  });
}
