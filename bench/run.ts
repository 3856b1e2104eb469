/**
 * `npm run bench`: figures for the engine, each next to a baseline measured in the same run.
 *  - bundle size (all of dist/data, and the ICD-10-CM file) and load time and RSS with every ICD-10-CM edition
 *    (fresh processes, median of 5)
 *  - scan / analyze throughput on a ~50 MB synthetic note corpus vs `grep -E` with equivalent patterns
 *  - a 100,000-row claim CSV through the built CLI and through analyze() alone vs `wc -l` and csv-parse
 *    (bench/claims-bench.ts)
 *  - a 10,000-claim 837P through the built CLI and analyze() alone vs a plain segment split (bench/x12-bench.ts)
 *  - NCCI PTP edits at full size (2.5 million, generated): build, size, lazy load, lookups (bench/ptp.ts)
 *  - language-server latencies (bench/lsp.ts)
 *  - the CLI streaming a directory of notes at 1× and 4× (peak RSS) vs `grep -rEo` and cspell (bench/cli.ts)
 *  - payer policy packs and an override in analyze(), payer coverage in a hover (bench/payer-bench.ts)
 *  - the word index: size, build, query and word completion latencies, server RSS (bench/word-index.ts)
 *  - adversarial shapes at n and 4n: time, peak RSS, ratio (bench/scale.ts)
 * Prints a table; never asserts on time (tests do not time things). BENCH_ONLY=claims (or load, x12, ptp, notes, cli,
 * payer, words, descriptions, scale, lsp; comma separated) runs some sections only; an unknown name stops the run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CodeData, DATASET_FILES, analyze, scan } from '../server/src/engine';
import { defaultDataDir } from '../server/src/shared/paths';
import { ensureCorpus } from './corpus';
import { claimsBench } from './claims-bench';
import { x12Bench } from './x12-bench';
import { lspBench } from './lsp';
import { cliBench } from './cli';
import { payerBench } from './payer-bench';
import { wordIndexBench } from './word-index';
import { ptpBench } from './ptp';
import { descriptionsBench } from './descriptions';
import { scaleBench } from './scale';
import { median } from './stats';

const root = resolve(__dirname, '..');
const dataDir = defaultDataDir();
const rows: [string, string, string][] = [];
const report = (what: string, value: string, baseline = '') => {
  rows.push([what, value, baseline]);
  console.log(`${what.padEnd(48)} ${value.padEnd(22)} ${baseline}`);
};

function loadInFreshProcess(): { ms: number; rssMb: number; baseRssMb: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'load-once.ts'), dataDir], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const SECTIONS = ['load', 'claims', 'x12', 'ptp', 'notes', 'cli', 'payer', 'words', 'descriptions', 'scale', 'lsp'];
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only?.filter((s) => !SECTIONS.includes(s)) ?? [];
if (unknown.length) {
  // a misspelt section would print an empty table and look like a run
  console.error(`BENCH_ONLY: no section ${unknown.map((s) => `"${s}"`).join(', ')}; the sections are ${SECTIONS.join(', ')}`);
  process.exit(2);
}
const wanted = (section: string) => !only || only.includes(section);

async function main() {
  console.log(`Clinical Codes benchmarks · node ${process.version} · data ${dataDir}\n`);
  console.log(`${'measure'.padEnd(48)} ${'value'.padEnd(22)} baseline`);
  const data = await CodeData.load(dataDir);
  const editions = data.icd10.editions;
  const span = `ICD-10-CM ${editions[0].id}-${editions[editions.length - 1].id}`;

  // 1. bundle size and load, with every ICD-10-CM edition
  if (wanted('load')) {
    const files = readdirSync(dataDir).map((f) => ({ f, size: statSync(join(dataDir, f)).size }));
    const total = files.reduce((n, x) => n + x.size, 0);
    const icd = files.find((x) => x.f === DATASET_FILES.icd10cm)?.size ?? 0;
    report('bundle size (dist/data, all files)', `${(total / 1e6).toFixed(2)} MB`, `${files.length} files`);
    report(`  ${DATASET_FILES.icd10cm} (all editions)`, `${(icd / 1e6).toFixed(2)} MB`, `${span}: ${editions.length} date windows, ${data.icd10.allCodes(editions.length - 1).length.toLocaleString('en-US')} codes in the newest`);
    const loads = Array.from({ length: 5 }, loadInFreshProcess);
    report(`bundle load (all datasets, ${span})`, `${median(loads.map((l) => l.ms)).toFixed(0)} ms`, 'fresh process, median of 5; target ≤ 150 ms');
    report('RSS after load', `${median(loads.map((l) => l.rssMb)).toFixed(0)} MB`, `${median(loads.map((l) => l.baseRssMb)).toFixed(0)} MB before load`);
  }
  if (wanted('claims')) await claimsBench(report, root, dataDir, data);
  if (wanted('x12')) await x12Bench(report, root, dataDir, data);
  if (wanted('ptp')) await ptpBench(report, root, dataDir, data);
  if (wanted('notes')) await notesBench(data);
  if (wanted('cli')) await cliBench(report, root, dataDir);
  if (wanted('payer')) await payerBench(report, data);
  if (wanted('words')) await wordIndexBench((what, value, baseline = '') => report(what, value, baseline), dataDir, data);
  if (wanted('descriptions')) descriptionsBench(report, data);
  if (wanted('scale')) await scaleBench(report, root, dataDir);
  // language server over stdio
  if (wanted('lsp')) await lspBench((what, value, baseline = '') => report(what, value, baseline));
}

async function notesBench(data: CodeData) {
  // scan throughput vs grep -E
  const corpusFile = await ensureCorpus(join(root, '.bench'), Number(process.env.BENCH_CORPUS_MB ?? 50));
  const text = readFileSync(corpusFile, 'utf8');
  const mb = Buffer.byteLength(text) / 1e6;
  scan(text.slice(0, 1e6), data); // warm up
  let t = performance.now();
  const { tokens } = scan(text, data);
  const scanMs = performance.now() - t;
  t = performance.now();
  const a = analyze(text, 'note', { data, dateOfService: '2026-11-23' });
  const analyzeMs = performance.now() - t;
  const pattern = '(^|[^A-Za-z0-9.$#/@_])([A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?|[A-Z][0-9][0-9A-Z]{2,4}|[0-9]{4}[0-9FTUM]|[0-9]{3}[0-9A-Z]{6}X)([^A-Za-z0-9_@]|$)';
  const grepTimes: number[] = [];
  let grepCount = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const g = spawnSync('grep', ['-E', '-o', pattern, corpusFile], { env: { ...process.env, LC_ALL: 'C' }, maxBuffer: 1 << 30 });
    grepTimes.push(performance.now() - t0);
    grepCount = g.stdout.toString().split('\n').length - 1;
  }
  const grepMs = median(grepTimes);
  report(`corpus`, `${mb.toFixed(1)} MB`, `${a.layout.lineCount.toLocaleString()} lines`);
  report('scan throughput (tokens + context)', `${(mb / (scanMs / 1000)).toFixed(1)} MB/s`, `grep -E: ${(mb / (grepMs / 1000)).toFixed(1)} MB/s`);
  report('scan time / grep -E time', `${(scanMs / grepMs).toFixed(2)}×`, `${tokens.length.toLocaleString()} tokens vs ${grepCount.toLocaleString()} grep matches`);
  report('analyze throughput (scan + all rules)', `${(mb / (analyzeMs / 1000)).toFixed(1)} MB/s`, `${a.findings.length.toLocaleString()} findings`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
