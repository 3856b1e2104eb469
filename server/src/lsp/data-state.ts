import { isAbsolute, resolve } from 'node:path';
import { homedir } from 'node:os';
import { CodeData, CodeSearch, officialTitle } from '../engine';
import { readCptDescriptors } from '../shared/cpt-descriptors';
import { describeError, type Logger } from './log';

export type DataStatus = 'loading' | 'ready' | 'error';

/**
 * The code data bundle, loaded asynchronously once after `initialize` (no I/O on request paths: requests await
 * `ready`). A missing or corrupt bundle is reported once and the server keeps running with nothing to serve.
 * Also owns the word-search index (heavy: built once, off the request path where possible) and the user's
 * licensed CPT descriptors.
 */
export class DataState {
  status: DataStatus = 'loading';
  data: CodeData | undefined;
  error: string | undefined;
  readonly ready: Promise<CodeData | undefined>;
  private notes: Promise<void> = Promise.resolve();
  private search: CodeSearch | undefined;
  private searchTimer: NodeJS.Timeout | undefined;
  private cptFile = '';
  private cptLoad: Promise<void> = Promise.resolve();
  private readonly listeners: (() => void)[] = [];
  private readonly statusListeners: (() => void)[] = [];

  constructor(
    readonly dataDir: string,
    private readonly log: Logger,
    private readonly reportError: (message: string) => void,
    private readonly searchIndexDelayMs: number,
    /** true while the user is typing or checks are pending: the index build (seconds of CPU) waits */
    private readonly busy: () => boolean = () => false,
  ) {
    this.ready = this.load();
  }

  /** Called when the data is loaded, fails to load, or its content changes (CPT descriptors): re-check documents. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Called when only the status changed (search index ready). */
  onStatus(listener: () => void): void {
    this.statusListeners.push(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  private async load(): Promise<CodeData | undefined> {
    // let `initialize` return first: loading is ~0.5 s of gunzip + JSON.parse
    await new Promise((r) => setImmediate(r));
    const t0 = performance.now();
    try {
      const data = await CodeData.load(this.dataDir);
      this.data = data;
      this.status = 'ready';
      this.log.info(`code data loaded from ${this.dataDir} in ${(performance.now() - t0).toFixed(0)} ms: ${this.editions().join(' · ')}`);
      // the ICD-10-CM tabular notes are only needed for hover/explain: load them in the background
      const t1 = performance.now();
      this.notes = data.loadNotes(this.dataDir).then(
        () => this.log.info(`ICD-10-CM tabular notes loaded in ${(performance.now() - t1).toFixed(0)} ms`),
        (e: unknown) => this.log.warn(`ICD-10-CM tabular notes not available (hovers show no instructional notes): ${describeError(e)}`),
      );
      this.scheduleSearchIndex();
      this.emit();
      return data;
    } catch (e) {
      this.status = 'error';
      this.error = e instanceof Error && e.name === 'BundleError' ? e.message : `Could not load the code data bundle from ${this.dataDir}: ${describeError(e)}`;
      this.log.error(this.error);
      this.reportError(`Clinical Codes: ${this.error}`);
      this.emit();
      return undefined;
    }
  }

  /** The data with the tabular notes attached (for hover, explain and completion details). */
  async detailed(): Promise<CodeData | undefined> {
    const data = await this.ready;
    await this.notes;
    return data;
  }

  /** Edition labels for the status item and log. */
  editions(): string[] {
    const d = this.data;
    if (!d) return [];
    const out: string[] = [];
    const icd = d.icd10.editions;
    if (icd.length) out.push(`${officialTitle('icd10cm')} ${icd.map((e) => e.id).join(', ')}`);
    const p = d.procedures.editions;
    if (p.hcpcs) out.push(`HCPCS ${p.hcpcs}`);
    if (p.mpfs) out.push(`MPFS ${p.mpfs}`);
    if (p.mue) out.push(`MUE ${p.mue}`);
    if (p.aoc) out.push(`AOC ${p.aoc}`);
    out.push(d.ptp.edition ? `NCCI PTP ${d.ptp.edition}` : 'no NCCI PTP data');
    if (d.taxonomy.edition) out.push(`NUCC ${d.taxonomy.edition}`);
    return out;
  }

  /**
   * The word-search index. Building it takes a couple of seconds of CPU (in chunks that yield to the event loop),
   * so it is scheduled shortly after the data loads; a request that needs it before then waits for it.
   */
  searchIndexAsync(): Promise<CodeSearch | undefined> {
    if (!this.data) return Promise.resolve(undefined);
    if (!this.search) this.search = new CodeSearch(this.data);
    const search = this.search;
    if (!this.searchBuild || this.searchBuildFor !== search) {
      const t0 = performance.now();
      this.searchBuildFor = search;
      this.searchBuild = search.buildAsync().then(() => {
        this.log.info(`word-search index built in ${(performance.now() - t0).toFixed(0)} ms`);
        for (const l of this.statusListeners) l();
        return search;
      });
    }
    return this.searchBuild;
  }

  private searchBuild: Promise<CodeSearch> | undefined;
  private searchBuildFor: CodeSearch | undefined;

  get searchIndexReady(): boolean {
    return !!this.search?.built;
  }

  private scheduleSearchIndex(attempt = 0): void {
    if (this.searchIndexDelayMs < 0 || !this.data) return;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(
      () => {
        if (this.search?.built) return;
        // the build takes a couple of seconds of CPU (in chunks): not while the user is typing (for up to ~10 s)
        if (attempt < 10 && this.busy()) return this.scheduleSearchIndex(attempt + 1);
        this.searchIndexAsync().catch((e) => this.log.error(`could not build the word-search index: ${describeError(e)}`));
      },
      attempt ? 1000 : this.searchIndexDelayMs,
    );
    this.searchTimer.unref();
  }

  /**
   * Applies clinicalCodes.cptDescriptorsFile (machine-scoped; relative paths against the first workspace folder).
   * Listeners are told when the descriptors changed (documents need re-checking).
   */
  async setCptDescriptorsFile(file: string, workspaceRoot: string | undefined): Promise<void> {
    const resolved = file ? resolvePath(file, workspaceRoot) : '';
    if (resolved === this.cptFile) return;
    this.cptFile = resolved;
    const run = async (): Promise<void> => {
      const data = await this.ready;
      if (!data) return;
      let map = new Map<string, string>();
      if (resolved) {
        try {
          const r = await readCptDescriptors(resolved);
          map = r.map;
          this.log.info(`CPT descriptors: ${r.map.size} loaded from clinicalCodes.cptDescriptorsFile${r.skipped ? ` (${r.skipped} row(s) ignored: not "code,descriptor")` : ''}`);
          if (!r.map.size) this.reportError(`Clinical Codes: no "code,descriptor" rows found in ${resolved} (clinicalCodes.cptDescriptorsFile).`);
        } catch (e) {
          const msg = `Clinical Codes: cannot read clinicalCodes.cptDescriptorsFile ${resolved}: ${(e as NodeJS.ErrnoException).code ?? describeError(e)}`;
          this.log.warn(msg);
          this.reportError(msg);
        }
      }
      if (resolved !== this.cptFile) return; // superseded by a newer setting
      if (!map.size && !data.procedures.userDescriptorCount) return; // nothing before, nothing now
      data.procedures.setUserDescriptors(map);
      // the search index holds descriptors: rebuild it
      this.search = undefined;
      this.scheduleSearchIndex();
      this.emit();
    };
    this.cptLoad = this.cptLoad.then(run, run);
    await this.cptLoad;
  }

  dispose(): void {
    clearTimeout(this.searchTimer);
  }
}

function resolvePath(file: string, root: string | undefined): string {
  const f = file.startsWith('~/') ? resolve(homedir(), file.slice(2)) : file;
  return isAbsolute(f) ? f : resolve(root ?? process.cwd(), f);
}
