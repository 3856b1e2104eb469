/**
 * One small instance of each class an analysis builds and drops (Scanner, Layout, the lazy rows, Row, PartText,
 * FindingCap, EnvelopeCheck; tokens in the shapes they take later), kept for the life of the process.
 *
 * V8 forgets the shape of a class's instances when none is alive at a full collection, and with it the optimized code
 * of every method built on that shape (a "weak objects" deoptimization: the methods run unoptimized until compiled
 * again). The CLI collects between files and between the parts of a large file, exactly when no analysis is alive:
 * a 200,000-row claim export in 69 parts was deoptimized 529 times and compiled ~1,350 functions instead of ~740,
 * 680 notes 121 times (455 compiles instead of ~330).
 */
const kept = new Map<object, object>();

/** Keeps `make()`, an empty instance of `cls`, unless one is kept already (call it where `cls` is constructed). */
export function keepShape(cls: object, make: () => object): void {
  if (kept.has(cls)) return;
  kept.set(cls, kept); // taken: a constructor that calls this must not recurse through make()
  kept.set(cls, make());
}
