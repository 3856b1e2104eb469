/**
 * CLI figures (part of `npm run bench`, BENCH_ONLY=cli): `clinical-codes check` over a directory of notes — the seed
 * documents plus slices of the synthetic note corpus (bench/corpus.ts) of 2 KB-600 KB each — at 1× and 4× its size,
 * in one thread (--jobs 1) and on two threads (--jobs 2: this thread and a worker; what --jobs auto takes on 3 cores;
 * the default is --jobs 1). Wall time and peak RSS (`/usr/bin/time -v`), next to
 * `grep -rEo` with the code patterns on the same files and cspell (a linter of the same kind; a dev dependency for
 * this comparison only, CLINICAL_CODES_BENCH_CSPELL names another build). Peak RSS should stay flat from 1× to 4×: the CLI streams.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureCorpus } from './corpus';
import { spawnSync } from 'node:child_process';
import { rng } from './random';
import { median } from './stats';

type Report = (what: string, value: string, baseline?: string) => void;

const SEEDS = resolve(__dirname, '..', '..', 'shared', 'seeds');
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 3);
/** the code patterns of the notes bench (bench/run.ts), for grep */
const PATTERN = '(^|[^A-Za-z0-9.$#/@_])([A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?|[A-Z][0-9][0-9A-Z]{2,4}|[0-9]{4}[0-9FTUM]|[0-9]{3}[0-9A-Z]{6}X)([^A-Za-z0-9_@]|$)';

/** One copy of the corpus: the seeds and the synthetic notes cut at line ends into files of 2 KB-600 KB. */
async function ensureOneCopy(dir: string, benchDir: string, megabytes: number): Promise<void> {
  const done = join(dir, '.complete');
  if (existsSync(done)) return;
  mkdirSync(dir, { recursive: true });
  for (const f of existsSync(SEEDS) ? readdirSync(SEEDS) : []) copyFileSync(join(SEEDS, f), join(dir, `seed-${f}`));
  const text = readFileSync(await ensureCorpus(benchDir, Math.ceil(megabytes)), 'latin1').slice(0, megabytes * 1e6);
  const r = rng(7);
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    // mostly small notes, some large ones
    const want = r() < 0.8 ? 2_000 + Math.floor(r() * 40_000) : 100_000 + Math.floor(r() * 500_000);
    let end = text.indexOf('\n', Math.min(text.length, at + want));
    end = end < 0 ? text.length : end + 1;
    writeFileSync(join(dir, `note-${String(i).padStart(5, '0')}.${['txt', 'md', 'note', 'txt'][i % 4]}`), text.slice(at, end), 'latin1');
    at = end;
  }
  writeFileSync(done, '');
}

/** `.bench/cli-<n>x`: n copies of the one-copy corpus in subdirectories. */
async function ensureCliCorpus(root: string, megabytes: number, copies: number): Promise<{ dir: string; bytes: number; files: number }> {
  const base = join(root, '.bench', `cli-${megabytes}mb`);
  const dir = join(base, `${copies}x`);
  await ensureOneCopy(join(base, 'one', 'copy'), join(root, '.bench'), megabytes);
  const src = join(base, 'one', 'copy');
  let bytes = 0;
  let files = 0;
  for (let c = 0; c < copies; c++) {
    const to = join(dir, `copy-${c}`);
    mkdirSync(to, { recursive: true });
    for (const f of readdirSync(src)) {
      if (f.startsWith('.')) continue;
      if (!existsSync(join(to, f))) copyFileSync(join(src, f), join(to, f));
      bytes += statSync(join(to, f)).size;
      files++;
    }
  }
  return { dir, bytes, files };
}

/**
 * Wall time, CPU time (user + system: what the run costs on a busy machine) and peak RSS from `/usr/bin/time -v`.
 * Output goes to a pipe that is drained, not /dev/null: GNU grep stops at the first match when it writes to /dev/null.
 */
function timed(cmd: string, args: string[], cwd: string): { ms: number; cpuMs?: number; rss?: number; status: number | null } {
  const useTime = existsSync('/usr/bin/time');
  const runs = Array.from({ length: RUNS }, () => {
    const t = performance.now();
    const r = spawnSync(useTime ? '/usr/bin/time' : cmd, useTime ? ['-v', cmd, ...args] : args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
    const ms = performance.now() - t;
    const err = r.stderr?.toString() ?? '';
    const num = (re: RegExp) => (re.exec(err) ? Number(re.exec(err)![1]) : undefined);
    const user = num(/User time \(seconds\): ([\d.]+)/);
    const sys = num(/System time \(seconds\): ([\d.]+)/);
    const kb = num(/Maximum resident set size \(kbytes\): (\d+)/);
    return { ms, cpuMs: user !== undefined && sys !== undefined ? (user + sys) * 1000 : undefined, rss: kb !== undefined ? kb / 1024 : undefined, status: r.status };
  });
  const pick = (f: (r: (typeof runs)[number]) => number | undefined) => {
    const xs = runs.map(f).filter((x): x is number => x !== undefined);
    return xs.length ? median(xs) : undefined;
  };
  const rss = runs.map((r) => r.rss).filter((x): x is number => x !== undefined);
  return { ms: pick((r) => r.ms)!, cpuMs: pick((r) => r.cpuMs), rss: rss.length ? Math.max(...rss) : undefined, status: runs[0].status };
}

const mb = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(0)} MB`);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function cliBench(report: Report, root: string, dataDir: string): Promise<void> {
  const megabytes = Number(process.env.BENCH_CLI_MB ?? 14);
  const cli = join(root, 'bin', 'clinical-codes.js');
  const env = ['--data', dataDir, '--date-of-service', '2026-11-23'];
  const result: Record<string, { ms: number; cpuMs?: number; rss?: number }> = {};
  const cpu = (r: { cpuMs?: number }) => (r.cpuMs === undefined ? '' : `, ${s(r.cpuMs)} CPU`);
  // on a shared machine wall times follow its load; CPU time ratios do not
  const ratio = (a: { cpuMs?: number }, b: { cpuMs?: number }) => (a.cpuMs === undefined || b.cpuMs === undefined ? '' : ` (CPU ${(a.cpuMs / b.cpuMs).toFixed(1)}×)`);
  for (const copies of [1, 4]) {
    const c = await ensureCliCorpus(root, megabytes, copies);
    report(`CLI corpus ${copies}×`, `${(c.bytes / 1e6).toFixed(1)} MB`, `${c.files.toLocaleString('en-US')} files (seeds + synthetic notes)`);
    const grep = timed('env', ['LC_ALL=C', 'grep', '-rEo', PATTERN, c.dir], root);
    report(`  grep -rEo (code patterns)`, `${s(grep.ms)}, ${mb(grep.rss)} peak`, cpu(grep).slice(2));
    for (const jobs of ['1', '2']) {
      const r = timed(process.execPath, [cli, 'check', c.dir, ...env, '--jobs', jobs], root);
      if (r.status !== 0 && r.status !== 1) throw new Error(`clinical-codes check exited ${r.status}`);
      result[`${copies}-${jobs}`] = r;
      report(`  check ${copies}× ${jobs === '1' ? '(--jobs 1: one thread)' : '(--jobs 2: two threads, as auto on 3 cores)'}`, `${s(r.ms)}, ${mb(r.rss)} peak`, `${(r.ms / grep.ms).toFixed(1)}× grep's time${cpu(r)}${ratio(r, grep)} (target ≤ 3×)`);
    }
    if (copies === 1) {
      const cspell = process.env.CLINICAL_CODES_BENCH_CSPELL ?? join(root, 'node_modules', 'cspell', 'bin.mjs');
      if (!existsSync(cspell)) {
        report('  cspell', 'skipped', `${cspell} is not there: npm ci installs it (a dev dependency)`);
      } else {
        // cspell exits 1 when it finds unknown words; only the time matters
        const r = timed(process.execPath, [cspell, 'lint', '--no-progress', '--no-summary', '--no-must-find-files', '--no-cache', `${c.dir}/**`], root);
        const ours = result['1-1'].ms;
        report('  cspell lint (same files)', `${s(r.ms)}, ${mb(r.rss)} peak`, `check is ${(r.ms / ours).toFixed(1)}× faster${cpu(r)}${ratio(r, result['1-1'])} (target ≥ 4×)`);
      }
    }
  }
  const a = result['1-1'].rss;
  const b = result['4-1'].rss;
  if (a && b) report('  peak RSS 4× / 1× (--jobs 1)', `${(b / a).toFixed(2)}`, 'streaming: about 1; target ≤ 200 MB');
}
