import { SEVERITIES, type Finding, type Severity, type SeveritySetting } from './findings';
import type { Lines } from './text/lines';
import { analysisTruncated } from './rules/analysis-truncated';
import { sortSteps, type Steps } from './steps';
import { keepShape } from './shapes';

/**
 * Findings kept per document. 10,000 is more than anyone reads, and more than an editor's Problems view shows
 * usefully; it bounds the memory of a document with a million findings (each carries a message, fixes and related
 * locations: about 1.5 KB) to ~15 MB. The rest are counted and said in one `analysis.truncated` finding.
 */
export const MAX_FINDINGS = 10_000;

/** The most a user may ask to keep (`clinicalCodes.maxFindings`, `--max-findings`): still bounded, ~1.5 GB at worst. */
export const MAX_FINDINGS_LIMIT = 1_000_000;

/** Whether a user's findings cap is usable: a whole number from 1 to MAX_FINDINGS_LIMIT. */
export const isMaxFindings = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_FINDINGS_LIMIT;

type Keyed = { f: Finding; seq: number };

/**
 * A kept finding's texts as flat strings: a message built from a template is a tree of a few dozen pieces (~1 KB
 * for 250 characters), and 10,000 kept findings held 13 MB of them. Reading a character flattens a string in place.
 */
function keepFlat(f: Finding): void {
  f.message.charCodeAt(0);
  if (f.fixes) for (const x of f.fixes) x.title.charCodeAt(0);
  if (f.related) for (const x of f.related) x.message.charCodeAt(0);
}

/** a before b in document order (start, rule id, then the order the rules produced them) */
const before = (a: { start: number; ruleId: string; seq: number }, b: { start: number; ruleId: string; seq: number }) =>
  a.start !== b.start ? a.start < b.start : a.ruleId !== b.ruleId ? a.ruleId < b.ruleId : a.seq < b.seq;
const key = (k: Keyed) => ({ start: k.f.start, ruleId: k.f.ruleId, seq: k.seq });

/**
 * The first `max` findings in document order, whatever order the rules produce them in: a max-heap of the kept
 * ones (its root is the last kept), so a finding after the root is only counted and one before it replaces it.
 */
export class FindingCap {
  private readonly heap: Keyed[] = [];
  private seq = 0;
  private dropped = 0;
  private readonly droppedBySeverity = new Map<Severity, number>();
  private firstDropped = Number.MAX_SAFE_INTEGER;
  /** the claim of the first dropped finding, where the findings came placed on claims (a document in parts) */
  private firstDroppedClaim: Finding['claim'];

  constructor(private readonly max: number) {
    keepShape(FindingCap, () => new FindingCap(1));
  }

  /** Whether a finding at `start` would be kept; if not, it is counted (so the caller need not build it). */
  admits(start: number, ruleId: string, severity: Severity, claim?: Finding['claim']): boolean {
    if (this.heap.length < this.max) return true;
    const root = this.heap[0];
    if (root && before({ start, ruleId, seq: this.seq }, key(root))) return true;
    this.count(start, severity, 1, claim);
    return false;
  }

  add(f: Finding): void {
    keepFlat(f);
    const k = { f, seq: this.seq++ };
    const h = this.heap;
    if (h.length < this.max) {
      h.push(k);
      this.up(h.length - 1);
      return;
    }
    if (!h.length) return this.count(f.start, f.severity, 1, f.claim);
    const out = h[0];
    h[0] = k;
    this.down(0);
    this.count(out.f.start, out.f.severity, 1, out.f.claim);
  }

  /** The kept findings in document order, sorted in steps (engine/steps.ts): the cap may be a million. */
  *sorted(): Steps<Finding[]> {
    const all = [...this.heap];
    yield* sortSteps(all, (a, b) => (before(key(a), key(b)) ? -1 : 1));
    return all.map((k) => k.f);
  }

  /** The one finding that says how many were not shown, or undefined when none was dropped (or the rule is off). */
  truncation(layout: Lines, setting: SeveritySetting | undefined): Finding | undefined {
    if (!this.dropped || setting === 'off') return undefined;
    const by = SEVERITIES.filter((s) => this.droppedBySeverity.has(s)).map((s) => [s, this.droppedBySeverity.get(s)!] as const);
    const counts = by.map(([s, n]) => `${fmt(n)} ${s}${n === 1 ? '' : s === 'info' || s === 'hint' ? '' : 's'}`);
    const worst = by[0][0];
    const at = Math.min(this.firstDropped, layout.length);
    const line = layout.lineAt(at);
    return {
      ruleId: analysisTruncated.id,
      // unless set, as severe as the worst finding it stands for, so a CLI exit status still counts hidden errors
      severity: setting ?? worst,
      start: at,
      end: Math.min(layout.lineEnd(line), at + 1),
      code: '',
      message:
        `${fmt(this.dropped)} more finding${this.dropped === 1 ? '' : 's'} not shown (${counts.join(', ')}), the first on line ${fmt(line + 1)}: ` +
        `only the first ${fmt(this.max)} findings of a document are reported. Fix or turn off (clinicalCodes.rules) the rules that fire most, or check the file in smaller parts.`,
      data: { dropped: this.dropped, bySeverity: Object.fromEntries(by), max: this.max },
      ...(this.firstDroppedClaim ? { claim: this.firstDroppedClaim } : {}),
    };
  }

  /** Counts `n` findings dropped elsewhere (a part of a document analysed in parts), the first at `start`. */
  count(start: number, severity: Severity, n = 1, claim?: Finding['claim']): void {
    this.dropped += n;
    this.droppedBySeverity.set(severity, (this.droppedBySeverity.get(severity) ?? 0) + n);
    if (start < this.firstDropped) {
      this.firstDropped = start;
      this.firstDroppedClaim = claim;
    }
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(key(h[p]), key(h[i]))) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(key(h[m]), key(h[l]))) m = l;
      if (r < h.length && before(key(h[m]), key(h[r]))) m = r;
      if (m === i) return;
      [h[m], h[i]] = [h[i], h[m]];
      i = m;
    }
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');
