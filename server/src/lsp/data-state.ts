import { CodeData, CodeSearch, officialTitle, type WordIndex } from '../engine';
import { descriptorFileProblem, readCptDescriptors } from '../shared/cpt-descriptors';
import { describeError, type Logger } from './log';

export type DataStatus = 'loading' | 'ready' | 'error';

/**
 * The code data bundle, loaded asynchronously once after `initialize` (no I/O on request paths: requests await
 * `ready`). A missing or corrupt bundle is reported once and the server keeps running with nothing to serve.
 * Also owns the word-search index (read from the bundle after the data) and the user's licensed CPT descriptors.
 */
export class DataState {
  status: DataStatus = 'loading';
  data: CodeData | undefined;
  error: string | undefined;
  readonly ready: Promise<CodeData | undefined>;
  private notes: Promise<void> = Promise.resolve();
  private searchTimer: NodeJS.Timeout | undefined;
  private cptFile = '';
  private cptLoad: Promise<void> = Promise.resolve();
  private readonly listeners: (() => void)[] = [];
  private readonly statusListeners: (() => void)[] = [];

  constructor(
    readonly dataDir: string,
    private readonly log: Logger,
    /** `bundle`: the bundle could not be loaded (the VS Code client shows that itself, from the status) */
    private readonly reportError: (message: string, kind?: 'bundle') => void,
    private readonly searchIndexDelayMs: number,
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
      const loading = CodeData.load(this.dataDir);
      // the word index is read (and gunzipped on the thread pool) while the data loads: the first word completion
      // after start-up must not wait for a second read after the data
      if (this.searchIndexDelayMs === 0) {
        this.bundledIndex = CodeSearch.readBundledDir(this.dataDir);
        this.bundledIndex.catch(() => undefined); // reported by openSearch, or the data load reports the bundle
      }
      const data = await loading;
      this.data = data;
      this.status = 'ready';
      this.log.info(`code data loaded from ${this.dataDir} in ${(performance.now() - t0).toFixed(0)} ms: ${this.editions().join(' · ')}`);
      // the ICD-10-CM tabular notes are only needed for hover/explain: loaded in the background, after the word
      // index (their JSON.parse would otherwise delay the first word completion)
      const afterIndex = this.bundledIndex ? this.bundledIndex.then(() => undefined, () => undefined) : Promise.resolve();
      const t1 = performance.now();
      this.notes = afterIndex
        .then(() => data.loadNotes(this.dataDir))
        .then(
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
      this.reportError(`Clinical Codes: ${this.error}`, 'bundle');
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
   * The word-search index: the bundle's word index (read as bytes after the data, off the request path) plus the
   * CPT descriptors indexed on first use. One promise per data and CPT descriptor state; it always settles
   * (undefined when the index cannot be read), so every request that awaits it is answered. A CPT descriptor change
   * makes the next caller get a new one; callers already waiting get the one they awaited.
   */
  async searchIndexAsync(): Promise<CodeSearch | undefined> {
    const data = await this.ready;
    if (!data) return undefined;
    this.search ??= this.openSearch(data);
    return this.search;
  }

  private async openSearch(data: CodeData): Promise<CodeSearch | undefined> {
    const t0 = performance.now();
    try {
      this.bundledIndex ??= CodeSearch.readBundled(this.dataDir, data);
      const search = new CodeSearch(data, await this.bundledIndex);
      this.log.info(`word-search index opened in ${(performance.now() - t0).toFixed(0)} ms (${(search.bytes / 1e6).toFixed(1)} MB)`);
      return search;
    } catch (e) {
      // an unreadable index: word search answers nothing, the rest of the server works
      this.bundledIndex = Promise.resolve(undefined);
      const msg = `word search is not available: ${describeError(e)}`;
      this.log.error(msg);
      this.reportError(`Clinical Codes: ${msg}`);
      return undefined;
    }
  }

  private search: Promise<CodeSearch | undefined> | undefined;
  private bundledIndex: Promise<WordIndex | undefined> | undefined;
  private searchPrepared = false;

  get searchIndexReady(): boolean {
    return this.searchPrepared;
  }

  /** Opens and prepares the index shortly after the data loads (-1: on first use), so the first query is fast. */
  private scheduleSearchIndex(): void {
    if (this.searchIndexDelayMs < 0 || !this.data) return;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      void this.searchIndexAsync().then((search) => {
        if (!search) return;
        const t0 = performance.now();
        search.prepare();
        this.log.info(`word-search index prepared in ${(performance.now() - t0).toFixed(0)} ms`);
        this.searchPrepared = true;
        for (const l of this.statusListeners) l();
      });
    }, this.searchIndexDelayMs);
    this.searchTimer.unref();
  }

  /**
   * Applies clinicalCodes.cptDescriptorsFile, already resolved and checked (`path-settings.ts`; '' = none).
   * Listeners are told when the descriptors changed (documents need re-checking).
   */
  async setCptDescriptorsFile(resolved: string): Promise<void> {
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
          const msg = `Clinical Codes: clinicalCodes.cptDescriptorsFile ${resolved}: ${descriptorFileProblem(e)}`;
          this.log.warn(msg);
          this.reportError(msg);
        }
      }
      if (resolved !== this.cptFile) return; // superseded by a newer setting
      if (!map.size && !data.procedures.userDescriptorCount) return; // nothing before, nothing now
      data.procedures.setUserDescriptors(map);
      // the CPT part of the search index holds descriptors: the next search indexes them again
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
