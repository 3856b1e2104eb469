import { SemanticTokensBuilder, type Connection, type SemanticTokens, type SemanticTokensLegend, type SemanticTokensParams, type SemanticTokensRangeParams, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleHasTag, type CodeSystemId, type CodeToken, type Finding } from '../engine';
import { withAnalysis, type AnalysisCache, type Analyzed } from './analysis-cache';
import { SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES } from '../protocol';
import { scanFrom, Slices } from './slices';

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] };

const TYPE: Record<CodeSystemId, number> = {
  icd10cm: SEMANTIC_TOKEN_TYPES.indexOf('icdCode'),
  cpt: SEMANTIC_TOKEN_TYPES.indexOf('procedureCode'),
  hcpcs: SEMANTIC_TOKEN_TYPES.indexOf('procedureCode'),
  modifier: SEMANTIC_TOKEN_TYPES.indexOf('modifierCode'),
  taxonomy: SEMANTIC_TOKEN_TYPES.indexOf('taxonomyCode'),
  pos: SEMANTIC_TOKEN_TYPES.indexOf('placeOfServiceCode'),
};
const MOD = Object.fromEntries(SEMANTIC_TOKEN_MODIFIERS.map((m, i) => [m, 1 << i])) as Record<(typeof SEMANTIC_TOKEN_MODIFIERS)[number], number>;

/** Status bits from the token and the findings on it (by the rules' tags): billable, header, unknown, deprecated. */
function modifiers(t: CodeToken, findings: Map<number, Finding[]>, state: Analyzed): number {
  let bits = 0;
  if (!t.known) bits |= MOD.unknown;
  for (const f of findings.get(t.start) ?? []) {
    if (ruleHasTag(f.ruleId, 'deprecated')) bits |= MOD.deprecated;
    else if (ruleHasTag(f.ruleId, 'header')) bits |= MOD.header;
    else if (ruleHasTag(f.ruleId, 'unknown')) bits |= MOD.unknown;
  }
  if (t.system === 'icd10cm' && state.data.icd10.isBillable(t.code, state.editionIndex)) bits |= MOD.billable;
  return bits;
}

/** Semantic tokens: every recognised code, typed by code system, so themes colour codes the scanner accepted. */
export function registerSemanticTokens(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  // in slices (lsp/slices.ts): a million tokens take about a second
  const build = async (doc: TextDocument, state: Analyzed, from?: number, to?: number): Promise<SemanticTokens> => {
    const slices = new Slices(doc, state.version);
    const { findings, tokens } = state.analysis;
    const byStart = new Map<number, Finding[]>();
    for (let i = 0; i < findings.length; i++) {
      if (slices.due(i)) await slices.pause();
      const f = findings[i];
      const list = byStart.get(f.start);
      if (list) list.push(f);
      else byStart.set(f.start, [f]);
    }
    const builder = new SemanticTokensBuilder();
    for (let i = from === undefined ? 0 : scanFrom(tokens, from); i < tokens.length; i++) {
      if (slices.due(i)) await slices.pause();
      const t = tokens[i];
      if (from !== undefined && t.end < from) continue;
      if (to !== undefined && t.start > to) break;
      const p = doc.positionAt(t.start);
      builder.push(p.line, p.character, t.end - t.start, TYPE[t.system], modifiers(t, byStart, state));
    }
    return builder.build();
  };
  connection.languages.semanticTokens.on(withAnalysis(documents, cache, { data: [] }, (_params: SemanticTokensParams, doc, state) => build(doc, state)));
  connection.languages.semanticTokens.onRange(
    withAnalysis(documents, cache, { data: [] }, (params: SemanticTokensRangeParams, doc, state) =>
      build(doc, state, doc.offsetAt(params.range.start), doc.offsetAt(params.range.end)),
    ),
  );
}
