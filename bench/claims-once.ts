// Checks a claim export (or, with a third argument `x12`, an 837 interchange) with the engine alone in a fresh process (no CLI, no output) and prints, as JSON, the
// bundle load, read and analyze times, what was found and the process's peak RSS (used by bench/run.ts).
import { readFileSync } from 'node:fs';
import { CodeData, analyze, type DocumentFormat } from '../server/src/engine';

async function main() {
  const [dataDir, file, format = 'csv'] = process.argv.slice(2);
  let t = performance.now();
  const data = await CodeData.load(dataDir);
  const loadMs = performance.now() - t;
  t = performance.now();
  const text = readFileSync(file, 'utf8');
  const readMs = performance.now() - t;
  t = performance.now();
  const a = analyze(text, format as DocumentFormat, { data });
  const analyzeMs = performance.now() - t;
  const rssAfterMb = process.memoryUsage().rss / 1048576;
  const heapUsedMb = process.memoryUsage().heapUsed / 1048576;
  const out = {
    loadMs,
    readMs,
    analyzeMs,
    claims: a.claims.length,
    serviceLines: a.claims.reduce((n, c) => n + c.lines.length, 0),
    tokens: a.tokens.length,
    findings: a.findings.length,
    rssAfterMb,
    heapUsedMb,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}
void main();
