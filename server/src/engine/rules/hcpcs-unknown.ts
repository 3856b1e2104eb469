import type { Rule } from './rule';
import { oneEditAway } from '../text/did-you-mean';

export const hcpcsUnknown: Rule = {
  id: 'hcpcs.unknown',
  defaultSeverity: 'error',
  description: 'A HCPCS Level II code (letter + 4 digits) that is not in the HCPCS file (reported only where the context says it is a procedure code).',
  summary: 'HCPCS Level II code not in the HCPCS file (procedure context only)',
  docs: 'A letter + 4 digits code, in a procedure context, that is not in the bundled HCPCS Level II file. Check it for a typo (codes one character away are offered as fixes) or look it up in the current HCPCS file.',
  tags: ['unknown'],
  fixable: true,
  systems: ['hcpcs'],
  check(t, ctx) {
    if (t.system !== 'hcpcs' || t.known) return;
    const procs = ctx.data.procedures;
    const near = oneEditAway(t.code, (c) => /^[A-V]\d{4}$/.test(c) && procs.known(c), undefined, 5);
    const hint = near.length ? ` Did you mean ${near.join(', ')}?` : '';
    return {
      start: t.start,
      end: t.end,
      message: `${t.text} is not a HCPCS Level II code (HCPCS ${procs.editions.hcpcs ?? 'file not bundled'}).${hint}`,
      fixes: near.map((c) => ({ title: `Change to ${c}`, start: t.start, end: t.end, newText: c })),
      data: { suggestions: near },
    };
  },
};
