/** The order statistics every bench section reports (one definition, so "p99" means the same everywhere). */

/** The p-th percentile (0-100) by the nearest-rank rule; NaN for no samples. */
export function pct(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  return [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
}

export const median = (xs: readonly number[]): number => pct(xs, 50);
