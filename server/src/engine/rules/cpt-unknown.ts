import type { Rule } from './rule';
import { oneEditAway } from '../text/did-you-mean';
import { cptSources } from './procedure-sources';

export const cptUnknown: Rule = {
  id: 'cpt.unknown',
  defaultSeverity: 'warning',
  description: 'A procedure code in CPT form that none of the CMS files lists (reported only where the context says it is a procedure code).',
  summary: 'CPT-shaped code none of the CMS files lists (only where the context says it is a procedure code)',
  docs: 'A code in CPT form, in a procedure context (a CPT label or column), that none of the bundled CMS files (MPFS, MUE, add-on code edits) lists: it may be deleted, mistyped or newer than the data. Check it in the current CPT code book; codes one character away are offered as fixes.',
  tags: ['unknown'],
  fixable: true,
  systems: ['cpt'],
  check(t, ctx) {
    if (t.system !== 'cpt' || t.known) return;
    const procs = ctx.data.procedures;
    const near = oneEditAway(t.code, (c) => procs.known(c) && c.length === 5, '0123456789FTUM', 5);
    const hint = near.length ? ` Did you mean ${near.join(', ')}?` : '';
    if (t.code.length !== 5) {
      return {
        start: t.start,
        end: t.end,
        message: `${t.text} in a list of CPT codes is not a CPT code: it has ${t.code.length} characters, and CPT codes have 5.${hint} Correct the code.`,
        fixes: near.map((c) => ({ title: `Change to ${c}`, start: t.start, end: t.end, newText: c })),
        data: { suggestions: near },
      };
    }
    return {
      start: t.start,
      end: t.end,
      message:
        `${t.text} is not in the CMS files for CPT codes (${cptSources(ctx.data)}): it may be deleted, mistyped or newer than the data.` +
        `${hint} Check it in the current CPT code book.`,
      fixes: near.map((c) => ({ title: `Change to ${c}`, start: t.start, end: t.end, newText: c })),
      data: { suggestions: near },
    };
  },
};
