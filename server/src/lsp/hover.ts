import { MarkupKind, type Connection, type Hover, type HoverParams, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeCode, describeX12At, escapeMarkdown, modifierFit, renderMarkdown, officialTitle, type CodeData, type CodeToken, type PolicyPack, type ResolvedCoverage, type X12Description } from '../engine';
import { withAnalysis, type AnalysisCache, type Analyzed } from './analysis-cache';
import type { DataState } from './data-state';
import { toRange, tokenAt } from './ranges';
import { foreground } from './foreground';

const DATE_FROM: Record<string, string> = {
  line: 'the date of service of its service line',
  claim: "its claim's date of service",
  document: 'the date of service the document states',
};

/**
 * Markdown for a recognised token: the shared describe/render text at the token's own date of service (its line's,
 * claim's or the document's; else the given default), plus the modifier's fit to its code and, for procedure
 * codes, what the payer policy packs say (under the payer and plan the document is judged by first).
 */
export function tokenMarkdown(
  data: CodeData,
  token: CodeToken,
  editionIndex: number,
  dateOfService: string,
  coverage?: { packs: readonly PolicyPack[]; active?: ResolvedCoverage | 'none' },
): string {
  const date = token.service?.date ?? dateOfService;
  const edition = token.service ? data.icd10.editionFor(date) : editionIndex;
  const d = describeCode(data, token.system, token.code, { edition, dateOfService: date || undefined, coverage });
  const from = token.service && DATE_FROM[token.service.source];
  if (d && from) d.sections.push({ heading: 'Date of service', lines: [`${date}: ${from}`] });
  if (!d) {
    const what = token.system === 'modifier' ? 'a CPT or HCPCS Level II modifier' : `in the bundled ${officialTitle(token.system)} data`;
    return `**${escapeMarkdown(token.text)}** — not ${what}`;
  }
  if (token.system === 'modifier' && token.parent) {
    const parent = token.parent;
    const via =
      token.parentVia === 'subject'
        ? ` (the code this document is about, line ${parent.line + 1})`
        : token.parentVia === 'row'
          ? ' (same table row)'
          : token.parentVia === 'line'
            ? ' (same line)'
            : token.parentVia === 'suffix'
              ? ` (written ${parent.text}-${token.text})`
              : '';
    const lines = [`Applies to ${parent.text}${via}`];
    const fit = modifierFit(data, token.code, parent.code, date || undefined);
    if (fit.verdict === 'misfit') lines.push(`Does not fit ${parent.text}: ${fit.reason}`);
    else if (fit.verdict === 'allowed' || fit.verdict === 'with-documentation') lines.push(`Allowed on ${parent.text}: ${fit.reason}`);
    else if (fit.reason) lines.push(fit.reason[0].toUpperCase() + fit.reason.slice(1));
    d.sections.unshift({ heading: `On ${parent.text}`, lines });
  }
  return renderMarkdown(d);
}

/** The packs and the payer the analysis judged a token by, for tokenMarkdown. */
export function tokenCoverage(state: Analyzed, token: CodeToken): { packs: readonly PolicyPack[]; active?: ResolvedCoverage | 'none' } {
  return { packs: state.policies, active: state.payerOverride === 'none' ? 'none' : state.analysis.coverageOf(token)?.coverage };
}

/** Markdown for an X12 segment id or element: the engine's description (dictionary), rendered like a code's. */
export function x12Markdown(d: X12Description): string {
  const out = [`**${escapeMarkdown(d.title)}**`, '', `_${escapeMarkdown(d.status)}_`];
  for (const s of d.sections) {
    out.push('', `**${escapeMarkdown(s.heading)}**`);
    for (const l of s.lines) out.push(`- ${escapeMarkdown(l)}`);
  }
  return out.join('\n');
}

export function registerHover(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  cache: AnalysisCache,
  dataState: DataState,
): void {
  connection.onHover(
    withAnalysis(documents, cache, null, async (params: HoverParams, doc, state): Promise<Hover | null> => {
      await foreground.park(dataState.detailed()); // instructional notes arrive shortly after start-up
      const offset = doc.offsetAt(params.position);
      const token = tokenAt(state.analysis.tokens, offset);
      // a procedure's hover tells its PTP edits: read them on the first such hover
      if (token?.system === 'cpt' || token?.system === 'hcpcs') await foreground.park(state.data.ptp.load());
      if (!token) {
        // X12: no code here; the segment id or element under the cursor, by name and meaning
        if (state.analysis.format !== 'x12') return null;
        const d = describeX12At(state.analysis.layout, offset);
        return d ? { contents: { kind: MarkupKind.Markdown, value: x12Markdown(d) }, range: toRange(doc, d.start, d.end) } : null;
      }
      return {
        contents: { kind: MarkupKind.Markdown, value: tokenMarkdown(state.data, token, state.editionIndex, state.analysis.dateOfService, tokenCoverage(state, token)) },
        range: toRange(doc, token.start, token.end),
      };
    }),
  );
}
