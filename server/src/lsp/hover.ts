import { MarkupKind, type Connection, type Hover, type HoverParams, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeCode, renderMarkdown, systemLabel, type CodeData, type CodeToken } from '../engine';
import type { AnalysisCache } from './analysis-cache';
import type { DataState } from './data-state';
import { modifierFit } from './modifier-fit';
import { toRange, tokenAt } from './ranges';

/** Markdown for a recognised token: the shared describe/render text, plus the modifier's fit to its code. */
export function tokenMarkdown(data: CodeData, token: CodeToken, editionIndex: number, dateOfService: string): string {
  const d = describeCode(data, token.system, token.code, { edition: editionIndex, dateOfService });
  if (!d) {
    const what = token.system === 'modifier' ? 'a CPT or HCPCS Level II modifier' : `in the bundled ${systemLabel(token.system)} data`;
    return `**${escape(token.text)}** — not ${what}`;
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
    const info = data.modifiers.get(token.code);
    if (info) {
      const fit = modifierFit(data, info, parent.code, dateOfService);
      if (fit.excluded) lines.push(`Does not fit ${parent.text}: ${fit.note}`);
      else if (fit.tier <= 1) lines.push(`Allowed on ${parent.text}: ${fit.note}`);
      else if (fit.note) lines.push(fit.note);
      else if (info.indicator && ['bilat', 'asst', 'coSurg', 'team', 'pctc'].includes(info.indicator)) {
        lines.push(`No MPFS indicator for ${parent.text} says otherwise`);
      }
    }
    d.sections.unshift({ heading: `On ${parent.text}`, lines });
  }
  return renderMarkdown(d);
}

function escape(s: string): string {
  return s.replace(/([\\`*_[\]<>])/g, '\\$1');
}

export function registerHover(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  cache: AnalysisCache,
  dataState: DataState,
): void {
  connection.onHover(async (params: HoverParams): Promise<Hover | null> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const state = await cache.current(doc);
    if (state?.kind !== 'analyzed') return null;
    await dataState.detailed(); // instructional notes arrive shortly after start-up
    const token = tokenAt(state.analysis.tokens, doc.offsetAt(params.position));
    if (!token) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: tokenMarkdown(state.data, token, state.editionIndex, state.analysis.dateOfService) },
      range: toRange(doc, token.start, token.end),
    };
  });
}
