import { BoundedCache } from '../bounded-cache';
import type { PolicyPack, PolicyPlan } from './pack';

/**
 * Which payer and plan a claim is for, against the loaded packs. An explicit override (the editor's payer picker)
 * decides alone. Otherwise sources, first that names a payer wins: the claim's own payer (CSV payer / payer-id /
 * plan columns, X12 NM1*PR), else the document's labels ("Payer:", "Insurance:", "Plan:", "Health plan:" lines of a
 * note), else the setting (`clinicalCodes.payer`, CLI `--payer
 * NAME[/PLAN]`). The plan, most specific first: the claim's plan column (even when the payer comes from elsewhere),
 * the note's "Plan:" line, the setting's plan (only when the setting names no payer or the same one), else the
 * payer's own text ("BCBSRI Medicare Advantage"); matched against the plans of the payer's packs.
 */
export interface PayerInput {
  /**
   * The user's explicit choice for this document (the editor's payer picker): beats the claim, the labels and the
   * setting, because it is a deliberate "judge this as …". 'none': judge no payer policy at all.
   */
  override?: PayerOverride;
  claim?: { name?: string; id?: string; plan?: string };
  labels?: { payer?: string; plan?: string };
  /** "NAME", "NAME/PLAN" or "/PLAN" */
  setting?: string;
}

/** A payer (a pack's payer name, alias or id) and optionally a plan name, or no payer at all. */
export type PayerOverride = { payer: string; plan?: string } | 'none';

export interface ResolvedCoverage {
  /** the payer as the source wrote it */
  payerText: string;
  source: 'override' | 'claim' | 'document' | 'setting';
  /** the packs of that payer (their payer.name is the canonical name) */
  packs: PolicyPack[];
  payerName: string;
  /** the plan name as the pack writes it, and the text it was matched from */
  plan?: { name: string; text: string };
}

export const normaliseName = (s: string): string =>
  ` ${s
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;

// packs' names are few and asked about on every label line of every document: normalised once each
const normalisedNames = new BoundedCache<string, string>(10_000);
function normalisedName(name: string): string {
  let v = normalisedNames.get(name);
  if (v === undefined) {
    normalisedNames.set(name, (v = normaliseName(name)));
  }
  return v;
}
/** whole-word containment of a pack's name in a text already normalised */
const mentions = (normalisedText: string, name: string) => normalisedText.includes(normalisedName(name));

function payerMatches(pack: PolicyPack, name?: string, id?: string): boolean {
  if (id && pack.payer.ids.some((x) => x.toLowerCase() === id.trim().toLowerCase())) return true;
  if (!name) return false;
  return payerNamedIn(pack, normaliseName(name));
}

/** the pack's payer name or an alias in a text already normalised */
const payerNamedIn = (pack: PolicyPack, text: string) => mentions(text, pack.payer.name) || pack.payer.aliases.some((n) => mentions(text, n));

function planIn(plans: PolicyPlan[], text: string | undefined): PolicyPlan | undefined {
  if (!text?.trim()) return undefined;
  return planNamedIn(plans, normaliseName(text));
}

/** the plan with the longest name that a normalised text mentions ("Medicare Advantage" before "Medicare") */
function planNamedIn(plans: PolicyPlan[], t: string): PolicyPlan | undefined {
  let best: { plan: PolicyPlan; len: number } | undefined;
  for (const p of plans) for (const n of [p.name, ...p.aliases]) if (mentions(t, n) && (!best || n.length > best.len)) best = { plan: p, len: n.length };
  return best?.plan;
}

export function splitPayerSetting(setting: string | undefined): { payer?: string; plan?: string } {
  if (!setting?.trim()) return {};
  const i = setting.lastIndexOf('/');
  if (i < 0) return { payer: setting.trim() };
  return { payer: setting.slice(0, i).trim() || undefined, plan: setting.slice(i + 1).trim() || undefined };
}

export function resolveCoverage(input: PayerInput, packs: readonly PolicyPack[]): ResolvedCoverage | undefined {
  if (input.override === 'none') return undefined;
  if (input.override) {
    const { payer, plan: planText } = input.override;
    const mine = packs.filter((p) => payerMatches(p, payer, payer));
    if (!mine.length) return undefined;
    const p = planIn(mine.flatMap((x) => x.plans), planText);
    return { payerText: payer, source: 'override', packs: mine, payerName: mine[0].payer.name, plan: p && { name: p.name, text: planText! } };
  }
  const setting = splitPayerSetting(input.setting);
  const sources: { source: ResolvedCoverage['source']; name?: string; id?: string; plan?: string }[] = [
    { source: 'claim', ...input.claim },
    { source: 'document', name: input.labels?.payer, plan: input.labels?.plan },
    { source: 'setting', name: setting.payer, plan: setting.plan },
  ];
  const at = sources.findIndex((s) => s.name?.trim() || s.id?.trim());
  if (at < 0) return undefined;
  const chosen = sources[at];
  const mine = packs.filter((p) => payerMatches(p, chosen.name, chosen.id));
  if (!mine.length) return undefined;
  const plans = mine.flatMap((p) => p.plans);
  const settingApplies = !setting.payer || mine.some((p) => payerMatches(p, setting.payer));
  // the most specific plan first: the claim's (even when the claim names no payer), the note's, the setting's
  const planTexts = [input.claim?.plan, input.labels?.plan, settingApplies ? setting.plan : undefined, chosen.name];
  let plan: ResolvedCoverage['plan'];
  for (const text of planTexts) {
    const p = planIn(plans, text);
    if (p) {
      plan = { name: p.name, text: text! };
      break;
    }
  }
  return { payerText: (chosen.name ?? chosen.id)!.trim(), source: chosen.source, packs: mine, payerName: mine[0].payer.name, plan };
}

export const PAYER_LABEL = /^[ \t>*#-]*(payer|payor|insurance|insurer|primary insurance|health ?plan|plan|product|line of business)[ \t]*:[ \t]*(.+?)[ \t]*$/gim;
// the same regex tried only where a line starts (sticky): as a /g search it was tried at every offset (~3% of the CLI)
const LABEL_AT = new RegExp(PAYER_LABEL.source, 'imy');
// a run of breaks at once: blank lines never hold a label (and a part of a large file is mostly blank lines)
const LINE_BREAK = /[\n\r\u2028\u2029]+/g;

/** The matches of PAYER_LABEL in a text, in order: the regex at each line start (a match never spans lines). */
export function payerLabelLines(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  for (let at = 0; ; ) {
    LABEL_AT.lastIndex = at;
    const m = LABEL_AT.exec(text);
    if (m) out.push(m);
    LINE_BREAK.lastIndex = at;
    if (!LINE_BREAK.test(text)) return out;
    at = LINE_BREAK.lastIndex;
  }
}

/** per list of packs: its payer and plan names' (and aliases') first words as one regex; null when one has none */
const firstWords = new WeakMap<readonly PolicyPack[], RegExp | null>();

/**
 * Whether a label's value may name a payer or plan of the packs: a normalised name is found only where its first
 * word is a whole word of the value. Most "Plan:" lines are a note's plan of care; this test is one regex on the
 * value, where normalising it for every name was ~15% of what the CLI allocates on notes.
 */
function mayName(packs: readonly PolicyPack[], value: string): boolean {
  let re = firstWords.get(packs);
  if (re === undefined) {
    let words: Set<string> | undefined = new Set<string>();
    names: for (const p of packs) {
      for (const n of [p.payer.name, ...p.payer.aliases, ...p.plans.flatMap((x) => [x.name, ...x.aliases])]) {
        const first = normalisedName(n).trim().split(' ')[0];
        // no word, or "and" (what "&" normalises to: the value need not have written it): no shortcut
        if (!first || first === 'and') {
          words = undefined;
          break names;
        }
        words.add(first);
      }
    }
    re = words?.size ? new RegExp(`(?<![a-z0-9])(?:${[...words].join('|')})(?![a-z0-9])`) : null;
    firstWords.set(packs, re);
  }
  return re === null || re.test(value.toLowerCase());
}

/**
 * The payer and plan a note's labels name. "Plan:" is also a note's assessment-and-plan heading: a plan label counts
 * only when it names a plan of the packs (resolveCoverage matches it); the first such line wins.
 */
export function payerLabels(text: string, packs: readonly PolicyPack[]): { payer?: string; plan?: string } {
  const out: { payer?: string; plan?: string } = {};
  const plans = packs.flatMap((p) => p.plans);
  for (const m of payerLabelLines(text)) {
    const label = m[1].toLowerCase();
    const value = m[2];
    if (value.length > 120) continue;
    if (label === 'plan' || label === 'product' || label === 'line of business' || label.replace(' ', '') === 'healthplan') {
      // "Health plan: BCBSRI" names the payer; "Plan: Medicare Advantage" the plan. A note has a "Plan:" line per
      // visit: its value is normalised once for every pack and plan name (it was once per pack, ~5% of the CLI).
      if (!mayName(packs, value)) continue;
      const t = normaliseName(value);
      if (!out.plan && value.trim() && planNamedIn(plans, t)) out.plan = value;
      if (!out.payer && packs.some((p) => payerNamedIn(p, t))) out.payer = value;
    } else if (!out.payer) out.payer = value;
    if (out.plan && out.payer) break;
  }
  return out;
}
