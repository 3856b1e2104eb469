// One scale shape (bench/scale-shapes.ts) at one size, analysed in a fresh process; prints its wall and CPU time and peak RSS as JSON.
import { CodeData, analyze } from '../server/src/engine';
import { SCALE_SHAPES } from './scale-shapes';

async function main() {
  const [dataDir, name, n] = process.argv.slice(2);
  const data = await CodeData.load(dataDir);
  const shape = SCALE_SHAPES[name];
  const text = shape.make(Number(n));
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const a = analyze(text, shape.format, { data, dateOfService: '2026-11-23' });
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, chars: text.length, tokens: a.tokens.length, findings: a.findings.length, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
