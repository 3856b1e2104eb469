/**
 * The long loops of an analysis (layout, scanner stages, claims, rules) are generators that yield every few hundred
 * iterations, so one analysis can run to the end at once (`runToEnd`: the CLI, tests) or in slices that give the
 * event loop back between them (`runSliced`: the language server, so a huge document does not hold up requests
 * for other documents, and a newer version of it can cancel the stale run).
 */
export type Steps<T> = Generator<void, T, void>;

/** Iterations between two yields: cheap enough to ignore, frequent enough for slices of a few milliseconds. */
export const STEP = 256;

/** Whether iteration `i` of a loop should yield. */
export const shouldYield = (i: number) => i % STEP === STEP - 1;

export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export interface SliceOptions {
  /** how long one slice may run before the event loop gets a turn (default 20 ms) */
  sliceMs?: number;
  /** gives the event loop a turn (default: a zero timeout; the server passes setImmediate) */
  yieldTo?: () => Promise<void>;
  /** asked between slices: true stops the run (a newer version of the document, or it was closed) */
  cancelled?: () => boolean;
}

/** Runs the steps in slices of about `sliceMs`; undefined when cancelled. */
export async function runSliced<T>(steps: Steps<T>, opts: SliceOptions = {}): Promise<T | undefined> {
  const sliceMs = opts.sliceMs ?? 20;
  const yieldTo = opts.yieldTo ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  let sliceStart = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - sliceStart < sliceMs) continue;
    await yieldTo();
    if (opts.cancelled?.()) {
      steps.return(undefined as T);
      return undefined;
    }
    sliceStart = performance.now();
  }
}
