// Bytes kept per code token: a note of `M79.64 ` × N analysed and held; heap used after a full GC, before and after
// (the text is made first, so it is not counted). With a path as 3rd argument, also writes a heap snapshot there.
// Run: node --expose-gc --import tsx bench/token-memory-once.ts DATA_DIR N [SNAPSHOT]
import { writeHeapSnapshot } from 'node:v8';
import { CodeData, analyze } from '../server/src/engine';

async function main() {
  const [dataDir, n, snapshot] = process.argv.slice(2);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const data = await CodeData.load(dataDir);
  const text = 'M79.64 '.repeat(Number(n));
  analyze('M79.64 warm-up', 'note', { data, dateOfService: '2026-11-23' });
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const a = analyze(text, 'note', { data, dateOfService: '2026-11-23' });
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (snapshot) writeHeapSnapshot(snapshot);
  console.log(JSON.stringify({ tokens: a.tokens.length, findings: a.findings.length, keptBytes: after - before, bytesPerToken: Math.round((after - before) / a.tokens.length) }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
