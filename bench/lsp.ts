/**
 * Language-server figures (part of `npm run bench`), over stdio against the built dist/server.js with the full
 * bundle, each next to a baseline measured in the same run:
 *  - start to first diagnostics
 *  - hover and completion p50/p99 over 10,000 requests vs the JSON-RPC round trip of a request the server does
 *    not implement (the transport's own cost)
 *  - diagnostics latency after an edit in a 10,000-line note (with the debounce set to 0, and reported separately)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, SEEDS_DIR, positionOf } from '../test/protocol/lsp-client';
import { pct } from './stats';

const N = Number(process.env.BENCH_REQUESTS ?? 10_000);
const seed004 = readFileSync(join(SEEDS_DIR, '004_905ab25da1828483.txt'), 'utf8');

async function timed<T>(f: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

export async function lspBench(report: (what: string, value: string, baseline?: string) => void): Promise<void> {
  // start → first diagnostics (median of 3 fresh servers)
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const c = await LspClient.start({ settings: { debounceMs: 0 } });
    const uri = await c.open('bench-004.txt', seed004);
    await c.waitForDiagnostics(uri, 1, 60_000);
    starts.push(performance.now() - t0);
    await c.shutdown();
  }
  report('server start → first diagnostics (seed 004)', `${pct(starts, 50).toFixed(0)} ms`, 'median of 3, spawn included');

  const c = await LspClient.start({ settings: { debounceMs: 0 } });
  const uri = await c.open('bench-004.txt', seed004);
  await c.waitForDiagnostics(uri, 1, 60_000);
  const noop: number[] = [];
  for (let i = 0; i < N; i++) noop.push(await timed(() => c.request('clinicalCodes/benchNoop', {}).catch(() => undefined)));
  const hoverAt = ['M79.64', 'M79.65', '0489T', '207RC0000X', 'QX', 'L98.4', '15771'].map((s) => positionOf(seed004, s, 1));
  const hovers: number[] = [];
  for (let i = 0; i < N; i++) hovers.push(await timed(() => c.hover(uri, hoverAt[i % hoverAt.length])));
  const note = 'Procedure 0264T-\nDx M79.6\n';
  const curi = await c.open('bench-complete.txt', note);
  const completeAt = [positionOf(note, '0264T-', 6), positionOf(note, 'M79.6', 5)];
  await c.complete(curi, completeAt[1]); // first use builds nothing heavy for prefixes, but warm it anyway
  const completions: number[] = [];
  for (let i = 0; i < N; i++) completions.push(await timed(() => c.complete(curi, completeAt[i % 2])));
  const base50 = pct(noop, 50);
  const base99 = pct(noop, 99);
  report('no-op request round trip p50 / p99', `${base50.toFixed(2)} / ${base99.toFixed(2)} ms`, `baseline, ${N} requests`);
  report('hover p50 / p99', `${pct(hovers, 50).toFixed(2)} / ${pct(hovers, 99).toFixed(2)} ms`, `p99 ${(pct(hovers, 99) / base99).toFixed(1)}× no-op (target ≤ 5 ms, ≤ 3×)`);
  report('completion p50 / p99', `${pct(completions, 50).toFixed(2)} / ${pct(completions, 99).toFixed(2)} ms`, `p99 ${(pct(completions, 99) / base99).toFixed(1)}× no-op`);

  // diagnostics after an edit on a 10,000-line note
  const lines: string[] = [];
  for (let i = 0; i < 10_000; i++) lines.push(i % 10 === 0 ? `Dx: M79.642; CPT 99213-25 on visit ${i}` : `Line ${i}: patient doing well, BP 120/80, follow up in 2 weeks.`);
  const big = lines.join('\n');
  const buri = await c.open('bench-10k.txt', big);
  await c.waitForDiagnostics(buri, 1, 60_000);
  const edits: number[] = [];
  for (let i = 0; i < 5; i++) {
    const text = big.replace('Line 5000:', `Line 5000 (edit ${i}) M79.64:`);
    const t0 = performance.now();
    const v = await c.change(buri, text);
    await c.waitForDiagnostics(buri, v, 60_000);
    edits.push(performance.now() - t0);
  }
  report('diagnostics after an edit, 10,000-line note', `${pct(edits, 50).toFixed(0)} ms`, 'median of 5, debounce 0 (default debounce adds 200 ms)');
  await c.shutdown();
}
