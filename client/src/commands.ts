import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CONFIGURE_RULE_COMMAND,
  EXPLAIN_REQUEST,
  SEARCH_REQUEST,
  type ExplainParams,
  type ExplainResult,
  type SearchItem,
  type SearchParams,
  type SearchResult,
} from '../../server/src/protocol';

/** Virtual markdown documents for "Explain Code": clinical-codes:/explain/<code>.md */
const EXPLAIN_SCHEME = 'clinical-codes';

class ExplainDocuments implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  set(uri: vscode.Uri, markdown: string): void {
    this.docs.set(uri.toString(), markdown);
    this.emitter.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '';
  }
}

interface CodePick extends vscode.QuickPickItem {
  hit?: SearchItem;
}

export function registerCommands(
  context: vscode.ExtensionContext,
  client: () => LanguageClient | undefined,
  output: () => vscode.OutputChannel,
  restart: () => Promise<void>,
): void {
  const explainDocs = new ExplainDocuments();
  const ready = async (): Promise<LanguageClient | undefined> => {
    const c = client();
    if (!c || !c.isRunning()) {
      void vscode.window.showWarningMessage('Clinical Codes: the language server is not running (Clinical Codes: Restart Server).');
      return undefined;
    }
    return c;
  };

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, explainDocs),

    vscode.commands.registerCommand('clinicalCodes.searchCodes', async () => {
      const c = await ready();
      if (!c) return;
      const editor = vscode.window.activeTextEditor;
      const picked = await searchQuickPick(c, editor?.document.getText(editor.selection).trim());
      if (!picked) return;
      if (editor && !editor.document.isClosed) {
        await editor.edit((b) => editor.selections.forEach((sel) => b.replace(sel, picked.display)));
        await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      } else {
        await vscode.env.clipboard.writeText(picked.display);
        void vscode.window.showInformationMessage(`Clinical Codes: ${picked.display} copied to the clipboard (no editor to insert into).`);
      }
    }),

    vscode.commands.registerCommand('clinicalCodes.explainCode', async (code?: unknown) => {
      const c = await ready();
      if (!c) return;
      const editor = vscode.window.activeTextEditor;
      let params: ExplainParams | undefined;
      if (typeof code === 'string' && code) params = { code };
      else if (editor) params = { uri: editor.document.uri.toString(), position: editor.selection.active };
      let result = params ? await c.sendRequest<ExplainResult>(EXPLAIN_REQUEST, params) : undefined;
      if (!result?.found) {
        // nothing at the cursor: ask for a code
        const asked = await vscode.window.showInputBox({ title: 'Clinical Codes: Explain Code', prompt: 'ICD-10-CM, CPT/HCPCS, modifier, taxonomy or POS code', placeHolder: 'M79.642' });
        if (!asked) return;
        result = await c.sendRequest<ExplainResult>(EXPLAIN_REQUEST, { code: asked } satisfies ExplainParams);
        if (!result.found) {
          void vscode.window.showInformationMessage(`Clinical Codes: ${asked} is not a code in the bundled data.`);
          return;
        }
      }
      const uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/explain/${result.code.replace(/[^A-Za-z0-9.]/g, '_')}.md` });
      explainDocs.set(uri, result.markdown);
      try {
        await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
      } catch {
        // the built-in markdown extension is disabled: show the markdown source instead
        const doc = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
      }
    }),

    vscode.commands.registerCommand('clinicalCodes.restartServer', async () => {
      await restart();
      void vscode.window.setStatusBarMessage('Clinical Codes: server restarted', 3000);
    }),

    vscode.commands.registerCommand('clinicalCodes.showOutput', () => output().show(true)),

    // the walkthrough's sample: an untitled copy, so trying the quick fixes never edits the extension's own file
    vscode.commands.registerCommand('clinicalCodes.openSample', async () => {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'walkthrough', 'sample.note'));
      const doc = await vscode.workspace.openTextDocument({ language: 'clinical-note', content: new TextDecoder().decode(bytes) });
      await vscode.window.showTextDocument(doc);
    }),

    // used by the server's "Turn off <rule> in settings" quick fix
    vscode.commands.registerCommand(CONFIGURE_RULE_COMMAND, async (ruleId: unknown, severity: unknown, resource: unknown) => {
      if (typeof ruleId !== 'string' || typeof severity !== 'string') return;
      const uri = typeof resource === 'string' ? vscode.Uri.parse(resource) : undefined;
      const config = vscode.workspace.getConfiguration('clinicalCodes', uri);
      const inWorkspace = !!(uri && vscode.workspace.getWorkspaceFolder(uri)) || !!vscode.workspace.workspaceFolders?.length;
      const target = inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      const inspected = config.inspect<Record<string, string>>('rules');
      const current = (inWorkspace ? inspected?.workspaceValue : inspected?.globalValue) ?? {};
      await config.update('rules', { ...current, [ruleId]: severity }, target);
      void vscode.window.setStatusBarMessage(`Clinical Codes: ${ruleId} set to "${severity}" in ${inWorkspace ? 'workspace' : 'user'} settings`, 4000);
    }),
  );
}

/** A QuickPick that asks the server as the user types (codes or words) and returns the chosen code. */
function searchQuickPick(client: LanguageClient, initial: string | undefined): Promise<SearchItem | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<CodePick>();
    qp.title = 'Clinical Codes: Search Codes';
    qp.placeholder = 'Type a code ("M79.6", "0264T", "K0001") or words ("pain left hand", "wheelchair")';
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    let timer: NodeJS.Timeout | undefined;
    let seq = 0;
    let done = false;
    const finish = (v: SearchItem | undefined) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(v);
      qp.dispose();
    };
    const run = async (query: string) => {
      const mine = ++seq;
      if (!query.trim()) {
        qp.items = [];
        qp.busy = false;
        return;
      }
      qp.busy = true;
      try {
        const r = await client.sendRequest<SearchResult>(SEARCH_REQUEST, { query, limit: 100 } satisfies SearchParams);
        if (mine !== seq || done) return; // a newer query is on its way
        qp.items = r.unavailable
          ? [{ label: '$(error) Code data not loaded', detail: r.unavailable, alwaysShow: true }]
          : r.items.map((h) => ({
              label: h.display,
              description: h.description,
              detail: `${h.systemLabel}${h.billable === false ? ' · header, not billable' : h.billable ? ' · billable' : ''}`,
              // the server already matched words and prefixes: keep its hits even when the label does not match
              alwaysShow: true,
              hit: h,
            }));
        if (!r.items.length && !r.unavailable) qp.items = [{ label: `No codes match "${query}"`, alwaysShow: true }];
      } catch (e) {
        if (mine === seq) qp.items = [{ label: '$(error) Search failed', detail: e instanceof Error ? e.message : String(e), alwaysShow: true }];
      } finally {
        if (mine === seq && !done) qp.busy = false;
      }
    };
    qp.onDidChangeValue((v) => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(v), 150);
    });
    qp.onDidAccept(() => finish(qp.selectedItems[0]?.hit));
    qp.onDidHide(() => finish(undefined));
    qp.show();
    if (initial && initial.length < 80 && !initial.includes('\n')) {
      qp.value = initial;
      void run(initial);
    }
  });
}
