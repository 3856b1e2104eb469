/**
 * A memo that keeps at most `max` entries, the recently used ones: two generations, the older dropped whole when the
 * newer fills (most of an LRU's hit rate, none of its bookkeeping). A long run meets an unbounded number of distinct
 * keys (every code of a 200,000-row claim export), so the cap is what bounds the memory; emptying a full cache at once
 * would drop its hot entries with the cold ones.
 */
export class BoundedCache<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly half: number;

  constructor(max: number) {
    this.half = Math.max(1, Math.ceil(max / 2));
  }

  /**
   * The value remembered for `key` (undefined when none is: `has` tells an undefined value from a miss). Two map
   * lookups at most on the way (a claim run asks millions of times); an entry of the older generation moves to the
   * newer, except an undefined value, which is dropped with its generation.
   */
  get(key: K): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const kept = this.old.get(key);
    if (kept === undefined) return undefined;
    this.old.delete(key);
    this.set(key, kept);
    return kept;
  }

  has(key: K): boolean {
    return this.young.has(key) || this.old.has(key);
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.half && !this.young.has(key)) {
      this.old = this.young;
      this.young = new Map();
    }
    this.old.delete(key);
    this.young.set(key, value);
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }

  get size(): number {
    return this.young.size + this.old.size;
  }
}
