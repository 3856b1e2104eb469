// One scale shape (bench/scale-shapes.ts) at one size, analysed in a fresh process; prints its wall and CPU time, peak RSS
// and its longest step (the most time between two yields: what the server holds its event loop for) as JSON.
import { CodeData, analyzeAsync } from '../server/src/engine';
import { SCALE_SHAPES } from './scale-shapes';

async function main() {
  const [dataDir, name, n] = process.argv.slice(2);
  const data = await CodeData.load(dataDir);
  const shape = SCALE_SHAPES[name];
  const text = shape.make(Number(n));
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  // every step is timed: a yield costs a resolved promise (~0.1 µs; a few thousand steps a second of analysis)
  let longest = 0;
  let last = performance.now();
  const a = (await analyzeAsync(text, shape.format, { data, dateOfService: '2026-11-23' }, {
    sliceMs: 0,
    yieldTo: async () => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = performance.now();
    },
  }))!;
  longest = Math.max(longest, performance.now() - last);
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, chars: text.length, tokens: a.tokens.length, findings: a.findings.length, longestStepMs: longest, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
