import type { CodeData } from '../code-data';
import { classifyProcedure } from '../systems/procedures';
import { undotIcd } from '../systems/icd10cm';
import { Layout, type LayoutOptions } from './layout';
import { markRanges } from './ranges';
import { codeLists, contextAt, findLabelledLists, subjectSteps, type LabelKind, type PositionContext } from './context';
import { codeToken, type CodeSystemId, type CodeToken, type Evidence, type StatedDescription } from './tokens';
import type { DocumentFormat } from './tokens';
import { runToEnd, shouldYield, sortSteps, type Steps } from '../steps';
import { DOTTED_BEFORE, HCPCS_BEFORE, NUMBER_AFTER, NUMBER_BEFORE, PLAN_WORDS, STATES, STREET_AFTER, UNIT_WORD } from './neighbourhood';
import { firstIndex } from '../sorted';
import { keepShape } from '../shapes';

/**
 * Finds code tokens in text. Precision before recall: a token is a code when the data and the context agree.
 * One global regex finds candidates (cheap); context (table column, label, citation line, units …) is only
 * examined for the candidates.
 */

// letter-initial (ICD-10-CM with or without dot, one character too many included; HCPCS Level II) | CPT (5 digits, or 4 + F/T/U/M) | NUCC taxonomy.
// The leading lookahead is implied by the alternatives (each starts so); it lets most offsets fail before the two
// lookbehinds run (the regex was ~6% of the CLI's CPU; 30-45% less with it, same matches on the bench corpus).
const CANDIDATE =
  /(?=[A-Z]\d|[A-Z][A-Z]\d|\d{3})(?<![A-Za-z0-9.$#@_\\])(?<!(?<![0-9A-Z][0-9A-Z]{4})\/)(?:((?:[A-Z]\d[0-9A-Z]|[A-Z][A-Z]\d)(?:\.[0-9A-Z]{1,5}|[0-9A-Z]{1,5})?)|(\d{4}[0-9FTUM])|(\d{3}[0-9A-Z]{6}X))(?![A-Za-z0-9_@]|\.\d)/g;


// whitespace runs are bounded ({0,8}) and never two unbounded \s* side by side: a run of spaces after a label
// would otherwise be backtracked over quadratically (test/unit/engine/linear-time.test.ts)
const MODIFIER_LABEL = /\b(?:[Mm]od(?:ifier)?s?|MOD(?:IFIER)?S?)\.?[ \t]{0,8}(?:[:#-][ \t]{0,8})?((?:[0-9A-Z]{2})(?:[ \t]{0,8}(?:,|and|or|&|\/)[ \t]{0,8}[0-9A-Z]{2})*)(?![A-Za-z0-9])/g;
// "a 25 modifier": found from the word (cheap literal search), then the code just before it is checked
const MODIFIER_WORD = /\b(?:[Mm]odifier|MODIFIER)\b/g;
// (label, list and the word after a modifier stay on one line: "Patient age 45" / "Modifier 25 …" is no modifier 45)
const CODE_BEFORE_WORD = /(?<![A-Za-z0-9-])-?([0-9A-Z]{2})[ \t]{1,5}$/;
const POS_LABEL = /\b(?:POS|[Pp]lace [Oo]f [Ss]ervice)(?:\s{1,8}code)?\s{0,8}(?:[:#]\s{0,8})?(\d{2})(?!\d)/g;

const STATED_PREFIX =
  /^\s{0,40}(?:[-*•]\s{0,8}|\d{1,6}[.)]\s{1,8})?(?:(?:CPT®?|HCPCS|ICD-?10(?:-CM)?|Taxonomy|Dx|DX|Diagnos[ie]s|Procedure)(?:\s{1,8}[Cc]odes?)?\s{0,8}(?:[:#]\s{0,8})?)?$/;
/** the longest text STATED_PREFIX can match: a code further into its line has no stated description */
const STATED_PREFIX_MAX = 80;
const STATED_SEPARATOR = /^\s{0,8}(?:[-–—:|=]|\*\*){1,8}\s{0,8}([A-Za-z(][^\n]{5,})$/;
/** the rest of a line longer than this holds no stated description (a 10 MB line is not one) */
const STATED_MAX = 1000;
// no separator: "M79.641 Pain in left hand" (a capitalised phrase), "M79.641 (pain in left hand)"
const STATED_BARE = /^[ \t]{1,8}([A-Z][a-z]+(?:[ ,]{1,4}[A-Za-z()]+){1,14})[ \t]{0,8}[.;]?[ \t]{0,8}$/;
const STATED_PAREN = /^[ \t]{0,8}\(([A-Za-z][^()\n]{5,120})\)/;

export interface ScanOptions extends LayoutOptions {
  /** document kind: 'note' (prose, markdown tables), 'csv' (first row is a header) or 'x12' (elements) */
  format?: DocumentFormat;
}

type Ctx = PositionContext;

export interface ScanResult {
  tokens: CodeToken[];
  layout: Layout;
}

/**
 * The scan in stages: code candidates (one regex; each candidate judged by its column, label and neighbourhood,
 * with the modifiers written after it), then modifiers named by a label or in a modifier column, then
 * place-of-service codes and column values the candidate regex cannot see, then modifiers linked to their codes.
 * An X12 file is all elements of known kinds: candidates are its code elements only, judged by the same column
 * rules, and nothing is read by label or neighbourhood.
 */
export function scan(text: string, data: CodeData, opts: ScanOptions = {}): ScanResult {
  return runToEnd(scanSteps(text, data, opts));
}

/** `scan` in steps (engine/steps.ts), for the sliced analysis. */
export function* scanSteps(text: string, data: CodeData, opts: ScanOptions = {}): Steps<ScanResult> {
  const layout = yield* Layout.build(text, opts.format, opts);
  const s = new Scanner(text, data, layout);
  // no data: the kept scanner must not hold a bundle the server may replace
  keepShape(Scanner, () => new Scanner('', undefined as unknown as CodeData, new Layout('')));
  // a note's labelled code lists, found in steps before the first candidate asks for its context
  if (layout.format === 'note') yield* findLabelledLists(layout);
  if (opts.format === 'x12') {
    yield* s.cellCandidates();
    yield* s.columnModifiers();
    yield* s.placeOfService(false);
    yield* s.wrongLengthTaxonomy();
    return yield* s.finish();
  }
  yield* s.codeCandidates();
  yield* s.malformedListItems();
  yield* s.labelledModifiers();
  yield* s.columnModifiers();
  yield* s.placeOfService();
  yield* s.wrongLengthTaxonomy();
  return yield* s.finish();
}

class Scanner {
  private readonly tokens: CodeToken[] = [];
  /** modifier offsets already taken, so a modifier found two ways is one token */
  private readonly taken = new Set<number>();
  private readonly extra: CodeToken[] = [];
  private line = 0;
  /** one string per distinct code text in this document, so tokens of the same code share it (not a copy each) */
  private readonly strings = new Map<string, string>();
  /** ICD-10-CM text as written -> its code (without dot): the same string when they are equal */
  private readonly icdCodes = new Map<string, string>();

  constructor(
    private readonly text: string,
    private readonly data: CodeData,
    private readonly layout: Layout,
  ) {}

  /** Line of an offset; offsets come in increasing order in the candidate stage. */
  private lineOf(offset: number): number {
    const starts = this.layout.lineStarts;
    while (this.line + 1 < starts.length && starts[this.line + 1] <= offset) this.line++;
    return this.line;
  }

  private ctxAt(ln: number, offset: number): Ctx {
    return contextAt(this.layout, ln, offset);
  }

  /** Stage 1: every code-shaped candidate, judged by its context; modifiers written after procedure codes. */
  *codeCandidates(): Steps<void> {
    const text = this.text;
    let n = 0;
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
      if (shouldYield(n++)) {
        // another scan may run between two slices and reset the shared regex
        const at = CANDIDATE.lastIndex;
        yield;
        CANDIDATE.lastIndex = at;
      }
      const start = m.index;
      const end = start + m[0].length;
      const ln = this.lineOf(start);
      const raw = this.intern(m[0]);
      let tok: CodeToken | undefined;
      if (m[1] !== undefined) tok = this.letterInitial(raw, start, end, ln);
      else if (m[2] !== undefined) tok = this.numeric(raw, start, end, ln);
      else tok = this.taxonomy(raw, start, end, ln);
      if (!tok) continue;
      this.tokens.push(tok);
      if (tok.system === 'cpt' || tok.system === 'hcpcs') this.suffixModifiers(tok);
    }
    for (let i = 0; i < this.tokens.length; i++) {
      if (shouldYield(i)) yield;
      if (this.tokens[i].system === 'modifier') this.taken.add(this.tokens[i].start);
    }
  }

  /**
   * Stage 1 for X12: each diagnosis, procedure and taxonomy element whose whole value has a code's shape, judged by
   * its kind like a column cell (E1140 after ABF is ICD-10-CM E11.40; after HC it would be HCPCS E1140).
   */
  *cellCandidates(): Steps<void> {
    let n = 0;
    for (const [ln, cells] of this.layout.rowsOf(['icd10cm', 'procedure', 'taxonomy'])) {
      for (const cell of cells) {
        if (shouldYield(n++)) yield;
        if (!cell.text || (cell.kind !== 'icd10cm' && cell.kind !== 'procedure' && cell.kind !== 'taxonomy')) continue;
        CANDIDATE.lastIndex = 0;
        const m = CANDIDATE.exec(cell.text);
        if (!m || m.index !== 0 || m[0].length !== cell.text.length) continue;
        const start = cell.start;
        const end = cell.end;
        const tok = m[1] !== undefined ? this.letterInitial(m[0], start, end, ln) : m[2] !== undefined ? this.numeric(m[0], start, end, ln) : this.taxonomy(m[0], start, end, ln);
        if (tok) this.tokens.push(tok);
      }
    }
  }

  /**
   * Stage 1b: items of a CPT list that have no code's length ("CPT codes: 99213, 9921, 992144"): unknown procedure
   * codes (cpt.unknown says so, with the codes one edit away). Four digits that read as a year are left alone, and a
   * list needs two items for its items to be codes.
   */
  *malformedListItems(): Steps<void> {
    let n = 0;
    for (const list of codeLists(this.layout)) {
      if (shouldYield(n++)) yield;
      if (list.kind !== 'procedure' || list.items.length < 2) continue;
      for (const [start, end] of list.items) {
        const raw = this.text.slice(start, end);
        if (!/^\d{4}$|^\d{6}$/.test(raw) || /^(?:19|20)\d\d$/.test(raw)) continue;
        const ln = this.layout.lineAt(start);
        this.extra.push(codeToken(start, end, raw, 'cpt', raw, 'label', false, ln));
      }
    }
  }

  /** Stage 2: modifiers named by a label ("modifier 59", "mod 25, 59") or by the word after them ("a 25 modifier"). */
  *labelledModifiers(): Steps<void> {
    const { text, layout } = this;
    const labelled: { index: number; group: string }[] = [];
    // the label regexes are shared: each loop keeps its lastIndex across a yield (another scan may run meanwhile)
    let n = 0;
    MODIFIER_LABEL.lastIndex = 0;
    for (let m = MODIFIER_LABEL.exec(text); m; m = MODIFIER_LABEL.exec(text)) {
      labelled.push({ index: m.index + m[0].indexOf(m[1]), group: m[1] });
      if (shouldYield(n++)) {
        const at = MODIFIER_LABEL.lastIndex;
        yield;
        MODIFIER_LABEL.lastIndex = at;
      }
    }
    yield;
    MODIFIER_WORD.lastIndex = 0;
    for (let m = MODIFIER_WORD.exec(text); m; m = MODIFIER_WORD.exec(text)) {
      if (shouldYield(n++)) {
        const at = MODIFIER_WORD.lastIndex;
        yield;
        MODIFIER_WORD.lastIndex = at;
      }
      const before = text.slice(Math.max(0, m.index - 8), m.index);
      const b = CODE_BEFORE_WORD.exec(before);
      if (b) labelled.push({ index: m.index - before.length + b.index + b[0].indexOf(b[1]), group: b[1] });
    }
    yield;
    for (const { index: groupStart, group } of labelled) {
      if (shouldYield(n++)) yield;
      const ln = layout.lineAt(groupStart);
      if (layout.cellAt(ln, groupStart)?.kind === 'modifier') continue; // a modifier column: stage 3
      const inner = /[0-9A-Z]{2}/g;
      for (let mm = inner.exec(group); mm; mm = inner.exec(group)) {
        const s = groupStart + mm.index;
        if (this.taken.has(s)) continue;
        this.taken.add(s);
        this.extra.push(this.modToken(mm[0], s, undefined, 'label'));
      }
    }
  }

  /**
   * Stage 3: modifier columns whose cells are lists of modifiers ("22", "RT, LT", "59/XS"), not prose. In a claim
   * file the column decides: any other short value in a modifier cell ("RTX", "5") is a modifier, and a bad one.
   */
  *columnModifiers(): Steps<void> {
    const claimFile = this.layout.format !== 'note';
    let n = 0;
    for (const [ln, cells] of this.layout.rowsOf(['modifier'])) {
      for (const cell of cells) {
        if (shouldYield(n++)) yield;
        if (cell.kind !== 'modifier' || !cell.text) continue;
        if (!/^[0-9A-Za-z]{2}(?:\s*[,;/ ]\s*[0-9A-Za-z]{2})*$/.test(cell.text)) {
          if (claimFile && /^\S{1,8}$/.test(cell.text) && !this.taken.has(cell.start)) {
            this.taken.add(cell.start);
            this.extra.push(codeToken(cell.start, cell.end, cell.text, 'modifier', cell.text.toUpperCase(), 'column', false, this.layout.lineAt(cell.start)));
          }
          continue;
        }
        const re = /(?<![A-Za-z0-9])[0-9A-Za-z]{2}(?![A-Za-z0-9])/g;
        for (let m = re.exec(cell.text); m; m = re.exec(cell.text)) {
          const s = cell.start + m.index;
          if (this.taken.has(s)) continue;
          this.taken.add(s);
          const t = this.modToken(m[0], s, undefined, 'column');
          const d = this.layout.describedBy(ln, cell.col);
          if (d) t.stated = { text: d.text, start: d.start, end: d.end, kind: 'cell' };
          this.extra.push(t);
        }
      }
    }
  }

  /** Stage 4: place-of-service codes, two digits after a POS label or in a POS column. */
  *placeOfService(labels = true): Steps<void> {
    const { text, data, layout } = this;
    let n = 0;
    POS_LABEL.lastIndex = 0;
    for (let m = labels ? POS_LABEL.exec(text) : null; m; m = POS_LABEL.exec(text)) {
      const s = m.index + m[0].length - m[1].length;
      this.extra.push(codeToken(s, s + 2, m[1], 'pos', m[1], 'label', !!data.pos.get(m[1]), layout.lineAt(s)));
      if (shouldYield(n++)) {
        const at = POS_LABEL.lastIndex;
        yield;
        POS_LABEL.lastIndex = at;
      }
    }
    yield;
    for (const [ln, cells] of layout.rowsOf(['pos'])) {
      for (const cell of cells) {
        if (shouldYield(n++)) yield;
        if (cell.kind !== 'pos' || !/^\d{2}$/.test(cell.text)) continue;
        this.extra.push(codeToken(cell.start, cell.end, cell.text, 'pos', cell.text, 'column', !!data.pos.get(cell.text), ln));
      }
    }
  }

  /** Stage 5: a taxonomy column value of the wrong length: not a candidate shape, but still a bad code. */
  *wrongLengthTaxonomy(): Steps<void> {
    let n = 0;
    for (const [ln, cells] of this.layout.rowsOf(['taxonomy'])) {
      for (const cell of cells) {
        if (shouldYield(n++)) yield;
        if (cell.kind !== 'taxonomy' || !/^[0-9A-Z]{8,12}$/.test(cell.text) || cell.text.length === 10 || !/\d{3}/.test(cell.text)) continue;
        this.extra.push(codeToken(cell.start, cell.end, cell.text, 'taxonomy', cell.text, 'column', false, ln));
      }
    }
  }

  /** Tokens in document order, with label/column modifiers linked to their procedure codes. */
  *finish(): Steps<ScanResult> {
    const tokens = this.tokens;
    if (this.extra.length) {
      // a loop, not push(...extra): a spread of 100,000s of tokens overflows the stack
      for (let i = 0; i < this.extra.length; i++) {
        if (shouldYield(i)) yield;
        tokens.push(this.extra[i]);
      }
      yield* sortSteps(tokens, (a, b) => a.start - b.start);
    }
    if (this.layout.format !== 'x12') yield* markRanges(tokens, this.text, (ln) => this.layout.lineStarts[ln]);
    yield* attachModifiers(tokens, this.layout);
    return { tokens, layout: this.layout };
  }

  private intern(s: string): string {
    const had = this.strings.get(s);
    if (had !== undefined) return had;
    this.strings.set(s, s);
    return s;
  }

  private icdCode(raw: string): string {
    let code = this.icdCodes.get(raw);
    if (code === undefined) {
      const c = undotIcd(raw);
      code = c === raw ? raw : this.intern(c);
      this.icdCodes.set(raw, code);
    }
    return code;
  }

  private evidenceOf(ctx: Ctx, kind: LabelKind, known: boolean): Evidence | undefined {
    if (ctx.column === kind) return 'column';
    if (!ctx.column && ctx.label === kind) return 'label';
    return known ? 'data' : undefined;
  }

  private letterInitial(raw: string, start: number, end: number, ln: number): CodeToken | undefined {
    const ctx = this.ctxAt(ln, start);
    const dxContext = ctx.column === 'icd10cm' || (!ctx.column && ctx.label === 'icd10cm');
    const hasDot = raw.includes('.');
    const code = this.icdCode(raw);
    if (ctx.column === 'code') return this.mixedColumn(raw, code, start, end, ln, ctx);
    if (hasDot || dxContext || !/^[A-Z]\d{4}$/.test(raw)) {
      // (ICD-10-CM categories are letter + digit + alphanumeric, or letter + letter + digit since FY2026: QA0)
      // ICD-10-CM
      // 8 characters is no ICD-10-CM code: reported (icd10.unknown) only in a diagnosis field
      if (code.length > 7 && !dxContext) return undefined;
      const known = this.data.icd10.known(code);
      if (!hasDot && !dxContext && code.length > 3) return undefined; // dotless only in a diagnosis field
      if (!hasDot && code.length === 3 && !dxContext) {
        // a bare category (I10, E11) counts when the line also has dotted ICD-10-CM codes
        if (!known || !this.layout.hasDottedCode(ln)) return undefined;
      }
      if (ctx.column && ctx.column !== 'icd10cm' && ctx.column !== 'description' && ctx.column !== 'other') return undefined;
      let evidence = this.evidenceOf(ctx, 'icd10cm', known);
      if (!evidence && hasDot && this.data.icd10.known(code.slice(0, 3)) && !this.layout.isCitation(ln)) evidence = 'shape';
      if (!evidence) return undefined;
      if ((evidence === 'data' || evidence === 'shape') && DOTTED_BEFORE.test(this.text.slice(Math.max(this.layout.lineStarts[ln], start - 16), start))) return undefined;
      return this.make('icd10cm', raw, code, start, end, ln, evidence, known, ctx);
    }
    // HCPCS Level II shape (letter + 4 digits)
    if (ctx.column && ctx.column !== 'procedure' && ctx.column !== 'description' && ctx.column !== 'other') return undefined;
    const known = this.data.procedures.known(raw);
    const evidence = this.evidenceOf(ctx, 'procedure', known);
    if (!evidence) return undefined;
    if (evidence === 'data' && HCPCS_BEFORE.test(this.text.slice(Math.max(this.layout.lineStarts[ln], start - 12), start))) return undefined;
    return this.make('hcpcs', raw, raw, start, end, ln, evidence, known, ctx);
  }

  /** A column headed just "Code": any system, but only codes the data knows (or dotted ICD-10-CM forms). */
  private mixedColumn(raw: string, code: string, start: number, end: number, ln: number, ctx: Ctx): CodeToken | undefined {
    if (/^[A-Z]\d{4}$/.test(raw) && this.data.procedures.known(raw)) return this.make('hcpcs', raw, raw, start, end, ln, 'column', true, ctx);
    if (this.data.icd10.known(code)) return this.make('icd10cm', raw, code, start, end, ln, 'column', true, ctx);
    if (raw.includes('.') && this.data.icd10.known(code.slice(0, 3))) return this.make('icd10cm', raw, code, start, end, ln, 'shape', false, ctx);
    return undefined;
  }

  private numeric(raw: string, start: number, end: number, ln: number): CodeToken | undefined {
    const ctx = this.ctxAt(ln, start);
    if (ctx.column && ctx.column !== 'procedure' && ctx.column !== 'code' && ctx.column !== 'description' && ctx.column !== 'other') return undefined;
    const known = this.data.procedures.known(raw);
    const explicit = ctx.column === 'procedure' || ctx.column === 'code' || (!ctx.column && ctx.label === 'procedure');
    if (!explicit) {
      if (!known || this.layout.isCitation(ln)) return undefined;
      const lineStart = this.layout.lineStarts[ln];
      const before = this.text.slice(Math.max(lineStart, start - 16), start);
      const after = this.text.slice(end, end + 40);
      if (/^\d{5}$/.test(raw)) {
        if (NUMBER_BEFORE.test(before) || NUMBER_AFTER.test(after) || STREET_AFTER.test(after)) return undefined;
        const state = /\b([A-Z]{2}),?\s+$/.exec(before);
        if (state && STATES.has(state[1])) return undefined; // "RI 02903": a ZIP code
        if (/\d\s*[-–]\s*$/.test(before) && !/[A-Z]\d{4}\s*[-–]\s*$|\d{4}[0-9A-Z]\s*[-–]\s*$/.test(before)) return undefined; // end of a number range
      }
    }
    const shape = classifyProcedure(raw);
    if (!shape) return undefined;
    return this.make(shape.system, raw, raw, start, end, ln, explicit ? (ctx.column ? 'column' : 'label') : 'data', known, ctx);
  }

  private taxonomy(raw: string, start: number, end: number, ln: number): CodeToken | undefined {
    const ctx = this.ctxAt(ln, start);
    const known = !!this.data.taxonomy.get(raw);
    const evidence = this.evidenceOf(ctx, 'taxonomy', known);
    if (!evidence) return undefined;
    return this.make('taxonomy', raw, raw, start, end, ln, evidence, known, ctx);
  }

  private make(
    system: CodeSystemId,
    raw: string,
    code: string,
    start: number,
    end: number,
    ln: number,
    evidence: Evidence,
    known: boolean,
    ctx: Ctx,
  ): CodeToken {
    return codeToken(start, end, raw, system, code, evidence, known, ln, this.statedDescription(ln, start, end, ctx));
  }

  private statedDescription(ln: number, start: number, end: number, ctx: Ctx): StatedDescription | undefined {
    if (ctx.cell) {
      // X12 elements carry no descriptions
      if (ctx.cell.kind === 'description' || ctx.cell.kind === 'other' || this.layout.format === 'x12') return undefined;
      const d = this.layout.describedBy(ln, ctx.cell.col);
      return d ? { text: d.text, start: d.start, end: d.end, kind: 'cell' } : undefined;
    }
    const lineStart = this.layout.lineStarts[ln];
    if (start - lineStart > STATED_PREFIX_MAX || !STATED_PREFIX.test(this.text.slice(lineStart, start))) return undefined;
    const lineEnd = this.layout.lineEnd(ln);
    if (lineEnd - end > STATED_MAX) return undefined;
    // skip modifiers written after the code (0264T-22) and markdown emphasis
    let restStart = end;
    const chain = /^(?:-[0-9A-Z]{2}(?![A-Za-z0-9]))*(?:®|\*+)?/.exec(this.text.slice(end, lineEnd));
    if (chain) restStart += chain[0].length;
    const rest = this.text.slice(restStart, lineEnd);
    const m = STATED_SEPARATOR.exec(rest);
    if (!m) return this.bareDescription(rest, restStart);
    let body = m[1];
    const pipe = body.indexOf(' | ');
    if (pipe > 0) body = body.slice(0, pipe);
    body = body.trimEnd();
    // "99213 - billed today per Dr. Smith", "E11.9 - patient counseled on diet": a plan, not a description
    if (PLAN_WORDS.test(body)) return undefined;
    const bodyStart = restStart + rest.indexOf(m[1]);
    if (body.split(/\s+/).length < 2) return undefined;
    return { text: body, start: bodyStart, end: bodyStart + body.length, kind: 'line' };
  }

  /** The words right after a code with no separator: a description when they read as one (see StatedDescription). */
  private bareDescription(rest: string, restStart: number): StatedDescription | undefined {
    const m = STATED_PAREN.exec(rest) ?? STATED_BARE.exec(rest);
    if (!m || PLAN_WORDS.test(m[1])) return undefined;
    const body = m[1].replace(/[\s,]+$/, '');
    if (body.split(/\s+/).length < 2) return undefined;
    const start = restStart + m.index + m[0].indexOf(m[1]);
    return { text: body, start, end: start + body.length, kind: 'sentence' };
  }

  private suffixModifiers(code: CodeToken): void {
    let p = code.end;
    const mods: CodeToken[] = [];
    // 0264T-22, 27447-RT-59
    while (this.text[p] === '-' && /^[0-9A-Z]{2}(?![A-Za-z0-9])/.test(this.text.slice(p + 1, p + 4))) {
      const mt = this.text.slice(p + 1, p + 3);
      mods.push(this.modToken(mt, p + 1, code, 'suffix', 'suffix'));
      p += 3;
    }
    // 99213 25 (space-separated: only known modifiers, and not a quantity such as "99213 25 minutes")
    if (!mods.length && this.text[p] === ' ') {
      const mm = /^ ([0-9A-Z]{2})(?![A-Za-z0-9])/.exec(this.text.slice(p, p + 4));
      if (mm && this.data.modifiers.get(mm[1]) && !UNIT_WORD.test(this.text.slice(p + 3, p + 20)) && !/^ [0-9A-Z]{2}[.,]\d/.test(this.text.slice(p, p + 6))) {
        mods.push(this.modToken(mm[1], p + 1, code, 'suffix', 'suffix'));
      }
    }
    if (mods.length) {
      code.modifiers = mods;
      for (const m of mods) this.tokens.push(m);
    }
  }

  private modToken(mt: string, start: number, parent: CodeToken | undefined, evidence: Evidence, via?: CodeToken['parentVia']): CodeToken {
    const ln = this.layout.lineAt(start);
    const text = this.intern(mt);
    const upper = text.toUpperCase();
    const t = codeToken(start, start + text.length, text, 'modifier', upper === text ? text : this.intern(upper), evidence, !!this.data.modifiers.get(text), ln);
    if (parent) {
      t.parent = parent;
      t.parentVia = via;
    }
    return t;
  }
}

/** Links modifiers found by label or column to the procedure code of the same row/line, else the document's subject code. */
function* attachModifiers(tokens: CodeToken[], layout: Layout): Steps<void> {
  const subject = yield* subjectSteps(tokens);
  const procsByLine = new Map<number, CodeToken[]>();
  let n = 0;
  for (const t of tokens) {
    if (shouldYield(n++)) yield;
    if (t.system !== 'cpt' && t.system !== 'hcpcs') continue;
    const list = procsByLine.get(t.line);
    if (list) list.push(t);
    else procsByLine.set(t.line, [t]);
  }
  // X12 composites (HC:code:modifiers): the code of each composite, by the composite's start
  const procsByGroup = new Map<number, CodeToken>();
  if (layout.format === 'x12') {
    for (const list of procsByLine.values()) {
      for (const p of list) {
        if (shouldYield(n++)) yield;
        const g = layout.cellAt(p.line, p.start)?.group;
        if (g !== undefined) procsByGroup.set(g, p);
      }
    }
  }
  for (const t of tokens) {
    if (shouldYield(n++)) yield;
    if (t.system !== 'modifier' || t.parent) continue;
    // an X12 composite: the modifier belongs to the code of its own composite, or to none
    const group = layout.format === 'x12' ? layout.cellAt(t.line, t.start)?.group : undefined;
    if (group !== undefined) {
      const parent = procsByGroup.get(group);
      if (parent) {
        t.parent = parent;
        t.parentVia = 'row';
        (parent.modifiers ??= []).push(t);
      }
      continue;
    }
    const sameLine = procsByLine.get(t.line);
    if (sameLine?.length) {
      const inTable = layout.tableRows.has(t.line);
      // the last code ending before the modifier (binary search: a line may hold 100,000s of codes)
      const at = firstIndex(sameLine.length, (i) => sameLine[i].end > t.start) - 1;
      const parent = at >= 0 ? sameLine[at] : sameLine[0];
      t.parent = parent;
      t.parentVia = inTable ? 'row' : 'line';
      (parent.modifiers ??= []).push(t);
    } else if (subject && t.evidence === 'column') {
      t.parent = subject;
      t.parentVia = 'subject';
    }
  }
}
