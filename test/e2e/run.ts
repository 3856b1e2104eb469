/**
 * End-to-end runner: runs test/e2e/scenarios/*.e2e.ts sequentially against ONE
 * real VS Code (code-server) + headless Chromium, resetting the workbench
 * between scenarios (and restarting it after a failure).
 *
 *   bash scripts/e2e-setup.sh && tsx test/e2e/run.ts [substring ...]
 *
 * Env: E2E_EXTENSION_DIR (extension under test; default: repo root),
 *      E2E_ISOLATE=1 (fresh VS Code per scenario instead of one shared instance),
 *      E2E_KEEP=1 (keep temp dirs), E2E_HEADED=1, E2E_CODE_SERVER_ARGS ("--log trace"),
 *      CLINICAL_CODES_E2E_CACHE (toolchain cache, see scripts/e2e-setup.sh).
 * Prints "ok N - name" / "not ok N - name" lines and finally
 * "N passed, N failed"; exits 1 on any failure. Screenshots of failures go to
 * .test-artifacts/e2e/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ARTIFACTS_DIR, REPO_ROOT, startVSCode, type Scenario, type VSCode } from './harness.js';

const SCENARIO_DIR = path.join(REPO_ROOT, 'test', 'e2e', 'scenarios');
const DEFAULT_TIMEOUT = 60_000;

interface Loaded extends Scenario {
  file: string;
}

function pick(mod: unknown): Partial<Scenario> | undefined {
  // tsx may hand us the module namespace, a CJS `default`, or a nested default.
  const candidates: unknown[] = [mod];
  const m = mod as { default?: unknown } | undefined;
  if (m && typeof m === 'object' && 'default' in m) {
    candidates.push(m.default);
    const d = m.default as { default?: unknown } | undefined;
    if (d && typeof d === 'object' && 'default' in d) candidates.push(d.default);
  }
  return candidates.find(
    (c): c is Partial<Scenario> => !!c && typeof c === 'object' && typeof (c as Scenario).fn === 'function' && typeof (c as Scenario).name === 'string',
  );
}

async function loadScenarios(filters: string[]): Promise<Loaded[]> {
  const files = fs
    .readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.e2e.ts'))
    .sort();
  const out: Loaded[] = [];
  for (const f of files) {
    const file = path.join(SCENARIO_DIR, f);
    const mod: unknown = await import(pathToFileURL(file).href);
    const s = pick(mod);
    if (!s) throw new Error(`${f}: must export \`name\` (string) and \`fn\` (async function)`);
    if (filters.length && !filters.some((x) => f.includes(x) || s.name!.includes(x))) continue;
    out.push({ file: f, name: s.name!, fn: s.fn!, files: s.files, settings: s.settings, timeout: s.timeout, restrictedMode: s.restrictedMode });
  }
  return out;
}

function mergeFiles(scenarios: Loaded[]): Record<string, string> {
  const all: Record<string, string> = {};
  const owner: Record<string, string> = {};
  // a scenario in a VS Code of its own has its own workspace
  for (const s of scenarios.filter((x) => !x.restrictedMode)) {
    for (const [p, content] of Object.entries(s.files ?? {})) {
      if (p in all && all[p] !== content) {
        throw new Error(`workspace file "${p}" is defined differently by ${owner[p]} and ${s.file}`);
      }
      all[p] = content;
      owner[p] = s.file;
    }
  }
  return all;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

function slug(s: string): string {
  return s.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `#   ${l}`)
    .join('\n');
}

function printNotes(vs: VSCode | undefined): void {
  for (const n of vs?.notes ?? []) console.log(`#   note: ${n}`);
}

/**
 * The workbench at the failure and the extension's output, on stdout (CI keeps only stdout, not the screenshot);
 * the instance's logs saved before it is closed.
 */
async function printState(vs: VSCode | undefined, name: string): Promise<void> {
  if (!vs) return;
  const state = await vs.describeState().catch((e: unknown) => `(workbench state unavailable: ${String(e).split('\n')[0]})`);
  console.log(indent(`workbench at the failure:\n${state}`));
  const out = vs.outputLog('Clinical Codes').trimEnd().split('\n').slice(-12).join('\n');
  if (out) console.log(indent(`last lines of the Clinical Codes output:\n${out}`));
  const logs = await vs.saveLogs(`${slug(name)}-logs`).catch(() => undefined);
  if (logs) console.log(`#   logs: ${path.relative(REPO_ROOT, logs)}/`);
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const scenarios = await loadScenarios(filters);
  if (scenarios.length === 0) {
    console.log(`no scenarios matched in ${path.relative(REPO_ROOT, SCENARIO_DIR)}`);
    console.log('0 passed, 0 failed');
    return 1;
  }
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });

  const extensionDir = path.resolve(process.env.E2E_EXTENSION_DIR ?? REPO_ROOT);
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8')) as { main?: string };
  if (pkg.main && !fs.existsSync(path.join(extensionDir, pkg.main)) && !fs.existsSync(path.join(extensionDir, `${pkg.main}.js`))) {
    console.log(`# warning: ${path.join(extensionDir, pkg.main)} does not exist (run the build first); the extension cannot activate`);
  }
  const workspaceFiles = mergeFiles(scenarios);
  const startVS = (): Promise<VSCode> => startVSCode({ extensionDir, workspaceFiles, settings: {} });

  let vs: VSCode | undefined;
  const shutdown = async (): Promise<void> => {
    const v = vs;
    vs = undefined;
    await v?.close();
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      void shutdown().finally(() => process.exit(130));
    });
  }

  console.log(`# ${scenarios.length} scenario(s); extension: ${extensionDir}`);
  let passed = 0;
  let failed = 0;
  const t0 = Date.now();
  try {
    for (let i = 0; i < scenarios.length; i++) {
      const s = scenarios[i];
      const n = i + 1;
      const started = Date.now();
      if (s.restrictedMode) {
        // its own VS Code: workspace trust on, its folder untrusted, its files alone (its time includes the start-up)
        let own: VSCode | undefined;
        let starting: Promise<VSCode> | undefined;
        try {
          await withTimeout(
            (async () => {
              starting = startVSCode({ extensionDir, workspaceFiles: s.files ?? {}, settings: s.settings ?? {}, restrictedMode: true });
              own = await starting;
              await s.fn(own);
            })(),
            s.timeout ?? DEFAULT_TIMEOUT,
            `scenario "${s.name}"`,
          );
          passed++;
          console.log(`ok ${n} - ${s.name} (${((Date.now() - started) / 1000).toFixed(1)}s, own VS Code in restricted mode)`);
          printNotes(own);
        } catch (e) {
          failed++;
          console.log(`not ok ${n} - ${s.name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
          console.log(indent(e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 8).join('\n') : String(e)));
          printNotes(own);
          await printState(own, s.name);
          const shot = await own?.screenshot(`${slug(s.name)}-failure`).catch(() => undefined);
          if (shot) console.log(`#   screenshot: ${path.relative(REPO_ROOT, shot)}`);
        } finally {
          // a time-out during the start-up: close it once it is up
          await (own ?? (await starting?.catch(() => undefined)))?.close();
        }
        continue;
      }
      try {
        if (!vs) {
          const ts = Date.now();
          vs = await startVS();
          console.log(`# VS Code started in ${((Date.now() - ts) / 1000).toFixed(1)}s (port ${vs.port})`);
        }
        const cur = vs;
        cur.notes.length = 0;
        await withTimeout(
          (async () => {
            await cur.reset(s.settings ?? {});
            await s.fn(cur);
          })(),
          s.timeout ?? DEFAULT_TIMEOUT,
          `scenario "${s.name}"`,
        );
        passed++;
        console.log(`ok ${n} - ${s.name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
        printNotes(cur);
        if (process.env.E2E_ISOLATE === '1') await shutdown(); // fresh VS Code per scenario
      } catch (e) {
        failed++;
        console.log(`not ok ${n} - ${s.name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
        console.log(indent(e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 8).join('\n') : String(e)));
        printNotes(vs);
        if (vs) {
          await printState(vs, s.name);
          const shot = await vs.screenshot(`${slug(s.name)}-failure`).catch(() => undefined);
          if (shot) console.log(`#   screenshot: ${path.relative(REPO_ROOT, shot)}`);
          // A failed scenario may leave the workbench in any state: start fresh.
          await shutdown();
        }
      }
    }
  } finally {
    await shutdown();
  }
  console.log(`# total ${((Date.now() - t0) / 1000).toFixed(1)}s; artifacts in ${path.relative(REPO_ROOT, ARTIFACTS_DIR)}/`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
