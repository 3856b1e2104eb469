/**
 * Word index figures (part of `npm run bench`, BENCH_ONLY=words), each next to a baseline measured in the same run:
 *  - size of word-index.bin.gz (gzipped and raw) and the time to build it from the data (what the data build does)
 *  - open (read + gunzip; the sections are used in place) and prepare (scratch arrays) times
 *  - query p50/p99 over queries typed letter by letter, vs one scan of every indexed title for the same words
 *  - the built server: spawn → initialize answer and → first word completion (wall and CPU, with and without the
 *    V8 code cache), RSS with everything loaded and after 1,000 word completions, word completion p50/p99 vs the
 *    no-op JSON-RPC round trip
 */
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CodeData, CodeSearch, DATASET_FILES } from '../server/src/engine';
import { BUNDLED_SEARCH_SYSTEMS, searchDocuments } from '../server/src/engine/search/code-search';
import { buildWordIndex, splitWords } from '../server/src/engine/search/word-index';
import { LspClient } from '../test/protocol/lsp-client';
import { cpuOf } from './proc';
import { median, pct } from './stats';

type Report = (what: string, value: string, baseline?: string) => void;

const QUERIES = [
  'pain in left hand',
  'type 2 diabetes with neuropathy',
  'fracture of left radius shaft',
  'chronic kidney disease stage 3',
  'essential hypertension',
  'heart failure',
  'copd with exacerbation',
  'urinary tract infection',
  'acute myocardial infarction',
  'low back pain',
  'major depressive disorder recurrent',
  'sprain of right ankle',
  'osteoarthritis of right knee',
  'migraine without aura',
  'cellulitis of left leg',
  'standard wheelchair',
];
/** what a user types: every prefix of each query from its third letter on */
const TYPED = QUERIES.flatMap((q) => Array.from({ length: q.length - 2 }, (_, i) => q.slice(0, i + 3)).filter((p) => /[a-z]$/.test(p)));

const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

function rssMb(pid: number | undefined): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
/** CPU time of every thread of a process (the thread pool's gunzip included), from /proc schedstat (ns), in ms */
function threadsCpuOf(pid: number | undefined): number | undefined {
  try {
    let ns = 0;
    for (const t of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
    return ns / 1e6;
  } catch {
    return undefined;
  }
}
const mb = (x: number | undefined) => (x === undefined ? 'n/a (no /proc)' : `${x.toFixed(0)} MB`);

export async function wordIndexBench(report: Report, dataDir: string, data: CodeData): Promise<void> {
  const file = join(dataDir, DATASET_FILES.wordIndex);
  const gz = statSync(file).size;
  const raw = gunzipSync(readFileSync(file)).length;
  const bundled = await CodeSearch.readBundled(dataDir, data);
  if (!bundled) throw new Error(`${file} is not in the bundle manifest: run npm run build:data`);
  report('word index size (word-index.bin.gz)', `${(gz / 1e6).toFixed(2)} MB gz`, `${(raw / 1e6).toFixed(2)} MB raw, ${bundled.docs.toLocaleString('en-US')} codes, ${bundled.terms.toLocaleString('en-US')} terms`);

  const builds: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    buildWordIndex(searchDocuments(data, BUNDLED_SEARCH_SYSTEMS), bundled.synonyms);
    builds.push(performance.now() - t);
  }
  report('word index build (data build step)', ms(median(builds)), 'median of 3, from the loaded data');

  let t = performance.now();
  const fresh = await CodeSearch.readBundled(dataDir, data);
  const openMs = performance.now() - t;
  const search = new CodeSearch(data, fresh);
  t = performance.now();
  search.prepare();
  const prepareMs = performance.now() - t;
  report('word index open / prepare', `${ms(openMs)} / ${ms(prepareMs)}`, 'read + gunzip, nothing decoded; scratch arrays (once, after start-up)');

  // queries as completion asks them (every word, ICD-10-CM) and as search asks them (ranked, every system)
  for (const q of TYPED) search.search(q); // warm up
  // CPU time of this thread per query (wall time on a shared machine mostly measures the other processes)
  const cpuMs = (f: () => unknown) => {
    const c0 = process.cpuUsage();
    f();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  const asComplete: number[] = [];
  const asSearch: number[] = [];
  const wall: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const q of TYPED) {
      const t0 = performance.now();
      asComplete.push(cpuMs(() => search.search(q, { limit: 50, systems: ['icd10cm'], requireAll: true })));
      wall.push(performance.now() - t0);
      asSearch.push(cpuMs(() => search.search(q, { limit: 50 })));
    }
  }
  // baseline: one pass over every indexed title testing each word (no index at all)
  const titles = searchDocuments(data, BUNDLED_SEARCH_SYSTEMS).map((d) => d.text.toLowerCase());
  const scans: number[] = [];
  let scanHits = 0;
  for (const q of QUERIES) {
    const words = splitWords(q).filter((w) => w.length > 2);
    const t0 = performance.now();
    for (const title of titles) if (words.every((w) => title.includes(w))) scanHits++;
    scans.push(performance.now() - t0);
  }
  report('word query CPU p50 / p99 (as completion: every word)', `${ms(pct(asComplete, 50))} / ${ms(pct(asComplete, 99))}`, `${asComplete.length} queries typed letter by letter; wall ${ms(pct(wall, 50))} / ${ms(pct(wall, 99))}`);
  report('word query CPU p50 / p99 (as search: ranked, all systems)', `${ms(pct(asSearch, 50))} / ${ms(pct(asSearch, 99))}`, `scan of ${titles.length.toLocaleString('en-US')} titles: ${ms(median(scans))} median (${scanHits} hits)`);

  // the server: spawn → initialize answer and → first word completion (sent right after initialized and a didOpen),
  // wall and CPU (all threads), with the V8 code cache of the bundle (warmed by a first start) and without it, runs
  // interleaved; then spawn → first diagnostics of the same note
  const text = 'Dx: pain in left hand';
  const cacheDir = mkdtempSync(join(tmpdir(), 'cc-bench-v8-'));
  const startRun = async (args: string[]) => {
    const t0 = performance.now();
    const c = await LspClient.start({ args });
    const init = performance.now() - t0;
    const initCpu = threadsCpuOf(c.child.pid);
    const uri = await c.open('bench-first-word.txt', text);
    const list = await c.complete(uri, { line: 0, character: text.length });
    const first = performance.now() - t0;
    const firstCpu = threadsCpuOf(c.child.pid);
    const top = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))[0]?.label;
    if (top !== 'M79.642') throw new Error(`unexpected first completion ${top}`);
    await c.shutdown();
    return { init, initCpu, first, firstCpu };
  };
  const variants = { cached: [`--v8-cache-dir=${cacheDir}`], uncached: ['--no-v8-cache'] };
  await startRun(variants.cached); // writes the cache
  const runs: Record<keyof typeof variants, Awaited<ReturnType<typeof startRun>>[]> = { cached: [], uncached: [] };
  for (let i = 0; i < 11; i++) for (const k of ['cached', 'uncached'] as const) runs[k].push(await startRun(variants[k]));
  const fig = (k: keyof typeof variants, f: 'init' | 'first') => {
    const cpus = runs[k].map((r) => r[`${f}Cpu`]).filter((x): x is number => x !== undefined);
    return `${ms(median(runs[k].map((r) => r[f])))} wall, ${cpus.length ? ms(median(cpus)) : 'n/a'} CPU`;
  };
  report('server spawn → initialize answer', fig('cached', 'init'), `median of 11; without the V8 code cache ${fig('uncached', 'init')}`);
  report('server start → first word completion', fig('cached', 'first'), `median of 11, spawn included; without the V8 code cache ${fig('uncached', 'first')}`);
  const diags: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const c = await LspClient.start({ settings: { debounceMs: 0 } });
    const uri = await c.open('bench-first-diag.txt', text);
    await c.waitForDiagnostics(uri, 1, 60_000);
    diags.push(performance.now() - t0);
    await c.shutdown();
  }
  report('server start → first diagnostics', ms(median(diags)), 'median of 3, spawn included');

  // RSS with everything loaded (data, notes, index, one note per typed prefix analysed and completed once), then
  // after 1,000 and 2,000 more word completions on them; again with the old space capped at 64 MB, which shows what
  // is retained (V8 otherwise lets garbage grow before it collects)
  const serverRun = async (env: Record<string, string>) => {
    const c = await LspClient.start({ env });
    const uris: string[] = [];
    for (const [i, q] of TYPED.entries()) uris.push(await c.open(`bench-w-${i}.txt`, `Dx: ${q}`));
    for (const u of uris) await c.waitForDiagnostics(u, 1, 60_000);
    await c.waitForMessage((m) => /word-search index prepared/.test(m.message), 60_000);
    await c.waitForMessage((m) => /tabular notes loaded/.test(m.message), 60_000);
    await c.hover(uris[0], { line: 0, character: 5 });
    const complete = (k: number) => c.complete(uris[k], { line: 0, character: 4 + TYPED[k].length });
    const firstEach: number[] = [];
    for (let k = 0; k < TYPED.length; k++) {
      const t0 = performance.now();
      await complete(k);
      firstEach.push(performance.now() - t0);
    }
    const loaded = rssMb(c.child.pid);
    const noop: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const t0 = performance.now();
      await c.request('clinicalCodes/benchNoop', {}).catch(() => undefined);
      noop.push(performance.now() - t0);
    }
    const words: number[] = [];
    const cpu0 = cpuOf(c.child.pid);
    for (let i = 0; i < 1000; i++) {
      const t0 = performance.now();
      await complete(i % TYPED.length);
      words.push(performance.now() - t0);
    }
    const cpu1 = cpuOf(c.child.pid);
    const cpuPer = cpu0 === undefined || cpu1 === undefined ? undefined : (cpu1 - cpu0) / 1000;
    const afterUse = rssMb(c.child.pid);
    for (let i = 0; i < 1000; i++) await complete(i % TYPED.length);
    const afterMore = rssMb(c.child.pid);
    await c.shutdown();
    return { firstEach, loaded, noop, words, afterUse, afterMore, cpuPer };
  };
  const { firstEach, loaded, noop, words, afterUse, afterMore, cpuPer } = await serverRun({});
  const capped = await serverRun({ NODE_OPTIONS: '--max-old-space-size=64' });
  report('server RSS loaded / after 1,000 / 2,000 word completions', `${mb(loaded)} / ${mb(afterUse)} / ${mb(afterMore)}`, `target ≤ 150 MB and flat; ${TYPED.length} notes open`);
  report('  the same, old space capped at 64 MB', `${mb(capped.loaded)} / ${mb(capped.afterUse)} / ${mb(capped.afterMore)}`, 'what is retained: the growth above is uncollected garbage');
  report(`word completion p50 / p99, first on each of ${TYPED.length} notes`, `${ms(pct(firstEach, 50))} / ${ms(pct(firstEach, 99))}`, 'analysis already done');
  report('word completion p50 / p99, 1,000 more', `${ms(pct(words, 50))} / ${ms(pct(words, 99))}`, `no-op round trip ${ms(pct(noop, 50))} / ${ms(pct(noop, 99))}; p99 ${(pct(words, 99) / pct(noop, 99)).toFixed(1)}× no-op; server CPU ${cpuPer === undefined ? 'n/a' : ms(cpuPer)} per completion`);
}
