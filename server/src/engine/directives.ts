import type { Layout } from './scanner/layout';

/**
 * In-document directives, written in any comment style the document allows:
 *   clinical-codes: disable-next-line [rule-id ...]
 *   clinical-codes: disable-line [rule-id ...]
 *   clinical-codes: disable [rule-id ...]      (from here to the end, or to "enable")
 *   clinical-codes: enable [rule-id ...]
 * Without rule ids the directive applies to every rule.
 */
// the kind must end there: "disable-nextline" or "disable-next-lineicd10…" is no directive, not a file-wide "disable"
const DIRECTIVE = /clinical-codes:\s*(disable-next-line|disable-line|disable|enable)(?![\w-])([ \t]+[a-z0-9.\- \t,]*)?/g;

export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
}

const ALL = '*';

export function parseDirectives(text: string, layout: Layout): Suppressions {
  if (!text.includes('clinical-codes:')) return { isSuppressed: () => false };
  const perLine = new Map<number, Set<string>>();
  const ranges: { rule: string; from: number; to: number }[] = [];
  const open = new Map<string, number>();
  /** "enable rule-x" inside a "disable" (all rules) range: rule-x is back on from that line */
  const exceptions: { rule: string; from: number; to: number }[] = [];
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
      ids.forEach((r) => set.add(r));
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
        ids.forEach((r) => open.has(r) || open.set(r, line));
        // "disable" (all rules) again: rules enabled inside the earlier one are off again from here
        if (ids !== rules) for (const e of exceptions) e.to = Math.min(e.to, line - 1);
        break;
      case 'enable':
        for (const r of ids === rules ? ids : [...open.keys()]) {
          const from = open.get(r);
          if (from !== undefined) ranges.push({ rule: r, from, to: line });
          open.delete(r);
          if (r !== ALL && open.has(ALL)) exceptions.push({ rule: r, from: line, to: Number.MAX_SAFE_INTEGER });
        }
        // "enable" (all rules) ends the exceptions here; dropping them would undo them in the range just closed
        if (ids !== rules) for (const e of exceptions) e.to = Math.min(e.to, line);
        break;
    }
  }
  for (const [r, from] of open) ranges.push({ rule: r, from, to: Number.MAX_SAFE_INTEGER });
  return {
    isSuppressed(ruleId, line) {
      const set = perLine.get(line);
      if (set && (set.has(ALL) || set.has(ruleId))) return true;
      return ranges.some(
        (x) =>
          (x.rule === ruleId || (x.rule === ALL && !exceptions.some((e) => e.rule === ruleId && line >= e.from && line <= e.to && line >= x.from))) &&
          line >= x.from &&
          line <= x.to,
      );
    },
  };
}
