import type { Finding, Severity } from '../engine';
import type { Layout } from '../engine';
import { RULES } from '../engine';

export interface FileResult {
  file: string;
  findings: Finding[];
  layout?: Layout;
  /** a file that could not be checked, and why */
  skipped?: string;
}

export interface Position {
  line: number;
  character: number;
}

export function position(layout: Layout, offset: number): Position {
  const line = layout.lineAt(offset);
  return { line, character: offset - layout.lineStarts[line] };
}

export function formatText(results: FileResult[], color: boolean): string {
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sev: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '2' };
  const lines: string[] = [];
  for (const r of results) {
    if (r.skipped) {
      lines.push(`${r.file}: skipped: ${r.skipped}`);
      continue;
    }
    for (const f of r.findings) {
      const p = position(r.layout!, f.start);
      const claim = f.claim ? ` ${c('2', `[claim ${f.claim.id}${f.claim.line !== undefined ? `, line ${f.claim.line}` : ''}]`)}` : '';
      lines.push(`${r.file}:${p.line + 1}:${p.character + 1} ${c(sev[f.severity], f.severity)} ${c('2', f.ruleId)}${claim} ${f.message}`);
    }
  }
  return lines.join('\n');
}

export function formatJson(results: FileResult[]): string {
  const out: unknown[] = [];
  for (const r of results) {
    if (r.skipped) continue;
    for (const f of r.findings) {
      out.push({
        file: r.file,
        start: position(r.layout!, f.start),
        end: position(r.layout!, f.end),
        severity: f.severity,
        ruleId: f.ruleId,
        code: f.code,
        system: f.system,
        message: f.message,
        claim: f.claim,
        fixes: f.fixes?.map((x) => ({ title: x.title, newText: x.newText, start: position(r.layout!, x.start), end: position(r.layout!, x.end) })),
      });
    }
  }
  return JSON.stringify(out, null, 2);
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(results: FileResult[], version: string, toUri: (file: string) => string): string {
  const rules = RULES.map((r) => ({
    id: r.id,
    shortDescription: { text: r.description },
    fullDescription: { text: r.docs },
    help: { text: r.docs },
    defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
  }));
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const sarifResults: unknown[] = [];
  const notifications: unknown[] = [];
  for (const r of results) {
    if (r.skipped) {
      notifications.push({ level: 'warning', message: { text: `${r.file}: skipped: ${r.skipped}` } });
      continue;
    }
    for (const f of r.findings) {
      const s = position(r.layout!, f.start);
      const e = position(r.layout!, f.end);
      sarifResults.push({
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId),
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        ...(f.claim ? { properties: { claimId: f.claim.id, ...(f.claim.line !== undefined ? { claimLine: f.claim.line } : {}) } } : {}),
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: toUri(r.file) },
              region: { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 },
            },
          },
        ],
      });
    }
  }
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'clinical-codes', version, informationUri: 'https://github.com/clinical-codes/clinical-codes', rules } },
          columnKind: 'utf16CodeUnits',
          results: sarifResults,
          invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        },
      ],
    },
    null,
    2,
  );
}
