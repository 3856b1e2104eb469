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

/**
 * Sorts `items` in place, stably (like Array.prototype.sort), in steps: a bottom-up merge sort that yields every
 * STEP moves, so sorting a million tokens does not hold the event loop for a quarter of a second.
 */
export function* sortSteps<T>(items: T[], compare: (a: T, b: T) => number): Steps<void> {
  const n = items.length;
  if (n < 2) return;
  // short runs sorted at once (a run of STEP is cheap), then merged pairwise
  const RUN = 64;
  let moves = 0;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(n, lo + RUN);
    for (let i = lo + 1; i < hi; i++) {
      const x = items[i];
      let j = i - 1;
      while (j >= lo && compare(items[j], x) > 0) {
        items[j + 1] = items[j];
        j--;
      }
      items[j + 1] = x;
    }
    if (shouldYield(moves++)) yield;
  }
  let src = items;
  let dst = new Array<T>(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (shouldYield(moves++)) yield;
        dst[k++] = compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
      }
      while (i < mid) {
        if (shouldYield(moves++)) yield;
        dst[k++] = src[i++];
      }
      while (j < hi) {
        if (shouldYield(moves++)) yield;
        dst[k++] = src[j++];
      }
    }
    [src, dst] = [dst, src];
  }
  if (src !== items) {
    for (let i = 0; i < n; i++) {
      if (shouldYield(i)) yield;
      items[i] = src[i];
    }
  }
}
