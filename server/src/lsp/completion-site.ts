import type { Analysis, CodeToken } from '../engine';
import type { Settings } from './settings';

/** Which code systems a word search or code prefix may complete to. */
export type CompletionSystem = 'icd10cm' | 'hcpcs' | 'cpt' | 'taxonomy';

/**
 * What the cursor is in the middle of writing, found from the line text before the cursor plus the layout of the
 * (current-version) analysis. Offsets are UTF-16 offsets into the document, like the engine's.
 */
export type CompletionSite =
  /** a modifier: after "CODE-", after a "modifier" label, or in a modifier column */
  | { kind: 'modifier'; from: number; partial: string; parent?: string; used: string[] }
  /** a code being typed: "M79.6", "S52.521", "K00", "9921" (CPT only in a procedure context) */
  | { kind: 'code'; from: number; prefix: string; systems: CompletionSystem[]; context: boolean }
  /** description words in a code context (or anywhere with wordSearch "always"): "pain left hand" */
  | { kind: 'words'; from: number; words: string; systems: CompletionSystem[] };

type Context = 'icd10cm' | 'procedure' | 'modifier' | 'taxonomy' | undefined;

const SUFFIX_MODIFIER = /(?<![A-Za-z0-9])(\d{4}[0-9FTUM]|[A-V]\d{4})((?:-[0-9A-Z]{2})*)-([0-9A-Z]{0,2})$/;
const MODIFIER_LABEL = /(?:\b[Mm]od(?:ifier)?s?|\bMOD(?:IFIER)?S?)\.?\s*[:#-]?\s*((?:[0-9A-Z]{2}\s*(?:,|and|or|&|\/)\s*)*)([0-9A-Z]{0,2})$/;
const LABELS: [RegExp, Context][] = [
  [/\b(?:ICD-?10(?:-CM)?|ICD|[Dd]iagnos[ie]s|DIAGNOS[IE]S|Dx|DX)\b(?:\s+[Cc]odes?)?\s*[:#-]?/g, 'icd10cm'],
  [/\b(?:CPT®?|HCPCS|[Pp]rocedures?(?:\s+[Cc]odes?)?|PROCEDURES?)(?![A-Za-z])(?:\s+[Cc]odes?)?\s*[:#-]?/g, 'procedure'],
  [/\b[Tt]axonomy(?:\s+[Cc]odes?)?\s*[:#-]?/g, 'taxonomy'],
];
const ICD_DOTTED = /(?<![A-Za-z0-9.$#/@_\\-])([A-Z]\d[0-9A-Z]\.[0-9A-Z]{0,4})$/;
const LETTER_CODE = /(?<![A-Za-z0-9.$#/@_\\-])([A-Z]\d[0-9A-Z]{0,4})$/;
const NUMERIC_CODE = /(?<![A-Za-z0-9.$#/@_\\-])(\d{3,4}[0-9FTUM]?)$/;

const SYSTEMS: Record<Exclude<Context, undefined | 'modifier'>, CompletionSystem[]> = {
  icd10cm: ['icd10cm'],
  procedure: ['hcpcs', 'cpt'],
  taxonomy: ['taxonomy'],
};

export function findCompletionSite(
  before: string,
  lineStart: number,
  line: number,
  analysis: Analysis,
  format: 'note' | 'csv',
  settings: Settings,
): CompletionSite | undefined {
  const cursor = lineStart + before.length;

  // 1. "0264T-", "27447-RT-" → modifiers for that code
  const sm = SUFFIX_MODIFIER.exec(before);
  if (sm) {
    return { kind: 'modifier', from: cursor - sm[3].length, partial: sm[3], parent: sm[1], used: sm[2].split('-').filter(Boolean) };
  }

  // 2. the column of a table or CSV row, else a label earlier on the line
  const column = columnKind(before, line, analysis, format);
  let ctx: Context = column?.kind;
  let fieldStart = column ? lineStart + column.start : lineStart;
  if (!column) {
    const label = lastLabel(before);
    if (label) {
      ctx = label.kind;
      fieldStart = lineStart + label.end;
    }
  }

  // 3. modifier positions: "modifier 2", "mods 59, X", a modifier column
  const ml = MODIFIER_LABEL.exec(before);
  if (ml || ctx === 'modifier') {
    const partial = ml ? ml[2] : (/([0-9A-Z]{0,2})$/.exec(before)?.[1] ?? '');
    // in a column: only when the cell is a list of modifiers so far ("RT, 5")
    if (ml || /^[\s|]*(?:[0-9A-Z]{2}\s*[,;/ ]\s*)*[0-9A-Z]{0,2}$/.test(before.slice(fieldStart - lineStart))) {
      const used = (ml ? ml[1] : before.slice(fieldStart - lineStart, before.length - partial.length)).match(/[0-9A-Z]{2}/g) ?? [];
      return { kind: 'modifier', from: cursor - partial.length, partial, parent: parentFor(analysis.tokens, line, cursor), used };
    }
  }

  // 4. a code being typed
  const dotted = ICD_DOTTED.exec(before);
  if (dotted && ctx !== 'procedure' && ctx !== 'taxonomy') {
    return { kind: 'code', from: cursor - dotted[1].length, prefix: dotted[1], systems: ['icd10cm'], context: ctx === 'icd10cm' };
  }
  const letter = LETTER_CODE.exec(before);
  if (letter && ctx !== 'taxonomy') {
    const p = letter[1];
    const hcpcsShape = /^[A-V]\d{0,4}$/.test(p);
    if (ctx === 'icd10cm') return { kind: 'code', from: cursor - p.length, prefix: p, systems: ['icd10cm'], context: true };
    if (ctx === 'procedure') {
      if (hcpcsShape) return { kind: 'code', from: cursor - p.length, prefix: p, systems: ['hcpcs'], context: true };
    } else if (p.length >= 3) {
      // outside a code context only prefixes that already look like a code ("M79", "K00"), never "A1"
      return { kind: 'code', from: cursor - p.length, prefix: p, systems: hcpcsShape ? ['icd10cm', 'hcpcs'] : ['icd10cm'], context: false };
    }
  }
  const numeric = NUMERIC_CODE.exec(before);
  if (numeric && ctx === 'procedure') {
    return { kind: 'code', from: cursor - numeric[1].length, prefix: numeric[1], systems: ['cpt'], context: true };
  }

  // 5. description words
  const mode = settings.completion.wordSearch;
  if (mode === 'off') return undefined;
  const inContext = ctx === 'icd10cm' || ctx === 'procedure' || ctx === 'taxonomy';
  if (!inContext && mode !== 'always') return undefined;
  let field = before.slice(fieldStart - lineStart);
  // several codes in one field ("Dx: M79.642, pain right"): only the part after the last separator
  const sep = Math.max(field.lastIndexOf(','), field.lastIndexOf(';'), field.lastIndexOf(':'), field.lastIndexOf('|'), field.lastIndexOf('('));
  if (sep >= 0) {
    fieldStart += sep + 1;
    field = field.slice(sep + 1);
  }
  const lead = field.length - field.trimStart().length;
  const words = field.slice(lead);
  // words only: at least three letters, ends in a letter (the user is typing a word), no code already there
  if (!/[A-Za-z]$/.test(words) || (words.match(/[A-Za-z]/g)?.length ?? 0) < 3 || /\b[A-Z]\d[0-9A-Z]\.?[0-9A-Z]*\b|\b\d{4}[0-9FTUM]\b/.test(words)) {
    return undefined;
  }
  return {
    kind: 'words',
    from: fieldStart + lead,
    words,
    systems: inContext ? SYSTEMS[ctx as keyof typeof SYSTEMS] : ['icd10cm', 'hcpcs'],
  };
}

/** The kind of the table/CSV column the cursor is in (from the header), and where the cell starts on the line. */
function columnKind(before: string, line: number, analysis: Analysis, format: 'note' | 'csv'): { kind: Context; start: number } | undefined {
  const cells = analysis.layout.tableRows.get(line);
  if (!cells) return undefined;
  let col: number;
  let start: number;
  if (format === 'csv') {
    let inQuote = false;
    col = 0;
    start = 0;
    for (let i = 0; i < before.length; i++) {
      if (before[i] === '"') inQuote = !inQuote;
      else if (before[i] === ',' && !inQuote) {
        col++;
        start = i + 1;
      }
    }
  } else {
    const pipes = [...before.matchAll(/\|/g)].map((m) => m.index ?? 0);
    const leading = /^\s*\|/.test(before);
    col = pipes.length - (leading ? 1 : 0);
    start = pipes.length ? pipes[pipes.length - 1] + 1 : 0;
    if (col < 0) return undefined;
  }
  const kind = cells[col]?.kind;
  if (kind === 'icd10cm' || kind === 'procedure' || kind === 'modifier' || kind === 'taxonomy') return { kind, start };
  return undefined;
}

function lastLabel(before: string): { kind: Context; end: number } | undefined {
  let best: { kind: Context; end: number; index: number } | undefined;
  for (const [re, kind] of LABELS) {
    re.lastIndex = 0;
    for (let m = re.exec(before); m; m = re.exec(before)) {
      if (!best || m.index >= best.index) best = { kind, end: m.index + m[0].length, index: m.index };
    }
  }
  // a sentence break between the label and the cursor ends the label's reach
  if (!best || /[.;!?]\s/.test(before.slice(best.end))) return undefined;
  return best;
}

/** The procedure code a modifier typed here belongs to: the code before it on the line, else the document's subject. */
function parentFor(tokens: readonly CodeToken[], line: number, cursor: number): string | undefined {
  let sameLine: CodeToken | undefined;
  let subject: CodeToken | undefined;
  for (const t of tokens) {
    if (t.system !== 'cpt' && t.system !== 'hcpcs') continue;
    if (t.line === line && t.end <= cursor) sameLine = t;
    if (!subject && t.line <= 15 && t.evidence === 'label') subject = t;
  }
  return (sameLine ?? subject)?.code;
}
