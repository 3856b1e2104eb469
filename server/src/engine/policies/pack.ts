import { isIsoDate } from '../dates';

/**
 * Payer policy packs: a payer's medical policy, written as JSON (data/policies/policy-pack.schema.json), saying
 * which procedure codes a plan does not cover, judges not medically necessary, wants prior authorization for, or
 * covers only with certain diagnoses. Parsed and validated here (pure: the callers read the files).
 */

export const POLICY_RULE_KINDS = ['not-covered', 'not-medically-necessary', 'prior-auth', 'diagnosis-required'] as const;
export type PolicyRuleKind = (typeof POLICY_RULE_KINDS)[number];

export interface PolicyPayer {
  /** the payer's name as documents write it */
  name: string;
  /** other names and abbreviations documents use ("BCBSRI") */
  aliases: string[];
  /** payer ids (CSV payer-id columns, X12 NM1*PR NM109) */
  ids: string[];
}

export interface PolicyPlan {
  /** referenced by the rules' `plans` */
  id: string;
  name: string;
  aliases: string[];
}

/** A code ("0263T") or an inclusive range of codes of the same shape ("0263T-0265T"). */
export interface CodeRange {
  from: string;
  to: string;
}

export interface PolicyRule {
  kind: PolicyRuleKind;
  codes: CodeRange[];
  /** the plan ids it applies to; empty: every plan of the pack */
  plans: string[];
  /** diagnosis-required: ICD-10-CM codes or prefixes (dots optional) one of which the claim must carry */
  diagnoses: string[];
  message: string;
}

export interface PolicyPack {
  id: string;
  title: string;
  /** URL or document the policy was written from */
  source: string;
  /** yyyy-mm-dd, first day in force */
  effective: string;
  /** yyyy-mm-dd, last day in force (absent: open-ended) */
  end?: string;
  payer: PolicyPayer;
  plans: PolicyPlan[];
  rules: PolicyRule[];
  /** where the pack was read from (file path, "bundled:<name>") */
  origin: string;
}

export type PackResult = { ok: true; pack: PolicyPack } | { ok: false; problems: string[] };

/** Parses and validates a pack's JSON text. Problems name the JSON path ("$.rules[0].kind: …"). */
export function parsePolicyPack(text: string, origin: string): PackResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`$: not JSON (${(e as Error).message})`] };
  }
  return validatePolicyPack(json, origin);
}

const CODE = /^[A-Z0-9]{5}$/;

export function validatePolicyPack(json: unknown, origin: string): PackResult {
  const problems: string[] = [];
  const bad = (path: string, msg: string) => void problems.push(`${path}: ${msg}`);
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const str = (o: Record<string, unknown>, key: string, path: string, required = true): string | undefined => {
    const v = o[key];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || !v.trim()) return void bad(`${path}.${key}`, required && v === undefined ? 'required (a non-empty string)' : 'must be a non-empty string');
    return v.trim();
  };
  const strings = (o: Record<string, unknown>, key: string, path: string): string[] => {
    const v = o[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) return bad(`${path}.${key}`, 'must be an array of strings'), [];
    return v.flatMap((s, i) => (typeof s === 'string' && s.trim() ? [s.trim()] : (bad(`${path}.${key}[${i}]`, 'must be a non-empty string'), [])));
  };
  const date = (o: Record<string, unknown>, key: string, path: string, required: boolean): string | undefined => {
    const v = str(o, key, path, required);
    if (v !== undefined && !isIsoDate(v)) return void bad(`${path}.${key}`, `"${v}" is not a date: use YYYY-MM-DD`);
    return v;
  };
  if (!isObj(json)) return { ok: false, problems: ['$: must be an object'] };
  const known = new Set(['$schema', 'format', 'id', 'title', 'source', 'effective', 'end', 'payer', 'plans', 'rules', 'notes', 'lastReviewed', 'published']);
  for (const k of Object.keys(json)) if (!known.has(k)) bad(`$.${k}`, `unknown property (expected ${[...known].filter((x) => x !== '$schema').join(', ')})`);
  if (json.format !== 1) bad('$.format', 'must be 1');
  const id = str(json, 'id', '$');
  const title = str(json, 'title', '$');
  const source = str(json, 'source', '$');
  const effective = date(json, 'effective', '$', true);
  const end = date(json, 'end', '$', false);
  if (effective && end && end < effective) bad('$.end', `${end} is before the effective date ${effective}`);
  let payer: PolicyPayer | undefined;
  if (!isObj(json.payer)) bad('$.payer', 'required (an object with name, aliases, ids)');
  else {
    const name = str(json.payer, 'name', '$.payer');
    if (name) payer = { name, aliases: strings(json.payer, 'aliases', '$.payer'), ids: strings(json.payer, 'ids', '$.payer') };
  }
  const plans: PolicyPlan[] = [];
  if (!Array.isArray(json.plans) || !json.plans.length) bad('$.plans', 'required (a non-empty array of plans)');
  else
    json.plans.forEach((p, i) => {
      const path = `$.plans[${i}]`;
      if (!isObj(p)) return bad(path, 'must be an object with id, name, aliases');
      const pid = str(p, 'id', path);
      const name = str(p, 'name', path);
      if (pid && plans.some((x) => x.id === pid)) bad(`${path}.id`, `duplicate plan id "${pid}"`);
      if (pid && name) plans.push({ id: pid, name, aliases: strings(p, 'aliases', path) });
    });
  const rules: PolicyRule[] = [];
  if (!Array.isArray(json.rules) || !json.rules.length) bad('$.rules', 'required (a non-empty array of rules)');
  else
    json.rules.forEach((r, i) => {
      const path = `$.rules[${i}]`;
      if (!isObj(r)) return bad(path, 'must be an object with kind, codes, plans, message');
      const kind = r.kind as PolicyRuleKind;
      if (!POLICY_RULE_KINDS.includes(kind)) bad(`${path}.kind`, `must be one of ${POLICY_RULE_KINDS.join(', ')}`);
      const codes: CodeRange[] = [];
      if (!Array.isArray(r.codes) || !r.codes.length) bad(`${path}.codes`, 'required (a non-empty array of codes or ranges such as "0263T-0265T")');
      else
        r.codes.forEach((c, j) => {
          const range = typeof c === 'string' ? parseRange(c) : undefined;
          if (!range) bad(`${path}.codes[${j}]`, `${JSON.stringify(c)} is not a CPT/HCPCS code or range ("0263T", "0263T-0265T")`);
          else codes.push(range);
        });
      const planIds = strings(r, 'plans', path);
      planIds.forEach((p, j) => {
        if (plans.length && !plans.some((x) => x.id === p)) bad(`${path}.plans[${j}]`, `"${p}" is not a plan id of $.plans (${plans.map((x) => x.id).join(', ')})`);
      });
      const diagnoses = strings(r, 'diagnoses', path).map((d) => d.toUpperCase().replace('.', ''));
      if (kind === 'diagnosis-required' && !diagnoses.length) bad(`${path}.diagnoses`, 'required for diagnosis-required (the ICD-10-CM codes or prefixes that support the service)');
      const message = str(r, 'message', path);
      if (POLICY_RULE_KINDS.includes(kind) && codes.length && message) rules.push({ kind, codes, plans: planIds, diagnoses, message });
    });
  if (problems.length || !id || !title || !source || !effective || !payer) return { ok: false, problems };
  return { ok: true, pack: { id, title, source, effective, end, payer, plans, rules, origin } };
}

function parseRange(s: string): CodeRange | undefined {
  const [a, b, ...rest] = s.toUpperCase().replace(/\s+/g, '').split('-');
  if (rest.length || !CODE.test(a) || (b !== undefined && !CODE.test(b))) return undefined;
  const to = b ?? a;
  if (to < a || shape(a) !== shape(to)) return undefined;
  return { from: a, to };
}

/** "0263T" → "9999A": codes compare within a range only when they have the same shape */
const shape = (code: string) => code.replace(/[0-9]/g, '9').replace(/[A-Z]/g, 'A');

export function rangeIncludes(r: CodeRange, code: string): boolean {
  const c = code.toUpperCase();
  return shape(c) === shape(r.from) && c >= r.from && c <= r.to;
}

/** Whether the pack's policy is in force on the date (yyyy-mm-dd). */
export function packInForce(pack: PolicyPack, date: string): boolean {
  return pack.effective <= date && (!pack.end || date <= pack.end);
}

/** The packs with one per id: a later pack (the user's) replaces an earlier one (bundled) of the same id. */
export function mergePacks(...lists: readonly (readonly PolicyPack[])[]): PolicyPack[] {
  const byId = new Map<string, PolicyPack>();
  for (const list of lists) for (const p of list) byId.set(p.id, p);
  return [...byId.values()];
}
