import type { Rule } from './rule';

/**
 * Not a judgement about a code: analyze() keeps the first maxFindings (default MAX_FINDINGS) findings of a document (engine/finding-cap.ts)
 * and adds this one finding for the rest. Listed as a rule so it has metadata, a setting and a SARIF descriptor.
 */
export const analysisTruncated: Rule = {
  id: 'analysis.truncated',
  defaultSeverity: 'warning',
  // the cap is a setting; its default (MAX_FINDINGS, engine/finding-cap.ts, which imports this file) is checked by rule-meta.test.ts
  description: 'A document with more findings than are reported (clinicalCodes.maxFindings / --max-findings, default 10,000): one finding says how many more there are, of which severities, and where the first is.',
  summary: 'more findings in one document than `clinicalCodes.maxFindings` / `--max-findings` keep (default 10,000): how many more, of which severities, from which line (as severe as the worst of them unless set)',
  docs: 'Only the first findings of a document are reported, as many as clinicalCodes.maxFindings says (--max-findings in the CLI; default 10,000, at most 1,000,000), which keeps editors and reports responsive on very large files; this finding counts the rest by severity and points at the first one not shown. Unless its severity is set, it is as severe as the worst finding it stands for, so an error further down still fails a CI check. Fix or turn off the rules that fire most, raise the cap, or check the file in smaller parts.',
  tags: [],
  fixable: false,
};
