import type { Rule } from './rule';
import { rangeProblem } from '../scanner/ranges';
import { firstIndex } from '../sorted';

export const rangeMalformed: Rule = {
  id: 'range.malformed',
  defaultSeverity: 'warning',
  description: 'A code range whose ends are in different code families or whose end comes before its start.',
  summary: 'a code range (A0021-A0999, 99201 through 99215) whose ends are in different code families or reversed; range ends are otherwise never judged as codes',
  docs: 'A range such as "A0021-A0999" or "99201 through 99215" names a span of codes; its ends need not be valid codes, so the other rules leave them alone. A range is malformed when its ends are in different code families (a CPT Category I code to a HCPCS code, Category III to Category I) or when it ends before it starts: the reader cannot tell which codes it means. Write both ends in one family, lower end first.',
  tags: [],
  fixable: false,
  judgesRanges: true,
  check(t, ctx) {
    const r = t.range;
    if (!r) return;
    // a pair of tokens is judged once, on its start; an end whose start is no token (99xxx-99215) on the end
    // (tokens are sorted by start: binary search, a coding table may hold thousands of ranges)
    if (r.role === 'end' && ctx.tokens[firstIndex(ctx.tokens.length, (i) => ctx.tokens[i].start >= r.other.start)]?.start === r.other.start) return;
    const [from, to] = r.role === 'start' ? [t.text, r.other.text] : [r.other.text, t.text];
    const why = rangeProblem(from, to);
    if (!why) return;
    const start = Math.min(t.start, r.other.start);
    const end = Math.max(t.end, r.other.end);
    return {
      start,
      end,
      message: `The range ${from}-${to} is malformed: ${why}, so it names no clear set of codes. Write both ends in one code family, the lower end first.`,
    };
  },
};
