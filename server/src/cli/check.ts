import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { analyze, BEFORE_ICD10, BundleError, CodeData, DocumentParts, formatFor, ICD10_START, today } from '../engine';
import type { Analysis, AnalyzeOptions, ColumnOverrides, DocumentFormat, Finding, Lines, PolicyPack, SeveritySetting } from '../engine';
import { defaultDataDir } from '../shared/paths';
import { descriptorFileProblem, readCptDescriptors } from '../shared/cpt-descriptors';
import { readDocument, type ReadResult, type SkipKind } from '../shared/documents';
import { FileChangedError, FilePieces } from '../shared/file-pieces';
import { jsonElements, jsonSkipped, sarifFrame, sarifResults, sarifSkipped, textLines, type Chunk, type OutputFormat, type SarifNotification } from './output';

/** Bad arguments or inputs: exit 2 with the message and the usage. */
export class UsageError extends Error {}

/**
 * `check`, streaming: files are analysed one at a time, in this process or on a small pool of worker threads, and
 * each file's output is written as soon as it and every file before it are done, so memory holds a few files, never
 * the corpus. Everything here is plain data so it can be sent to a worker.
 */
export interface CheckSettings {
  data?: string;
  cptDescriptors?: string;
  dateOfService?: string;
  rules: Record<string, SeveritySetting>;
  columns?: ColumnOverrides;
  policies: PolicyPack[];
  payer?: string;
  quiet: boolean;
  format: OutputFormat;
  color: boolean;
  maxBytes: number;
  /** findings kept per file (default: the engine's MAX_FINDINGS) */
  maxFindings?: number;
}

export interface InputFile {
  path: string;
  /** as printed: relative to the working directory */
  shown: string;
  /** named on the command line (not found in a directory or by a glob): a skip of it is a failure */
  named: boolean;
  /** bytes, when known (for `--jobs auto`) */
  size?: number;
}

/** What a worker (or the process itself) answers for one file. */
export interface Outcome {
  index: number;
  /** the formatted output for this file, in pieces: text lines, JSON elements or SARIF results (none when none) */
  chunk: Chunk;
  skipped?: { kind: SkipKind; reason: string };
  findings: number;
  errors: number;
  /** the ICD-10-CM editions its codes were judged at (BEFORE_ICD10 for ICD-9-CM dates) */
  editions: number[];
}

/** The bundle's editions, for the summary line. */
export interface EditionInfo {
  labels: Record<number, string>;
  ids: string[];
  fallback: number;
  /** a warning when --date-of-service is before the oldest bundled edition */
  warning?: string;
}

export async function loadCodeData(dir: string | undefined, cptFile: string | undefined, opts: { withNotes?: boolean } = {}): Promise<{ data: CodeData; notes: string[] }> {
  const data = await CodeData.load(defaultDataDir(dir), opts);
  const notes: string[] = [];
  if (cptFile) {
    const { map, skipped } = await readCptDescriptors(cptFile).catch((e: unknown) => {
      throw new UsageError(`--cpt-descriptors ${cptFile}: ${descriptorFileProblem(e)}; give a CSV file of code,descriptor rows`);
    });
    data.procedures.setUserDescriptors(map);
    if (skipped) notes.push(`${skipped} row(s) of ${cptFile} were not "code,descriptor" and were ignored`);
  }
  return { data, notes };
}

function editionInfo(data: CodeData, dos: string | undefined): EditionInfo {
  const icd = data.icd10;
  const labels: Record<number, string> = { [BEFORE_ICD10]: icd.editionLabel(BEFORE_ICD10) };
  icd.editions.forEach((_, i) => (labels[i] = icd.editionLabel(i)));
  const first = icd.editions[0];
  const warning = dos && dos >= ICD10_START && dos < first.start ? `${dos} is before the oldest bundled ICD-10-CM edition (${first.id}, from ${first.start}); checking against ${first.id}` : undefined;
  return { labels, ids: icd.editions.map((e) => e.id), fallback: icd.editionFor(dos ?? today()), warning };
}

/** SARIF artifact URI: relative paths as they are, others as file: URLs. */
export const sarifUri = (file: string) => (file.startsWith('..') || file.startsWith(sep) ? pathToFileURL(resolve(file)).href : file.split(sep).join('/'));

/**
 * Above this much heap a full collection runs between files. What a file leaves is garbage (the live heap after a
 * collection is ~25 MB whatever the corpus), but V8 lets the old space grow to twice the live heap before it collects;
 * between files the collection is cheap (~20 ms) and keeps the peak RSS of a long run near that of one file. Run
 * after a large file's analysis too, before its output is built.
 */
const HEAP_SOFT_LIMIT = 64 * 1024 * 1024;
/**
 * Between the parts of a large file: a collection once this much garbage may have built up since the last one. 32
 * MB against 48: a 200,000-row export peaks at 230 MB instead of 245 for the same CPU, a 20,000-claim 837P at 235
 * instead of 245 for ~1.03x (farm-bench pairs); 24 MB cost 1.08x the CPU for 7 MB less.
 */
const PART_GARBAGE = 32 * 1024 * 1024;
let fullGc: (() => void) | undefined;
/** the heap left by the last collection (what is live: the code data, the file's text and kept findings) */
let live = 0;

function collectGarbage(slack = 0): void {
  const used = getHeapStatistics().used_heap_size;
  if (used < HEAP_SOFT_LIMIT || used < live + slack) return;
  if (!fullGc) {
    setFlagsFromString('--expose-gc');
    fullGc = runInNewContext('gc') as () => void;
  }
  fullGc();
  live = getHeapStatistics().used_heap_size;
}

/** Checks one file and formats its output; never throws for a bad file (the outcome says it was skipped). */
export class FileChecker {
  private ptpErrorShown = false;

  constructor(
    private readonly data: CodeData,
    private readonly s: CheckSettings,
  ) {}

  /**
   * Analyses a document and keeps only what the output needs: its findings, its lines and the editions used. A large
   * claim file is analysed a part at a time (engine/parts), so its memory is that of one part, not of the file.
   */
  private async judge(path: string, doc: Extract<ReadResult, { ok: true }>): Promise<{ findings: Finding[]; layout: Lines; editions: number[] }> {
    const s = this.s;
    const format = formatFor({ path, text: doc.text });
    const options: AnalyzeOptions = { data: this.data, dateOfService: s.dateOfService, rules: s.rules, columns: s.columns, policies: s.policies, payer: s.payer, maxFindings: s.maxFindings };
    const editions = new Set<number>();
    const parts = DocumentParts.of(doc.text, format, options);
    let findings: Finding[];
    let layout: Lines;
    if (parts) {
      // the parts' pieces are read again from the file, so its text is not held while they are analysed
      const pieces = doc.file.piecesReadable ? new FilePieces(path, doc.file.stats) : undefined;
      try {
        if (pieces) {
          parts.readFrom(pieces);
          doc.text = '';
        }
        for (let k = 0; k < parts.count; k++) {
          const a = await this.analyzed(parts.text(k), format, parts.options, editions);
          parts.add(k, a);
          collectGarbage(PART_GARBAGE);
        }
        findings = parts.findings();
      } finally {
        pieces?.close();
      }
      layout = parts.lines;
    } else {
      const a = await this.analyzed(doc.text, format, options, editions);
      findings = a.findings;
      layout = a.layout;
    }
    return { findings: s.quiet ? findings.filter((f) => f.severity === 'error') : findings, layout, editions: [...editions] };
  }

  /** `analyze`, with the NCCI PTP edits read first when the document needs them; adds the editions its codes were judged at. */
  private async analyzed(text: string, format: DocumentFormat, options: AnalyzeOptions, editions: Set<number>): Promise<Analysis> {
    let a = analyze(text, format, options);
    if (a.pendingData) {
      // a claim with two procedures on one date: read the NCCI PTP edits (once) and judge the file with them
      await this.data.ptp.load();
      const st = this.data.ptp.status;
      if (st.state === 'error' && !this.ptpErrorShown) {
        this.ptpErrorShown = true;
        process.stderr.write(`clinical-codes: the NCCI PTP edits (${st.edition}) could not be read, so ncci.ptp judges nothing: ${st.message}\n`);
      }
      a = analyze(text, format, options);
    }
    for (const t of a.tokens) if (t.system === 'icd10cm') editions.add(this.data.icd10.editionFor(t.service?.date ?? a.dateOfService));
    return a;
  }

  async check(index: number, file: InputFile): Promise<Outcome> {
    const doc = await readDocument(file.path, this.s.maxBytes);
    const skip = (kind: SkipKind, reason: string): Outcome => ({
      index,
      chunk: this.s.format === 'json' ? [jsonSkipped({ file: file.shown, skipped: kind, reason })] : [],
      skipped: { kind, reason },
      findings: 0,
      errors: 0,
      editions: [],
    });
    if (!doc.ok) return skip(doc.skipped, doc.reason);
    const s = this.s;
    let judged;
    try {
      judged = await this.judge(file.path, doc);
    } catch (e) {
      if (e instanceof FileChangedError) return skip('unreadable', e.message);
      // an engine bug on one file must not stop the run; the message carries no document text
      return skip('analysis-failed', `analysis failed, a bug in Clinical Codes (please report it): ${(e as Error).message}`);
    }
    // the analysis (a million tokens on some files) is garbage once judge() returns: collected before the output is
    // built, so a large file's output (21 MB of JSON for 10,000 findings) does not stack on top of it
    collectGarbage();
    const { findings, editions } = judged;
    const r = { file: file.shown, findings, layout: judged.layout };
    const chunk = s.format === 'json' ? jsonElements(r) : s.format === 'sarif' ? sarifResults(r, sarifUri(file.shown)) : textLines(r, s.color);
    queueMicrotask(collectGarbage);
    return { index, chunk, findings: findings.length, errors: findings.filter((f) => f.severity === 'error').length, editions };
  }
}

// --- workers ---------------------------------------------------------------------------------------------------

interface WorkerInit {
  clinicalCodesCheck: true;
  settings: CheckSettings;
}
type FailureKind = 'usage' | 'bundle' | 'internal';
const failureKind = (e: unknown): FailureKind => (e instanceof UsageError ? 'usage' : e instanceof BundleError ? 'bundle' : 'internal');
type ToWorker = { index: number; file: InputFile };
type FromWorker = { type: 'ready'; info: EditionInfo; notes: string[] } | { type: 'failed'; message: string; kind: FailureKind } | { type: 'done'; outcome: Outcome };

/** True inside a check worker thread (dist/cli.js started as a worker). */
export function isCheckWorker(): boolean {
  return !isMainThread && (workerData as WorkerInit | undefined)?.clinicalCodesCheck === true;
}

export function runCheckWorker(): void {
  const { settings } = workerData as WorkerInit;
  const port = parentPort!;
  const post = (m: FromWorker) => port.postMessage(m);
  loadCodeData(settings.data, settings.cptDescriptors).then(
    ({ data, notes }) => {
      const checker = new FileChecker(data, settings);
      port.on('message', (m: ToWorker) => {
        checker.check(m.index, m.file).then(
          (outcome) => post({ type: 'done', outcome }),
          (e: Error) => post({ type: 'failed', message: `internal error on ${m.file.shown}: ${e.stack ?? e}`, kind: 'internal' }),
        );
      });
      post({ type: 'ready', info: editionInfo(data, settings.dateOfService), notes });
    },
    (e: Error) => post({ type: 'failed', message: failureKind(e) === 'internal' ? (e.stack ?? e.message) : e.message, kind: failureKind(e) }),
  );
}

/** Runs files: in this process, or on worker threads. */
interface Executor {
  ready: Promise<{ info: EditionInfo; notes: string[] }>;
  run(index: number, file: InputFile): Promise<Outcome>;
  close(): Promise<void>;
}

/** A worker's failure, rethrown in the main thread as what it was (usage and bundle errors exit 2 with their message). */
class FatalError extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind,
  ) {
    super(message);
  }
  get original(): Error {
    return this.kind === 'usage' ? new UsageError(this.message) : this.kind === 'bundle' ? new BundleError(this.message) : new Error(this.message);
  }
}

function inProcess(settings: CheckSettings): Executor {
  const loaded = loadCodeData(settings.data, settings.cptDescriptors);
  const checker = loaded.then(({ data }) => new FileChecker(data, settings));
  checker.catch(() => {}); // a failed load is reported through `ready`
  return {
    ready: loaded.then(({ data, notes }) => ({ info: editionInfo(data, settings.dateOfService), notes })),
    run: async (index, file) => (await checker).check(index, file),
    close: async () => {},
  };
}

const YOUNG_MB = 8;
/** jobs a worker holds at once: it reads the next file while it analyses one, and never waits for the main thread */
const PER_WORKER = 2;

/**
 * `threads` threads: this one (the in-process checker) and threads - 1 workers, pulling files from one queue.
 * This thread loads the bundle anyway (the summary needs its editions), so a 2-thread pool costs one worker (~50-60
 * MB, ~0.15 s of CPU to load), not two; while it analyses a file the worker has its next one already.
 */
function threadPool(settings: CheckSettings, threads: number, script: string): Executor {
  const local = inProcess(settings);
  let localBusy = true; // until its data is loaded
  const workers: Worker[] = [];
  const held = new Map<Worker, number>();
  type Job = { job: ToWorker; resolve: (o: Outcome) => void; reject: (e: Error) => void };
  const queue: Job[] = [];
  const running = new Map<number, Job>();
  let failure: FatalError | undefined;
  const fail = (e: FatalError) => {
    failure ??= e;
    for (const r of running.values()) r.reject(failure);
    for (const q of queue.splice(0)) q.reject(failure);
    running.clear();
  };
  const dispatch = () => {
    if (failure) return;
    while (queue.length && !localBusy) {
      const q = queue.shift()!;
      localBusy = true;
      local.run(q.job.index, q.job.file).then(q.resolve, q.reject).finally(() => {
        localBusy = false;
        dispatch();
      });
    }
    for (const w of workers) {
      while (queue.length && held.has(w) && held.get(w)! < PER_WORKER) {
        const q = queue.shift()!;
        held.set(w, held.get(w)! + 1);
        running.set(q.job.index, q);
        w.postMessage(q.job);
      }
    }
  };
  const readies: Promise<unknown>[] = [
    local.ready.then(() => {
      localBusy = false;
      dispatch();
    }),
  ];
  for (let i = 0; i < threads - 1; i++) {
    // a smaller young generation than V8's default: the same CPU, ~15 MB less (peak RSS is the threads' sum)
    const w = new Worker(script, { workerData: { clinicalCodesCheck: true, settings } satisfies WorkerInit, stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
    workers.push(w);
    readies.push(
      new Promise<void>((resolveReady, rejectReady) => {
        w.on('message', (m: FromWorker) => {
          if (m.type === 'ready') {
            held.set(w, 0);
            resolveReady();
            dispatch();
          } else if (m.type === 'failed') {
            const e = new FatalError(m.message, m.kind);
            rejectReady(e);
            fail(e);
          } else {
            const r = running.get(m.outcome.index);
            running.delete(m.outcome.index);
            held.set(w, held.get(w)! - 1);
            r?.resolve(m.outcome);
            dispatch();
          }
        });
        w.on('error', (e) => {
          const f = new FatalError(`a check worker failed: ${e.stack ?? e}`, 'internal');
          rejectReady(f);
          fail(f);
        });
      }),
    );
  }
  // every thread loads the same data: this thread's answer is the one shown, but a worker that fails fails the run
  const ready = Promise.all(readies).then(() => local.ready);
  return {
    ready,
    run: (index, file) =>
      failure
        ? Promise.reject(failure)
        : new Promise((resolve, reject) => {
            queue.push({ job: { index, file }, resolve, reject });
            dispatch();
          }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Below this much input per worker a worker does not pay for its start (~0.15 s of CPU and ~50 MB to load the bundle). */
export const BYTES_PER_WORKER = 3 * 1024 * 1024;

/**
 * How many worker threads: none (this thread) or 2+. `--jobs N` asks for N (1: none; never more than the files or
 * twice the cores). No choice (the default) is one thread: issue 14 caps peak RSS at 200 MB and a second thread
 * costs ~60 MB (208-250 MB on the bench corpus). `--jobs auto` takes workers only when there is work for them: two
 * files or more and at least BYTES_PER_WORKER of input per worker, and one core left over; a single file, however
 * large, is checked in this thread (one file is never split between workers). Each analysing thread brings V8's
 * own work on other threads (collection, compilation: 1.1 s beside 2.4 s on the 56 MB bench corpus), so on 2 cores
 * a second one only contended: 1.11-1.16x the wall time and 1.2-1.3x the CPU of one thread (farm-bench pairs). On
 * 2 cores auto is one thread; on 8, up to 7.
 */
export function chooseJobs(files: InputFile[], jobs: number | 'auto' | undefined, script: string, cores = availableParallelism()): number {
  if (!script.endsWith('.js')) return 0; // running from source (tsx): a worker could not load this file
  if (jobs === undefined) return 0;
  if (jobs === 'auto') {
    const bytes = files.reduce((sum, f) => sum + (f.size ?? 0), 0);
    const n = Math.min(cores - 1, files.length, Math.floor(bytes / BYTES_PER_WORKER));
    return n >= 2 ? n : 0;
  }
  return jobs <= 1 ? 0 : Math.min(jobs, files.length, cores * 2);
}

/** stdout that knows when its reader went away (`check … | head`): writes stop, nothing throws. */
class Output {
  closed = false;
  /** a write failure other than the reader going away (a full disk …) */
  failure?: string;
  private readonly gone: Promise<void>;
  constructor(private readonly stream: NodeJS.WriteStream) {
    this.gone = new Promise((resolve) => {
      stream.on('error', (e: NodeJS.ErrnoException) => {
        // EPIPE: the reader closed; anything else: nothing more can be written either
        if (e.code !== 'EPIPE') this.failure ??= e.code ?? e.message;
        this.closed = true;
        resolve();
      });
      stream.on('close', () => {
        this.closed = true;
        resolve();
      });
    });
  }
  async write(s: string): Promise<void> {
    if (this.closed || !s) return;
    if (!this.stream.write(s)) await Promise.race([once(this.stream, 'drain'), this.gone]);
  }
  /** waits until what was written is flushed or the reader is gone, so a late EPIPE is seen */
  async flush(): Promise<void> {
    if (this.closed) return;
    await Promise.race([new Promise<void>((resolve) => this.stream.write('', () => resolve())), this.gone]);
  }
}

export interface CheckRun {
  files: InputFile[];
  settings: CheckSettings;
  /** threads: a number (default 1: this thread), or 'auto' (chooseJobs) */
  jobs?: number | 'auto';
  skipUnreadable: boolean;
  version: string;
  /** the script a worker thread runs (dist/cli.js) */
  script: string;
}

const KIND_TEXT: Record<SkipKind, string> = { binary: 'binary', 'too-large': 'too large', unreadable: 'unreadable', 'not-a-file': 'not a file', 'analysis-failed': 'analysis failed' };

export async function runCheck(run: CheckRun): Promise<number> {
  const { files, settings } = run;
  const stdout = new Output(process.stdout);
  const jobs = chooseJobs(files, run.jobs, run.script);
  const exec = jobs ? threadPool(settings, jobs, run.script) : inProcess(settings);
  let ready;
  try {
    ready = await exec.ready;
  } catch (e) {
    await exec.close();
    throw e instanceof FatalError ? e.original : e;
  }
  const { info } = ready;
  for (const n of ready.notes) process.stderr.write(`clinical-codes: ${n}\n`);
  if (info.warning) process.stderr.write(`clinical-codes: ${info.warning}\n`);

  const sarif = settings.format === 'sarif' ? sarifFrame(run.version) : undefined;
  const notifications: SarifNotification[] = [];
  const progress = process.stderr.isTTY && files.length > 20 && settings.format === 'text';
  let checked = 0;
  let findings = 0;
  let errors = 0;
  let elements = 0;
  const skippedBy = new Map<SkipKind, number>();
  // how many files could not be checked, and the first few names for the message
  let failures = 0;
  const failed: string[] = [];
  const editions = new Set<number>();

  await stdout.write(settings.format === 'json' ? '[' : sarif ? sarif.head : '');
  // a window of files in flight ahead of the one being written: bounded memory, workers never starve
  const window = Math.max(2, 16 * jobs);
  const inFlight = new Map<number, Promise<Outcome>>();
  let launched = 0;
  const launch = () => {
    while (launched < files.length && launched < written + window) {
      const i = launched++;
      const p = exec.run(i, files[i]);
      p.catch(() => {}); // awaited in order below; an early rejection must not be unhandled
      inFlight.set(i, p);
    }
  };
  let written = 0;
  try {
    launch();
    for (; written < files.length && !stdout.closed; ) {
      const o = await inFlight.get(written)!;
      inFlight.delete(written);
      const file = files[written];
      written++;
      launch();
      if (progress) process.stderr.write(`\rchecking ${written}/${files.length} files…`);
      if (o.skipped) {
        skippedBy.set(o.skipped.kind, (skippedBy.get(o.skipped.kind) ?? 0) + 1);
        // a binary file found in a directory is expected (images, PDFs); any other file not checked is a failure
        const failure = file.named || o.skipped.kind !== 'binary';
        if (failure && failures++ < 3) failed.push(file.shown);
        if (progress) process.stderr.write('\r\x1b[K');
        process.stderr.write(`clinical-codes: ${file.shown}: not checked: ${o.skipped.reason}\n`);
        if (sarif) notifications.push(sarifSkipped({ file: file.shown, skipped: o.skipped.kind, reason: o.skipped.reason }, sarifUri(file.shown), failure && !run.skipUnreadable ? 'error' : 'note'));
      } else {
        checked++;
        findings += o.findings;
        errors += o.errors;
        o.editions.forEach((e) => editions.add(e));
      }
      for (const piece of o.chunk) {
        if (settings.format === 'text') await stdout.write(piece);
        else await stdout.write((elements++ ? ',\n' : '\n') + piece);
      }
    }
    if (progress) process.stderr.write('\r\x1b[K');
    if (stdout.failure) return writeFailed(stdout.failure);
    if (stdout.closed) return errors > 0 ? 1 : 0;
    const status = checked === 0 || (failures && !run.skipUnreadable) ? 2 : errors > 0 ? 1 : 0;
    if (settings.format === 'json') await stdout.write(elements ? '\n]\n' : ']\n');
    if (sarif) await stdout.write(sarif.tail(notifications, status !== 2) + '\n');
    await stdout.flush();
    if (stdout.failure) return writeFailed(stdout.failure);
    if (stdout.closed) return errors > 0 ? 1 : 0;
    const skipped = [...skippedBy.values()].reduce((a, b) => a + b, 0);
    if (settings.format === 'text') {
      const why = [...skippedBy].map(([k, n]) => `${n} ${KIND_TEXT[k]}`).join(', ');
      process.stderr.write(`${checked} file(s) checked${skipped ? `, ${skipped} skipped (${why})` : ''}: ${findings} finding(s), ${errors} error(s) · ${editionsSummary(info, editions)}\n`);
    }
    if (!files.length) process.stderr.write('clinical-codes: nothing to check: the directories given hold no files (dot files are left out)\n');
    else if (checked === 0) process.stderr.write(`clinical-codes: nothing could be checked: ${skipped} file(s) skipped\n`);
    else if (failures && !run.skipUnreadable)
      process.stderr.write(`clinical-codes: ${failures} file(s) could not be checked (${failed.join(', ')}${failures > 3 ? ', …' : ''}); fix them, or pass --skip-unreadable to check the rest without failing\n`);
    return status;
  } catch (e) {
    throw e instanceof FatalError ? e.original : e;
  } finally {
    await exec.close();
  }
}

function writeFailed(why: string): number {
  process.stderr.write(`clinical-codes: cannot write the output (${why}); the results are incomplete\n`);
  return 2;
}

/** "ICD-10-CM FY2027", or the editions the codes were judged at when their dates of service differ. */
function editionsSummary(info: EditionInfo, editions: Set<number>): string {
  if (editions.size <= 1) return info.labels[[...editions][0] ?? info.fallback];
  const sorted = [...editions].sort((a, b) => a - b);
  const ids = sorted.filter((e) => e >= 0).map((e) => info.ids[e]);
  return `ICD-10-CM ${ids.join(', ')} (by date of service)${editions.has(BEFORE_ICD10) ? '; ICD-9-CM dates not judged' : ''}`;
}
