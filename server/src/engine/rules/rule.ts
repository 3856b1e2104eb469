import type { CodeData } from '../code-data';
import type { Claim } from '../claims/model';
import type { Finding, Severity } from '../findings';
import type { Layout } from '../scanner/layout';
import type { DocumentFormat } from '../scanner/tokens';
import type { CodeSystemId, CodeToken } from '../scanner/tokens';
import type { DescriptionIndex } from './description-index';
import type { ResolvedCoverage } from '../policies/resolve';
import type { Steps } from '../steps';

/**
 * What a rule sees. For a token rule `dateOfService` and `icdEdition` are those of the token being judged (its
 * line's date, else its claim's, else the document's, else the setting, else today); for claim and document rules
 * the document's default.
 */
export interface RuleContext {
  data: CodeData;
  /** ICD-10-CM edition index in force on the date of service (BEFORE_ICD10 before 2015-10-01) */
  icdEdition: number;
  dateOfService: string;
  tokens: CodeToken[];
  descriptions: DescriptionIndex;
  claims: Claim[];
  layout: Layout;
  /** 'note' documents are one implicit claim; delimited (and X12) files have claims of their own */
  format: DocumentFormat;
  /** payer policy packs: the payer and plan of the token's claim, when a loaded pack is that payer's (analyze options.policies) */
  coverageOf?(token: CodeToken): { coverage: ResolvedCoverage; claim: Claim } | undefined;
}

export type RuleFinding = Omit<Finding, 'ruleId' | 'severity' | 'code' | 'system'> & Partial<Pick<Finding, 'code' | 'system'>>;
type Out = RuleFinding[] | RuleFinding | undefined;

/**
 * What a rule's findings say about the code, for editors: `unknown` (not in the code data), `deprecated` (no longer
 * valid: LSP Deprecated diagnostic tag, struck through), `header` (an ICD-10-CM header, not billable). The LSP
 * diagnostic tags and semantic token modifiers are read from here.
 */
export const RULE_TAGS = ['unknown', 'deprecated', 'header'] as const;
export type RuleTag = (typeof RULE_TAGS)[number];

/**
 * A rule and its metadata. The metadata is the one source for settings (package.json `clinicalCodes.rules`), the
 * README rules table (both written by `npm run gen:rules`), SARIF rule descriptors and the editor tags.
 * A rule judges one of three things: a code token (`check`), a claim (`checkClaim`) or the document (`checkDocument`).
 */
export interface Rule {
  /** stable id (`area.kebab-name`), used in settings, directives and output */
  id: string;
  defaultSeverity: Severity;
  /** one sentence ending in ".": the settings description ("Default: `x`." is added) and SARIF shortDescription */
  description: string;
  /** the README rules table's "what it reports" column: a lower-case phrase, no final "." */
  summary: string;
  /** a short explanation with what to do: SARIF fullDescription and help */
  docs: string;
  tags: readonly RuleTag[];
  /** whether its findings can carry fixes (quick fixes) */
  fixable: boolean;
  /** token rules see range endpoints (A0021-A0999) only when they judge ranges; validity rules never do */
  judgesRanges?: boolean;
  /** the code systems whose tokens `check` judges: analyze calls it for those only (none given: every token) */
  systems?: readonly CodeSystemId[];
  check?(token: CodeToken, ctx: RuleContext): Out;
  /**
   * For a rule whose findings are costly to build: whether `check` gives this token one finding, at the token's start.
   * A finding past the findings cap is then only counted, never built (a million header codes: 5 s and 560 MB less).
   */
  fires?(token: CodeToken, ctx: RuleContext): boolean;
  /** per-document work `check` needs, done in steps before the first token is judged (a million tokens: 40 ms) */
  prepare?(ctx: RuleContext): Steps<void>;
  /**
   * A generator where a claim may be huge (a note is one claim of all its codes): it yields every few hundred lines
   * (engine/steps.ts), so the server's other requests are answered meanwhile.
   */
  checkClaim?(claim: Claim, ctx: RuleContext): Out | Steps<Out>;
  checkDocument?(ctx: RuleContext): Out;
}
