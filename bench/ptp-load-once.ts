// Loads the bundle in a fresh process; with "ptp", then its NCCI PTP edits and times lookups. Prints JSON (bench/ptp.ts).
import { CodeData } from '../server/src/engine';

async function main() {
  const t0 = performance.now();
  const data = await CodeData.load(process.argv[2]);
  const ms = performance.now() - t0;
  const rssMb = process.memoryUsage().rss / 1048576;
  const buffersMb = process.memoryUsage().arrayBuffers / 1048576;
  if (process.argv[3] !== 'ptp') return void process.stdout.write(JSON.stringify({ ms, rssMb }) + '\n');
  const t1 = performance.now();
  await data.ptp.load();
  const ptpMs = performance.now() - t1;
  const ptpRssMb = process.memoryUsage().rss / 1048576;
  const ptpBuffersMb = process.memoryUsage().arrayBuffers / 1048576 - buffersMb;
  if (data.ptp.status.state !== 'loaded') throw new Error(`PTP not loaded: ${JSON.stringify(data.ptp.status)}`);
  // the lookups: every 5th edit of the table and as many random pairs of its codes (outside the timing)
  const table = (data.ptp as unknown as { table: { all(): Iterable<[string, string, number, string]> } }).table;
  const pairs: [string, string, string][] = [];
  const codes: string[] = [];
  let k = 0;
  for (const r of table.all()) {
    if (k++ % 5 === 0 && pairs.length < 500_000) pairs.push([r[0], r[1], '2026-05-01']);
    if (k % 97 === 0) codes.push(r[1]);
  }
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  while (pairs.length < 1_000_000) pairs.push([codes[Math.floor(rnd() * codes.length)], codes[Math.floor(rnd() * codes.length)], '2026-05-01']);
  let hits = 0;
  const t2 = performance.now();
  for (const [a, b, d] of pairs) if (data.ptp.inForce(a, b, d) || data.ptp.inForce(b, a, d)) hits++;
  const lookupNs = ((performance.now() - t2) * 1e6) / pairs.length;
  process.stdout.write(JSON.stringify({ ms, rssMb, ptpMs, ptpRssMb, ptpBuffersMb, lookupNs, hits }) + '\n');
}
void main();
