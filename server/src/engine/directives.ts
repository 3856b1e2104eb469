import type { Layout } from './scanner/layout';
import { firstIndex } from './sorted';

/**
 * In-document directives, written in any comment style the document allows:
 *   clinical-codes: disable-next-line [rule-id ...]
 *   clinical-codes: disable-line [rule-id ...]
 *   clinical-codes: disable [rule-id ...]      (from here to the end, or to "enable")
 *   clinical-codes: enable [rule-id ...]
 * Without rule ids the directive applies to every rule.
 */
/** What every directive starts with: a text without it has none (a document analysed in parts checks for it). */
export const DIRECTIVE_MARK = 'clinical-codes:';

// the kind must end there: "disable-nextline" or "disable-next-lineicd10…" is no directive, not a file-wide "disable"
const DIRECTIVE = /clinical-codes:\s*(disable-next-line|disable-line|disable|enable)(?![\w-])([ \t]+[a-z0-9.\- \t,]*)?/g;

export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
}

const ALL = '*';

/** Line intervals in order of their start; `to` never decreases along the list (see parseDirectives). */
type Intervals = { from: number; to: number }[];

/** Whether a line is in one of the intervals: binary search for the last interval starting at or before it. */
function covers(list: Intervals | undefined, line: number): boolean {
  if (!list?.length) return false;
  const at = firstIndex(list.length, (i) => list[i].from > line) - 1;
  return at >= 0 && line <= list[at].to;
}

/** Adds the interval object itself (an open exception's `to` is set when its range closes). */
function addTo(map: Map<string, Intervals>, rule: string, interval: { from: number; to: number }): void {
  const list = map.get(rule);
  if (list) list.push(interval);
  else map.set(rule, [interval]);
}

/**
 * The directives of a document as per-line sets and per-rule line intervals, so that asking about each finding
 * costs a lookup and a binary search however many directives the document has.
 */
export function parseDirectives(text: string, layout: Layout): Suppressions {
  if (!text.includes('clinical-codes:')) return { isSuppressed: () => false };
  const perLine = new Map<number, Set<string>>();
  /** disable … enable ranges per rule id (ALL: every rule); one rule's ranges never overlap and come in order */
  const ranges = new Map<string, Intervals>();
  const open = new Map<string, number>();
  /** "enable rule-x" inside a "disable" (all rules) range: rule-x is back on from that line to the range's end */
  const exceptions = new Map<string, Intervals>();
  /** exceptions of the open ALL range, whose end is not known yet */
  let pending: { from: number; to: number }[] = [];
  DIRECTIVE.lastIndex = 0;
  for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
    const line = layout.lineAt(m.index);
    const rules = (m[2] ?? '')
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter((r) => /^[a-z0-9]+\.[a-z0-9.-]+$/.test(r));
    const ids = rules.length ? rules : [ALL];
    const add = (l: number) => {
      const set = perLine.get(l) ?? new Set<string>();
      for (const r of ids) set.add(r);
      perLine.set(l, set);
    };
    switch (m[1]) {
      case 'disable-next-line':
        add(line + 1);
        break;
      case 'disable-line':
        add(line);
        break;
      case 'disable':
        for (const r of ids) if (!open.has(r)) open.set(r, line);
        if (ids !== rules) {
          // "disable" (all rules) again: rules enabled inside the earlier one are off again from here
          for (const e of pending) e.to = Math.min(e.to, line - 1);
          pending = [];
        }
        break;
      case 'enable':
        for (const r of ids === rules ? ids : [...open.keys()]) {
          const from = open.get(r);
          if (from !== undefined) addTo(ranges, r, { from, to: line });
          open.delete(r);
          if (r !== ALL && open.has(ALL)) {
            const e = { from: line, to: Number.MAX_SAFE_INTEGER };
            addTo(exceptions, r, e);
            pending.push(e);
          }
        }
        if (ids !== rules) {
          // the ALL range closed here: its exceptions end with it
          for (const e of pending) e.to = line;
          pending = [];
        }
        break;
    }
  }
  for (const [r, from] of open) addTo(ranges, r, { from, to: Number.MAX_SAFE_INTEGER });
  return {
    isSuppressed(ruleId, line) {
      const set = perLine.get(line);
      if (set && (set.has(ALL) || set.has(ruleId))) return true;
      if (covers(ranges.get(ruleId), line)) return true;
      return covers(ranges.get(ALL), line) && !covers(exceptions.get(ruleId), line);
    },
  };
}
