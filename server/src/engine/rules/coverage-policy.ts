import type { Claim } from '../claims/model';
import type { PolicyPack, PolicyRule, PolicyRuleKind } from '../policies/pack';
import { packInForce, rangeIncludes } from '../policies/pack';
import type { CodeToken } from '../scanner/tokens';
import type { Rule, RuleContext, RuleFinding } from './rule';

/** What each kind asks the coder to do (after the pack's own message). */
const ACTION: Record<PolicyRuleKind, string> = {
  'not-covered': 'Do not bill it as a covered service: get the member\'s written agreement to pay before the service, or bill other coverage.',
  'not-medically-necessary': 'Expect a denial: get the member\'s written agreement to pay before the service, or document why the policy\'s criteria are met and appeal.',
  'prior-auth': 'Get prior authorization before the service and report its number on the claim.',
  'diagnosis-required': 'Report a supporting diagnosis the policy lists, if the record documents one; otherwise expect a denial.',
};

const VERB: Record<PolicyRuleKind, string> = {
  'not-covered': 'is not covered',
  'not-medically-necessary': 'is not medically necessary',
  'prior-auth': 'needs prior authorization',
  'diagnosis-required': 'is covered only with certain diagnoses',
};

function claimHasDiagnosis(claim: Claim, wanted: string[]): boolean {
  const codes = [...claim.diagnoses, ...claim.lines.flatMap((l) => l.diagnoses)].map((d) => d.code.value.toUpperCase().replace('.', ''));
  return codes.some((c) => wanted.some((w) => c.startsWith(w)));
}

/**
 * The findings of one kind for a procedure token: every rule of that kind, of a pack of the claim's payer in force
 * on the token's date of service, listing the code and (when it names plans) the claim's plan.
 */
export function policyFindings(kind: PolicyRuleKind, t: CodeToken, ctx: RuleContext): RuleFinding[] | undefined {
  if ((t.system !== 'cpt' && t.system !== 'hcpcs') || !ctx.coverageOf) return;
  const of = ctx.coverageOf(t);
  if (!of) return;
  const { coverage, claim } = of;
  const out: RuleFinding[] = [];
  for (const pack of coverage.packs) {
    if (!packInForce(pack, ctx.dateOfService)) continue;
    const plan = coverage.plan && pack.plans.find((p) => p.name === coverage.plan!.name);
    for (const rule of pack.rules) {
      if (rule.kind !== kind || !rule.codes.some((r) => rangeIncludes(r, t.code))) continue;
      if (rule.plans.length && (!plan || !rule.plans.includes(plan.id))) continue;
      if (kind === 'diagnosis-required' && claimHasDiagnosis(claim, rule.diagnoses)) continue;
      out.push({ start: t.start, end: t.end, message: message(t, pack, rule, plan?.name, ctx.dateOfService) });
    }
  }
  return out.length ? out : undefined;
}

function message(t: CodeToken, pack: PolicyPack, rule: PolicyRule, plan: string | undefined, dos: string): string {
  const who = `${pack.payer.name}${plan ? ` ${plan}` : ''}`;
  const dx = rule.kind === 'diagnosis-required' ? ` (supporting diagnoses: ${rule.diagnoses.join(', ')}; none on the claim)` : '';
  const ended = pack.end ? ` to ${pack.end}` : '';
  return `${t.code} ${VERB[rule.kind]} for ${who}${dx} on ${dos}: policy "${pack.title}" (${pack.id}, effective ${pack.effective}${ended}; source: ${pack.source}). ${rule.message} ${ACTION[rule.kind]}`;
}

/** The rule for one kind: metadata as every rule has it, the check shared. */
export function policyRule(kind: PolicyRuleKind, meta: Omit<Rule, 'check' | 'tags' | 'fixable'>): Rule {
  return { ...meta, tags: [], fixable: false, systems: ['cpt', 'hcpcs'], check: (t, ctx) => policyFindings(kind, t, ctx) };
}
