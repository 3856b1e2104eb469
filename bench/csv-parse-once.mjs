// Baseline for the claim bench (bench/run.ts): a plain CSV parse of the same file in a fresh process with csv-parse
// (RFC 4180, every record as an array of strings), nothing judged. Prints {parseMs, records, maxRssMb} as JSON.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';

const text = readFileSync(process.argv[2], 'utf8');
const t = performance.now();
const records = parse(text, { relax_column_count: true });
const parseMs = performance.now() - t;
process.stdout.write(JSON.stringify({ parseMs, records: records.length, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
