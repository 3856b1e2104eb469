/**
 * Clinical Codes language server: the connection and the wiring of one module per feature.
 * Transports: `--node-ipc` (the VS Code client), `--stdio` (other editors; the default), `--socket=N`, `--pipe=NAME`.
 */
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  InlayHintRefreshRequest,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  SemanticTokensRefreshRequest,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
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
import { SettingsStore } from './settings';
import { PolicyStore } from './policies';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export function startServer(argv: string[] = process.argv): void {
  // createConnection() picks the transport from the command line; without one, speak LSP over stdio
  if (!argv.some((a) => /^--(stdio|node-ipc|socket|pipe)\b/.test(a))) argv.push('--stdio');
  const connection = createConnection(ProposedFeatures.all);
  const log = connectionLogger(connection);
  const documents = new TextDocuments(TextDocument);

  let settings: SettingsStore;
  let dataState: DataState;
  let cache: AnalysisCache;
  let diagnostics: DiagnosticsPublisher;
  let notifyStatus = () => {};
  let workspaceRoot: string | undefined;
  let workspaceFolder: string | undefined;
  /** local paths of the workspace folders, for .clinical-codes/policies */
  let folders: string[] = [];
  let trusted = false;
  let policies: PolicyStore;
  /** documents just opened: their first check is not debounced */
  const opening = new Set<string>();
  let caps: InitializeParams['capabilities'];

  process.on('unhandledRejection', (e) => log.error(`unhandled rejection: ${describeError(e)}`));

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    caps = params.capabilities;
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    workspaceFolder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    workspaceRoot = workspaceFolder?.startsWith('file:') ? fileURLToPath(workspaceFolder) : undefined;
    folders = (params.workspaceFolders?.map((f) => f.uri) ?? (workspaceFolder ? [workspaceFolder] : [])).filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    // other clients do not say: untrusted, bundled packs only
    trusted = init.workspaceTrusted === true;
    policies = new PolicyStore(log);
    const pull = !!caps.workspace?.configuration;
    settings = new SettingsStore(connection, log, pull, init.settings);
    const reported = new Set<string>();
    dataState = new DataState(
      init.dataDir ? defaultDataDir(init.dataDir) : defaultDataDir(),
      log,
      (message) => {
        // each problem once per session: a missing bundle must not pop up for every document
        if (reported.has(message)) return;
        reported.add(message);
        connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message }).catch(() => undefined);
      },
      typeof init.searchIndexDelayMs === 'number' ? init.searchIndexDelayMs : 0,
    );
    cache = new AnalysisCache(dataState, settings, log, policies);
    diagnostics = new DiagnosticsPublisher(connection, documents, cache, settings, log);

    registerHover(connection, documents, cache, dataState);
    registerClaims(connection, documents, cache);
    registerCompletion(connection, documents, cache, dataState);
    registerCodeActions(connection, documents, cache, {
      documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
      configureRuleCommand: init.client === 'vscode-clinical-codes',
    });
    registerInlayHints(connection, documents, cache);
    registerDocumentSymbols(connection, documents, cache);
    registerSemanticTokens(connection, documents, cache);
    ({ notifyStatus } = registerCommands(connection, documents, cache, dataState, diagnostics, policies));
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

  /** Settings that are not per document: the licensed CPT descriptor file (machine-overridable, one per server). */
  async function applyMachineSettings(): Promise<void> {
    try {
      const s = await settings.get(workspaceFolder ?? '');
      await dataState.setCptDescriptorsFile(s.cptDescriptorsFile, workspaceRoot);
    } catch (e) {
      log.error(`could not apply clinicalCodes.cptDescriptorsFile: ${describeError(e)}`);
    }
    try {
      const s = await settings.get(workspaceFolder ?? '');
      if (await policies.reload({ folders, trusted, files: s.policyFiles })) {
        log.info(`payer policy packs: ${policies.packs.map((p) => p.origin).join(', ')}`);
        cache.clear();
        diagnostics.scheduleAll();
        refreshClient();
      }
      notifyStatus();
    } catch (e) {
      log.error(`could not load the payer policy packs: ${describeError(e)}`);
    }
  }

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    cache.clear();
    diagnostics.scheduleAll();
    refreshClient();
    void applyMachineSettings();
  });

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
  });

  connection.onShutdown(() => {
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
