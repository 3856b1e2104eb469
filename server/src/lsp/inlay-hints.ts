import { InlayHintKind, type Connection, type InlayHint, type InlayHintParams, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeData, CodeToken } from '../engine';
import { withAnalysis, type AnalysisCache } from './analysis-cache';
import { scanFrom, Slices } from './slices';

const MAX_LABEL = 60;

/** The official short meaning of a token, or undefined when there is nothing useful to add. */
function meaning(data: CodeData, t: CodeToken, edition: number): string | undefined {
  switch (t.system) {
    case 'icd10cm': {
      const c = data.icd10.get(t.code, edition) ?? data.icd10.get(t.code);
      return c && `${c.long}${c.present && !c.billable ? ' (header)' : ''}`;
    }
    case 'cpt':
    case 'hcpcs':
      return data.procedures.get(t.code)?.descriptor?.text;
    case 'modifier':
      return data.modifiers.get(t.code)?.name;
    case 'taxonomy': {
      const x = data.taxonomy.get(t.code);
      return x && (x.displayName || [x.classification, x.specialization].filter(Boolean).join(', '));
    }
    case 'pos':
      return data.pos.get(t.code)?.name;
  }
}

/**
 * Inlay hints (clinicalCodes.inlayHints, off by default): the official title after each code that has no
 * description written next to it. Codes with a stated description already say what they are.
 */
export function registerInlayHints(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  connection.languages.inlayHint.on(
    withAnalysis(documents, cache, [], async (params: InlayHintParams, doc, state): Promise<InlayHint[] | null> => {
      if (!state.settings.inlayHints) return [];
      const from = doc.offsetAt(params.range.start);
      const to = doc.offsetAt(params.range.end);
      const hints: InlayHint[] = [];
      // the range's tokens by binary search, in slices (a range may be the whole of a huge document)
      const slices = new Slices(doc, state.version);
      const tokens = state.analysis.tokens;
      for (let i = scanFrom(tokens, from); i < tokens.length; i++) {
        if (slices.due(i)) await slices.pause();
        const t = tokens[i];
        if (t.end < from) continue;
        if (t.start > to) break;
        if (t.stated || !t.known) continue;
        // a code followed by its modifiers ("27447-RT"): one hint per token still reads well, but skip modifiers
        // written as a suffix chain so the hint does not split "27447-RT-59"
        if (t.system === 'modifier' && t.parentVia === 'suffix') continue;
        const text = meaning(state.data, t, state.editionIndex);
        if (!text) continue;
        const end = t.modifiers?.length && t.modifiers[t.modifiers.length - 1].parentVia === 'suffix' ? t.modifiers[t.modifiers.length - 1].end : t.end;
        hints.push({
          position: doc.positionAt(end),
          label: text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text,
          kind: InlayHintKind.Type,
          paddingLeft: true,
        });
      }
      return hints;
    }),
  );
}
