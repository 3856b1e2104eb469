// Loads the bundle once in a fresh process and prints {ms, rssMb, baseRssMb} as JSON (used by bench/run.ts).
import { CodeData } from '../server/src/engine';

async function main() {
  const base = process.memoryUsage().rss;
  const t0 = performance.now();
  await CodeData.load(process.argv[2]);
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, rssMb: process.memoryUsage().rss / 1048576, baseRssMb: base / 1048576 }) + '\n');
}
void main();
