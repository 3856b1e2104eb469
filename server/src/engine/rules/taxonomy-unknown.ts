import type { Rule } from './rule';
import { oneEditAway } from '../text/did-you-mean';

export const taxonomyUnknown: Rule = {
  id: 'taxonomy.unknown',
  defaultSeverity: 'error',
  description: 'A NUCC provider taxonomy code that is not in the NUCC code set.',
  summary: 'not a NUCC taxonomy code',
  docs: 'The 10-character code is not in the bundled NUCC provider taxonomy code set. Check it for a typo (codes one character away are offered as fixes) or look the provider\'s taxonomy up in the NUCC list.',
  tags: ['unknown'],
  fixable: true,
  systems: ['taxonomy'],
  check(t, ctx) {
    if (t.system !== 'taxonomy' || t.known) return;
    const tax = ctx.data.taxonomy;
    const near = oneEditAway(t.code, (c) => c.length === 10 && !!tax.get(c), undefined, 5);
    const hint = near.length ? ` Did you mean ${near.map((c) => `${c} (${tax.get(c)!.displayName})`).join(', ')}?` : '';
    return {
      start: t.start,
      end: t.end,
      message: `${t.text} is not a NUCC provider taxonomy code (NUCC ${tax.edition ?? 'not bundled'}).${hint}`,
      fixes: near.map((c) => ({ title: `Change to ${c}`, start: t.start, end: t.end, newText: c })),
    };
  },
};
