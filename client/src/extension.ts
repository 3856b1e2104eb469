/**
 * The VS Code extension: a thin client. It starts the language server (dist/server.js over node IPC), registers
 * the commands, the language status item, the Claims view and the date-of-service and payer status items; every judgement
 * about codes is made by the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type DocumentSelector, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DEFAULT_LANGUAGES, STATUS_NOTIFICATION, type InitializationOptions, type StatusResult } from '../../server/src/protocol';
import { ClaimsView, type ClaimsTreeSnapshot } from './claims-view';
import { registerCommands } from './commands';
import { DateStatus, type DateStatusSnapshot } from './date-status';
import { PayerStatus, type PayerStatusSnapshot } from './payer-status';
import { StatusItem } from './status';

/** What activate() returns: read-only views of what the extension shows, for test/vscode. */
export interface ClinicalCodesApi {
  /** asks the server for the active document's claims now and returns the Claims view's tree as rendered */
  claimsView(): Promise<ClaimsTreeSnapshot>;
  /** asks the server for the date of service at the cursor now and returns the status bar item's text */
  dateOfService(): Promise<DateStatusSnapshot>;
  /** asks the server for the active document's payer now and returns the payer status item's text */
  payer(): Promise<PayerStatusSnapshot>;
}

/** The parts of the UI that show what the server says about the active document. */
interface Views {
  status: StatusItem;
  claims: ClaimsView;
  date: DateStatus;
  payer: PayerStatus;
}

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

/** The languages to check: clinicalCodes.languages (the server also honours it per resource). */
function languages(): string[] {
  const configured = vscode.workspace.getConfiguration('clinicalCodes').get<unknown>('languages');
  return Array.isArray(configured) && configured.every((l) => typeof l === 'string') ? configured : [...DEFAULT_LANGUAGES];
}

function selector(langs: string[]): DocumentSelector {
  // files and untitled buffers only: not git/diff views, output channels or other virtual documents
  return langs.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
}

function createClient(context: vscode.ExtensionContext, views: Views): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const langs = languages();
  // workspace payer policy packs (.clinical-codes/policies, clinicalCodes.policyFiles) load only in a trusted workspace
  // the payer chosen per document (status bar picker) survives restarts in the workspace state
  const initializationOptions: InitializationOptions = {
    client: 'vscode-clinical-codes',
    workspaceTrusted: vscode.workspace.isTrusted,
    payerOverrides: PayerStatus.overrides(context.workspaceState),
  };
  const clientOptions: LanguageClientOptions = {
    // payer policy pack files too: the server checks them as they are typed (trusted workspaces)
    documentSelector: [...selector(langs), { scheme: 'file', language: 'json', pattern: '**/.clinical-codes/policies/*.json' }],
    // settings are pulled per resource (workspace/configuration); this makes the client announce changes
    synchronize: { configurationSection: 'clinicalCodes' },
    outputChannel: output,
    initializationOptions,
    markdown: { isTrusted: false, supportHtml: false },
  };
  // the id "clinicalCodes" makes the client honour the clinicalCodes.trace.server setting
  const c = new LanguageClient('clinicalCodes', 'Clinical Codes', serverOptions, clientOptions);
  c.onNotification(STATUS_NOTIFICATION, (s: StatusResult) => {
    views.status.setServerStatus(s);
    // the data loaded (or failed to): what the views asked before may have changed
    views.claims.refresh();
    views.date.refresh();
    views.payer.refresh();
  });
  const docs = selector(langs) as vscode.DocumentSelector;
  views.status.setSelector(docs);
  views.claims.setSelector(docs);
  views.date.setSelector(docs);
  views.payer.setSelector(docs);
  return c;
}

export async function activate(context: vscode.ExtensionContext): Promise<ClinicalCodesApi> {
  output = vscode.window.createOutputChannel('Clinical Codes', { log: true });
  context.subscriptions.push(output);
  const getClient = () => client;
  const docs = selector(languages()) as vscode.DocumentSelector;
  const views: Views = {
    status: new StatusItem(docs),
    claims: new ClaimsView(getClient, docs),
    date: new DateStatus(getClient, docs),
    payer: new PayerStatus(getClient, docs, context.workspaceState),
  };
  const { status } = views;
  context.subscriptions.push(views.status, views.claims, views.date, views.payer);
  const api: ClinicalCodesApi = { claimsView: () => views.claims.refreshNow(), dateOfService: () => views.date.refreshNow(), payer: () => views.payer.refreshNow() };

  const restart = async () => {
    if (client) {
      try {
        await client.stop();
      } catch (e) {
        output?.warn(`stopping the server failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    status.setServerStatus(undefined);
    client = createClient(context, views);
    await client.start();
    views.claims.refresh();
    views.date.refresh();
    views.payer.refresh();
  };
  registerCommands(context, getClient, () => output!, restart);

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      // the document selector is fixed when the client starts: a new language list needs a new client
      if (e.affectsConfiguration('clinicalCodes.languages')) void restart();
    }),
    // the server is told whether the workspace is trusted when it starts (payer policy packs of the workspace)
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
  );

  client = createClient(context, views);
  try {
    await client.start();
  } catch (e) {
    output.error(`the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showErrorMessage('Clinical Codes: the language server did not start. See the "Clinical Codes" output for details.');
  }
  views.claims.refresh();
  views.date.refresh();
  views.payer.refresh();
  return api;
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  await c?.stop();
}
