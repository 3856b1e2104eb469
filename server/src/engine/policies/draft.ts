import { parseDate, today } from '../dates';
import { POLICY_RULE_KINDS, type PolicyRuleKind } from './pack';

/**
 * A first draft of a payer policy pack from a medical policy document (the text a payer publishes: effective date,
 * policy statement per product line, a coding section listing the codes). The draft is for a person to review: it
 * takes codes only from the coding section — never from references or background —, keeps only codes the bundle
 * knows, and says in `review` what it inferred from which line and what it could not find.
 */

export interface DraftOptions {
  /** the document's file name (for the pack id, the source and the review notes) */
  name: string;
  /** whether a CPT/HCPCS code exists in the bundled data; absent: every code-shaped token is kept */
  knownProcedure?: (code: string) => boolean;
}

export interface PolicyDraft {
  /** the pack as JSON, valid for `validatePolicyPack` */
  pack: DraftPack;
  /** what to check before using it, each naming the line it came from */
  review: string[];
}

export interface DraftPack {
  format: 1;
  id: string;
  title: string;
  source: string;
  effective: string;
  lastReviewed?: string;
  published?: string;
  notes: string;
  payer: { name: string; aliases: string[]; ids: string[] };
  plans: { id: string; name: string; aliases: string[] }[];
  rules: { kind: PolicyRuleKind; codes: string[]; plans: string[]; message: string }[];
}

interface Line {
  no: number; // 1-based
  text: string;
}

interface Section {
  heading: string;
  line: number;
  body: Line[];
}

// Section headings as payers write them: a short line in capitals, or a markdown heading.
const SECTION_KINDS: { kind: 'coding' | 'statement' | 'references' | 'prior-auth' | 'published'; re: RegExp }[] = [
  { kind: 'references', re: /^(?:REFERENCES?|BIBLIOGRAPHY|CITATIONS|SOURCES|LITERATURE)\b/i },
  { kind: 'coding', re: /^(?:CODING|CODES|BILLING|(?:CPT|HCPCS|PROCEDURE)\b.*CODES?|APPLICABLE CODES|CODING (?:INFORMATION|GUIDELINES))\b/i },
  { kind: 'statement', re: /^(?:POLICY STATEMENT|POLICY|COVERAGE POSITION|POSITION STATEMENT|COVERAGE STATEMENT|MEDICAL POLICY STATEMENT)\s*:?\s*$/i },
  { kind: 'prior-auth', re: /^PRIOR (?:AUTHORI[SZ]ATION|APPROVAL)\s*:?\s*$/i },
  { kind: 'published', re: /^PUBLISHED\s*:?\s*$/i },
];

const isHeading = (t: string): boolean =>
  /^#{1,6}\s+\S/.test(t) || (t.length <= 60 && /[A-Z]{3}/.test(t) && !/[a-z]/.test(t) && /^[A-Z0-9 &/,()'-]+:?$/.test(t));

const headingText = (t: string) => t.replace(/^#{1,6}\s+/, '').replace(/:$/, '').trim();

// "EFFECTIVE DATE: 01|01|2026", "Policy last reviewed: 09/17/2025", "Date of last review - Sept 17, 2025"
const LABELLED_DATES: { key: 'effective' | 'lastReviewed' | 'end'; re: RegExp }[] = [
  { key: 'effective', re: /^(?:policy\s+)?effective(?:\s+date)?\s*[:\-–]\s*(.{6,40})$/i },
  { key: 'lastReviewed', re: /^(?:policy\s+)?(?:last\s+reviewed|date\s+of\s+last\s+review|reviewed|review\s+date)(?:\s+date)?\s*[:\-–]\s*(.{6,40})$/i },
  { key: 'end', re: /^(?:end|termination|retired?|archived?)(?:\s+date)?\s*[:\-–]\s*(.{6,40})$/i },
];

/** dates as policies write them, including the pipe-separated "01|01|2026" */
function policyDate(text: string): string {
  const t = text.trim().replace(/\.$/, '');
  const m = /^(\d{1,2})[|.](\d{1,2})[|.](\d{4})$/.exec(t);
  return parseDate(m ? `${m[1]}/${m[2]}/${m[3]}` : t);
}

// Product lines: the names payers give them, longest first so "Medicare Advantage" wins over "Medicare".
const PRODUCT_LINES: { id: string; name: string; re: RegExp }[] = [
  { id: 'medicare-advantage', name: 'Medicare Advantage', re: /\bMedicare Advantage(?: Plans?| Products?)?\b/i },
  { id: 'medicare-supplement', name: 'Medicare Supplement', re: /\b(?:Medicare Supplement|Medigap)(?: Plans?| Products?)?\b/i },
  { id: 'medicaid', name: 'Medicaid', re: /\b(?:Managed )?Medicaid(?: Plans?| Products?)?\b/i },
  { id: 'commercial', name: 'Commercial', re: /\bCommercial(?: Plans?| Products?| Lines? of Business)?\b/i },
  { id: 'exchange', name: 'Individual Marketplace', re: /\b(?:Individual )?(?:Marketplace|Exchange)(?: Plans?| Products?)?\b/i },
  { id: 'fep', name: 'Federal Employee Program', re: /\bFederal Employee Program\b|\bFEP\b/ },
];

// Verdicts, most specific first ("not medically necessary" before "not covered").
const VERDICTS: { kind: PolicyRuleKind; re: RegExp }[] = [
  { kind: 'not-medically-necessary', re: /\bnot medically necessary\b|\binvestigational\b|\bexperimental\b/i },
  { kind: 'not-covered', re: /\bnot (?:a )?covered\b|\bnon-?covered\b|\bexcluded from coverage\b/i },
  { kind: 'prior-auth', re: /\b(?:requires?|required|need|needs)\b[^.]{0,40}\bprior (?:authori[sz]ation|approval)\b|\bprior (?:authori[sz]ation|approval) (?:is )?required\b/i },
];

const verdictOf = (s: string): PolicyRuleKind | undefined => VERDICTS.find((v) => v.re.test(s))?.kind;

// CPT (numeric, Category II F, Category III T, PLA U) and HCPCS Level II shapes, with an optional range to a second.
const PROCEDURE = /(?<![A-Za-z0-9.])(\d{4}[0-9FTU]|[A-V]\d{4})(?:\s*(?:-|–|through|thru|to)\s*(\d{4}[0-9FTU]|[A-V]\d{4}))?(?![A-Za-z0-9.])/g;
// ICD-10-CM with its dot (a coding section lists diagnoses dotted)
const DIAGNOSIS = /(?<![A-Za-z0-9.])([A-TV-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4})(?![A-Za-z0-9.])/g;

// Payers' names: the Blue plans by state or region, and the national carriers.
const PAYER_NAMES = [
  /\bBlue Cross (?:(?:&|and) Blue Shield )?of (?:the )?[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}/g,
  /\bBlue Shield of (?:the )?[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}/g,
  /\b(?:Anthem|Aetna|Cigna|UnitedHealthcare|Humana|Kaiser Permanente|Highmark|Wellmark|Premera|Regence|CareFirst|Florida Blue|Independence Blue Cross|Capital Blue Cross|Excellus|Horizon Blue Cross Blue Shield of New Jersey|Molina Healthcare|Centene|Oscar Health|EmblemHealth|Priority Health|Harvard Pilgrim|Tufts Health Plan|Point32Health|HealthPartners|Geisinger Health Plan|UPMC Health Plan|Elevance Health|Ambetter|WellCare)\b/g,
];

export function draftPolicyPack(text: string, opts: DraftOptions): PolicyDraft {
  const review: string[] = [];
  const lines: Line[] = text.split(/\r\n|\r|\n/).map((t, i) => ({ no: i + 1, text: t.trim() }));
  const sections = splitSections(lines);
  const sectionOf = (kind: (typeof SECTION_KINDS)[number]['kind']) => sections.filter((s) => SECTION_KINDS.find((k) => k.re.test(s.heading))?.kind === kind);

  // dates
  const dates: { effective?: string; lastReviewed?: string; end?: string } = {};
  for (const l of lines)
    for (const d of LABELLED_DATES) {
      const m = d.re.exec(l.text);
      if (!m || dates[d.key]) continue;
      const iso = policyDate(m[1]);
      if (iso) dates[d.key] = iso;
      else review.push(`line ${l.no}: "${clip(l.text)}" looks like the ${d.key} date but is not a date I can read; write it as YYYY-MM-DD.`);
    }
  if (!dates.effective) review.push('No effective date found ("Effective date: …"); the draft uses today\'s date: write the date the policy takes effect.');
  const published = sectionOf('published')[0]?.body.find((l) => l.text)?.text;

  // payer
  const payer = findPayer(text);
  if (!payer) review.push('No payer name found: write the payer\'s name as claims and documents name it, with its abbreviations and payer ids.');
  else review.push(`Payer "${payer.name}" (named ${payer.count === 1 ? 'once' : `${payer.count} times`}${payer.aliases.length ? `; also written ${payer.aliases.join(', ')}` : ''}): add its payer ids (X12 NM1*PR NM109) if you know them.`);

  // product lines and what the statement says of each
  const statement = sectionOf('statement')[0];
  const planVerdicts = statement ? statementVerdicts(statement) : [];
  const planIdsSeen = new Set<string>();
  const plans: DraftPack['plans'] = [];
  const addPlan = (id: string, name: string, alias?: string) => {
    if (planIdsSeen.has(id)) return;
    planIdsSeen.add(id);
    const aliases = [alias, `${name} Plans`, `${name} Plan`, `${name} Products`].filter((a, i, all): a is string => !!a && a !== name && all.indexOf(a) === i);
    plans.push({ id, name, aliases });
  };
  for (const v of planVerdicts) {
    addPlan(v.plan.id, v.plan.name, v.text);
    review.push(`${v.plan.name}: "${clip(v.sentence)}" (line ${v.line}) read as ${v.kind}.${v.more.length ? ` The statement says more (line ${v.more.join(', ')}): check whether another indication needs its own rule.` : ''}`);
  }

  // codes of the coding section, with the verdicts its own sentences state
  const coding = sectionOf('coding');
  if (!coding.length) review.push('No coding section ("CODING", "CPT/HCPCS codes") found: no codes were taken, since codes elsewhere (background, references) are not the policy\'s. Add the rules\' codes by hand.');
  const rules: DraftPack['rules'] = [];
  const unknown: string[] = [];
  const diagnoses: string[] = [];
  for (const sec of coding) {
    let clauses: { kind: PolicyRuleKind; plans: string[] }[] = [];
    let group: { codes: string[]; clauses: typeof clauses; line: number } | undefined;
    const flush = () => {
      if (!group?.codes.length) return;
      const use = group.clauses.length
        ? group.clauses
        : planVerdicts.length
          ? groupByKind(planVerdicts.map((v) => ({ kind: v.kind, plans: [v.plan.id] })))
          : [];
      if (!use.length) review.push(`line ${group.line}: codes ${group.codes.join(', ')} are listed without a verdict I can read (not covered, not medically necessary, prior authorization): set each rule's "kind".`);
      for (const c of use.length ? use : [{ kind: 'not-covered' as const, plans: [] }]) rules.push({ kind: c.kind, codes: ranges(group.codes), plans: c.plans, message: '' });
      group = undefined;
    };
    for (const l of sec.body) {
      if (!l.text) continue;
      const codes = [...l.text.matchAll(PROCEDURE)];
      const lead = codes.length ? l.text.slice(0, codes[0].index) : l.text;
      if (!codes.length || /[a-z]{3,}.*:\s*$/i.test(l.text)) {
        // a sentence introducing the list that follows ("The following CPT codes are not covered for …:")
        const found = clauseVerdicts(l.text);
        if (found.length) {
          flush();
          clauses = found;
          for (const c of found) for (const p of c.plans) addPlan(p, PRODUCT_LINES.find((x) => x.id === p)!.name);
        }
        for (const m of l.text.matchAll(DIAGNOSIS)) diagnoses.push(m[1]);
        continue;
      }
      if (/^[-*•\d.)\s]*$/.test(lead) || lead.length <= 3) {
        // the codes that open the line ("0263T, 0264T", "- 0263T** Intramuscular …"): not those in its description
        let n = 1;
        while (n < codes.length && /^[\s,;/*]*(?:and|or)?[\s,;/*]*$/i.test(l.text.slice(codes[n - 1].index! + codes[n - 1][0].length, codes[n].index))) n++;
        for (const m of codes.slice(0, n)) {
          const from = m[1];
          const to = m[2];
          if (opts.knownProcedure && !opts.knownProcedure(from)) {
            unknown.push(`${from} (line ${l.no})`);
            continue;
          }
          group ??= { codes: [], clauses, line: l.no };
          group.codes.push(to ? `${from}-${to}` : from);
        }
      }
      for (const m of l.text.matchAll(DIAGNOSIS)) diagnoses.push(m[1]);
    }
    flush();
  }
  if (unknown.length) review.push(`Left out, not CPT/HCPCS codes in the bundled data: ${unknown.join(', ')}.`);
  if (diagnoses.length) review.push(`The coding section lists ICD-10-CM codes (${[...new Set(diagnoses)].slice(0, 12).join(', ')}${diagnoses.length > 12 ? ', …' : ''}): if the policy covers the service only with them, add a "diagnosis-required" rule.`);

  // each rule's message: the plan's own policy statement, else a sentence naming the verdict
  for (const r of rules) {
    const said = planVerdicts.find((v) => v.kind === r.kind && (r.plans.length === 0 || r.plans.includes(v.plan.id)));
    r.message = said?.sentence ?? defaultMessage(r.kind);
  }
  const merged = mergeRules(rules);
  if (!plans.length) {
    addPlan('all', 'All plans');
    review.push('No product lines (Medicare Advantage, Commercial, Medicaid …) found: the draft has one plan, "All plans"; name the plans the policy applies to.');
  }
  if (!merged.length) review.push('No codes found in the coding section: the draft has no rules. A pack needs at least one rule before it can be used.');

  const title = findTitle(lines, sections);
  if (!title) review.push('No title line found: the draft is titled after the file; write the policy\'s name.');
  const stem = opts.name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const payerName = payer?.name ?? 'Unknown payer';
  const pack: DraftPack = {
    format: 1,
    id: slug(`${payer?.aliases.find((a) => /^[A-Z]{3,8}$/.test(a)) ?? payerName} ${title ?? stem}`),
    title: title ?? `Policy drafted from ${stem}`,
    source: `${payerName} medical policy${published ? ` (${published})` : ''}, drafted from ${opts.name.replace(/^.*[\\/]/, '')}`,
    effective: dates.effective ?? today(),
    ...(dates.lastReviewed ? { lastReviewed: dates.lastReviewed } : {}),
    ...(published ? { published } : {}),
    notes: `Draft written by clinical-codes policy draft: review the payer, plans, codes and messages against the policy before use. ${review.join(' ')}`.trim(),
    payer: { name: payerName, aliases: payer?.aliases ?? [], ids: [] },
    plans,
    rules: merged,
  };
  return { pack, review };
}

function splitSections(lines: Line[]): Section[] {
  const out: Section[] = [];
  let cur: Section | undefined;
  for (const l of lines) {
    if (l.text && isHeading(l.text) && !LABELLED_DATES.some((d) => d.re.test(l.text))) {
      cur = { heading: headingText(l.text), line: l.no, body: [] };
      out.push(cur);
    } else cur?.body.push(l);
  }
  return out;
}

/** "Medicare Advantage Plans" + its paragraph → the verdict of that paragraph */
function statementVerdicts(sec: Section): { plan: (typeof PRODUCT_LINES)[number]; text: string; kind: PolicyRuleKind; sentence: string; line: number; more: number[] }[] {
  const out: ReturnType<typeof statementVerdicts> = [];
  let plan: { p: (typeof PRODUCT_LINES)[number]; text: string } | undefined;
  for (const l of sec.body) {
    if (!l.text) continue;
    const words = l.text.split(/\s+/).length;
    const line = PRODUCT_LINES.find((p) => p.re.test(l.text));
    if (line && words <= 6 && !/[.:]$/.test(l.text)) {
      plan = { p: line, text: l.text };
      continue;
    }
    if (!plan) continue;
    const kind = verdictOf(l.text);
    const seen = out.find((o) => o.plan.id === plan!.p.id);
    if (kind && seen) {
      if (kind !== seen.kind || l.no > seen.line) seen.more.push(l.no);
    } else if (kind) out.push({ plan: plan.p, text: plan.text, kind, sentence: sentenceWith(l.text, kind), line: l.no, more: [] });
  }
  return out;
}

/** "… are not covered for Medicare Advantage Plans and not medically necessary for Commercial Products:" */
function clauseVerdicts(sentence: string): { kind: PolicyRuleKind; plans: string[] }[] {
  const out: { kind: PolicyRuleKind; plans: string[] }[] = [];
  // split before each verdict, so each clause holds one verdict and the plans named after it
  const marks = VERDICTS.flatMap((v) => [...sentence.matchAll(new RegExp(v.re.source, 'gi'))].map((m) => ({ at: m.index!, kind: v.kind, len: m[0].length })))
    .sort((a, b) => a.at - b.at)
    .filter((m, i, all) => i === 0 || m.at >= all[i - 1].at + all[i - 1].len);
  marks.forEach((m, i) => {
    const clause = sentence.slice(m.at, marks[i + 1]?.at ?? sentence.length);
    const plans = PRODUCT_LINES.filter((p) => p.re.test(clause)).map((p) => p.id);
    out.push({ kind: m.kind, plans });
  });
  return groupByKind(out);
}

function groupByKind(list: { kind: PolicyRuleKind; plans: string[] }[]): { kind: PolicyRuleKind; plans: string[] }[] {
  const by = new Map<PolicyRuleKind, Set<string>>();
  for (const c of list) {
    const s = by.get(c.kind) ?? new Set<string>();
    c.plans.forEach((p) => s.add(p));
    by.set(c.kind, s);
  }
  return POLICY_RULE_KINDS.filter((k) => by.has(k)).map((k) => ({ kind: k, plans: [...by.get(k)!] }));
}

/** one rule per kind and plan set, codes in order of appearance */
function mergeRules(rules: DraftPack['rules']): DraftPack['rules'] {
  const out: DraftPack['rules'] = [];
  for (const r of rules) {
    const same = out.find((o) => o.kind === r.kind && o.plans.join() === r.plans.join());
    if (same) same.codes = [...new Set([...same.codes, ...r.codes])];
    else out.push({ ...r, codes: [...r.codes] });
  }
  return out;
}

/** consecutive codes of one shape ("0263T", "0264T", "0265T") → "0263T-0265T" */
function ranges(codes: string[]): string[] {
  const out: string[] = [];
  const num = (c: string) => /^(\D*)(\d+)(\D*)$/.exec(c);
  for (const c of codes) {
    const prev = out[out.length - 1];
    const [start, end] = prev?.split('-') ?? [];
    const a = end ? num(end) : prev ? num(start) : null;
    const b = num(c);
    if (prev && a && b && !c.includes('-') && a[1] === b[1] && a[3] === b[3] && a[2].length === b[2].length && +b[2] === +a[2] + 1) {
      out[out.length - 1] = `${start}-${c}`;
    } else out.push(c);
  }
  return out;
}

function findPayer(text: string): { name: string; aliases: string[]; count: number } | undefined {
  const counts = new Map<string, number>();
  for (const re of PAYER_NAMES)
    for (const m of text.matchAll(re)) {
      const name = m[0].trim().replace(/\s+(?:is|are|and|reserves|may|has|Association)$/, '');
      if (/Association$/.test(name)) continue;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  // the same payer written with "&" and "and" counts once, under the first spelling seen
  const canon = new Map<string, { name: string; count: number; spellings: Set<string> }>();
  for (const [name, n] of counts) {
    const key = name.toLowerCase().replace(/&/g, 'and').replace(/\s+/g, ' ');
    const c = canon.get(key) ?? { name, count: 0, spellings: new Set<string>() };
    c.count += n;
    c.spellings.add(name);
    canon.set(key, c);
  }
  const best = [...canon.values()].sort((a, b) => b.count - a.count)[0];
  if (!best) return undefined;
  const initials = best.name
    .split(/\s+/)
    .filter((w) => !/^(?:of|and|&|the)$/i.test(w))
    .map((w) => w[0].toUpperCase())
    .join('');
  const aliases = new Set<string>([...best.spellings].filter((s) => s !== best.name));
  aliases.add(best.name.includes('&') ? best.name.replace(/&/g, 'and') : best.name.replace(/\band\b/g, '&'));
  // the payer's acronym, when the document uses it ("BCBSRI")
  for (const m of text.matchAll(/\b[A-Z]{3,8}\b/g)) if (m[0] === initials) aliases.add(m[0]);
  aliases.delete(best.name);
  return { name: best.name, aliases: [...aliases], count: best.count };
}

function findTitle(lines: Line[], sections: Section[]): string | undefined {
  for (const l of lines) {
    const m = /^(?:policy\s+title|title|medical\s+policy(?:\s+title)?|policy\s+name)\s*:\s*(.{5,160})$/i.exec(l.text);
    if (m) return m[1].trim();
  }
  // a markdown document's first heading is its title ("# Sacral Nerve Neuromodulation …")
  const first = lines.find((l) => l.text);
  if (first && /^#\s+\S/.test(first.text)) return headingText(first.text);
  // else the first line before the first section that is neither a date line nor a policy number
  const firstSection = sections[0]?.line ?? Infinity;
  for (const l of lines) {
    if (l.no >= firstSection) break;
    if (!l.text || LABELLED_DATES.some((d) => d.re.test(l.text)) || /^(?:policy\s+)?(?:number|no\.?|id)\s*[:#]/i.test(l.text)) continue;
    if (l.text.length >= 5 && l.text.length <= 160) return l.text.replace(/^#+\s*/, '');
  }
  return undefined;
}

function sentenceWith(paragraph: string, kind: PolicyRuleKind): string {
  const sentences = paragraph.match(/[^.!?]+[.!?]?/g) ?? [paragraph];
  const s = sentences.find((x) => VERDICTS.find((v) => v.kind === kind)!.re.test(x)) ?? paragraph;
  return s.trim();
}

function defaultMessage(kind: PolicyRuleKind): string {
  return {
    'not-covered': 'The policy does not cover this service.',
    'not-medically-necessary': 'The policy considers this service not medically necessary.',
    'prior-auth': 'The policy requires prior authorization for this service.',
    'diagnosis-required': 'The policy covers this service only with the listed diagnoses.',
  }[kind];
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .split('-')
    .slice(0, 8)
    .join('-') || 'draft';
