import type { Cell, ColumnKind, Layout } from './layout';
import type { CodeToken } from './tokens';

/**
 * What governs a position in a document: the table/CSV column it is in, else the code label before it on its line.
 * The scanner asks this for every candidate token and completion for the cursor, so what completion offers in a
 * place is what the scanner would then recognise there.
 */

export type LabelKind = 'icd10cm' | 'procedure' | 'modifier' | 'taxonomy' | 'pos';

const LABEL =
  /\b(?:(CPT®?|HCPCS|procedure codes?|proc(?:edure)? code|procedures?(?=\s*:))|(ICD-?10(?:-CM)?|ICD|diagnos[ie]s(?: codes?)?|Dx)|(modifiers?|mod\.?)|(taxonomy)|(POS|place of service))(?![A-Za-z])/gi;
const LABEL_KINDS: LabelKind[] = ['procedure', 'icd10cm', 'modifier', 'taxonomy', 'pos'];

/** How far before a token a label still reaches (characters on the same line). */
export const LABEL_REACH = 48;

/** A sentence break between a label and a position ends the label's reach. */
const SENTENCE_BREAK = /[.;!?]\s/;

/** The code label that governs `offset` on its line (the last one before it), and where the label ends. */
export function labelBefore(layout: Layout, line: number, offset: number): { kind: LabelKind; end: number } | undefined {
  const from = Math.max(layout.lineStarts[line], offset - LABEL_REACH);
  const window = layout.text.slice(from, offset);
  LABEL.lastIndex = 0;
  let kind: LabelKind | undefined;
  let lastEnd = -1;
  for (let m = LABEL.exec(window); m; m = LABEL.exec(window)) {
    for (let g = 1; g <= 5; g++) if (m[g] !== undefined) kind = LABEL_KINDS[g - 1];
    lastEnd = m.index + m[0].length;
  }
  if (kind === undefined || SENTENCE_BREAK.test(window.slice(lastEnd))) return undefined;
  return { kind, end: from + lastEnd };
}

export interface PositionContext {
  cell?: Cell;
  column?: ColumnKind;
  label?: LabelKind;
  /** where the field starts: the cell's start, else the end of the label, else the line start */
  fieldStart: number;
}

/** Column first (a column's header outranks any label in the cell), else the label before the position. */
export function contextAt(layout: Layout, line: number, offset: number): PositionContext {
  const cell = layout.cellAt(line, offset);
  if (cell) return { cell, column: cell.kind, fieldStart: cell.start };
  const label = labelBefore(layout, line, offset);
  return { label: label?.kind, fieldStart: label ? label.end : layout.lineStarts[line] };
}

/** How many lines from the top a labelled procedure code may be to make it the document's subject. */
const SUBJECT_LINES = 15;

/** The code a document is about ("CPT 0264T: …" near the top): modifier tables in it apply to this code. */
export function subjectCode(tokens: readonly CodeToken[]): CodeToken | undefined {
  for (const t of tokens) {
    if (t.line > SUBJECT_LINES) return undefined;
    if ((t.system === 'cpt' || t.system === 'hcpcs') && t.evidence === 'label') return t;
  }
  return undefined;
}
