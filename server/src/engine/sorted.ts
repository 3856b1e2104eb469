/**
 * Binary search over anything sorted: the first index in [0, length) where `after(i)` is true, given that it is false
 * for a prefix and true for the rest (length if never). "The last item starting at or before x" is
 * `firstIndex(n, (i) => items[i].start > x) - 1`; "the first at or after x" is `firstIndex(n, (i) => items[i].start >= x)`.
 */
export function firstIndex(length: number, after: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
