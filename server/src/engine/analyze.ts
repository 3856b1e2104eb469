import type { CodeData } from './code-data';
import type { Finding, SeveritySetting } from './findings';
import { RULES } from './rules';
import { analysisTruncated } from './rules/analysis-truncated';
import type { RuleContext, RuleFinding } from './rules/rule';
import { scanSteps } from './scanner/scanner';
import { runSliced, runToEnd, shouldYield, sortSteps, STEP, type SliceOptions, type Steps } from './steps';
import { FindingCap, MAX_FINDINGS } from './finding-cap';
import type { CodeToken } from './scanner/tokens';
import type { Layout } from './scanner/layout';
import type { ColumnOverrides } from './scanner/column-overrides';
import { CODE_COLUMN_KINDS } from './scanner/columns';
import { parseDirectives } from './directives';
import { today } from './dates';
import { DescriptionIndex } from './rules/description-index';
import type { DocumentFormat } from './formats';
import type { Claim, DateSource, ServiceLine } from './claims/model';
import { claimsFromTable } from './claims/from-table';
import { claimFromNote } from './claims/from-note';
import { statedDateCursor, statedDates } from './claims/stated-dates';
import { claimsFromX12 } from './claims/from-x12';
import { fitClaims } from './claims/fit';
import type { PolicyPack } from './policies/pack';
import { payerLabels, resolveCoverage, type PayerOverride, type ResolvedCoverage } from './policies/resolve';
import { claimsNeedPtp } from './rules/ncci-ptp';
import { firstIndex } from './sorted';

export interface AnalyzeOptions {
  data: CodeData;
  /** yyyy-mm-dd: the date of service where the document gives none (its lines, claims and text come first). Default: today. */
  dateOfService?: string;
  /** per-rule severity overrides; 'off' disables a rule */
  rules?: Record<string, SeveritySetting>;
  /** delimited files: column kinds by header name (`clinicalCodes.csv.columns`) */
  columns?: ColumnOverrides;
  /** payer policy packs (bundled and the user's), judged by the coverage.* policy rules; none: those rules are silent */
  policies?: readonly PolicyPack[];
  /** the payer (and plan) where the claim and the document name none: "NAME", "NAME/PLAN" or "/PLAN" (`clinicalCodes.payer`, `--payer`) */
  payer?: string;
  /** the user's explicit payer for this document (the editor's payer picker): beats the claim, labels and `payer`; 'none' judges no payer policy */
  payerOverride?: PayerOverride;
  /** findings kept per document (default MAX_FINDINGS); the rest are counted in one `analysis.truncated` finding */
  maxFindings?: number;
}

/** The payer and plan one claim was resolved to (undefined: no loaded pack's payer). */
export interface ClaimCoverage {
  claim: Claim;
  coverage?: ResolvedCoverage;
  /** with an override: what the claim and document (else the setting) resolve to without it */
  withoutOverride?: ResolvedCoverage;
}

export interface Analysis {
  tokens: CodeToken[];
  findings: Finding[];
  layout: Layout;
  format: DocumentFormat;
  /** delimited files: the claims read from the rows; X12: one per CLM; notes: one implicit claim */
  claims: Claim[];
  /** the document's default date of service (setting, else today) and its edition; each token carries its own */
  dateOfService: string;
  /** where that default came from: 'setting' or 'today' */
  dateSource: DateSource;
  /** id of the ICD-10-CM edition used; before ICD-10, Icd10System.editionLabel(BEFORE_ICD10) */
  edition: string;
  /** with policy packs: each claim's resolved payer and plan, in claim order; without packs: empty */
  coverage: ClaimCoverage[];
  /** the claim of a token and its resolved coverage (the one the coverage.* rules judged it by) */
  coverageOf(token: CodeToken): { claim: Claim; coverage: ResolvedCoverage } | undefined;
  /**
   * Lazily loaded data this document needs and the analysis went without: 'ptp' when a claim has two procedures on
   * one date and the bundle's NCCI PTP edits are not read yet. Await `data.ptp.load()` and analyse again.
   */
  pendingData?: 'ptp'[];
}

const indexes = new WeakMap<CodeData, DescriptionIndex>();

/** Finds the code tokens and claims in a document and judges them with every enabled rule. Pure: no I/O. */
export function analyze(text: string, format: DocumentFormat, options: AnalyzeOptions): Analysis {
  return runToEnd(analyzeSteps(text, format, options));
}

/**
 * `analyze` in slices that give the event loop back every `sliceMs` (engine/steps.ts): the language server's way,
 * so a huge document does not hold up requests for other documents. Undefined when `cancelled` said so.
 */
export function analyzeAsync(text: string, format: DocumentFormat, options: AnalyzeOptions, slices: SliceOptions = {}): Promise<Analysis | undefined> {
  return runSliced(analyzeSteps(text, format, options), slices);
}

function* analyzeSteps(text: string, format: DocumentFormat, options: AnalyzeOptions): Steps<Analysis> {
  const { data } = options;
  const fallback: { date: string; source: DateSource } = options.dateOfService
    ? { date: options.dateOfService, source: 'setting' }
    : { date: today(), source: 'today' };
  const scanned = yield* scanSteps(text, data, { format, columns: options.columns });
  const layout = scanned.layout;
  // a delimited file with no code column: say so once (table.columns) and judge nothing
  const noCodeColumns = format === 'csv' && !layout.headers[0]?.kinds.some((k) => CODE_COLUMN_KINDS.has(k));
  const tokens = noCodeColumns ? [] : scanned.tokens;
  const claims = format === 'csv' ? yield* claimsFromTable(layout, tokens) : format === 'x12' ? yield* claimsFromX12(layout, tokens) : [yield* claimFromNote(text, tokens)];
  yield* fitClaims(claims, tokens);
  const lines = yield* linesInOrder(claims);
  yield* dateTokens(text, tokens, claims, lines, format, fallback);

  let descriptions = indexes.get(data);
  if (!descriptions) indexes.set(data, (descriptions = new DescriptionIndex(data)));
  const cov = options.policies?.length ? yield* coverageLookup(text, format, claims, lines, options.policies, options.payer, options.payerOverride) : undefined;
  const base: RuleContext = {
    data,
    icdEdition: data.icd10.editionFor(fallback.date),
    dateOfService: fallback.date,
    tokens,
    descriptions,
    claims,
    layout,
    format,
    coverageOf: cov?.lookup,
  };
  // token rules judge each code at its own date: one context per date, looked up once per token (not per rule)
  const byDate = new Map<string, RuleContext>([[fallback.date, base]]);
  const ctxFor = (t: CodeToken): RuleContext => {
    const date = t.service?.date ?? fallback.date;
    let c = byDate.get(date);
    if (!c) byDate.set(date, (c = { ...base, dateOfService: date, icdEdition: data.icd10.editionFor(date) }));
    return c;
  };
  const contexts = new Array<RuleContext>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    if (shouldYield(i)) yield;
    contexts[i] = ctxFor(tokens[i]);
  }

  const suppress = parseDirectives(text, layout);
  // the first maxFindings findings in document order, the rest only counted (memory stays bounded)
  const cap = new FindingCap(options.maxFindings ?? MAX_FINDINGS);
  const push = (ruleId: string, severity: Finding['severity'], out: RuleFinding[] | RuleFinding | undefined, token?: CodeToken) => {
    if (!out) return;
    for (const f of Array.isArray(out) ? out : [out]) {
      if (suppress.isSuppressed(ruleId, layout.lineAt(f.start))) continue;
      if (!cap.admits(f.start, ruleId, severity)) continue;
      cap.add({ ruleId, severity, code: token?.text ?? text.slice(f.start, f.end), system: token?.system, ...f });
    }
  };
  for (const rule of RULES) {
    const setting = options.rules?.[rule.id];
    if (setting === 'off') continue;
    const severity = setting ?? rule.defaultSeverity;
    if (rule.prepare) yield* rule.prepare(base);
    if (rule.check) {
      // a rule is called for the codes of its systems only (~8 of the 23 token rules judge each code): a call per
      // token and rule was most of this loop's time. Lists of each rule's tokens cost more: their backing stores
      // made V8 collect more often (farm-bench, 1.09x the CPU)
      const systems = rule.systems;
      // a batch of tokens per step in a plain function: a loop in a generator body optimises worse (it was ~7% of
      // the CLI's time)
      const judge = (from: number, to: number) => {
        for (let i = from; i < to; i++) {
          const t = tokens[i];
          if ((t.range && !rule.judgesRanges) || (systems && !systems.includes(t.system))) continue;
          // a rule that can say whether it fires builds only the findings kept: none where it does not fire or is
          // suppressed, and past the cap a finding is only counted (admits counts it)
          if (rule.fires && (!rule.fires(t, contexts[i]) || suppress.isSuppressed(rule.id, layout.lineAt(t.start)) || !cap.admits(t.start, rule.id, severity))) continue;
          push(rule.id, severity, rule.check!(t, contexts[i]), t);
        }
      };
      for (let i = 0; i < tokens.length; i += STEP) {
        judge(i, Math.min(tokens.length, i + STEP));
        yield;
      }
    }
    if (rule.checkClaim) {
      for (let i = 0; i < claims.length; i++) {
        if (shouldYield(i)) yield;
        const out = rule.checkClaim(claims[i], base);
        push(rule.id, severity, isSteps(out) ? yield* out : out);
      }
    }
    if (rule.checkDocument) push(rule.id, severity, rule.checkDocument(base));
    yield;
  }
  const findings = yield* cap.sorted();
  const truncated = cap.truncation(layout, options.rules?.[analysisTruncated.id]);
  if (truncated) findings.push(truncated);
  if (format !== 'note') yield* placeOnClaims(findings, claims, lines, format);
  const edition = base.icdEdition < 0 ? data.icd10.editionLabel(base.icdEdition) : data.icd10.editions[base.icdEdition].id;
  const pendingData = data.ptp.pending && options.rules?.['ncci.ptp'] !== 'off' && claimsNeedPtp(claims, base) ? (['ptp'] as 'ptp'[]) : undefined;
  return {
    tokens,
    findings,
    layout,
    format,
    claims,
    edition,
    dateOfService: fallback.date,
    dateSource: fallback.source,
    coverage: cov?.claims ?? [],
    coverageOf: cov?.lookup ?? (() => undefined),
    ...(pendingData ? { pendingData } : {}),
  };
}

/** Whether a claim rule answered with a generator (rules/rule.ts `checkClaim`). */
const isSteps = <T>(x: T | Steps<T>): x is Steps<T> => typeof (x as Steps<T> | undefined)?.next === 'function';

/** a service line, its claim and the claim's index in the analysis's claims */
type LineOfClaim = { claim: Claim; line: ServiceLine; index: number };

/** Every service line with its claim, in document order (claims of a flat export may interleave). */
function* linesInOrder(claims: readonly Claim[]): Steps<LineOfClaim[]> {
  const out: LineOfClaim[] = [];
  for (let i = 0; i < claims.length; i++) {
    if (shouldYield(i)) yield;
    const lines = claims[i].lines;
    for (let j = 0; j < lines.length; j++) {
      if (shouldYield(j)) yield;
      out.push({ claim: claims[i], line: lines[j], index: i });
    }
  }
  yield* sortSteps(out, (a, b) => a.line.start - b.line.start);
  return out;
}

/** The payer and plan of each token's claim (resolveCoverage), for the payer policy rules. */
function* coverageLookup(
  text: string,
  format: DocumentFormat,
  claims: Claim[],
  lines: readonly LineOfClaim[],
  packs: readonly PolicyPack[],
  setting: string | undefined,
  override: PayerOverride | undefined,
): Steps<{ claims: ClaimCoverage[]; lookup: NonNullable<RuleContext['coverageOf']> }> {
  const labels = format === 'x12' ? {} : payerLabels(text, packs);
  const input = (c: Claim) => ({ claim: c.payer && { name: c.payer.name?.value, id: c.payer.id?.value, plan: c.payer.plan?.value }, labels, setting });
  // claim files repeat a few payers over many rows: resolve each distinct payer/id/plan once
  const keyOf = (c: Claim) => `${c.payer?.name?.value}\u0000${c.payer?.id?.value}\u0000${c.payer?.plan?.value}`;
  const memo = new Map<string, ResolvedCoverage | undefined>();
  const plain = new Map<string, ResolvedCoverage | undefined>();
  const withoutOverride = (c: Claim) => {
    const key = keyOf(c);
    if (!plain.has(key)) plain.set(key, resolveCoverage(input(c), packs));
    return plain.get(key);
  };
  // by claim index, not Maps keyed by claim or token: a Map of 150,000 entries rehashes in one step
  const out: ClaimCoverage[] = [];
  for (let i = 0; i < claims.length; i++) {
    if (shouldYield(i)) yield;
    const c = claims[i];
    const key = keyOf(c);
    if (!memo.has(key)) memo.set(key, resolveCoverage({ ...input(c), override }, packs));
    out.push({ claim: c, coverage: memo.get(key), withoutOverride: override ? withoutOverride(c) : undefined });
  }
  /** claims of tokens that are not a line's procedure code, found by extent */
  const elsewhere = new Map<CodeToken, number>();
  const lookup = (t: CodeToken) => {
    // the service line a procedure code is the code of: lines are in document order
    const k = firstIndex(lines.length, (i) => lines[i].line.start > t.start) - 1;
    let index = k >= 0 && lines[k].line.procedure === t ? lines[k].index : elsewhere.get(t);
    if (index === undefined) {
      index = claims.findIndex((c) => t.start >= c.start && t.start <= c.end);
      elsewhere.set(t, index);
    }
    const hit = out[index];
    return hit?.coverage ? { claim: hit.claim, coverage: hit.coverage } : undefined;
  };
  return { claims: out, lookup };
}

/**
 * The date of service of each code: its service line's date, else its claim's (a code of a claim outside its lines,
 * such as an X12 HI diagnosis, takes the claim's), else the date the document states before it (else the first it
 * states), else the setting, else today.
 */
function* dateTokens(
  text: string,
  tokens: CodeToken[],
  claims: Claim[],
  lines: readonly LineOfClaim[],
  format: DocumentFormat,
  fallback: { date: string; source: DateSource },
): Steps<void> {
  const stated = format === 'x12' ? [] : yield* statedDates(text);
  // tokens start without a service (scanner/tokens.ts): a token given one here is dated by its line or claim (the
  // field tells, not a Set: a Set of 300,000 tokens rehashes in one step)
  if (format !== 'note') {
    // service lines in document order, swept once with the (ordered) tokens
    let k = 0;
    let n = 0;
    for (const { claim, line } of lines) {
      if (shouldYield(n++)) yield;
      const own = line.date?.value;
      const date = own ?? claim.from?.value;
      while (k < tokens.length && tokens[k].start < line.start) k++;
      // one service object per line (and below per claim, per stated date), shared by its tokens
      const service = date ? { date, source: own ? ('line' as const) : ('claim' as const) } : undefined;
      for (let j = k; service && j < tokens.length && tokens[j].start <= line.end; j++) {
        if (shouldYield(n++)) yield;
        tokens[j].service = service;
      }
    }
    const byStart: Claim[] = [];
    for (let i = 0; i < claims.length; i++) {
      if (shouldYield(n++)) yield;
      if (claims[i].from) byStart.push(claims[i]);
    }
    yield* sortSteps(byStart, (a, b) => a.start - b.start);
    k = 0;
    for (const claim of byStart) {
      if (shouldYield(n++)) yield;
      while (k < tokens.length && tokens[k].start < claim.start) k++;
      const service = { date: claim.from!.value, source: 'claim' as const };
      for (let j = k; j < tokens.length && tokens[j].start <= claim.end; j++) {
        if (shouldYield(n++)) yield;
        if (!tokens[j].service) tokens[j].service = service;
      }
    }
  }
  const statedAt = statedDateCursor(stated);
  let lastStated: ReturnType<typeof statedAt>;
  let statedService = fallback;
  for (let i = 0; i < tokens.length; i++) {
    if (shouldYield(i)) yield;
    const t = tokens[i];
    if (t.service) continue;
    const s = statedAt(t.start);
    if (s !== lastStated) {
      lastStated = s;
      statedService = s ? { date: s.value, source: 'document' } : fallback;
    }
    t.service = statedService;
  }
}

/**
 * Each finding of a claim file names its claim and service line (findings are in document order); X12 findings
 * outside the lines of a claim (HI diagnoses, CLM05) name the claim.
 */
function* placeOnClaims(findings: Finding[], claims: Claim[], lines: readonly LineOfClaim[], format: DocumentFormat): Steps<void> {
  const whole = format === 'x12' ? [...claims] : [];
  yield* sortSteps(whole, (a, b) => a.start - b.start);
  let k = 0;
  let c = 0;
  for (let i = 0; i < findings.length; i++) {
    if (shouldYield(i)) yield;
    const f = findings[i];
    while (k + 1 < lines.length && lines[k + 1].line.start <= f.start) k++;
    const hit = lines[k];
    if (hit && f.start >= hit.line.start && f.start <= hit.line.end) {
      f.claim = { id: hit.claim.id, line: hit.line.number };
      continue;
    }
    while (c + 1 < whole.length && whole[c + 1].start <= f.start) c++;
    const claim = whole[c];
    if (claim && f.start >= claim.start && f.start <= claim.end) f.claim = { id: claim.id };
  }
}
