/**
 * Claim-export figures (part of `npm run bench`): a generated 100,000-row claim CSV (bench/claims.ts) checked end to
 * end through the built CLI and by analyze() alone, each next to baselines measured in the same run on the same file:
 * `wc -l` and a plain csv-parse pass (fresh process). Rows/s and claims/s, wall time and peak RSS.
 */
import { closeSync, existsSync, openSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { CodeData } from '../server/src/engine';
import { ensureClaims } from './claims';
import { median } from './stats';

type Report = (what: string, value: string, baseline?: string) => void;

const RUNS = Number(process.env.BENCH_CLAIM_RUNS ?? 3);
const TIME = '/usr/bin/time';

interface ProcessRun {
  wallMs: number;
  maxRssMb?: number;
  status: number | null;
}

/**
 * Runs a command with its output thrown away (stdout to /dev/null, unless captured) and measures its wall time; its peak RSS comes
 * from `/usr/bin/time -v` (the OS's accounting of the finished child) when present.
 */
export function runProcess(cmd: string, args: string[], cwd: string, capture = false): ProcessRun & { stdout: string } {
  const useTime = existsSync(TIME);
  const devNull = openSync('/dev/null', 'w');
  try {
    const t = performance.now();
    const r = useTime
      ? spawnSync(TIME, ['-v', cmd, ...args], { cwd, stdio: ['ignore', capture ? 'pipe' : devNull, 'pipe'], maxBuffer: 1 << 26 })
      : spawnSync(cmd, args, { cwd, stdio: ['ignore', capture ? 'pipe' : devNull, 'pipe'], maxBuffer: 1 << 26 });
    const wallMs = performance.now() - t;
    const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr?.toString() ?? '');
    return { wallMs, maxRssMb: kb ? Number(kb[1]) / 1024 : undefined, status: r.status, stdout: r.stdout?.toString() ?? '' };
  } finally {
    closeSync(devNull);
  }
}

/** The CLI in a child that reports its own peak RSS on exit (where /usr/bin/time is missing). */
function cliRssFallback(root: string, args: string[]): number | undefined {
  const code = `require(${JSON.stringify(join(root, 'dist', 'cli.js'))}).main(${JSON.stringify(args)}).then(c => { process.exitCode = c; }); process.on('exit', () => process.stderr.write('\\nMAXRSS_KB=' + process.resourceUsage().maxRSS + '\\n'));`;
  const r = spawnSync(process.execPath, ['-e', code], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const m = /MAXRSS_KB=(\d+)/.exec(r.stderr.toString());
  return m ? Number(m[1]) / 1024 : undefined;
}

const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')}`;
const mb = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(0)} MB`);

export async function claimsBench(report: Report, root: string, dataDir: string, data: CodeData): Promise<void> {
  const rows = Number(process.env.BENCH_CLAIM_ROWS ?? 100_000);
  const c = await ensureClaims(join(root, '.bench'), data, rows);
  report('claim export (CSV, 15 columns)', `${c.rows.toLocaleString('en-US')} rows`, `${c.claims.toLocaleString('en-US')} claims, ${(c.bytes / 1e6).toFixed(1)} MB`);

  // baselines on the same file: wc -l, and csv-parse in a fresh process
  const wc = median(Array.from({ length: RUNS }, () => runProcess('wc', ['-l', c.file], root).wallMs));
  const parses = Array.from({ length: RUNS }, () => {
    const run = runProcess(process.execPath, [join(root, 'bench', 'csv-parse-once.mjs'), c.file], root, true);
    const own = JSON.parse(run.stdout) as { parseMs: number; records: number; maxRssMb: number };
    if (own.records !== c.rows + 1) throw new Error(`csv-parse read ${own.records} records, the generator wrote ${c.rows} rows and a header`);
    return { ...run, parseMs: own.parseMs, ownRssMb: own.maxRssMb };
  });
  const parseWall = median(parses.map((p) => p.wallMs));
  const parseMs = median(parses.map((p) => p.parseMs));
  const parseRss = median(parses.map((p) => p.maxRssMb ?? p.ownRssMb));

  // the built CLI end to end: start, bundle load, read, analyze, JSON written (to /dev/null)
  const args = ['check', c.file, '--format', 'json', '--max-file-size', String(Math.ceil(c.bytes / 1048576) + 1)];
  const clis = Array.from({ length: RUNS }, () => runProcess(process.execPath, [join(root, 'bin', 'clinical-codes.js'), ...args], root));
  if (clis.some((r) => r.status !== 0 && r.status !== 1)) throw new Error(`clinical-codes check exited ${clis.map((r) => r.status).join(', ')} on ${c.file}`);
  const cliWall = median(clis.map((r) => r.wallMs));
  const cliRss = clis[0].maxRssMb !== undefined ? median(clis.map((r) => r.maxRssMb!)) : cliRssFallback(root, args);

  // the engine alone, in a fresh process: bundle load, then analyze() on the text
  const engines = Array.from({ length: RUNS }, () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'claims-once.ts'), dataDir, c.file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    return JSON.parse(out.trim().split('\n').pop()!) as { loadMs: number; analyzeMs: number; maxRssMb: number; heapUsedMb: number; tokens: number; findings: number; claims: number };
  });
  const analyzeMs = median(engines.map((e) => e.analyzeMs));
  const e0 = engines[0];
  if (e0.claims !== c.claims) throw new Error(`analyze() read ${e0.claims} claims, the generator wrote ${c.claims}`);

  report('  wc -l (baseline)', `${wc.toFixed(0)} ms`, `${rate(c.rows, wc)} rows/s`);
  report('  csv-parse, fresh process (baseline)', `${parseWall.toFixed(0)} ms wall`, `parse ${parseMs.toFixed(0)} ms, ${rate(c.rows, parseMs)} rows/s, peak RSS ${mb(parseRss)}`);
  report('  CLI check --format json, end to end', `${(cliWall / 1000).toFixed(2)} s wall`, `${(cliWall / parseWall).toFixed(1)}× csv-parse process, ${(cliWall / wc).toFixed(0)}× wc -l`);
  report('  CLI throughput', `${rate(c.rows, cliWall)} rows/s`, `${rate(c.claims, cliWall)} claims/s`);
  report('  CLI peak RSS', mb(cliRss), `csv-parse process ${mb(parseRss)}`);
  report('  analyze() alone (fresh process)', `${(analyzeMs / 1000).toFixed(2)} s`, `${(analyzeMs / parseMs).toFixed(1)}× csv-parse's parse; load ${median(engines.map((e) => e.loadMs)).toFixed(0)} ms before it`);
  report('  analyze() throughput', `${rate(c.rows, analyzeMs)} rows/s`, `${rate(c.claims, analyzeMs)} claims/s`);
  report('  analyze() process peak RSS', mb(median(engines.map((e) => e.maxRssMb))), `heap in use after: ${mb(median(engines.map((e) => e.heapUsedMb)))}`);
  report('  tokens / findings', `${e0.tokens.toLocaleString('en-US')}`, `${e0.findings.toLocaleString('en-US')} findings`);
}
