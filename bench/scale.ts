/**
 * Scale figures (part of `npm run bench`): each shape of bench/scale-shapes.ts at n and 4n, analysed by the engine
 * in a fresh process (bundle load not counted), with wall and CPU time, peak RSS and the time ratio: linear work is ~4×, a
 * quadratic stage 16× or more. BENCH_SCALE=note,csv runs some shapes only.
 *
 * The shapes of SERVER_SHAPES are also opened at 4n in the language server (a fresh one each): its CPU from open to
 * the diagnostics next to the engine's, and hovers in a small document asked one after another meanwhile (their
 * round trips: what a user waits while the huge document is analysed), next to the same hovers before it is opened.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { LspClient } from '../test/protocol/lsp-client';
import { SCALE_SHAPES } from './scale-shapes';
import { cpuOf } from './proc';
import { pct } from './stats';

const SERVER_SHAPES = ['wide', 'csv', 'x12'];


interface ServerRun {
  wallMs: number;
  cpuMs?: number;
  diagnostics: number;
  hovers: number[];
  /** the same hovers with nothing else open: the baseline */
  idle: number[];
}

async function throughServer(text: string, format: string): Promise<ServerRun> {
  const c = await LspClient.start({ settings: { maxFileSize: 64 } });
  try {
    const small = await c.open('bench-small.txt', 'Dx: M79.642 pain in left hand');
    await c.waitForDiagnostics(small, 1, 60_000);
    const idle: number[] = [];
    for (let i = 0; i < 100; i++) {
      const h = performance.now();
      await c.hover(small, { line: 0, character: 6 });
      idle.push(performance.now() - h);
    }
    const languageId = format === 'csv' ? 'csv' : format === 'x12' ? 'x12' : 'plaintext';
    const cpu0 = cpuOf(c.child.pid);
    const t0 = performance.now();
    const big = await c.open(`bench-big.${format === 'note' ? 'txt' : format === 'x12' ? '837p' : 'csv'}`, text, languageId);
    let done = false;
    const diagnostics = c.waitForDiagnostics(big, 1, 900_000).then((ds) => ((done = true), ds));
    const hovers: number[] = [];
    while (!done) {
      const h = performance.now();
      await c.hover(small, { line: 0, character: 6 });
      if (!done) hovers.push(performance.now() - h);
    }
    const ds = await diagnostics;
    const wallMs = performance.now() - t0;
    const cpu1 = cpuOf(c.child.pid);
    return { wallMs, cpuMs: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0, diagnostics: ds.length, hovers, idle };
  } finally {
    await c.shutdown(60_000);
  }
}


type Report = (what: string, value: string, baseline?: string) => void;

interface Once {
  ms: number;
  /** CPU time: on a shared machine the fairer figure (it does not grow while other processes run) */
  cpuMs: number;
  chars: number;
  tokens: number;
  findings: number;
  maxRssMb: number;
  longestStepMs: number;
}

function once(root: string, dataDir: string, name: string, n: number): Once {
  const out = execFileSync(process.execPath, ['--stack-size=984', '--import', 'tsx', join(root, 'bench', 'scale-once.ts'), dataDir, name, String(n)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop()!) as Once;
}

const mb = (chars: number) => `${(chars / 1e6).toFixed(1)} MB`;

export async function scaleBench(report: Report, root: string, dataDir: string): Promise<void> {
  const only = process.env.BENCH_SCALE?.split(',');
  for (const [name, shape] of Object.entries(SCALE_SHAPES)) {
    if (only && !only.includes(name)) continue;
    const a = once(root, dataDir, name, shape.n);
    const b = once(root, dataDir, name, 4 * shape.n);
    for (const [n, r] of [[shape.n, a], [4 * shape.n, b]] as const) {
      report(`scale: ${n.toLocaleString('en-US')} ${shape.what}`, `${r.ms.toFixed(0)} ms (CPU ${r.cpuMs.toFixed(0)}), ${r.maxRssMb.toFixed(0)} MB, longest step ${r.longestStepMs.toFixed(0)} ms`, `${mb(r.chars)}, ${r.tokens.toLocaleString('en-US')} tokens, ${r.findings.toLocaleString('en-US')} findings`);
    }
    report(`scale: ${name} time 4n / n`, `${(b.ms / a.ms).toFixed(1)}× (CPU ${(b.cpuMs / a.cpuMs).toFixed(1)}×)`, 'linear ≈ 4×');
    if (!SERVER_SHAPES.includes(name)) continue;
    const s = await throughServer(shape.make(4 * shape.n), shape.format);
    const cpu = s.cpuMs === undefined ? 'CPU n/a' : `CPU ${(s.cpuMs / 1000).toFixed(1)} s = ${(s.cpuMs / b.cpuMs).toFixed(2)}× the engine's`;
    report(`scale: server, ${(4 * shape.n).toLocaleString('en-US')} ${shape.what}`, `${(s.wallMs / 1000).toFixed(1)} s open → diagnostics`, `${cpu}; ${s.diagnostics.toLocaleString('en-US')} diagnostics`);
    const trip = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms, max ${Math.max(...xs).toFixed(0)} ms`;
    report(`scale: server, ${s.hovers.length} hovers in a small document meanwhile`, `round trip ${trip(s.hovers)} (wall)`, `idle server: ${trip(s.idle)}`);
  }
}
