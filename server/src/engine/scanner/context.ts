import type { Cell, ColumnKind, Layout } from './layout';
import type { CodeToken } from './tokens';
import { runToEnd, shouldYield, type Steps } from '../steps';
import { firstIndex } from '../sorted';

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

/** A labelled code list ("CPT Code(s): 0001U, 0002U, … 0264T"): the label governs every item, however long. */
interface LabelledList {
  kind: LabelKind;
  /** end of the label, end of the last item */
  start: number;
  end: number;
  /** each item's extent (code and modifiers, without the "more characters" dash or gloss) */
  items: [number, number][];
}

// "CPT Code(s):", "ICD-10 codes -": the words between a label and its list
const LIST_INTRO = /[ \t]*(?:\/[ \t]*HCPCS)?[ \t]*(?:[Cc]odes?(?:\(s\))?|CODES?(?:\(S\))?)?[ \t]*(?::[ \t]*(?:\r\n|\n|\r)?|[#=-])?[ \t]*/y;
// an item: a code shape (with a digit), its modifiers, the "more characters" dash (E11.31-, J45.-), an optional gloss
const LIST_ITEM = /(?=[0-9A-Za-z.]{0,12}\d)[A-Z0-9][0-9A-Za-z]{2,7}(?:\.[0-9A-Za-z]{0,5})?(?:-[0-9A-Z]{2}(?![0-9A-Za-z.]))*(?:-(?![0-9A-Za-z]))?\*?(?:[ \t]*\([^()\n\r]{0,60}\))?/y;
// between items: punctuation, "and"/"or", range words; a line break only after a comma, semicolon, "and" or "or"
const LIST_SEP = /[ \t]*(,|;|\/|&|\band\b|\bor\b|-|–|—|\bthrough\b|\bthru\b)?[ \t]*(\r\n|\n|\r)?[ \t]*/y;
const LIST_WRAP = new Set([',', ';', 'and', 'or']);
/** the start of a line of a column list: indentation, a bullet */
const COLUMN_LEAD = /[ \t]*(?:[-*•][ \t]+)?/y;

const lists = new WeakMap<Layout, LabelledList[]>();

/** Every labelled code list of the document, found once (one pass over the labels, each list read item by item). */
function labelledLists(layout: Layout): LabelledList[] {
  return lists.get(layout) ?? runToEnd(findLabelledLists(layout));
}

/** `labelledLists` in steps (engine/steps.ts): the scanner finds them before its first candidate asks. */
export function* findLabelledLists(layout: Layout): Steps<LabelledList[]> {
  const found = lists.get(layout);
  if (found) return found;
  const out: LabelledList[] = [];
  const text = layout.text;
  let n = 0;
  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(text); m; m = LABEL.exec(text)) {
    if (shouldYield(n++)) {
      // another document's scan may run between two slices and move the shared regex
      const at = LABEL.lastIndex;
      yield;
      LABEL.lastIndex = at;
    }
    let kind: LabelKind | undefined;
    for (let g = 1; g <= 5; g++) if (m[g] !== undefined) kind = LABEL_KINDS[g - 1];
    const start = m.index + m[0].length;
    LIST_INTRO.lastIndex = start;
    LIST_INTRO.exec(text);
    let p = LIST_INTRO.lastIndex;
    let end = -1;
    const items: [number, number][] = [];
    // "CPT codes:" alone on its line, then one code per line (each maybe with its description): a column list
    const column = /[\r\n]/.test(text.slice(start, p));
    for (;;) {
      LIST_ITEM.lastIndex = p;
      const item = LIST_ITEM.exec(text);
      if (!item) break;
      end = p + item[0].length;
      items.push([p, p + /^[0-9A-Za-z.]*/.exec(item[0])![0].length]);
      LIST_SEP.lastIndex = end;
      const sep = LIST_SEP.exec(text)!;
      const next = LIST_SEP.lastIndex;
      if (sep[1] && (!sep[2] || LIST_WRAP.has(sep[1]))) {
        p = next;
        continue;
      }
      if (column) {
        // a column list: the next line must start with an item too
        const eol = text.indexOf('\n', end);
        if (eol < 0) break;
        COLUMN_LEAD.lastIndex = eol + 1;
        p = eol + 1 + COLUMN_LEAD.exec(text)![0].length;
        continue;
      }
      if (sep[2] || next === end) break;
      p = next;
    }
    if (kind && end > start) out.push({ kind, start, end, items });
    if (end > LABEL.lastIndex) LABEL.lastIndex = end;
  }
  lists.set(layout, out);
  return out;
}

/** The labelled code lists of a note (label kind, extent, items), in document order. */
export function codeLists(layout: Layout): readonly LabelledList[] {
  return layout.format === 'note' ? labelledLists(layout) : [];
}

/** The labelled list a position is inside, by binary search. */
function listAt(layout: Layout, offset: number): LabelledList | undefined {
  const all = labelledLists(layout);
  const l = all[firstIndex(all.length, (i) => all[i].end > offset)];
  return l && l.start <= offset ? l : undefined;
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
  const list = layout.format === 'note' ? listAt(layout, offset) : undefined;
  if (list) return { label: list.kind, fieldStart: Math.max(list.start, layout.lineStarts[line]) };
  const label = labelBefore(layout, line, offset);
  return { label: label?.kind, fieldStart: label ? label.end : layout.lineStarts[line] };
}

/** How many lines from the top a labelled procedure code may be to make it the document's subject. */
const SUBJECT_LINES = 15;

/** The code a document is about ("CPT 0264T: …" near the top): modifier tables in it apply to this code. */
export function subjectCode(tokens: readonly CodeToken[]): CodeToken | undefined {
  return runToEnd(subjectSteps(tokens));
}

/** `subjectCode` in steps: the first lines of a document may hold a million codes. */
export function* subjectSteps(tokens: readonly CodeToken[]): Steps<CodeToken | undefined> {
  for (let i = 0; i < tokens.length; i++) {
    if (shouldYield(i)) yield;
    const t = tokens[i];
    if (t.line > SUBJECT_LINES) return undefined;
    if ((t.system === 'cpt' || t.system === 'hcpcs') && t.evidence === 'label') return t;
  }
  return undefined;
}
