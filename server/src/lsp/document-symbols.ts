import { SymbolKind, type Connection, type DocumentSymbol, type DocumentSymbolParams, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { dotIcd, officialTitle, runSliced, x12OutlineSteps, type CodeData, type CodeSystemId, type CodeToken, type X12OutlineNode } from '../engine';
import { withAnalysis, type AnalysisCache } from './analysis-cache';
import { toRange } from './ranges';
import { SLICE_MS, Slices } from './slices';
import { firstIndex } from '../engine';

/** Outline children per group: enough to navigate, bounded for huge files. */
const MAX_CHILDREN = 1000;

function title(data: CodeData, t: CodeToken): string | undefined {
  switch (t.system) {
    case 'icd10cm':
      return data.icd10.get(t.code)?.long;
    case 'cpt':
    case 'hcpcs':
      return data.procedures.get(t.code)?.descriptor?.text;
    case 'modifier':
      return data.modifiers.get(t.code)?.name;
    case 'taxonomy':
      return data.taxonomy.get(t.code)?.displayName;
    case 'pos':
      return data.pos.get(t.code)?.name;
  }
}

const KIND: Record<CodeSystemId, SymbolKind> = {
  icd10cm: SymbolKind.Constant,
  cpt: SymbolKind.Function,
  hcpcs: SymbolKind.Function,
  modifier: SymbolKind.EnumMember,
  taxonomy: SymbolKind.Class,
  pos: SymbolKind.Number,
};

const X12_KIND: Record<X12OutlineNode['kind'], SymbolKind> = {
  interchange: SymbolKind.Package,
  group: SymbolKind.Module,
  transaction: SymbolKind.Namespace,
  claim: SymbolKind.Struct,
  line: SymbolKind.Field,
  code: SymbolKind.Constant,
};

/**
 * The outline: each code table (pipe table or CSV) with its codes, then the codes written outside tables grouped
 * by code system. An X12 file: interchange › functional group › transaction set › claim › service line, with their codes.
 */
export function registerDocumentSymbols(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  connection.onDocumentSymbol(
    withAnalysis(documents, cache, null, async (_params: DocumentSymbolParams, doc, state): Promise<DocumentSymbol[] | null> => {
      const { analysis, data } = state;
      // in slices (lsp/slices.ts): a huge document's rows and tokens take seconds
      const slices = new Slices(doc, state.version);
      const layout = analysis.layout;
      const lineRange = (line: number) => toRange(doc, layout.lineStarts[line], layout.lineEnd(line));
      const codeSymbol = (t: CodeToken, range = toRange(doc, t.start, t.end)): DocumentSymbol => ({
        name: t.system === 'icd10cm' && t.text.length > 3 && !t.text.includes('.') ? dotIcd(t.code) : t.text,
        detail: title(data, t) ?? (t.known ? officialTitle(t.system) : `not a known ${officialTitle(t.system)} code`),
        kind: KIND[t.system],
        range,
        selectionRange: toRange(doc, t.start, t.end),
      });

      if (analysis.format === 'x12') {
        // interchange › group › transaction › claim › service line › codes, as the engine reads the structure
        const sym = (n: X12OutlineNode): DocumentSymbol =>
          n.token
            ? codeSymbol(n.token)
            : {
                name: n.name,
                detail: n.detail,
                kind: X12_KIND[n.kind],
                range: toRange(doc, n.start, n.end),
                selectionRange: toRange(doc, n.selectionStart, n.selectionEnd),
                children: n.children.map(sym),
              };
        const outline = await runSliced(x12OutlineSteps(layout, analysis.claims, analysis.tokens, MAX_CHILDREN), { sliceMs: SLICE_MS, yieldTo: () => slices.pause() });
        return outline!.map(sym);
      }

      // group table rows into tables: consecutive lines
      const rowLines = [...layout.tableRows.keys()];
      // rows are found in line order (by line for pipe tables, record by record for CSV): sort only if not
      if (rowLines.some((l, i) => i > 0 && l < rowLines[i - 1])) rowLines.sort((a, b) => a - b);
      const tables: { first: number; last: number }[] = [];
      for (let i = 0; i < rowLines.length; i++) {
        if (slices.due(i)) await slices.pause();
        const l = rowLines[i];
        const t = tables[tables.length - 1];
        if (t && l === t.last + 1) t.last = l;
        else tables.push({ first: l, last: l });
      }
      // the table of a line by binary search over the tables (in line order), not a map of every row line
      const tableOf = (line: number): number | undefined => {
        const at = firstIndex(tables.length, (i) => tables[i].last >= line);
        return at < tables.length && tables[at].first <= line ? at : undefined;
      };

      const tableChildren = tables.map(() => [] as DocumentSymbol[]);
      const loose = new Map<CodeSystemId, DocumentSymbol[]>();
      const tokens = analysis.tokens;
      for (let i = 0; i < tokens.length; i++) {
        if (slices.due(i)) await slices.pause();
        const t = tokens[i];
        const ti = tableOf(t.line);
        if (ti !== undefined) {
          if (tableChildren[ti].length < MAX_CHILDREN) tableChildren[ti].push(codeSymbol(t, lineRange(t.line)));
        } else {
          const list = loose.get(t.system) ?? [];
          if (list.length < MAX_CHILDREN) list.push(codeSymbol(t));
          loose.set(t.system, list);
        }
      }

      const csv = state.analysis.format === 'csv';
      const out: DocumentSymbol[] = [];
      tables.forEach((t, i) => {
        const children = tableChildren[i];
        if (!children.length) return;
        // the header is the line before the separator (pipe table) or the line before the first row (CSV)
        const headerLine = csv ? Math.max(0, t.first - 1) : Math.max(0, t.first - 2);
        const header = layout
          .lineText(headerLine)
          .split(csv ? ',' : '|')
          .map((c) => c.trim().replace(/^"|"$/g, ''))
          .filter(Boolean)
          .join(' · ');
        const start = lineRange(headerLine).start;
        const end = lineRange(t.last).end;
        out.push({
          name: header || `Table (line ${headerLine + 1})`,
          detail: `${children.length} code${children.length === 1 ? '' : 's'}`,
          kind: SymbolKind.Struct,
          range: { start, end },
          selectionRange: lineRange(headerLine),
          children,
        });
      });
      for (const [system, children] of loose) {
        out.push({
          name: `${officialTitle(system)} codes`,
          detail: `${children.length} outside tables`,
          kind: SymbolKind.Namespace,
          range: { start: children[0].range.start, end: children[children.length - 1].range.end },
          selectionRange: children[0].selectionRange,
          children,
        });
      }
      return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    }),
  );
}
