import type { Analysis, AnalyzeOptions } from '../analyze';
import { FindingCap, MAX_FINDINGS } from '../finding-cap';
import type { Finding, Severity } from '../findings';
import type { DocumentFormat } from '../formats';
import { statedDates } from '../claims/stated-dates';
import { DIRECTIVE_MARK } from '../directives';
import { payerLabels } from '../policies/resolve';
import { analysisTruncated } from '../rules/analysis-truncated';
import { beforeIcd10Says, icd10BeforeIcd10 } from '../rules/icd10-before-icd10';
import { x12Envelope } from '../rules/x12-envelope';
import { Layout } from '../scanner/layout';
import { x12EnvelopeProblems } from '../scanner/x12-read';
import { runToEnd } from '../steps';
import { Lines } from '../text/lines';
import { keepShape } from '../shapes';
import { PartText, type DocumentPart } from './part';
import { SourceLines, type PieceSource } from './piece-source';
import { splitCsv } from './split-csv';
import { splitX12 } from './split-x12';

/**
 * About this much of a large claim file is analysed at a time: an analysis holds ~25× its text (tokens, claims,
 * fields, segments), so an 18 MB claim export analysed whole peaked at 1 GB; a 1.2 MB one alone peaks at 225 MB.
 * 128 KB against 256: the same CPU (1.01x on 200,000 CSV rows, 0.93-1.01x on a 20,000-claim 837P) and 9-13 MB less
 * at the peak (what a part holds lives through every young collection of its analysis, farm-bench pairs); at 64 KB
 * an 837P cost 1.19x (each part repeats its context and its lines).
 */
export const PART_BYTES = 1 << 17;

/**
 * A large claim file (CSV export or X12 interchange) analysed a part at a time, with the same findings as `analyze`
 * of the whole file: each part is a document of its own (engine/parts/part.ts), its findings are mapped back to the
 * document's offsets, those in its context are dropped (an earlier part judged them), and what is said once per
 * document is said once: the envelope of the whole interchange, the ICD-9-CM date, the findings cap.
 *
 * The caller analyses each part (`text(k)` with `options`) and hands the analysis to `add(k, …)` before the next,
 * so only one part's analysis is alive at a time; `findings()` then gives the document's, in document order.
 */
export class DocumentParts {
  private readonly cap: FindingCap;
  private current?: { k: number; part: PartText };
  private beforeIcd10?: { finding: Finding; codes: number };
  private added = 0;
  /** where the pieces are read: the text, until `readFrom` */
  private source: PieceSource;
  /** the interchange's envelope findings, when found before the text went (`readFrom`) */
  private envelopeFound?: Finding[];

  private constructor(
    text: string,
    readonly format: DocumentFormat,
    /** the document's lines, for positions and the truncation finding */
    private docLines: Lines,
    private readonly parts: DocumentPart[],
    private readonly whole: AnalyzeOptions,
  ) {
    this.source = text;
    this.cap = new FindingCap(whole.maxFindings ?? MAX_FINDINGS);
    // each part's envelope would be wrong (it has no trailers): the interchange's is checked once, below
    this.options = format === 'x12' ? { ...whole, rules: { ...whole.rules, [x12Envelope.id]: 'off' } } : whole;
  }

  /** The options to analyse each part with. */
  readonly options: AnalyzeOptions;

  /**
   * The parts of a document, or undefined when it is to be analysed whole: a note, a file under twice `partBytes`,
   * one that cannot be cut into independent parts, or one whose reading depends on text anywhere in it (a directive
   * past the header, a date of service or payer stated in words).
   */
  static of(text: string, format: DocumentFormat, options: AnalyzeOptions, partBytes = PART_BYTES): DocumentParts | undefined {
    if (text.length < 2 * partBytes) return undefined;
    if (format === 'x12') {
      // a directive applies to what follows it: a file with one is analysed whole
      if (text.includes(DIRECTIVE_MARK)) return undefined;
      const parts = splitX12(text, partBytes);
      return parts && new DocumentParts(text, format, Lines.of(text), parts, options);
    }
    if (format !== 'csv' || runToEnd(statedDates(text)).length) return undefined;
    const layout = new Layout(text, 'csv', { columns: options.columns });
    const parts = splitCsv(layout, partBytes);
    if (!parts || parts.length < 2) return undefined;
    const header = parts[1].context[0].to;
    if (text.includes(DIRECTIVE_MARK, header)) return undefined;
    if (options.policies?.length && Object.keys(payerLabels(text.slice(header), options.policies)).length) return undefined;
    // only the line starts are kept: the layout's cells and records are the file's size again
    return new DocumentParts(text, format, new Lines(text, layout.lineStarts), parts, options);
  }

  get count(): number {
    return this.parts.length;
  }

  /** The document's lines (line starts and length), for positions. */
  get lines(): Lines {
    return this.docLines;
  }

  /**
   * From now on, reads the parts' pieces from `source` (the file the text was read from) and no longer holds the
   * text, so the caller can let it go: an 18 MB export's text is then not kept while its parts are analysed. Before
   * the first part; what needs the whole text (the interchange's envelope) is judged now.
   */
  readFrom(source: PieceSource): void {
    if (this.added || this.current) throw new Error('readFrom comes before the first part');
    if (this.format === 'x12') this.envelopeFound = this.envelopeFindings();
    this.docLines = new SourceLines(this.docLines, source);
    this.source = source;
  }

  /** Part k's text, to analyse with `options`. */
  text(k: number): string {
    if (this.current?.k !== k) this.current = { k, part: new PartText(this.source, this.docLines, this.parts[k]) };
    keepShape(PartText, () => new PartText('', Lines.of(''), { context: [], body: { from: 0, to: 0 } }));
    return this.current.part.text;
  }

  /** Takes part k's analysis (parts in order): its findings, at the document's offsets. */
  add(k: number, a: Analysis): void {
    if (k !== this.added) throw new Error(`parts are added in order: part ${k} after ${this.added - 1}`);
    this.text(k);
    const part = this.current!.part;
    this.current = undefined;
    this.added++;
    for (const f of a.findings) {
      if (!part.inBody(f.start) || !move(f, part)) continue;
      if (f.ruleId === analysisTruncated.id) {
        // the part's cap counted these: the document's counts them
        const by = (f.data?.bySeverity ?? {}) as Partial<Record<Severity, number>>;
        for (const [severity, n] of Object.entries(by)) this.cap.count(f.start, severity as Severity, n, f.claim);
        continue;
      }
      if (f.ruleId === icd10BeforeIcd10.id) {
        // once per document: the first part's finding, with every part's count
        const codes = Number(f.data?.codes ?? 1);
        if (this.beforeIcd10) {
          this.beforeIcd10.codes += codes;
          continue;
        }
        this.beforeIcd10 = { finding: f, codes };
      }
      this.admit(f);
    }
  }

  /** The document's findings, in document order, once every part was added. */
  findings(): Finding[] {
    if (this.added !== this.parts.length) throw new Error(`${this.parts.length - this.added} part(s) not analysed`);
    if (this.beforeIcd10) {
      const { finding, codes } = this.beforeIcd10;
      Object.assign(finding, beforeIcd10Says(String(finding.data?.dateOfService), codes));
    }
    if (this.format === 'x12') for (const f of this.envelopeFound ?? this.envelopeFindings()) this.admit(f);
    const out = runToEnd(this.cap.sorted());
    const truncated = this.cap.truncation(this.docLines, this.whole.rules?.[analysisTruncated.id]);
    if (truncated) out.push(truncated);
    return out;
  }

  private admit(f: Finding): void {
    if (this.cap.admits(f.start, f.ruleId, f.severity, f.claim)) this.cap.add(f);
  }

  /** The interchange's envelope, read a segment at a time over the whole text (the source while it is the text). */
  private envelopeFindings(): Finding[] {
    const setting = this.whole.rules?.[x12Envelope.id];
    const doc = this.source;
    if (setting === 'off' || typeof doc !== 'string') return [];
    const severity = setting ?? x12Envelope.defaultSeverity;
    return x12EnvelopeProblems(doc).map((p) => ({ ruleId: x12Envelope.id, severity, code: doc.slice(p.start, p.end), system: undefined, ...p }));
  }
}

/** Moves a part's finding (its range, fixes and related places) to document offsets; false when it has none there. */
function move(f: Finding, part: PartText): boolean {
  if (!moveRange(f, part)) return false;
  if (f.fixes) f.fixes = f.fixes.filter((x) => moveRange(x, part));
  if (f.related) f.related = f.related.filter((x) => moveRange(x, part));
  return true;
}

function moveRange(r: { start: number; end: number }, part: PartText): boolean {
  const start = part.toDocument(r.start);
  const end = part.toDocument(r.end);
  if (start === undefined || end === undefined) return false;
  r.start = start;
  r.end = end;
  return true;
}
