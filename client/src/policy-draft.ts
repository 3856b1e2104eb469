import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DRAFT_POLICY_REQUEST, POLICY_PACK_DIR, type DraftPolicyParams, type DraftPolicyResult } from '../../server/src/protocol';

const SAVE = `Save to ${POLICY_PACK_DIR.join('/')}`;

/**
 * "Draft Payer Policy Pack from This Document": the server drafts a pack from the open policy text; the draft opens
 * as an unsaved JSON document for review, and is only used once the user saves it among the workspace's packs.
 */
export function registerPolicyDraftCommand(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('clinicalCodes.draftPolicyPack', async () => {
      const c = client();
      const editor = vscode.window.activeTextEditor;
      if (!c?.isRunning()) return void vscode.window.showWarningMessage('Clinical Codes: the language server is not running (Clinical Codes: Restart Server).');
      if (!editor) return void vscode.window.showInformationMessage('Clinical Codes: open a payer\'s policy document first.');
      const r = await c.sendRequest<DraftPolicyResult>(DRAFT_POLICY_REQUEST, { uri: editor.document.uri.toString() } satisfies DraftPolicyParams);
      if (r.error) return void vscode.window.showErrorMessage(`Clinical Codes: ${r.error}`);
      const draft = await vscode.workspace.openTextDocument({ language: 'json', content: r.json });
      await vscode.window.showTextDocument(draft, { viewColumn: vscode.ViewColumn.Beside });
      const folder = vscode.workspace.getWorkspaceFolder(editor.document.uri) ?? vscode.workspace.workspaceFolders?.[0];
      const summary = `Clinical Codes: drafted policy pack "${r.id}"${r.valid ? '' : ' (not yet valid)'}; ${r.review.length} point(s) to review are in its "notes". Packs apply once saved in ${POLICY_PACK_DIR.join('/')}/ at the root of a folder of a trusted workspace.`;
      const choice = await vscode.window.showInformationMessage(summary, ...(folder && vscode.workspace.isTrusted ? [SAVE] : []));
      if (choice !== SAVE || !folder) return;
      const target = vscode.Uri.joinPath(folder.uri, ...POLICY_PACK_DIR, `${r.id}.json`);
      const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
      if (exists && (await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(target)} exists. Replace it?`, { modal: true }, 'Replace')) !== 'Replace') return;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(draft.getText()));
      await vscode.window.showTextDocument(target);
    }),
  );
}
