// Baseline for the X12 bench (bench/run.ts): a plain split of the same interchange in a fresh process, segments at
// "~", elements at "*", components at ":" (the delimiters the generator writes), nothing judged.
// Prints {splitMs, segments, claims, maxRssMb} as JSON.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { performance } from 'node:perf_hooks';

const text = readFileSync(process.argv[2], 'utf8');
const t = performance.now();
let segments = 0;
let claims = 0;
let components = 0;
for (const raw of text.split('~')) {
  const s = raw.trim();
  if (!s) continue;
  segments++;
  const elements = s.split('*');
  if (elements[0] === 'CLM') claims++;
  for (const e of elements) components += e.split(':').length;
}
const splitMs = performance.now() - t;
process.stdout.write(JSON.stringify({ splitMs, segments, claims, components, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
