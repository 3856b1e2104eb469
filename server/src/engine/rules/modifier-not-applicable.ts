import type { Rule, RuleContext } from './rule';
import type { CodeData } from '../data/code-data';
import type { CodeToken } from '../scanner/tokens';
import { ANESTHESIA_MODIFIERS } from '../systems/modifiers';
import { ASST_IND, BILAT_IND, CO_SURG_IND, PCTC_IND, TEAM_IND, type MpfsIndicators } from '../systems/procedures';

/** NCCI distinct-service modifiers: never on E/M codes (NCCI Policy Manual, chapter I). */
const DISTINCT_SERVICE = new Set(['59', 'XE', 'XP', 'XS', 'XU']);

/** Anesthesia codes (00100-01999) and qualifying circumstances (99100-99140). */
export const isAnesthesiaCode = (code: string) => /^\d{5}$/.test(code) && ((+code >= 100 && +code <= 1999) || (+code >= 99100 && +code <= 99140));
/** Evaluation and management visits, including the ophthalmology visit codes payers treat as E/M. */
export const isEvaluationAndManagementCode = (code: string) =>
  /^\d{5}$/.test(code) && ((+code >= 99202 && +code <= 99499) || (+code >= 92002 && +code <= 92014));

/** Why modifier `mod` cannot go on `parent` per the data, or undefined when it can (or the data cannot tell). */
export function modifierMisfit(data: CodeData, mod: string, parent: string): string | undefined {
  const info = data.procedures.get(parent);
  return reason(mod, parent, info?.mpfs.find((r) => r.modifier === '') ?? info?.mpfs[0]);
}

function reason(mod: string, parent: string, ind: MpfsIndicators | undefined): string | undefined {
  if (ANESTHESIA_MODIFIERS.has(mod) && !isAnesthesiaCode(parent)) return `${mod} is an anesthesia modifier and ${parent} is not an anesthesia code (00100-01999)`;
  if ((mod === '25' || mod === '57') && !isEvaluationAndManagementCode(parent))
    return `${mod} applies only to evaluation and management services, and ${parent} is not one`;
  if (DISTINCT_SERVICE.has(mod) && isEvaluationAndManagementCode(parent))
    return `${mod} marks a distinct procedural service and may not be appended to an evaluation and management code such as ${parent} (use 25 for a separate E/M)`;
  if (!ind) return undefined;
  const says = (table: Record<string, string>, v: string, label: string) => `MPFS ${label} indicator ${v}: ${table[v] ?? 'unknown value'}`;
  switch (mod) {
    case '50':
      if (['0', '2', '9'].includes(ind.bilat)) return says(BILAT_IND, ind.bilat, 'bilateral surgery');
      break;
    case '80':
    case '81':
    case '82':
    case 'AS':
      if (['1', '9'].includes(ind.asst)) return says(ASST_IND, ind.asst, 'assistant at surgery');
      break;
    case '62':
      if (['0', '9'].includes(ind.coSurg)) return says(CO_SURG_IND, ind.coSurg, 'co-surgeon');
      break;
    case '66':
      if (['0', '9'].includes(ind.team)) return says(TEAM_IND, ind.team, 'team surgery');
      break;
    case '26':
    case 'TC':
      if (['0', '5', '7', '9'].includes(ind.pctc)) return says(PCTC_IND, ind.pctc, 'PC/TC');
      if (mod === '26' && ind.pctc === '2') return `${parent} is already a professional-component-only code (MPFS PC/TC indicator 2)`;
      if (mod === 'TC' && ind.pctc === '3') return `${parent} is already a technical-component-only code (MPFS PC/TC indicator 3)`;
      break;
  }
  return undefined;
}

function parentPhrase(t: CodeToken): string {
  return t.parentVia === 'subject' ? ` (the code this document is about, line ${t.parent!.line + 1})` : '';
}

export const modifierNotApplicable: Rule = {
  id: 'modifier.not-applicable',
  defaultSeverity: 'warning',
  description: 'A valid modifier on a code that cannot take it (anesthesia modifiers on non-anesthesia codes, 25 off E/M, 50/62/66/80 against the MPFS indicators, 26/TC against the PC/TC indicator).',
  summary: 'anesthesia modifiers on non-anesthesia codes, 25/57 off E/M, 50/62/66/80-82/AS/26/TC against the MPFS indicators',
  docs: 'The modifier exists but the code it is applied to cannot take it: anesthesia modifiers on codes outside 00100-01999, 25 or 57 on codes that are not evaluation and management, distinct-service modifiers (59, XE, XP, XS, XU) on E/M codes, and 50, 62, 66, 80-82, AS, 26 or TC where the MPFS indicators do not allow them. Payers deny or reprice the line: check the modifier.',
  tags: [],
  fixable: true,
  check(t, ctx: RuleContext) {
    if (t.system !== 'modifier' || !t.parent || !t.known) return;
    // "modifier 25" in a sentence naming several codes: which code it goes with is a guess, so say nothing
    if (t.parentVia === 'line' && ctx.tokens.filter((x) => x.line === t.line && (x.system === 'cpt' || x.system === 'hcpcs')).length > 1) return;
    const parent = t.parent;
    const why = modifierMisfit(ctx.data, t.code, parent.code);
    if (!why) return;
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
