import type { CodeData } from './code-data';
import type { Finding, SeveritySetting } from './findings';
import { RULES } from './rules';
import type { RuleContext } from './rules/rule';
import { scan } from './scanner/scanner';
import type { CodeToken } from './scanner/tokens';
import { parseDirectives } from './directives';
import { today } from './dates';
import { DescriptionIndex } from './text/description-index';
import type { Layout } from './scanner/layout';

import type { DocumentFormat } from './formats';

export interface AnalyzeOptions {
  data: CodeData;
  /** yyyy-mm-dd; selects the ICD-10-CM edition and termination checks. Default: today. */
  dateOfService?: string;
  /** per-rule severity overrides; 'off' disables a rule */
  rules?: Record<string, SeveritySetting>;
}

export interface Analysis {
  tokens: CodeToken[];
  findings: Finding[];
  layout: Layout;
  format: DocumentFormat;
  /** id of the ICD-10-CM edition used; before ICD-10, Icd10System.editionLabel(BEFORE_ICD10) */
  edition: string;
  dateOfService: string;
}

const indexes = new WeakMap<CodeData, DescriptionIndex>();

/** Finds the code tokens in a document and judges them with every enabled rule. Pure: no I/O. */
export function analyze(text: string, format: DocumentFormat, options: AnalyzeOptions): Analysis {
  const { data } = options;
  const dateOfService = options.dateOfService || today();
  const { tokens, layout } = scan(text, data, { format });
  let descriptions = indexes.get(data);
  if (!descriptions) indexes.set(data, (descriptions = new DescriptionIndex(data)));
  const ctx: RuleContext = {
    data,
    icdEdition: data.icd10.editionFor(dateOfService),
    dateOfService,
    tokens,
    descriptions,
  };
  const suppress = parseDirectives(text, layout);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    const setting = options.rules?.[rule.id];
    if (setting === 'off') continue;
    const severity = setting ?? rule.defaultSeverity;
    for (const t of tokens) {
      const out = rule.check(t, ctx);
      if (!out) continue;
      for (const f of Array.isArray(out) ? out : [out]) {
        if (suppress.isSuppressed(rule.id, layout.lineAt(f.start))) continue;
        findings.push({ ruleId: rule.id, severity, code: t.text, system: t.system, ...f });
      }
    }
  }
  findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
  const edition = ctx.icdEdition < 0 ? data.icd10.editionLabel(ctx.icdEdition) : data.icd10.editions[ctx.icdEdition].id;
  return { tokens, findings, layout, format, edition, dateOfService };
}
