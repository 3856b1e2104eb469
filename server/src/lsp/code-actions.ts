import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type TextDocuments,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, SeveritySetting } from '../engine';
import { withAnalysis, type AnalysisCache } from './analysis-cache';
import { toDiagnostic } from './diagnostics';
import { CONFIGURE_RULE_COMMAND } from '../protocol';
import { rangeOverlaps, toRange } from './ranges';

export interface CodeActionOptions {
  /** the client can apply versioned TextDocumentEdits */
  documentChanges: boolean;
  /** the VS Code client implements CONFIGURE_RULE_COMMAND */
  configureRuleCommand: boolean;
}

/** How a directive comment is written in each language (the engine finds the directive in any comment style). */
export function directiveComment(languageId: string, directive: string): string | undefined {
  switch (languageId) {
    case 'markdown':
    case 'html':
    case 'xml':
      return `<!-- ${directive} -->`;
    case 'clinical-note':
      return `# ${directive}`;
    case 'csv':
    case 'x12':
      // a CSV or an X12 interchange has no comments: an extra line would become a data row, the header or a segment
      return undefined;
    default:
      return directive;
  }
}

/**
 * Quick fixes: the engine's fixes for each finding in the range (preferred flag kept), then "Disable <rule> for
 * this line / this file" as in-document directives, and (VS Code) "Turn off <rule> in settings".
 */
export function registerCodeActions(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache, opts: CodeActionOptions): void {
  connection.onCodeAction(
    withAnalysis(documents, cache, null, (params: CodeActionParams, doc, state): CodeAction[] | null => {
      const only = params.context.only;
      if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === CodeActionKind.Empty)) return null;
      const from = doc.offsetAt(params.range.start);
      const to = doc.offsetAt(params.range.end);
      const findings = state.analysis.findings.filter((f) => rangeOverlaps(f.start, f.end, from, to));
      if (!findings.length) return null;

      const edit = (edits: TextEdit[]): WorkspaceEdit =>
        opts.documentChanges
          ? { documentChanges: [{ textDocument: { uri: doc.uri, version: state.version }, edits }] }
          : { changes: { [doc.uri]: edits } };
      // the client's own diagnostic object when it sent one (same rule, same range), so the UI links the fix to it
      const diagnosticFor = (f: Finding): Diagnostic => {
        const mine = toDiagnostic(doc, f);
        return (
          params.context.diagnostics.find(
            (d) => d.code === f.ruleId && d.range.start.line === mine.range.start.line && d.range.start.character === mine.range.start.character && d.range.end.character === mine.range.end.character,
          ) ?? mine
        );
      };

      const actions: CodeAction[] = [];
      for (const f of findings) {
        for (const fix of f.fixes ?? []) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnosticFor(f)],
            isPreferred: fix.preferred || undefined,
            edit: edit([{ range: toRange(doc, fix.start, fix.end), newText: fix.newText }]),
          });
        }
      }

      // one set of "disable" actions per rule (and line) in the range
      const seen = new Set<string>();
      for (const f of findings) {
        const line = doc.positionAt(f.start).line;
        const key = `${f.ruleId}@${line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const diagnostic = diagnosticFor(f);
        const lineDirective = directiveComment(doc.languageId, `clinical-codes: disable-next-line ${f.ruleId}`);
        if (lineDirective) {
          const lineText = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
          const inTable = state.analysis.layout.tableRows.has(line);
          let e: TextEdit;
          if (inTable) {
            // a line above a table row would split the table: put a same-line directive in an extra cell at the end of
            // the row instead (markdown ignores cells beyond the header's; the description cell stays as written)
            const sameLine = directiveComment(doc.languageId, `clinical-codes: disable-line ${f.ruleId}`)!;
            const end = lineText.trimEnd().length;
            e = { range: { start: { line, character: end }, end: { line, character: end } }, newText: `${lineText.trimEnd().endsWith('|') ? ' ' : ' | '}${sameLine}` };
          } else {
            const indent = /^\s*/.exec(lineText)![0];
            e = { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${lineDirective}${eol(doc)}` };
          }
          actions.push({ title: `Disable ${f.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: edit([e]) });
        }
        if (!seen.has(f.ruleId)) {
          seen.add(f.ruleId);
          const fileDirective = directiveComment(doc.languageId, `clinical-codes: disable ${f.ruleId}`);
          if (fileDirective) {
            actions.push({
              title: `Disable ${f.ruleId} for this file`,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              edit: edit([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `${fileDirective}${eol(doc)}` }]),
            });
          }
          if (opts.configureRuleCommand) {
            actions.push({
              title: `Turn off ${f.ruleId} in settings`,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              command: { title: `Turn off ${f.ruleId}`, command: CONFIGURE_RULE_COMMAND, arguments: [f.ruleId, 'off' satisfies SeveritySetting, doc.uri] },
            });
          }
        }
      }
      return actions;
    }),
  );
}

function eol(doc: TextDocument): string {
  const first = doc.getText({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } });
  return first.endsWith('\r\n') ? '\r\n' : '\n';
}
