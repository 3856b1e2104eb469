import { packInForce, rangeIncludes, type PolicyPack, type PolicyRuleKind } from './pack';
import type { ResolvedCoverage } from './resolve';

/**
 * What the loaded payer policy packs say about one procedure code: under the payer and plan a document resolves to
 * (the coverage.* rules' own answer) and under every other pack. Hover and `explain` render it.
 */
export interface CoverageLine {
  payer: string;
  /** the plan the rule names; undefined: every plan of the pack */
  plan?: string;
  kind: PolicyRuleKind;
  /** diagnosis-required: the supporting diagnoses */
  diagnoses: string[];
  packId: string;
  title: string;
  effective: string;
  end?: string;
  source: string;
  /** whether the pack is in force on the date asked */
  inForce: boolean;
}

export interface CodeCoverage {
  code: string;
  date: string;
  /** the payer and plan judged (undefined: none resolved; 'none': the user chose no payer) */
  active?: { payer: string; plan?: string; source: ResolvedCoverage['source']; lines: CoverageLine[] } | 'none';
  /** what the other packs (and the active payer's other plans) say */
  others: CoverageLine[];
}

const VERDICT: Record<PolicyRuleKind, string> = {
  'not-covered': 'not covered',
  'not-medically-necessary': 'not medically necessary',
  'prior-auth': 'prior auth',
  'diagnosis-required': 'diagnosis required',
};

/** Every rule of every pack that lists the code, split into the active payer and plan's and the others. */
export function codeCoverage(code: string, date: string, packs: readonly PolicyPack[], active?: ResolvedCoverage | 'none'): CodeCoverage {
  const mine: CoverageLine[] = [];
  const others: CoverageLine[] = [];
  const activePacks = active && active !== 'none' ? new Set(active.packs) : new Set<PolicyPack>();
  for (const pack of packs) {
    const activePlan = active && active !== 'none' && activePacks.has(pack) ? pack.plans.find((p) => p.name === active.plan?.name) : undefined;
    for (const rule of pack.rules) {
      if (!rule.codes.some((r) => rangeIncludes(r, code))) continue;
      const base = { payer: pack.payer.name, kind: rule.kind, diagnoses: rule.diagnoses, packId: pack.id, title: pack.title, effective: pack.effective, end: pack.end, source: pack.source, inForce: packInForce(pack, date) };
      const plans = rule.plans.length ? rule.plans.map((id) => pack.plans.find((p) => p.id === id)) : [undefined];
      for (const plan of plans) {
        const line: CoverageLine = { ...base, plan: plan?.name };
        // the rules judge an active pack's plan-less rules for every plan, and a plan rule only for its plan
        const applies = activePacks.has(pack) && (!plan || plan === activePlan);
        (applies ? mine : others).push(line);
      }
    }
  }
  return {
    code,
    date,
    active: active === 'none' ? 'none' : active && { payer: active.payerName, plan: active.plan?.name, source: active.source, lines: mine },
    others,
  };
}

/** "Blue Cross & Blue Shield of Rhode Island · Medicare Advantage · not covered · <title> · effective 2026-01-01 · <source>" */
export function coverageLineText(l: CoverageLine): string {
  const verdict = l.kind === 'diagnosis-required' && l.diagnoses.length ? `${VERDICT[l.kind]} (${l.diagnoses.join(', ')})` : VERDICT[l.kind];
  const when = `effective ${l.effective}${l.end ? ` to ${l.end}` : ''}${l.inForce ? '' : ' (not in force on the date of service)'}`;
  return [l.payer, l.plan ?? 'all plans', verdict, l.title, when, l.source].join(' · ');
}

const FROM: Record<ResolvedCoverage['source'], string> = {
  override: 'chosen for this document',
  claim: "from the claim's payer",
  document: 'named in the document',
  setting: 'from the payer setting',
};

/** The hover / explain sections: the active payer's verdict first, then every other pack that lists the code. */
export function coverageSections(c: CodeCoverage): { heading: string; lines: string[] }[] {
  const out: { heading: string; lines: string[] }[] = [];
  const a = c.active;
  if (a === 'none') out.push({ heading: 'Payer coverage', lines: ['No payer chosen for this document: payer policies are not judged'] });
  else if (a) {
    const who = `${a.payer}${a.plan ? ` · ${a.plan}` : ' (no plan named)'}`;
    const lines = a.lines.length ? a.lines.map(coverageLineText) : [`No rule for ${c.code} in the loaded ${a.payer} policies`];
    out.push({ heading: `Payer coverage: ${who}, ${FROM[a.source]}`, lines });
  } else if (c.others.length) out.push({ heading: 'Payer coverage', lines: ['No payer named, or the payer named has no loaded policy pack'] });
  if (c.others.length) out.push({ heading: a && a !== 'none' ? 'Other payer policies' : 'Payer policies', lines: c.others.map(coverageLineText) });
  return out;
}
