import { lastAtMost } from '../data/table-codec';
/**
 * Document layout facts the scanner needs for context: line starts, pipe tables (with column kinds from their
 * headers), citation lines and reference sections. Computed once per document.
 */

/** 'code': a column headed just "Code", which may hold any code system */
export type ColumnKind = 'icd10cm' | 'procedure' | 'code' | 'modifier' | 'taxonomy' | 'pos' | 'description' | 'units' | 'other';

/** A cell's text (trimmed) and its whole extent between the delimiters (blanks and quotes included). */
export interface CellSpan {
  start: number;
  end: number;
  text: string;
  from: number;
  to: number;
}

export interface Cell extends CellSpan {
  kind: ColumnKind;
  col: number;
  /** for description cells: the column of the code this description belongs to */
  describes?: number;
}

const CODE_KINDS: ColumnKind[] = ['procedure', 'code', 'icd10cm', 'modifier', 'taxonomy', 'pos'];

/**
 * Which code column each description column describes. In "| CPT | Mod | Dx | Description |" the description is
 * the procedure's, not the modifier's or the diagnosis's: a description belongs to the code column its header
 * names ("Dx description"), else to the first code column of the table.
 */
export function descriptionOwners(headers: string[], kinds: ColumnKind[]): (number | undefined)[] {
  const codeCols = kinds.flatMap((k, i) => (CODE_KINDS.includes(k) ? [i] : []));
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

export function columnKind(header: string): ColumnKind {
  const h = header.trim().toLowerCase();
  if (!h) return 'other';
  // Only headers that name a code column count: "Relationship to This Procedure" is prose, not a code column,
  // and "Dx description" describes a code rather than holding one.
  if (/descr/.test(h)) return 'description';
  if (/\bicd\b|\bicd-?10|\bdx\b|diagnosis codes?|^diagnos[ie]s$|^primary dx|^secondary dx/.test(h)) return 'icd10cm';
  if (/^mod(ifier)?s?\b|\bmodifiers?\s*\d?$|^mod\s*\d$/.test(h)) return 'modifier';
  if (/taxonomy/.test(h)) return 'taxonomy';
  if (/^place of service|^pos\b/.test(h)) return 'pos';
  if (/^codes?$|^billing code|^charge code/.test(h)) return 'code';
  if (/\bcpt\b|\bhcpcs\b|procedure codes?|^proc\b|service code|^procedure$/.test(h)) return 'procedure';
  if (/^units|\bunits$|^qty|quantity/.test(h)) return 'units';
  if (/descr|title|specialty|definition|meaning|^name$/.test(h)) return 'description';
  return 'other';
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

/**
 * Reads one CSV record starting at `p`: trimmed cells with offsets, quoted cells may span lines (RFC 4180).
 * Returns the offset where the next record starts.
 */
export function readCsvRecord(text: string, p: number): { cells: CellSpan[]; next: number } {
  const cells: CellSpan[] = [];
  const n = text.length;
  for (;;) {
    let start: number;
    let end: number;
    const from = p;
    while (p < n && (text[p] === ' ' || text[p] === '\t')) p++;
    if (text[p] === '"') {
      start = p + 1;
      let j = start;
      while (j < n && !(text[j] === '"' && text[j + 1] !== '"')) j += text[j] === '"' ? 2 : 1;
      end = j;
      p = j + 1;
      while (p < n && text[p] !== ',' && text[p] !== '\n') p++;
    } else {
      start = p;
      while (p < n && text[p] !== ',' && text[p] !== '\n') p++;
      end = p;
    }
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    cells.push({ start: start + lead, end: start + lead + trimmed.length, text: trimmed, from, to: p });
    if (p >= n || text[p] === '\n') return { cells, next: p + 1 };
    p++; // the comma
  }
}

const SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const CITATION =
  /\bPMID:?\s*\d|\bdoi\s*[:.]|\bet al\.|\b(?:19|20)\d{2}[a-z]?\s*;\s*\d+\s*(?:\([\w\s-]+\))?\s*:\s*[eE]?\d+|\bpp?\.\s*\d+\s*[-–]\s*\d+|\bISBN\b/i;
const REFERENCES_HEADING = /^\s*(?:#+\s*)?(?:references|bibliography|works cited|citations|sources|literature cited)\s*:?\s*$/i;
const HEADING = /^\s*(?:#+\s+\S|[A-Z][A-Z &/-]{2,60}:?\s*$)/;

export class Layout {
  readonly lineStarts: number[];
  /** cells of table rows, by line */
  readonly tableRows = new Map<number, Cell[]>();
  private readonly citationCache = new Map<number, boolean>();
  private readonly referenceLines: Set<number>;

  constructor(readonly text: string, format: 'note' | 'csv' = 'note') {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
    this.referenceLines = new Set();
    if (format === 'csv') this.findCsvColumns();
    else if (text.includes('|')) this.findTables();
    this.findReferenceSections();
  }

  /** CSV: the first non-empty row is the header; every later row's cells get the header's column kind. */
  private findCsvColumns(): void {
    let header: ColumnKind[] | undefined;
    let owners: (number | undefined)[] = [];
    for (let p = 0; p < this.text.length; ) {
      const record = readCsvRecord(this.text, p);
      const i = this.lineAt(p);
      p = record.next;
      const cells = record.cells;
      if (!header) {
        if (cells.some((c) => c.text)) {
          header = cells.map((c) => columnKind(c.text));
          owners = descriptionOwners(cells.map((c) => c.text), header);
        }
        continue;
      }
      this.tableRows.set(
        i,
        cells.map((c, col) => ({ ...c, col, kind: header![col] ?? 'other', describes: owners[col] })),
      );
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.text.length;
    return next > this.lineStarts[line] && this.text[next - 1] === '\r' ? next - 1 : next;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  /** Line containing an offset. */
  lineAt(offset: number): number {
    return lastAtMost(this.lineStarts, offset);
  }

  /** The cell whose extent (between its delimiters) holds the offset. */
  cellAt(line: number, offset: number): Cell | undefined {
    const cells = this.tableRows.get(line);
    return cells?.find((c) => offset >= c.from && offset <= c.to);
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

  private findTables(): void {
    const n = this.lineStarts.length;
    for (let i = 0; i + 1 < n; i++) {
      const header = this.lineText(i);
      if (!header.includes('|') || !SEPARATOR.test(this.lineText(i + 1)) || !this.lineText(i + 1).includes('-')) continue;
      const headerCells = splitPipeRow(this.text, this.lineStarts[i], this.lineEnd(i));
      if (headerCells.length < 2) continue;
      const kinds = headerCells.map((c) => columnKind(c.text));
      const owners = descriptionOwners(headerCells.map((c) => c.text), kinds);
      let j = i + 2;
      for (; j < n; j++) {
        const row = this.lineText(j);
        if (!row.includes('|')) break;
        if (j + 1 < n && SEPARATOR.test(this.lineText(j + 1)) && this.lineText(j + 1).includes('-')) break; // next table's header
        const cells = splitPipeRow(this.text, this.lineStarts[j], this.lineEnd(j)).map((c, col) => ({
          ...c,
          col,
          kind: kinds[col] ?? 'other',
          describes: owners[col],
        }));
        this.tableRows.set(j, cells);
      }
      i = j - 1;
    }
  }

  private findReferenceSections(): void {
    if (!/references|bibliography|works cited|citations|literature cited/i.test(this.text)) return;
    let inRefs = false;
    for (let i = 0; i < this.lineStarts.length; i++) {
      const t = this.lineText(i);
      if (REFERENCES_HEADING.test(t)) {
        inRefs = true;
        continue;
      }
      if (inRefs && HEADING.test(t) && !CITATION.test(t)) inRefs = false;
      if (inRefs) this.referenceLines.add(i);
    }
  }
}
