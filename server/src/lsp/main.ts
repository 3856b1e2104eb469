/**
 * Clinical Codes language server: the connection and the wiring of one module per feature.
 * Transports: `--node-ipc` (the VS Code client), `--stdio` (other editors; the default), `--socket=N`, `--pipe=NAME`.
 */
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  InlayHintRefreshRequest,
  IPCMessageReader,
  IPCMessageWriter,
  MessageType,
  ErrorCodes,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  StreamMessageReader,
  StreamMessageWriter,
  SemanticTokensRefreshRequest,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultDataDir } from '../shared/paths';
import { AnalysisCache } from './analysis-cache';
import { registerCodeActions } from './code-actions';
import { registerCommands } from './commands';
import { registerClaims } from './claims';
import { registerCompletion } from './completion';
import { DataState } from './data-state';
import { DiagnosticsPublisher } from './diagnostics';
import { registerDocumentSymbols } from './document-symbols';
import { registerHover } from './hover';
import { registerInlayHints } from './inlay-hints';
import { connectionLogger, describeError } from './log';
import { SERVER_NAME, type InitializationOptions } from '../protocol';
import { LEGEND, registerSemanticTokens } from './semantic-tokens';
import { SettingsStore, type Settings } from './settings';
import { resolveSettingPath, untrustedReason, type SettingScope } from './path-settings';
import { PolicyStore, WORKSPACE_POLICY_DIR } from './policies';
import { registerPolicyDraft } from './policy-draft';
import { FrameGuard, readerOptions, redactingConsole, sizeOf, type Note } from './transport';
import { PayerOverrides, registerPayer } from './payer';
import { PackFiles } from './pack-files';
import { foreground } from './foreground';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export function startServer(argv: string[] = process.argv): void {
  // createConnection() picks the transport from the command line; without one, speak LSP over stdio
  if (!argv.some((a) => /^--(stdio|node-ipc|socket|pipe)\b/.test(a))) argv.push('--stdio');
  // the library logs an unusable message whole (document text included): its log lines are cut to kind and size
  const features = { ...ProposedFeatures.all, console: redactingConsole } as never;
  let note: Note = () => undefined;
  let shutdownReceived = false;
  let connection: Connection;
  if (argv.includes('--stdio')) {
    // stdio: frames pass a guard that drops (and notes) input without Content-Length and resumes at the next frame
    const guard = new FrameGuard((m) => note(m), () => foreground.arrived());
    process.stdin.pipe(guard);
    connection = createConnection(features, foreground.reader(new StreamMessageReader(guard, readerOptions((m) => note(m)))), foreground.writer(new StreamMessageWriter(process.stdout))) as unknown as Connection;
    const end = () => process.exit(shutdownReceived ? 0 : 1);
    guard.on('end', end).on('close', end);
    // console output must not reach stdout, which carries the protocol
    for (const k of ['log', 'info', 'warn', 'error', 'debug'] as const) console[k] = (...a: unknown[]) => connection.console[k === 'debug' ? 'log' : k](a.map(String).join(' '));
  } else if (argv.includes('--node-ipc')) {
    // VS Code's transport: the same reader and writer createConnection would pick, counted for lsp/foreground.ts
    connection = createConnection(features, foreground.reader(new IPCMessageReader(process)), foreground.writer(new IPCMessageWriter(process))) as unknown as Connection;
  } else {
    connection = createConnection(features) as unknown as Connection;
  }
  const log = connectionLogger(connection);
  note = (m) => log.warn(m);
  // unknown methods: noted by kind and size (never their content); requests answered MethodNotFound
  connection.onNotification((method: string, params: unknown) => {
    if (!method.startsWith('$/')) log.warn(`ignored an unknown notification (${sizeOf(params)} bytes of params)`);
  });
  connection.onRequest((_method: string, params: unknown) => {
    log.warn(`answered an unknown request with MethodNotFound (${sizeOf(params)} bytes of params)`);
    return new ResponseError(ErrorCodes.MethodNotFound, 'Unhandled method');
  });
  const documents = new TextDocuments(TextDocument);

  let settings: SettingsStore;
  let dataState: DataState;
  let cache: AnalysisCache;
  let diagnostics: DiagnosticsPublisher;
  let notifyStatus = () => {};
  let workspaceFolder: string | undefined;
  /** local paths of the workspace folders, for .clinical-codes/policies */
  let folders: string[] = [];
  let trusted = false;
  /** where path settings come from when the client does not say per setting */
  let defaultScope: SettingScope = 'workspace';
  let policies: PolicyStore;
  let packFiles: PackFiles;
  /** documents just opened: their first check is not debounced */
  const opening = new Set<string>();
  let caps: InitializeParams['capabilities'];

  process.on('unhandledRejection', (e) => log.error(`unhandled rejection: ${describeError(e)}`));

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    caps = params.capabilities;
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    workspaceFolder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    folders = (params.workspaceFolders?.map((f) => f.uri) ?? (workspaceFolder ? [workspaceFolder] : [])).filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    // other clients do not say: untrusted, bundled packs only
    trusted = init.workspaceTrusted === true;
    defaultScope = init.pathScope === 'user' ? 'user' : 'workspace';
    policies = new PolicyStore(log);
    const watched = params.capabilities.workspace?.didChangeWatchedFiles;
    packFiles = new PackFiles(connection, documents, !!watched?.dynamicRegistration, folders, !!watched?.relativePatternSupport);
    packFiles.trusted = trusted;
    const overrides = new PayerOverrides(init.payerOverrides);
    const pull = !!caps.workspace?.configuration;
    settings = new SettingsStore(connection, log, pull, init.settings);
    const reported = new Set<string>();
    dataState = new DataState(
      init.dataDir ? defaultDataDir(init.dataDir) : defaultDataDir(),
      log,
      (message, kind) => {
        // our VS Code client shows a bundle error from the status, with Restart and Show Output
        if (kind === 'bundle' && init.client === 'vscode-clinical-codes') return;
        // each problem once per session: a missing bundle must not pop up for every document
        if (reported.has(message)) return;
        reported.add(message);
        connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message }).catch(() => undefined);
      },
      typeof init.searchIndexDelayMs === 'number' ? init.searchIndexDelayMs : 0,
    );
    cache = new AnalysisCache(dataState, settings, log, policies, overrides);
    diagnostics = new DiagnosticsPublisher(connection, documents, cache, settings, log);
    diagnostics.ownedBy((doc) => packFiles.liveDiagnostics(doc));

    registerHover(connection, documents, cache, dataState);
    registerClaims(connection, documents, cache);
    registerPayer(connection, documents, cache, policies, diagnostics, overrides);
    registerCompletion(connection, documents, cache, dataState);
    registerCodeActions(connection, documents, cache, {
      documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
      configureRuleCommand: init.client === 'vscode-clinical-codes',
    });
    registerInlayHints(connection, documents, cache);
    registerDocumentSymbols(connection, documents, cache);
    registerSemanticTokens(connection, documents, cache);
    registerPolicyDraft(connection, documents, dataState);
    ({ notifyStatus } = registerCommands(connection, documents, cache, dataState, diagnostics, policies, () => ignoredSettings));
    diagnostics.onDidPublish(debounced(() => notifyStatus(), 100));

    // new data (loaded, failed, CPT descriptors changed): every analysis is stale
    dataState.onChange(() => {
      cache.clear();
      diagnostics.scheduleAll();
      refreshClient();
      notifyStatus();
    });
    dataState.onStatus(() => notifyStatus());

    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Full },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['-', '.'], resolveProvider: true, completionItem: { labelDetailsSupport: true } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        inlayHintProvider: { resolveProvider: false },
        documentSymbolProvider: { label: 'Clinical Codes' },
        semanticTokensProvider: { legend: LEGEND, full: true, range: true },
      },
      serverInfo: { name: SERVER_NAME, version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'clinicalCodes' }).catch(() => undefined);
    }
    log.info(`${SERVER_NAME} ${VERSION} started (node ${process.version}); loading code data from ${dataState.dataDir}`);
    void applyMachineSettings();
  });

  /** Semantic tokens and inlay hints are pulled by the client: ask it to pull again after a change. */
  function refreshClient(): void {
    if (caps.workspace?.semanticTokens?.refreshSupport) connection.sendRequest(SemanticTokensRefreshRequest.type).catch(() => undefined);
    if (caps.workspace?.inlayHint?.refreshSupport) connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
  }

  /** path settings ignored and why, from the last configuration (shown in the status) */
  let ignoredSettings: string[] = [];
  const reportedIgnored = new Set<string>();

  /**
   * Settings that are not per document: the licensed CPT descriptor file and the payer policy pack files, resolved
   * and checked here (`path-settings.ts`): a workspace may name only files inside its folders, and only if trusted.
   */
  async function applyMachineSettings(): Promise<void> {
    const ignored: string[] = [];
    const ctx = (scope: SettingScope | undefined) => ({ scope: scope ?? defaultScope, trusted, folders });
    let s: Settings;
    try {
      s = await settings.get(workspaceFolder ?? '');
    } catch (e) {
      log.error(`could not read the settings: ${describeError(e)}`);
      return;
    }
    try {
      let cpt = '';
      // withheld by the client (untrusted workspace): said, never read
      if (s.untrustedWorkspaceValues.includes('cptDescriptorsFile')) ignored.push(untrustedReason('clinicalCodes.cptDescriptorsFile'));
      if (s.cptDescriptorsFile) {
        const r = await resolveSettingPath('clinicalCodes.cptDescriptorsFile', s.cptDescriptorsFile, ctx(s.pathScopes.cptDescriptorsFile));
        if (r.ok) cpt = r.path;
        else ignored.push(r.ignored);
      }
      // not awaited: a slow file must not hold back the policy packs or the next configuration change
      void dataState.setCptDescriptorsFile(cpt).catch((e) => log.error(`could not apply clinicalCodes.cptDescriptorsFile: ${describeError(e)}`));
    } catch (e) {
      log.error(`could not apply clinicalCodes.cptDescriptorsFile: ${describeError(e)}`);
    }
    try {
      const files: string[] = [];
      if (!trusted) {
        // untrusted: no pack file is read, whoever names it
        if (s.policyFiles.length || s.untrustedWorkspaceValues.includes('policyFiles')) ignored.push(untrustedReason('clinicalCodes.policyFiles'));
      } else {
        for (const f of s.policyFiles) {
          const r = await resolveSettingPath('clinicalCodes.policyFiles', f, ctx(s.pathScopes.policyFiles));
          if (r.ok) files.push(r.path);
          else ignored.push(r.ignored);
        }
      }
      const changed = await policies.reload({ folders, trusted, files });
      if (policies.untrustedPackFiles) {
        const n = policies.untrustedPackFiles;
        ignored.push(`${n} payer policy pack${n === 1 ? '' : 's'} in ${WORKSPACE_POLICY_DIR} not loaded: the workspace is not trusted, so only the bundled packs apply (trust the workspace to use ${n === 1 ? 'it' : 'them'})`);
      }
      packFiles.publish(policies.invalid, policies.files);
      if (trusted) packFiles.watch(policies.files);
      if (changed) {
        log.info(`payer policy packs: ${policies.packs.map((p) => p.origin).join(', ')}`);
        cache.clear();
        diagnostics.scheduleAll();
        refreshClient();
      }
    } catch (e) {
      log.error(`could not load the payer policy packs: ${describeError(e)}`);
    }
    ignoredSettings = [...new Set(ignored)];
    for (const m of ignoredSettings) {
      if (reportedIgnored.has(m)) continue;
      reportedIgnored.add(m);
      log.warn(m);
    }
    notifyStatus();
  }

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    cache.clear();
    diagnostics.scheduleAll();
    refreshClient();
    void applyMachineSettings();
  });

  // a pack file saved, created or deleted: reload the packs (and their diagnostics)
  connection.onDidChangeWatchedFiles(() => void applyMachineSettings());

  // TextDocuments fires onDidChangeContent for an open too: the open's check runs at once, edits are debounced
  documents.onDidOpen((e) => {
    opening.add(e.document.uri);
    diagnostics.schedule(e.document.uri, true);
  });
  documents.onDidChangeContent((e) => {
    if (opening.delete(e.document.uri)) return;
    diagnostics.schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    opening.delete(e.document.uri);
    cache.delete(e.document.uri);
    settings.forget(e.document.uri);
    diagnostics.clear(e.document.uri);
    packFiles.closed(e.document.uri);
  });

  connection.onShutdown(() => {
    shutdownReceived = true;
    diagnostics?.dispose();
    dataState?.dispose();
  });

  documents.listen(connection);
  connection.listen();
}

function debounced(fn: () => void, ms: number): () => void {
  let t: NodeJS.Timeout | undefined;
  return () => {
    clearTimeout(t);
    t = setTimeout(fn, ms);
  };
}

startServer();
