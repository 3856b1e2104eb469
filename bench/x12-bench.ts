/**
 * X12 figures (part of `npm run bench`, section `x12`): a generated 837P of 10,000 claims (bench/x12.ts) checked end
 * to end through the built CLI and by analyze() alone, each next to a baseline measured in the same run on the same
 * file: a plain segment/element/component split in a fresh process (bench/x12-split-once.mjs). Claims/s, wall
 * time, peak RSS.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { CodeData } from '../server/src/engine';
import { runProcess } from './claims-bench';
import { ensureX12 } from './x12';
import { median } from './stats';

type Report = (what: string, value: string, baseline?: string) => void;

const RUNS = Number(process.env.BENCH_CLAIM_RUNS ?? 3);
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')}`;
const mb = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(0)} MB`);

export async function x12Bench(report: Report, root: string, dataDir: string, data: CodeData): Promise<void> {
  const n = Number(process.env.BENCH_X12_CLAIMS ?? 10_000);
  const x = await ensureX12(join(root, '.bench'), data, n);
  report('X12 837P interchange', `${x.claims.toLocaleString('en-US')} claims`, `${x.lines.toLocaleString('en-US')} service lines, ${x.segments.toLocaleString('en-US')} segments, ${(x.bytes / 1e6).toFixed(1)} MB`);

  // baseline: a plain split of the same file, fresh process
  const splits = Array.from({ length: RUNS }, () => {
    const run = runProcess(process.execPath, [join(root, 'bench', 'x12-split-once.mjs'), x.file], root, true);
    const own = JSON.parse(run.stdout) as { splitMs: number; segments: number; claims: number; maxRssMb: number };
    if (own.claims !== x.claims || own.segments !== x.segments) throw new Error(`the split read ${own.claims} claims / ${own.segments} segments, the generator wrote ${x.claims} / ${x.segments}`);
    return { ...run, splitMs: own.splitMs, ownRssMb: own.maxRssMb };
  });
  const splitWall = median(splits.map((s) => s.wallMs));
  const splitMs = median(splits.map((s) => s.splitMs));
  const splitRss = median(splits.map((s) => s.maxRssMb ?? s.ownRssMb));

  // the built CLI end to end
  const args = ['check', x.file, '--format', 'json', '--max-file-size', String(Math.ceil(x.bytes / 1048576) + 1)];
  const clis = Array.from({ length: RUNS }, () => runProcess(process.execPath, [join(root, 'bin', 'clinical-codes.js'), ...args], root));
  if (clis.some((r) => r.status !== 0 && r.status !== 1)) throw new Error(`clinical-codes check exited ${clis.map((r) => r.status).join(', ')} on ${x.file}`);
  const cliWall = median(clis.map((r) => r.wallMs));
  const cliRss = clis[0].maxRssMb !== undefined ? median(clis.map((r) => r.maxRssMb!)) : undefined;

  // the engine alone, fresh process: bundle load, then analyze(text, 'x12')
  const engines = Array.from({ length: RUNS }, () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'claims-once.ts'), dataDir, x.file, 'x12'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    return JSON.parse(out.trim().split('\n').pop()!) as { loadMs: number; analyzeMs: number; maxRssMb: number; heapUsedMb: number; tokens: number; findings: number; claims: number };
  });
  const analyzeMs = median(engines.map((e) => e.analyzeMs));
  const e0 = engines[0];
  if (e0.claims !== x.claims) throw new Error(`analyze() read ${e0.claims} claims, the generator wrote ${x.claims}`);

  report('  plain split ~ * :, fresh process (baseline)', `${splitWall.toFixed(0)} ms wall`, `split ${splitMs.toFixed(0)} ms, ${rate(x.claims, splitMs)} claims/s, peak RSS ${mb(splitRss)}`);
  report('  CLI check --format json, end to end', `${(cliWall / 1000).toFixed(2)} s wall`, `${(cliWall / splitWall).toFixed(1)}× the split process`);
  report('  CLI throughput', `${rate(x.claims, cliWall)} claims/s`, `${rate(x.segments, cliWall)} segments/s`);
  report('  CLI peak RSS', mb(cliRss), `split process ${mb(splitRss)}`);
  report('  analyze() alone (fresh process)', `${analyzeMs.toFixed(0)} ms`, `${(analyzeMs / splitMs).toFixed(1)}× the plain split; load ${median(engines.map((e) => e.loadMs)).toFixed(0)} ms before it`);
  report('  analyze() throughput', `${rate(x.claims, analyzeMs)} claims/s`, 'goal ≥ 20,000 claims/s on one core');
  report('  analyze() process peak RSS', mb(median(engines.map((e) => e.maxRssMb))), `heap in use after: ${mb(median(engines.map((e) => e.heapUsedMb)))}`);
  report('  tokens / findings', `${e0.tokens.toLocaleString('en-US')}`, `${e0.findings.toLocaleString('en-US')} findings`);
}
