/**
 * A small real LSP client for the built language server (dist/server.js), for protocol tests and benchmarks.
 *
 *   const c = await LspClient.start({ settings: { rules: { 'description.mismatch': 'off' } } });
 *   const uri = await c.open('note.txt', 'Dx: M79.64 pain');
 *   const diags = await c.waitForDiagnostics(uri);          // the publish for the version just opened
 *   const hover = await c.hover(uri, { line: 0, character: 5 });
 *   await c.shutdown();
 *
 * Speaks JSON-RPC over the child's stdio (or node IPC), answers the server's requests (workspace/configuration
 * with per-URI settings, registerCapability, refresh requests) and records log/show messages. Never sleeps: every
 * wait is on a message, with a timeout that fails the wait.
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { after } from 'node:test';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  CompletionResolveRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  InlayHintRefreshRequest,
  InlayHintRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  SemanticTokensRefreshRequest,
  SemanticTokensRequest,
  ShowMessageNotification,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  createProtocolConnection,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type CompletionContext,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type InitializeResult,
  type InlayHint,
  type LogMessageParams,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type SemanticTokens,
  type ShowMessageParams,
  type SymbolInformation,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { SERVER_EXEC_ARGV, serverEnv } from '../../server/src/protocol';

/**
 * Servers not shut down: a test that fails before its `shutdown` would leave one running, and the test file would
 * wait for it until the runner's timeout. Under `node --test` they are killed once the file's tests are done.
 */
const running = new Set<ChildProcess>();
if (process.env.NODE_TEST_CONTEXT) after(() => running.forEach((c) => c.kill('SIGKILL')));

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const SERVER_JS = join(REPO_ROOT, 'dist', 'server.js');
export const SEEDS_DIR = resolve(REPO_ROOT, '..', 'shared', 'seeds');
export const FIXTURES_DIR = join(__dirname, 'fixtures');

// ---------------------------------------------------------------- build

function newest(dir: string): number {
  let n = 0;
  if (!existsSync(dir)) return n;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    n = Math.max(n, st.isDirectory() ? newest(p) : st.mtimeMs);
  }
  return n;
}

let built = false;
/**
 * Runs `node scripts/build.mjs` once per process when dist/server.js is missing or older than the sources
 * (scripts/run-tests.mjs normally did it already). A lock directory keeps parallel test files from building twice.
 */
export function ensureBuilt(): void {
  if (built) return;
  const stale = () => !existsSync(SERVER_JS) || statSync(SERVER_JS).mtimeMs < newest(join(REPO_ROOT, 'server', 'src'));
  if (stale()) {
    const lock = join(REPO_ROOT, '.test-artifacts', 'build.lock');
    mkdirSync(join(REPO_ROOT, '.test-artifacts'), { recursive: true });
    let owner = false;
    try {
      mkdirSync(lock);
      owner = true;
    } catch {
      // another test process is building: wait for it (bounded)
      const until = Date.now() + 120_000;
      const pause = new Int32Array(new SharedArrayBuffer(4));
      while (existsSync(lock) && Date.now() < until) Atomics.wait(pause, 0, 0, 200);
    }
    try {
      if (owner || stale()) {
        const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
        if (r.status !== 0) throw new Error('node scripts/build.mjs failed');
      }
    } finally {
      if (owner) rmdirSync(lock);
    }
  }
  if (!existsSync(join(REPO_ROOT, 'dist', 'data', 'manifest.json')) && !process.env.CLINICAL_CODES_DATA) {
    throw new Error('dist/data is missing: run `npm run build:data` first');
  }
  built = true;
}

// ---------------------------------------------------------------- fixtures

/** A file:// URI for a (possibly non-existent) file name under the fixtures directory, or an absolute path. */
/** The built CLI's JSON findings for the arguments (the same engine, for comparing positions with the server's). */
export function runCliJson(args: string[]): unknown[] {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'clinical-codes.js'), ...args, '--format', 'json'], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) throw new Error(`clinical-codes ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as unknown[];
}

export function fileUri(nameOrPath: string): string {
  return pathToFileURL(nameOrPath.startsWith('/') ? nameOrPath : join(FIXTURES_DIR, nameOrPath)).href;
}

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

export function offsetAt(text: string, p: Position): number {
  let offset = 0;
  for (let l = 0; l < p.line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) return text.length;
    offset = nl + 1;
  }
  return offset + p.character;
}

/**
 * Removes a cursor marker ("$0" by default; "|" also works where the text has no pipes) and returns the text and
 * the cursor position.
 */
export function withCursor(textWithMarker: string, marker = '$0'): { text: string; offset: number; position: Position } {
  const offset = textWithMarker.indexOf(marker);
  if (offset < 0) throw new Error(`no cursor marker ${marker} in fixture`);
  const text = textWithMarker.slice(0, offset) + textWithMarker.slice(offset + marker.length);
  return { text, offset, position: positionAt(text, offset) };
}

/** A fixture file from test/protocol/fixtures, with its cursor marker ($0) removed when it has one. */
export function fixture(name: string): { text: string; position: Position; offset: number; languageId: string } {
  const raw = readFileSync(join(FIXTURES_DIR, name), 'utf8');
  const ext = name.slice(name.lastIndexOf('.') + 1);
  const languageId = ext === 'md' ? 'markdown' : ext === 'csv' ? 'csv' : ext === 'note' ? 'clinical-note' : 'plaintext';
  if (!raw.includes('$0')) return { text: raw, position: { line: 0, character: 0 }, offset: -1, languageId };
  return { ...withCursor(raw), languageId };
}

/** A diagnostic's message as text (LSP 3.18 allows markup). */
export function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** A seed document from ../shared/seeds. */
export function seed(name: string): string {
  return readFileSync(join(SEEDS_DIR, name), 'utf8');
}

/** Position of the n-th occurrence of `needle` (plus `delta` characters). */
export function positionOf(text: string, needle: string, delta = 0, occurrence = 0): Position {
  let i = -1;
  for (let k = 0; k <= occurrence; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" not found`);
  }
  return positionAt(text, i + delta);
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetAt(out, e.range.start)) + e.newText + out.slice(offsetAt(out, e.range.end));
  return out;
}

/** The edits a code action makes to one document (either WorkspaceEdit form). */
export function actionEdits(action: CodeAction, uri: string): TextEdit[] {
  const e = action.edit;
  if (!e) return [];
  if (e.changes?.[uri]) return e.changes[uri];
  const out: TextEdit[] = [];
  for (const dc of e.documentChanges ?? []) if ('textDocument' in dc && dc.textDocument.uri === uri) out.push(...(dc.edits as TextEdit[]));
  return out;
}

// ---------------------------------------------------------------- client

export interface StartOptions {
  /** server script (default dist/server.js) */
  serverPath?: string;
  /** transport (default stdio) */
  transport?: 'stdio' | 'ipc';
  /** extra command-line arguments; the transport flag is added unless `rawArgs` */
  args?: string[];
  rawArgs?: boolean;
  env?: Record<string, string | undefined>;
  /** the `clinicalCodes` settings section returned for workspace/configuration */
  settings?: Record<string, unknown>;
  /** per-URI overrides merged over `settings` (keyed by scopeUri) */
  settingsByUri?: Record<string, Record<string, unknown>>;
  /** answer workspace/configuration (default true); false = a client that only pushes settings */
  pullConfiguration?: boolean;
  initializationOptions?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  workspaceFolder?: string;
  /** build dist/ first if stale (default true) */
  build?: boolean;
  /** run the server under this command (stdio only), e.g. ['unshare', '-n'] */
  wrap?: string[];
}

export class LspClient {
  readonly logs: LogMessageParams[] = [];
  readonly shownMessages: ShowMessageParams[] = [];
  /** every publishDiagnostics received, in order */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly configurationRequests: (string | undefined)[] = [];
  initializeResult!: InitializeResult;
  private readonly versions = new Map<string, number>();
  private readonly texts = new Map<string, string>();
  private waiters: { uri: string; match: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  private messageWaiters: { match: (m: LogMessageParams | ShowMessageParams, kind: 'log' | 'show') => boolean; resolve: () => void }[] = [];
  private notificationHandlers = new Map<string, ((params: unknown) => void)[]>();
  settings: Record<string, unknown>;
  settingsByUri: Record<string, Record<string, unknown>>;
  private exited: Promise<number | null>;
  stderr = '';

  private constructor(
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
    opts: StartOptions,
  ) {
    this.settings = opts.settings ?? {};
    this.settingsByUri = opts.settingsByUri ?? {};
    this.exited = new Promise((r) => child.once('exit', (code) => r(code)));
    child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    running.add(child);
    child.once('exit', () => running.delete(child));
  }

  static async start(opts: StartOptions = {}): Promise<LspClient> {
    if (opts.build !== false && !opts.serverPath) ensureBuilt();
    const script = opts.serverPath ?? SERVER_JS;
    const transport = opts.transport ?? 'stdio';
    const args = opts.rawArgs ? (opts.args ?? []) : [...(opts.args ?? []), transport === 'ipc' ? '--node-ipc' : '--stdio'];
    // dist/server.js runs as the extension starts it; another server path (the bin) as a user's editor would
    const env = { ...process.env, ...(opts.serverPath ? {} : serverEnv(process.platform, process.env)), ...opts.env };
    let child: ChildProcess;
    let connection: ProtocolConnection;
    const execArgv = opts.serverPath ? [] : [...SERVER_EXEC_ARGV];
    if (transport === 'ipc') {
      child = fork(script, args, { env, execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      const [cmd, ...pre] = [...(opts.wrap ?? []), process.execPath, ...execArgv, script, ...args];
      child = spawn(cmd, pre, { env, stdio: ['pipe', 'pipe', 'pipe'] });
      connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    }
    const c = new LspClient(connection, child, opts);
    c.wire(opts.pullConfiguration !== false);
    connection.listen();
    const folder = opts.workspaceFolder ?? FIXTURES_DIR;
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: opts.pullConfiguration !== false,
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true },
        semanticTokens: { refreshSupport: true },
        inlayHint: { refreshSupport: true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: false, labelDetailsSupport: true, documentationFormat: ['markdown'] }, contextSupport: true },
        codeAction: { isPreferredSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        semanticTokens: { requests: { full: true, range: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
        inlayHint: {},
      },
      window: { workDoneProgress: false },
      ...opts.capabilities,
    };
    c.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'fixtures' }],
      capabilities,
      initializationOptions: opts.initializationOptions ?? (opts.pullConfiguration === false ? { settings: opts.settings } : undefined),
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return c;
  }

  private wire(pull: boolean): void {
    const conn = this.connection;
    conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      const ready = this.waiters.filter((w) => w.uri === p.uri && w.match(p));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      ready.forEach((w) => w.resolve(p));
    });
    conn.onNotification(LogMessageNotification.type, (m) => {
      this.logs.push(m);
      this.checkMessages(m, 'log');
    });
    conn.onNotification(ShowMessageNotification.type, (m) => {
      this.shownMessages.push(m);
      this.checkMessages(m, 'show');
    });
    conn.onRequest(ShowMessageRequest.type, (m) => {
      this.shownMessages.push(m);
      this.checkMessages(m, 'show');
      return null;
    });
    conn.onUnhandledNotification((n) => {
      for (const h of this.notificationHandlers.get(n.method) ?? []) h(n.params);
    });
    if (pull) {
      conn.onRequest(ConfigurationRequest.type, (params) =>
        params.items.map((item) => {
          this.configurationRequests.push(item.scopeUri);
          if (item.section !== 'clinicalCodes') return null;
          return { ...this.settings, ...(item.scopeUri ? this.settingsByUri[item.scopeUri] : undefined) };
        }),
      );
    }
    conn.onRequest(RegistrationRequest.type, () => undefined);
    conn.onRequest(UnregistrationRequest.type, () => undefined);
    conn.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    conn.onRequest(SemanticTokensRefreshRequest.type, () => undefined);
    conn.onRequest(InlayHintRefreshRequest.type, () => undefined);
  }

  private checkMessages(m: LogMessageParams | ShowMessageParams, kind: 'log' | 'show'): void {
    const ready = this.messageWaiters.filter((w) => w.match(m, kind));
    this.messageWaiters = this.messageWaiters.filter((w) => !ready.includes(w));
    ready.forEach((w) => w.resolve());
  }

  /** Resolves when a log (or shown) message matching the predicate has arrived (including earlier ones). */
  waitForMessage(match: (m: LogMessageParams | ShowMessageParams, kind: 'log' | 'show') => boolean, timeoutMs = 20_000): Promise<void> {
    if (this.logs.some((m) => match(m, 'log')) || this.shownMessages.some((m) => match(m, 'show'))) return Promise.resolve();
    return withTimeout(new Promise<void>((resolve) => this.messageWaiters.push({ match, resolve })), timeoutMs, 'message');
  }

  /** Custom notifications (e.g. clinicalCodes/statusChanged). */
  onNotification(method: string, handler: (params: unknown) => void): void {
    const list = this.notificationHandlers.get(method) ?? [];
    list.push(handler);
    this.notificationHandlers.set(method, list);
  }

  // ------------------------------------------------------------ documents

  /** Opens a document (name under fixtures/ or a URI); returns its URI. */
  async open(nameOrUri: string, text: string, languageId = 'plaintext'): Promise<string> {
    const uri = /^[a-z][a-z0-9+.-]*:/.test(nameOrUri) ? nameOrUri : fileUri(nameOrUri);
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Replaces the whole text (full sync); returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    this.texts.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  text(uri: string): string {
    return this.texts.get(uri) ?? '';
  }

  // ------------------------------------------------------------ diagnostics

  /** Diagnostics published for a document version (default: the current one); resolves at once if already here. */
  async waitForDiagnostics(uri: string, version = this.version(uri), timeoutMs = 20_000): Promise<Diagnostic[]> {
    const have = [...this.published].reverse().find((p) => p.uri === uri && p.version === version);
    if (have) return have.diagnostics;
    return (await this.publishWhere(uri, (x) => x.version === version, `diagnostics for ${uri} v${version}`, timeoutMs)).diagnostics;
  }

  /** The next publish for a URI that satisfies `match`. */
  private publishWhere(uri: string, match: (p: PublishDiagnosticsParams) => boolean, what: string, timeoutMs: number): Promise<PublishDiagnosticsParams> {
    return withTimeout(new Promise((resolve) => this.waiters.push({ uri, match, resolve })), timeoutMs, what);
  }

  /**
   * The diagnostics of the latest publish for a URI once they satisfy `ok` (at once if they already do): for a change
   * whose effect is known, where the next publish could still be one the server had under way before it.
   */
  async diagnosticsWhere(uri: string, ok: (ds: Diagnostic[]) => boolean, what: string, timeoutMs = 20_000): Promise<Diagnostic[]> {
    const last = [...this.published].reverse().find((p) => p.uri === uri);
    if (last && ok(last.diagnostics)) return last.diagnostics;
    return (await this.publishWhere(uri, (x) => ok(x.diagnostics), `${what} for ${uri}`, timeoutMs)).diagnostics;
  }

  /** The next publish for a URI after this call (call it before the action that causes it). */
  nextDiagnostics(uri: string, timeoutMs = 20_000): Promise<PublishDiagnosticsParams> {
    return this.publishWhere(uri, () => true, `next diagnostics for ${uri}`, timeoutMs);
  }

  // ------------------------------------------------------------ settings

  /** New settings: answered to the next workspace/configuration requests and announced with didChangeConfiguration. */
  async setSettings(settings: Record<string, unknown>, byUri: Record<string, Record<string, unknown>> = this.settingsByUri): Promise<void> {
    this.settings = settings;
    this.settingsByUri = byUri;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { clinicalCodes: settings } });
  }

  // ------------------------------------------------------------ requests

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  async complete(uri: string, position: Position, context?: CompletionContext): Promise<CompletionList> {
    const r = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position, context: context ?? { triggerKind: 1 } });
    if (!r) return { isIncomplete: false, items: [] };
    return Array.isArray(r) ? { isIncomplete: false, items: r } : r;
  }

  resolve(item: CompletionItem): Promise<CompletionItem> {
    return this.connection.sendRequest(CompletionResolveRequest.type, item);
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[] = [], only?: string[]): Promise<CodeAction[]> {
    const r = await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } });
    return (r ?? []).filter((a: CodeAction | Command): a is CodeAction => 'kind' in a || 'edit' in a || 'diagnostics' in a);
  }

  async inlayHints(uri: string, range: Range): Promise<InlayHint[]> {
    return (await this.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range })) ?? [];
  }

  async documentSymbols(uri: string): Promise<DocumentSymbol[]> {
    const r = (await this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[] | SymbolInformation[] | null;
    return (r ?? []) as DocumentSymbol[];
  }

  async semanticTokens(uri: string): Promise<SemanticTokens> {
    return (await this.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } })) ?? { data: [] };
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  // ------------------------------------------------------------ lifecycle

  /** shutdown + exit; resolves with the process exit code (kills it if it does not exit). */
  async shutdown(timeoutMs = 10_000): Promise<number | null> {
    try {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type, undefined), timeoutMs, 'shutdown');
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      this.child.kill();
    }
    const code = await withTimeout(this.exited, timeoutMs, 'exit').catch(() => {
      this.child.kill('SIGKILL');
      return null;
    });
    this.connection.dispose();
    return code;
  }
}

/** Decodes LSP relative semantic tokens into absolute [line, character, length, type, modifiers] rows. */
export function decodeSemanticTokens(data: number[], legend: { tokenTypes: string[]; tokenModifiers: string[] }) {
  const out: { line: number; character: number; length: number; type: string; modifiers: string[] }[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    const mods = legend.tokenModifiers.filter((_, b) => data[i + 4] & (1 << b));
    out.push({ line, character, length: data[i + 2], type: legend.tokenTypes[data[i + 3]], modifiers: mods });
  }
  return out;
}

/** Rejects when `p` has not settled within `ms` (a request that is never answered fails the test, naming it). */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]);
}
