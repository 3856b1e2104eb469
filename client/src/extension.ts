/**
 * The VS Code extension: a thin client. It starts the language server (dist/server.js over node IPC), registers
 * the commands, the language status item, the Claims view and the date-of-service and payer status items; every judgement
 * about codes is made by the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type DocumentSelector, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ANY_POLICY_PACK_GLOB, DEFAULT_LANGUAGES, SERVER_EXEC_ARGV, serverEnv, STATUS_NOTIFICATION, type InitializationOptions, type StatusResult } from '../../server/src/protocol';
import { ClaimsView, type ClaimsTreeSnapshot } from './claims-view';
import { registerCommands } from './commands';
import { registerPolicyDraftCommand } from './policy-draft';
import { DateStatus, type DateStatusSnapshot } from './date-status';
import { RestartPolicy, serverGone } from './restart-policy';
import { PayerStatus, type PayerStatusSnapshot } from './payer-status';
import { StatusItem } from './status';
import { SettingKeysMemo, settingKeysIn } from './untrusted-settings';

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
const restarts = new RestartPolicy();
/** bundle errors already shown (once each per session) */
const shownErrors = new Set<string>();

/** A problem the user can act on: an error message with Restart Server and Show Output. */
async function offerRestart(message: string): Promise<void> {
  const pick = await vscode.window.showErrorMessage(message, 'Restart Server', 'Show Output');
  if (pick === 'Restart Server') void vscode.commands.executeCommand('clinicalCodes.restartServer');
  else if (pick === 'Show Output') output?.show(true);
}

function errorHandler(views: Views): ErrorHandler {
  return {
    error: (e, _m, count) => {
      // the process has gone: the close that follows restarts or reports it (and a raw error popup says nothing more)
      if (serverGone(e)) return { action: ErrorAction.Continue, handled: true };
      // a broken message is not a reason to stop; repeated ones are (the library's own rule)
      return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
    },
    closed: () => {
      if (restarts.crashed() === 'restart') {
        output?.warn('the language server stopped unexpectedly; restarting it');
        views.status.setServerStatus(undefined); // loading again, not the dead server's last status
        return { action: CloseAction.Restart, handled: true };
      }
      const message = `Clinical Codes: the language server stopped ${restarts.max + 1} times within ${restarts.windowMs / 60000} minutes and is not restarted again. See the "Clinical Codes" output.`;
      output?.error(message);
      views.status.setStopped(message);
      void offerRestart(message);
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}

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

const PATH_SETTINGS = ['cptDescriptorsFile', 'policyFiles'] as const;

/**
 * The clinicalCodes section as the server gets it, with where each path setting was set (`pathScopes`): the
 * server lets a workspace name only files inside its folders. In an untrusted workspace a workspace value is
 * replaced by the user's own (VS Code does the same for restrictedConfigurations; this does not rely on it), and its
 * key listed in `untrustedWorkspaceValues` so the status can say it is ignored.
 */
function withPathScopes(section: unknown, scopeUri: string | undefined, restricted: string[]): unknown {
  if (!section || typeof section !== 'object') return section;
  const config = vscode.workspace.getConfiguration('clinicalCodes', scopeUri ? vscode.Uri.parse(scopeUri) : undefined);
  const out: Record<string, unknown> = { ...(section as Record<string, unknown>) };
  const scopes: Record<string, 'user' | 'workspace'> = {};
  const withheld: string[] = [];
  for (const key of PATH_SETTINGS) {
    const i = config.inspect(key);
    const fromWorkspace = i?.workspaceFolderValue !== undefined || i?.workspaceValue !== undefined;
    if (fromWorkspace && !vscode.workspace.isTrusted) {
      out[key] = i?.globalValue ?? i?.defaultValue;
      withheld.push(key);
    }
    scopes[key] = fromWorkspace && vscode.workspace.isTrusted ? 'workspace' : 'user';
  }
  out.pathScopes = scopes;
  // the server says in the status what was withheld and why (it never sees the values)
  out.untrustedWorkspaceValues = [...new Set([...withheld, ...restricted])];
  return out;
}

/**
 * The path settings the settings files of this untrusted workspace set: in restricted mode VS Code withholds them
 * from the extension (inspect() too), so only the files say so. Only the keys are looked for; [] when trusted.
 */
/** The restricted keys the workspace's settings files set (untrusted workspaces), read from disk. */
async function readRestrictedWorkspaceKeys(): Promise<string[]> {
  const files = [vscode.workspace.workspaceFile, ...(vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json'))];
  const keys = new Set<string>();
  for (const uri of files) {
    if (uri?.scheme !== 'file') continue;
    try {
      const st = await vscode.workspace.fs.stat(uri);
      if (st.type !== vscode.FileType.File || st.size > 1_000_000) continue;
      for (const k of settingKeysIn(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), PATH_SETTINGS)) keys.add(k);
    } catch {
      // no settings file
    }
  }
  return [...keys];
}

/** Memoised: invalidated by `watchRestrictedKeys` when a settings file, the folders, the configuration or the trust change. */
const restrictedKeys = new SettingKeysMemo(readRestrictedWorkspaceKeys);

const restrictedWorkspaceKeys = (): Promise<string[]> => (vscode.workspace.isTrusted ? Promise.resolve([]) : restrictedKeys.get());

/** Keeps `restrictedKeys` current: the folders' .vscode/settings.json and the .code-workspace file are watched. */
function watchRestrictedKeys(context: vscode.ExtensionContext): void {
  const invalidate = () => restrictedKeys.invalidate();
  const watchers: vscode.FileSystemWatcher[] = [];
  const watch = () => {
    for (const w of watchers.splice(0)) w.dispose();
    const patterns = (vscode.workspace.workspaceFolders ?? []).map((f) => new vscode.RelativePattern(f, '.vscode/settings.json'));
    const file = vscode.workspace.workspaceFile;
    if (file?.scheme === 'file') patterns.push(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file.fsPath)), path.basename(file.fsPath)));
    for (const p of patterns) {
      const w = vscode.workspace.createFileSystemWatcher(p);
      w.onDidCreate(invalidate);
      w.onDidChange(invalidate);
      w.onDidDelete(invalidate);
      watchers.push(w);
    }
  };
  watch();
  context.subscriptions.push(
    { dispose: () => watchers.splice(0).forEach((w) => w.dispose()) },
    vscode.workspace.onDidChangeWorkspaceFolders(() => (invalidate(), watch())),
    // registered before the language client's own listener, so the server's next pull reads the files again
    // (a watcher event can come after the configuration change that the same save causes)
    vscode.workspace.onDidChangeConfiguration(invalidate),
    vscode.workspace.onDidGrantWorkspaceTrust(invalidate),
  );
}

function createClient(context: vscode.ExtensionContext, views: Views): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  // the server keeps its V8 code cache in the extension's global storage (server/src/lsp/boot.ts)
  const args = [`--v8-cache-dir=${context.globalStorageUri.fsPath}`];
  const execArgv = [...SERVER_EXEC_ARGV];
  // added to the extension host's environment (the language client merges them)
  const env = serverEnv(process.platform, process.env);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, args, options: { execArgv, env } },
    debug: { module, transport: TransportKind.ipc, args, options: { execArgv: [...execArgv, '--nolazy', '--inspect=6011'], env } },
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
    // payer policy pack files too, at any depth: the server checks a folder's own packs as they are typed (trusted
    // workspaces) and tells a nested one that it is not loaded
    documentSelector: [...selector(langs), { scheme: 'file', language: 'json', pattern: ANY_POLICY_PACK_GLOB }],
    // settings are pulled per resource (workspace/configuration); this makes the client announce changes
    synchronize: { configurationSection: 'clinicalCodes' },
    outputChannel: output,
    initializationOptions,
    markdown: { isTrusted: false, supportHtml: false },
    errorHandler: errorHandler(views),
    middleware: {
      workspace: {
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          const restricted = params.items.some((x) => x.section === 'clinicalCodes') ? await restrictedWorkspaceKeys() : [];
          return result.map((r, i) => (params.items[i]?.section === 'clinicalCodes' ? withPathScopes(r, params.items[i].scopeUri, restricted) : r));
        },
      },
    },
  };
  // the id "clinicalCodes" makes the client honour the clinicalCodes.trace.server setting
  const c = new LanguageClient('clinicalCodes', 'Clinical Codes', serverOptions, clientOptions);
  c.onNotification(STATUS_NOTIFICATION, (s: StatusResult) => {
    views.status.setServerStatus(s);
    // the server keeps running without data: say so once, with what to do
    if (s.state === 'error' && s.error && !shownErrors.has(s.error)) {
      shownErrors.add(s.error);
      void offerRestart(`Clinical Codes: ${s.error}`);
    }
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
    restarts.reset();
    shownErrors.clear();
    client = createClient(context, views);
    await client.start();
    views.claims.refresh();
    views.date.refresh();
    views.payer.refresh();
  };
  watchRestrictedKeys(context);
  registerCommands(context, getClient, () => output!, restart);
  registerPolicyDraftCommand(context, getClient);

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
