import { Lines } from '../text/lines';
import { CODE_COLUMN_KINDS, columnKind, type ColumnKind } from './columns';
import { isCommentLine, readRecord, skipBreaks, sniffDelimiter, type CellSpan, type Delimiter } from './delimited';
import { parseColumnsDirective, type ColumnOverrides } from './column-overrides';
import type { DocumentFormat } from './tokens';
import type { Cell } from './cell';
import { readX12Steps, type X12Interchange } from './x12-read';
import { x12SegmentsSteps, type X12SegmentInfo } from './x12-loops';
import { X12Cells } from './x12-cells';
import { DelimitedRows } from './delimited-rows';
import type { LazyRows } from './lazy-rows';
import { runToEnd, shouldYield, type Steps } from '../steps';
import { firstIndex } from '../sorted';
import { keepShape } from '../shapes';

/**
 * Document layout facts the scanner needs for context: line starts (LF, CRLF or CR, as editors count lines), pipe
 * tables and delimited records (with column kinds from their headers), X12 segments (a cell per element or
 * component, its kind from the segment, loop and qualifiers), citation lines and reference sections.
 * Computed once per document.
 */

export type { CellSpan, ColumnKind };

export type { Cell };

/** A table's header: where it is, its column names and what each column holds. */
export interface TableHeader {
  line: number;
  start: number;
  end: number;
  names: string[];
  kinds: ColumnKind[];
  /** delimited files: the delimiter; pipe tables: '|' */
  delimiter: Delimiter;
  /** where the kinds came from for each column: the header's words, the setting or the in-file directive */
  overridden: boolean[];
}

/**
 * Which code column each description column describes. In "| CPT | Mod | Dx | Description |" the description is
 * the procedure's, not the modifier's or the diagnosis's: a description belongs to the code column its header
 * names ("Dx description"), else to the first code column of the table.
 */
export function descriptionOwners(headers: string[], kinds: ColumnKind[]): (number | undefined)[] {
  const codeCols = kinds.flatMap((k, i) => (CODE_COLUMN_KINDS.has(k) ? [i] : []));
  return kinds.map((k, i) => {
    if (k !== 'description') return undefined;
    const h = headers[i].toLowerCase();
    const want: ColumnKind | undefined = /diag|\bdx\b|icd/.test(h)
      ? 'icd10cm'
      : /modifier/.test(h)
        ? 'modifier'
        : /taxonomy|specialty/.test(h)
          ? 'taxonomy'
          : /cpt|hcpcs|procedure|service/.test(h)
            ? 'procedure'
            : undefined;
    return want ? codeCols.find((c) => kinds[c] === want) : codeCols[0];
  });
}

export interface LayoutOptions {
  /** column kinds by header name (the `clinicalCodes.csv.columns` setting); an in-file directive wins */
  columns?: ColumnOverrides;
}

/** Splits a pipe-delimited line into trimmed cells with offsets (line may or may not start with a pipe). */
export function splitPipeRow(text: string, lineStart: number, lineEnd: number): CellSpan[] {
  const line = text.slice(lineStart, lineEnd);
  const parts: CellSpan[] = [];
  let segStart = 0;
  for (let i = 0; i <= line.length; i++) {
    if (i === line.length || line[i] === '|') {
      const raw = line.slice(segStart, i);
      const lead = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      parts.push({ start: lineStart + segStart + lead, end: lineStart + segStart + lead + trimmed.length, text: trimmed, from: lineStart + segStart, to: lineStart + i });
      segStart = i + 1;
    }
  }
  // "| a | b |" → drop the empty cells outside the outer pipes
  if (line.trimStart().startsWith('|') && parts.length && parts[0].text === '') parts.shift();
  if (line.trimEnd().endsWith('|') && parts.length && parts[parts.length - 1].text === '') parts.pop();
  return parts;
}

// These are matched against trimmed lines, and no two unbounded \s* meet: a regex that can split a run of spaces
// between two \s* backtracks over it quadratically (test/unit/engine/linear-time.test.ts).
const SEPARATOR_TRIMMED = /^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$/;
const isSeparator = (line: string) => line.includes('-') && SEPARATOR_TRIMMED.test(line.trim());
const CITATION =
  /\bPMID:?\s*\d|\bdoi\s*[:.]|\bet al\.|\b(?:19|20)\d{2}[a-z]?\s*;\s*\d+\s*(?:\([\w\s-]+\)\s*)?:\s*[eE]?\d+|\bpp?\.\s*\d+\s*[-–]\s*\d+|\bISBN\b/i;
const REFERENCES_HEADING_TRIMMED = /^(?:#+\s*)?(?:references|bibliography|works cited|citations|sources|literature cited)\s*:?$/i;
const HEADING_TRIMMED = /^(?:#+\s+\S|[A-Z][A-Z &/-]{2,60}:?$)/;
/** a dotted ICD-10-CM shape somewhere on a line: bare categories (I10) count on such lines */
const DOTTED_CODE = /[A-Z][0-9A-Z][0-9A-Z]\.[0-9A-Z]/;

const DEFERRED = Symbol('deferred');

export class Layout extends Lines {
  /** pipe tables' rows; delimited files and X12 build their cells when asked for (`lazy`) */
  private readonly rows = new Map<number, Cell[]>();
  private lazy?: LazyRows;
  /** X12 files: the interchange as read (delimiters, segments, envelope problems) and each segment's loop and element kinds */
  x12?: X12Interchange;
  x12Segments: readonly X12SegmentInfo[] = [];
  /** every table's header row, in document order */
  readonly headers: TableHeader[] = [];
  /** problems with the column settings or directive, for the `table.columns` rule */
  readonly columnProblems: { start: number; end: number; message: string }[] = [];
  private readonly citationCache = new Map<number, boolean>();
  private readonly dottedCache = new Map<number, boolean>();
  private readonly descriptions = new WeakMap<Cell[], Map<number, Cell>>();
  private readonly referenceLines = new Set<number>();

  /** The layout of a text, computed at once; `Layout.build` computes it in steps (engine/steps.ts). */
  constructor(
    text: string,
    readonly format: DocumentFormat = 'note',
    opts: LayoutOptions = {},
    deferred?: typeof DEFERRED,
  ) {
    super(text);
    keepShape(Layout, () => new Layout(''));
    if (deferred !== DEFERRED) runToEnd(this.prepare(opts));
  }

  static *build(text: string, format: DocumentFormat = 'note', opts: LayoutOptions = {}): Steps<Layout> {
    const layout = new Layout(text, format, opts, DEFERRED);
    yield* layout.prepare(opts);
    return layout;
  }

  private *prepare(opts: LayoutOptions): Steps<void> {
    const { text, format } = this;
    yield* this.findLines();
    if (format === 'x12') {
      this.x12 = yield* readX12Steps(text);
      yield* this.findX12Elements(this.x12);
      return;
    }
    if (format === 'csv') yield* this.findDelimitedColumns(opts.columns);
    else if (text.includes('|')) yield* this.findTables();
    yield* this.findReferenceSections();
  }

  /** X12: every element (or component of a composite) is a cell whose kind its segment and qualifiers decide. */
  private *findX12Elements(ix: X12Interchange): Steps<void> {
    this.x12Segments = yield* x12SegmentsSteps(ix);
    this.lazy = yield* X12Cells.index(this.x12Segments, (offset) => this.lineAt(offset), shouldYield);
  }

  /**
   * Cells of table rows, by line (a delimited record spanning lines: by its first line; X12: the cells of every
   * segment starting on the line, built when asked for).
   */
  get tableRows(): ReadonlyMap<number, Cell[]> {
    return this.lazy ?? this.rows;
  }

  /**
   * Every row's line and cells, in order (X12: a segment at a time), for a loop over the cells of some kinds: X12
   * segments that hold none of `kinds` are skipped. The caller still checks each cell's kind.
   */
  rowsOf(kinds: readonly ColumnKind[]): Iterable<[number, Cell[]]> {
    return this.lazy ? this.lazy.rowsOf(kinds) : this.rows;
  }

  /**
   * Delimited file: comment lines (`#`) may come first, then the header row; every later record's cells get the
   * header's column kinds. Kinds come from the header words unless the setting or an in-file directive names them.
   */
  private *findDelimitedColumns(setting: ColumnOverrides | undefined): Steps<void> {
    const text = this.text;
    const delimiter = sniffDelimiter(text);
    let header: TableHeader | undefined;
    let owners: (number | undefined)[] = [];
    const recordStarts: number[] = [];
    const recordLines: number[] = [];
    let directive: ColumnOverrides | undefined;
    let rowKinds = false;
    for (let p = text.charCodeAt(0) === 0xfeff ? 1 : 0, n = 0; p < text.length; ) {
      if (shouldYield(n++)) yield;
      // blank lines are blank records (nothing to judge) at the cost of a search, not of a record each: a part of a
      // large file (engine/parts) is mostly the blank lines that keep its rows' line numbers
      const c = text.charCodeAt(p);
      if (c === 10 || c === 13) {
        p = skipBreaks(text, p);
        continue;
      }
      const line = this.lineAt(p);
      if (!header && isCommentLine(this.lineText(line))) {
        const d = parseColumnsDirective(this.lineText(line), this.lineStarts[line]);
        if (d) {
          directive = d.columns;
          for (const problem of d.problems) this.columnProblems.push(problem);
        }
        p = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : text.length;
        continue;
      }
      const at = p;
      const record = readRecord(text, p, delimiter);
      p = record.next;
      const cells = record.cells;
      if (!header) {
        if (!cells.some((c) => c.text)) continue;
        const names = cells.map((c) => c.text);
        const chosen = names.map((n) => directive?.get(n.toLowerCase()) ?? setting?.get(n.toLowerCase()));
        // wide exports repeat a few header names thousands of times ("Modifier", "Dx"): each is classified once
        const known = new Map<string, ColumnKind>();
        const kindOf = (n: string) => {
          let k = known.get(n);
          if (k === undefined) known.set(n, (k = columnKind(n)));
          return k;
        };
        const kinds = names.map((n, i) => chosen[i] ?? kindOf(n));
        header = { line, start: cells[0].start, end: cells[cells.length - 1].end, names, kinds, delimiter, overridden: chosen.map((c) => c !== undefined) };
        this.headers.push(header);
        owners = descriptionOwners(names, kinds);
        rowKinds = kinds.some((k) => k === 'icd-version' || k === 'code-system');
        continue;
      }
      // a blank record (an empty line, or only delimiters) holds nothing to judge and is no claim line
      if (!cells.some((c) => c.text)) continue;
      recordStarts.push(at);
      recordLines.push(line);
    }
    if (header) this.lazy = new DelimitedRows(text, delimiter, recordStarts, recordLines, header.kinds, owners, rowKinds);
    keepShape(DelimitedRows, () => new DelimitedRows('', ',', [], [], [], [], false));
  }

  /** The description cell of a row that describes the code in column `col` (built once per row: rows may be wide). */
  describedBy(line: number, col: number): Cell | undefined {
    // X12 elements describe no other element (and a one-line interchange's "row" is every cell of it)
    if (this.format === 'x12') return undefined;
    const cells = this.tableRows.get(line);
    if (!cells) return undefined;
    let byCol = this.descriptions.get(cells);
    if (!byCol) {
      byCol = new Map();
      for (const c of cells) if (c.kind === 'description' && c.text && c.describes !== undefined && !byCol.has(c.describes)) byCol.set(c.describes, c);
      this.descriptions.set(cells, byCol);
    }
    return byCol.get(col);
  }

  /** The cell whose extent (between its delimiters) holds the offset: binary search, rows may have 1,000s of cells. */
  cellAt(line: number, offset: number): Cell | undefined {
    if (this.lazy) return this.lazy.cellAt(line, offset);
    const cells = this.rows.get(line);
    if (!cells) return undefined;
    const c = cells[firstIndex(cells.length, (i) => cells[i].to >= offset)];
    return c && c.from <= offset ? c : undefined;
  }

  /** A reference-list entry or a line that looks like a bibliographic citation. */
  isCitation(line: number): boolean {
    if (this.referenceLines.has(line)) return true;
    let v = this.citationCache.get(line);
    if (v === undefined) {
      v = CITATION.test(this.lineText(line));
      this.citationCache.set(line, v);
    }
    return v;
  }

  /** Whether the line holds a dotted ICD-10-CM shape (memoised: asked for every bare category on the line). */
  hasDottedCode(line: number): boolean {
    let v = this.dottedCache.get(line);
    if (v === undefined) {
      v = DOTTED_CODE.test(this.lineText(line));
      this.dottedCache.set(line, v);
    }
    return v;
  }

  private *findTables(): Steps<void> {
    const n = this.lineStarts.length;
    for (let i = 0; i + 1 < n; i++) {
      if (shouldYield(i)) yield;
      const header = this.lineText(i);
      if (!header.includes('|') || !isSeparator(this.lineText(i + 1))) continue;
      const headerCells = splitPipeRow(this.text, this.lineStarts[i], this.lineEnd(i));
      if (headerCells.length < 2) continue;
      const names = headerCells.map((c) => c.text);
      const kinds = names.map((n) => columnKind(n));
      const owners = descriptionOwners(names, kinds);
      this.headers.push({ line: i, start: headerCells[0].start, end: headerCells[headerCells.length - 1].end, names, kinds, delimiter: '|', overridden: kinds.map(() => false) });
      let j = i + 2;
      for (; j < n; j++) {
        if (shouldYield(j)) yield;
        const row = this.lineText(j);
        if (!row.includes('|')) break;
        if (j + 1 < n && isSeparator(this.lineText(j + 1))) break; // next table's header
        const cells = splitPipeRow(this.text, this.lineStarts[j], this.lineEnd(j)).map((c, col) => ({
          ...c,
          col,
          kind: kinds[col] ?? 'other',
          describes: owners[col],
        }));
        this.rows.set(j, cells);
      }
      i = j - 1;
    }
  }

  private *findReferenceSections(): Steps<void> {
    if (!/references|bibliography|works cited|citations|literature cited/i.test(this.text)) return;
    let inRefs = false;
    for (let i = 0; i < this.lineStarts.length; i++) {
      if (shouldYield(i)) yield;
      const t = this.lineText(i);
      const trimmed = t.trim();
      if (REFERENCES_HEADING_TRIMMED.test(trimmed)) {
        inRefs = true;
        continue;
      }
      if (inRefs && HEADING_TRIMMED.test(trimmed) && !CITATION.test(t)) inRefs = false;
      if (inRefs) this.referenceLines.add(i);
    }
  }
}
