import type { PtpEdit, PtpTable } from '../data/ptp-codec';

export type PtpStatus =
  /** the bundle has no PTP edits (built without the CMS files) */
  | { state: 'none' }
  /** in the bundle, not read yet: read when a claim has two procedures on one date, or on hover/explain */
  | { state: 'not-loaded'; edition: string }
  | { state: 'loaded'; edition: string; edits: number }
  | { state: 'error'; edition: string; message: string };

/**
 * NCCI procedure-to-procedure edits, loaded lazily: ~2.5 million edits cost start-up time no document without two
 * procedures on one date needs. `load()` is the only asynchronous step; lookups are synchronous and answer nothing
 * until it has run (callers that need the edits await `load()` first: analyze reports `pendingData`).
 */
export class PtpEdits {
  private loading: Promise<void> | undefined;
  private error: string | undefined;

  constructor(
    private table: PtpTable | undefined,
    /** the manifest's edition when the bundle has the file */
    private readonly bundled: string | undefined,
    private readonly loader?: () => Promise<PtpTable>,
  ) {}

  get status(): PtpStatus {
    if (this.table) return { state: 'loaded', edition: this.table.edition, edits: this.table.size };
    if (!this.bundled) return { state: 'none' };
    if (this.error) return { state: 'error', edition: this.bundled, message: this.error };
    return { state: 'not-loaded', edition: this.bundled };
  }

  get edition(): string | undefined {
    return this.table?.edition ?? this.bundled;
  }

  /** The bundle has edits that are not read yet (and reading them has not failed). */
  get pending(): boolean {
    return !this.table && !!this.bundled && !this.error && !!this.loader;
  }

  /** Reads the edits (once; later calls share it). A failure is kept in `status` and never thrown. */
  load(): Promise<void> {
    if (this.table || !this.loader || this.error) return Promise.resolve();
    this.loading ??= this.loader().then(
      (t) => {
        this.table = t;
      },
      (e: unknown) => {
        this.error = e instanceof Error ? e.message : String(e);
      },
    );
    return this.loading;
  }

  /** The edit of column 1 / column 2 in force on the date (effective ≤ date < deletion); undefined when not loaded. */
  inForce(column1: string, column2: string, date: string): PtpEdit | undefined {
    return this.table?.inForce(column1, column2, date);
  }

  partners(column1: string, date?: string): { all: number; inForce?: number } | undefined {
    return this.table?.partners(column1, date);
  }
}
