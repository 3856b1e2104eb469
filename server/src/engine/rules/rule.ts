import type { CodeData } from '../code-data';
import type { Finding, Severity } from '../findings';
import type { CodeToken } from '../scanner/tokens';
import type { DescriptionIndex } from '../text/description-index';

export interface RuleContext {
  data: CodeData;
  /** ICD-10-CM edition index in force on the date of service */
  icdEdition: number;
  dateOfService: string;
  tokens: CodeToken[];
  descriptions: DescriptionIndex;
}

export type RuleFinding = Omit<Finding, 'ruleId' | 'severity' | 'code' | 'system'> & Partial<Pick<Finding, 'code' | 'system'>>;

export interface Rule {
  /** stable id, used in settings, directives and output */
  id: string;
  defaultSeverity: Severity;
  /** one line for docs and `explain` */
  description: string;
  check(token: CodeToken, ctx: RuleContext): RuleFinding[] | RuleFinding | undefined;
}
