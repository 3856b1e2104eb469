/**
 * Time-bounded property runs for the fuzz suite (test/fuzz). Every target asks for FUZZ_RUNS cases (default
 * 100,000) but stops at its time budget (fast-check `interruptAfterTimeLimit`), and prints how many cases ran, in how
 * much wall and CPU time. Budgets are set so the 2-core CI machine reaches 100,000 cases per target with margin;
 * scripts/run-tests.mjs runs the fuzz files after the other tests, two at a time (FUZZ_CONCURRENCY).
 *
 *   FUZZ_RUNS=1000000 FUZZ_TIME_SCALE=10 FUZZ_EDITS=100000 node scripts/run-tests.mjs test/fuzz   (what `npm run fuzz` does)
 *   FUZZ_SEED=123 [FUZZ_PATH=4:1:0 FUZZ_TARGET='<name>'] node scripts/run-tests.mjs test/fuzz/documents.test.ts
 *     (replay a failure: the seed replays the whole run, the path jumps to the failing case of that target)
 *
 * A failure prints fast-check's report (seed, path, shrunk counterexample) and the command that replays it.
 */
import fc from 'fast-check';

const num = (name: string, fallback: number): number => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${name}=${v} is not a number`);
  return n;
};

/** cases asked for per target */
export const FUZZ_RUNS = num('FUZZ_RUNS', 100_000);
/** multiplies every target's time budget (CI: 1; `npm run fuzz`: larger) */
export const FUZZ_TIME_SCALE = num('FUZZ_TIME_SCALE', 1);
const SEED = process.env.FUZZ_SEED ? num('FUZZ_SEED', 0) : undefined;
const PATH = process.env.FUZZ_PATH || undefined;
/** the target FUZZ_PATH belongs to (a path means nothing to another target's generator) */
const TARGET = process.env.FUZZ_TARGET || undefined;

export interface FuzzOptions {
  /** time budget in CI, in milliseconds (scaled by FUZZ_TIME_SCALE) */
  ms: number;
  /** cases asked for (default FUZZ_RUNS) */
  runs?: number;
  /** async properties: a case that takes longer than this fails (hangs) */
  timeout?: number;
}

export interface FuzzReport {
  name: string;
  runs: number;
  ms: number;
  seed: number;
  interrupted: boolean;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function settle<T>(name: string, file: string, d: fc.RunDetails<T>, started: number, cpu: number): FuzzReport {
  const ms = Date.now() - started;
  const cpuUsed = Math.round(cpuMs() - cpu);
  if (d.failed) {
    const replay = `FUZZ_SEED=${d.seed}${d.counterexamplePath ? ` FUZZ_PATH=${d.counterexamplePath} FUZZ_TARGET='${name}'` : ''} node scripts/run-tests.mjs ${file}`;
    throw new Error(`fuzz ${name} failed after ${d.numRuns} cases (seed ${d.seed}, path ${d.counterexamplePath ?? '-'})\nreplay: ${replay}\n${fc.defaultReportMessage(d)}\ncause: ${d.errorInstance instanceof Error ? (d.errorInstance.stack ?? d.errorInstance.message) : String(d.errorInstance)}`);
  }
  const report = { name, runs: d.numRuns, ms, seed: d.seed, interrupted: d.interrupted };
  // one line per target in the test output: the integrator reads the real numbers here
  console.log(`fuzz ${name}: ${d.numRuns} cases in ${ms} ms (${cpuUsed} ms CPU)${d.interrupted ? ' (time budget reached)' : ''}, seed ${d.seed}`);
  return report;
}

function params<T>(name: string, o: FuzzOptions, timeLimit = Math.round(o.ms * FUZZ_TIME_SCALE)): fc.Parameters<T> {
  const plugins: fc.Plugin<unknown>[] = [fc.interruptAfterTimeLimit(timeLimit)];
  if (o.timeout) plugins.push(fc.timeout(o.timeout));
  return { numRuns: o.runs ?? FUZZ_RUNS, seed: SEED, path: !TARGET || TARGET === name ? PATH : undefined, plugins: plugins as fc.Plugin<T>[] };
}

/** The time budget may have cut shrinking short: replay the failing case (seed + path) and shrink it for up to 30 s. */
const SHRINK_MS = 30_000;

/** Runs a synchronous property within its budget; throws fast-check's report on failure. */
export function fuzz<T>(name: string, file: string, arb: fc.Arbitrary<T>, predicate: (v: T) => boolean | void, o: FuzzOptions): FuzzReport {
  const started = Date.now();
  const cpu = cpuMs();
  const prop = fc.property(arb, predicate);
  let d = fc.check(prop, params<[T]>(name, o));
  if (d.failed && d.interrupted) d = fc.check(prop, { ...params<[T]>(name, o, SHRINK_MS), seed: d.seed, path: d.counterexamplePath ?? undefined });
  return settle(name, file, d, started, cpu);
}

/** The same for an async property. */
export async function fuzzAsync<T>(name: string, file: string, arb: fc.Arbitrary<T>, predicate: (v: T) => Promise<boolean | void>, o: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const cpu = cpuMs();
  const prop = fc.asyncProperty(arb, predicate);
  let d = await fc.check(prop, params<[T]>(name, o));
  if (d.failed && d.interrupted) d = await fc.check(prop, { ...params<[T]>(name, o, SHRINK_MS), seed: d.seed, path: d.counterexamplePath ?? undefined });
  return settle(name, file, d, started, cpu);
}
