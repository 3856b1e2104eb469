import type { Finding, Lines, Severity } from '../engine';
import { RULES } from '../engine';
import type { SkipKind } from '../shared/documents';

/**
 * The output formats, one file at a time: each checked file becomes its chunk of text (its text lines, its JSON array
 * elements, its SARIF results) as soon as it is analysed, and the writer streams the chunks in input order between
 * a head and a tail. Nothing of a file is kept once its chunk is written.
 *
 * A chunk is pieces of up to ~64 KB (`Chunk`), written one at a time: a file's output is never one string, which
 * for 10,000 findings (8 MB of JSON) was joined, prefixed and turned into bytes at once, three copies at the peak.
 */

/** A file's output in pieces: text lines each ending in a line break; JSON elements or SARIF results, which the writer joins by ",\n". */
export type Chunk = string[];

const PIECE = 1 << 16;

/** Items joined by `sep` into pieces of about PIECE characters (an item is never split). */
function pieces(items: Iterable<string>, sep: string): Chunk {
  const out: Chunk = [];
  let batch: string[] = [];
  let length = 0;
  for (const item of items) {
    batch.push(item);
    length += item.length + sep.length;
    if (length >= PIECE) {
      out.push(batch.join(sep));
      batch = [];
      length = 0;
    }
  }
  if (batch.length) out.push(batch.join(sep));
  return out;
}

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CheckedFile {
  file: string;
  findings: Finding[];
  /** the document's lines, for positions */
  layout: Lines;
}

export interface SkippedFile {
  file: string;
  skipped: SkipKind;
  reason: string;
}

export interface Position {
  line: number;
  character: number;
}

/** Line and UTF-16 column as editors count them: the engine's layout (LF, CRLF and a lone CR each end a line). */
export function position(layout: Lines, offset: number): Position {
  const line = layout.lineAt(offset);
  return { line, character: offset - layout.lineStarts[line] };
}

const SEV_COLOR: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '2' };

export function textLines(r: CheckedFile, color: boolean): Chunk {
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  return pieces(
    r.findings.map((f) => {
      const p = position(r.layout, f.start);
      const claim = f.claim ? ` ${c('2', `[claim ${f.claim.id}${f.claim.line !== undefined ? `, line ${f.claim.line}` : ''}]`)}` : '';
      return `${r.file}:${p.line + 1}:${p.character + 1} ${c(SEV_COLOR[f.severity], f.severity)} ${c('2', f.ruleId)}${claim} ${f.message}\n`;
    }),
    '',
  );
}

/** One array element, indented as an element of the top-level array. */
const element = (o: unknown, indent: string) => indent + JSON.stringify(o, null, 2).replace(/\n/g, `\n${indent}`);

/** A file's findings as JSON array elements (none when it has none). */
export function jsonElements(r: CheckedFile): Chunk {
  return pieces(
    r.findings.map((f) =>
      element(
        {
          file: r.file,
          start: position(r.layout, f.start),
          end: position(r.layout, f.end),
          severity: f.severity,
          ruleId: f.ruleId,
          code: f.code,
          system: f.system,
          message: f.message,
          claim: f.claim,
          fixes: f.fixes?.map((x) => ({ title: x.title, newText: x.newText, start: position(r.layout, x.start), end: position(r.layout, x.end) })),
        },
        '  ',
      ),
    ),
    ',\n',
  );
}

/** A skipped file in the JSON stream: `{"file", "skipped": kind, "reason"}`, told apart from findings by `skipped`. */
export function jsonSkipped(s: SkippedFile): string {
  return element({ file: s.file, skipped: s.skipped, reason: s.reason }, '  ');
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
const RULE_INDEX = new Map(RULES.map((r, i) => [r.id, i]));

/** A file's findings as SARIF result objects. */
export function sarifResults(r: CheckedFile, uri: string): Chunk {
  return pieces(
    r.findings.map((f) => {
      const s = position(r.layout, f.start);
      const e = position(r.layout, f.end);
      return element(
        {
          ruleId: f.ruleId,
          ruleIndex: RULE_INDEX.get(f.ruleId),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.message },
          ...(f.claim ? { properties: { claimId: f.claim.id, ...(f.claim.line !== undefined ? { claimLine: f.claim.line } : {}) } } : {}),
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri },
                region: { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 },
              },
            },
          ],
        },
        '      ',
      );
    }),
    ',\n',
  );
}

export interface SarifNotification {
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations?: unknown[];
  properties?: Record<string, unknown>;
}

/** A skipped file as a SARIF tool execution notification, with the file as its location. */
export function sarifSkipped(s: SkippedFile, uri: string, level: 'error' | 'note'): SarifNotification {
  return {
    level,
    message: { text: `${s.file}: not checked: ${s.reason}` },
    locations: [{ physicalLocation: { artifactLocation: { uri } } }],
    properties: { skipped: s.skipped },
  };
}

const RESULTS_MARK = '\u0001results';

/** The SARIF log up to the opening of `results` and from its close, so results can be written in between. */
export function sarifFrame(version: string): { head: string; tail: (notifications: SarifNotification[], successful: boolean) => string } {
  const rules = RULES.map((r) => ({
    id: r.id,
    shortDescription: { text: r.description },
    fullDescription: { text: r.docs },
    help: { text: r.docs },
    defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'clinical-codes', version, informationUri: 'https://github.com/clinical-codes/clinical-codes', rules } },
        columnKind: 'utf16CodeUnits',
        results: RESULTS_MARK,
      },
    ],
  };
  const whole = JSON.stringify(log, null, 2);
  const at = whole.indexOf(JSON.stringify(RESULTS_MARK));
  const head = whole.slice(0, at) + '[';
  const close = whole.slice(at + JSON.stringify(RESULTS_MARK).length); // "\n    }\n  ]\n}"
  return {
    head,
    tail: (notifications, successful) =>
      `\n    ],\n    "invocations": ${JSON.stringify([{ executionSuccessful: successful, toolExecutionNotifications: notifications }], null, 2).replace(/\n/g, '\n    ')}` + close,
  };
}
