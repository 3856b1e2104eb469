import { contextAt, subjectCode, type Analysis, type CodeToken } from '../engine';
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
const CONTEXT_KINDS = new Set<string>(['icd10cm', 'procedure', 'modifier', 'taxonomy']);

const SUFFIX_MODIFIER = /(?<![A-Za-z0-9])(\d{4}[0-9FTUM]|[A-V]\d{4})((?:-[0-9A-Z]{2})*)-([0-9A-Z]{0,2})$/;
const MODIFIER_LABEL = /(?:\b[Mm]od(?:ifier)?s?|\bMOD(?:IFIER)?S?)\.?\s*[:#-]?\s*((?:[0-9A-Z]{2}\s*(?:,|and|or|&|\/)\s*)*)([0-9A-Z]{0,2})$/;
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
  settings: Settings,
): CompletionSite | undefined {
  const cursor = lineStart + before.length;

  // 1. "0264T-", "27447-RT-" → modifiers for that code
  const sm = SUFFIX_MODIFIER.exec(before);
  if (sm) {
    return { kind: 'modifier', from: cursor - sm[3].length, partial: sm[3], parent: sm[1], used: sm[2].split('-').filter(Boolean) };
  }

  // 2. the column of a table or CSV row, else a label earlier on the line: the scanner's own context
  const where = contextAt(analysis.layout, line, cursor);
  const kind = where.column ?? where.label;
  const ctx: Context = kind && CONTEXT_KINDS.has(kind) ? (kind as Context) : undefined;
  let fieldStart = ctx ? where.fieldStart : lineStart;

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
  // words only: at least three letters, ends in a letter (the user is typing a word) or a word and a small number
  // ("stage 3", "type 2"), no code already there
  if (!/[A-Za-z]$|[A-Za-z]\s+\d{1,2}[A-Za-z]?$/.test(words) || (words.match(/[A-Za-z]/g)?.length ?? 0) < 3 || /\b[A-Z]\d[0-9A-Z]\.?[0-9A-Z]*\b|\b\d{4}[0-9FTUM]\b/.test(words)) {
    return undefined;
  }
  return {
    kind: 'words',
    from: fieldStart + lead,
    words,
    systems: inContext ? SYSTEMS[ctx as keyof typeof SYSTEMS] : ['icd10cm', 'hcpcs'],
  };
}

/** The procedure code a modifier typed here belongs to: the code before it on the line, else the document's subject. */
function parentFor(tokens: readonly CodeToken[], line: number, cursor: number): string | undefined {
  let sameLine: CodeToken | undefined;
  for (const t of tokens) if ((t.system === 'cpt' || t.system === 'hcpcs') && t.line === line && t.end <= cursor) sameLine = t;
  return (sameLine ?? subjectCode(tokens))?.code;
}
