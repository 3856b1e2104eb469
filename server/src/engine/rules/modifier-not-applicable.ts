import type { Rule, RuleContext } from './rule';
import type { CodeToken } from '../scanner/tokens';
import { modifierFit } from '../systems/modifier-fit';
import { runToEnd, shouldYield, type Steps } from '../steps';

const perLine = new WeakMap<readonly CodeToken[], Map<number, number>>();

/** How many procedure codes each line holds (counted once per document, by `prepare`). */
function proceduresPerLine(tokens: readonly CodeToken[]): Map<number, number> {
  let m = perLine.get(tokens);
  if (!m) runToEnd(countProcedures(tokens, (m = new Map())));
  return m;
}

function* countProcedures(tokens: readonly CodeToken[], m: Map<number, number>): Steps<void> {
  for (let i = 0; i < tokens.length; i++) {
    if (shouldYield(i)) yield;
    const x = tokens[i];
    if (x.system === 'cpt' || x.system === 'hcpcs') m.set(x.line, (m.get(x.line) ?? 0) + 1);
  }
  perLine.set(tokens, m);
}

function parentPhrase(t: CodeToken): string {
  return t.parentVia === 'subject' ? ` (the code this document is about, line ${t.parent!.line + 1})` : '';
}

export const modifierNotApplicable: Rule = {
  id: 'modifier.not-applicable',
  defaultSeverity: 'warning',
  description: 'A valid modifier on a code that cannot take it (anesthesia modifiers on non-anesthesia codes, 25 off E/M, anatomic modifiers on E/M, 50/51/62/66/80 against the MPFS indicators or on add-on codes, 26/TC against the PC/TC indicator, Category II modifiers off Category II codes).',
  summary: 'anesthesia modifiers on non-anesthesia codes, 25/57 off E/M, anatomic modifiers on E/M, 50/51/62/66/80-82/AS/26/TC against the MPFS indicators, 51 on add-on codes, 1P-8P off Category II codes',
  docs: 'The modifier exists but the code it is applied to cannot take it: anesthesia modifiers on codes outside 00100-01999, 25 or 57 on codes that are not evaluation and management, distinct-service modifiers (59, XE, XP, XS, XU) and anatomic modifiers (LT/RT, E1-E4, FA-F9, TA-T9, LC/LD/LM/RC/RI) on E/M codes, 51 on add-on codes or where the MPFS multiple procedure indicator is 0, Category II performance modifiers (1P, 2P, 3P, 8P) on codes that are not Category II, and 50, 62, 66, 80-82, AS, 26 or TC where the MPFS indicators do not allow them. Payers deny or reprice the line: check the modifier.',
  tags: [],
  fixable: true,
  systems: ['modifier'],
  *prepare(ctx: RuleContext) {
    if (!perLine.has(ctx.tokens)) yield* countProcedures(ctx.tokens, new Map());
  },
  check(t, ctx: RuleContext) {
    if (t.system !== 'modifier' || !t.parent || !t.known) return;
    // "modifier 25" in a sentence naming several codes: which code it goes with is a guess, so say nothing
    if (t.parentVia === 'line' && (proceduresPerLine(ctx.tokens).get(t.line) ?? 0) > 1) return;
    const parent = t.parent;
    const fit = modifierFit(ctx.data, t.code, parent.code, ctx.dateOfService);
    if (fit.verdict !== 'misfit') return;
    const why = fit.reason;
    return {
      start: t.start,
      end: t.end,
      message: `Modifier ${t.code} does not fit ${parent.code}${parentPhrase(t)}: ${why}. Payers deny or reprice the line; check the modifier.`,
      related: [{ start: parent.start, end: parent.end, message: `${parent.code}: the code modifier ${t.code} is applied to` }],
      fixes:
        t.parentVia === 'suffix' ? [{ title: `Remove modifier ${t.code}`, start: t.start - 1, end: t.end, newText: '' }] : undefined,
    };
  },
};
