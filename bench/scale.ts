/**
 * Scale figures (part of `npm run bench`): each shape of bench/scale-shapes.ts at n and 4n, analysed by the engine
 * in a fresh process (bundle load not counted), with wall and CPU time, peak RSS and the time ratio: linear work is ~4×, a
 * quadratic stage 16× or more. BENCH_SCALE=note,csv runs some shapes only.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { SCALE_SHAPES } from './scale-shapes';

type Report = (what: string, value: string, baseline?: string) => void;

interface Once {
  ms: number;
  /** CPU time: on a shared machine the fairer figure (it does not grow while other processes run) */
  cpuMs: number;
  chars: number;
  tokens: number;
  findings: number;
  maxRssMb: number;
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
      report(`scale: ${n.toLocaleString('en-US')} ${shape.what}`, `${r.ms.toFixed(0)} ms (CPU ${r.cpuMs.toFixed(0)}), ${r.maxRssMb.toFixed(0)} MB`, `${mb(r.chars)}, ${r.tokens.toLocaleString('en-US')} tokens, ${r.findings.toLocaleString('en-US')} findings`);
    }
    report(`scale: ${name} time 4n / n`, `${(b.ms / a.ms).toFixed(1)}× (CPU ${(b.cpuMs / a.cpuMs).toFixed(1)}×)`, 'linear ≈ 4×');
  }
}
