import type { CodeData } from '../code-data';
import { classifyProcedure } from '../systems/procedures';
import { undotIcd } from '../systems/icd10cm';
import { Layout } from './layout';
import { contextAt, subjectCode, type LabelKind, type PositionContext } from './context';
import type { CodeSystemId, CodeToken, Evidence, StatedDescription } from './tokens';

/**
 * Finds code tokens in text. Precision before recall: a token is a code when the data and the context agree.
 * One global regex finds candidates (cheap); context (table column, label, citation line, units …) is only
 * examined for the candidates.
 */

// letter-initial (ICD-10-CM with or without dot, HCPCS Level II) | CPT (5 digits, or 4 + F/T/U/M) | NUCC taxonomy
const CANDIDATE =
  /(?<![A-Za-z0-9.$#@_\\])(?<!(?<![0-9A-Z][0-9A-Z]{4})\/)(?:((?:[A-Z]\d[0-9A-Z]|[A-Z][A-Z]\d)(?:\.[0-9A-Z]{1,4}|[0-9A-Z]{1,4})?)|(\d{4}[0-9FTUM])|(\d{3}[0-9A-Z]{6}X))(?![A-Za-z0-9_@]|\.\d)/g;


const MODIFIER_LABEL = /\b(?:[Mm]od(?:ifier)?s?|MOD(?:IFIER)?S?)\.?\s*[:#-]?\s*((?:[0-9A-Z]{2})(?:\s*(?:,|and|or|&|\/)\s*[0-9A-Z]{2})*)(?![A-Za-z0-9])/g;
// "a 25 modifier": found from the word (cheap literal search), then the code just before it is checked
const MODIFIER_WORD = /\b(?:[Mm]odifier|MODIFIER)\b/g;
const CODE_BEFORE_WORD = /(?<![A-Za-z0-9-])-?([0-9A-Z]{2})\s+$/;
const POS_LABEL = /\b(?:POS|[Pp]lace [Oo]f [Ss]ervice)(?:\s+code)?\s*[:#]?\s*(\d{2})(?!\d)/g;

const STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA PR RI SC SD TN TX UT VT VA WA WV WI WY'.split(
    ' ',
  ),
);
const NUMBER_BEFORE =
  /(?:\$|#|\bno\.?|\bnumber|\bID|\bMRN|\bacct\.?|\baccount|\bzip(?:\s*code)?|\bpages?|\bpp?\.|\bvol\.?|\bsuite|\bste\.?|\bbox|\bphone|\btel\.?|\bfax|\bext\.?|\bclaim|\bNPI|\bTIN|\bEIN|\bref\.?|\blot|\bmodel|\bpart|\bserial|\bcatalog|\bbatch|\bPMID|\bPMCID|\bNCT|\bNDC|\bcase|\bpatient|\bissue|\bvolume|\baccession|\bspecimen|\border|\broom|\brm\.?|\bbed|\bpager|\bbeeper|\bcall|\binvoice|\bsteps|\bWBC|\bRBC|\bPLT|\bplatelets?|\bANC|\bCK|\bCPK|\bglucose|\bcount|\btiter|\blevel|\bvalue|\bresult)\s*[:#=]?\s*$/i;
const NUMBER_AFTER =
  /^(?:\s*(?:mg|mcg|µg|g|kg|ml|l|units?|iu|mmhg|%|cells|copies|bpm|steps|miles|lbs?|dollars|usd|years?|yrs?|days?|hours?|patients|participants|subjects|people|persons|cases|deaths|beds|respondents|members|employees|hospitals|sites|centers|centres|clinics|samples|records|claims|times|words|pages|feet|ft|meters|m|km|cm|mm)\b|\s*%|-\d{4}\b|\/\d(?!\d{3}[0-9A-Z]\b)|\/\s*(?:u?l|dl|ml|hpf|mm3)\b)/i;
// a street address: "99213 Pacific Coast Hwy" (case-sensitive: "99213 seen by Dr Smith" is not one)
const STREET_AFTER = /^(?:\s+[A-Z][a-z]+){1,3}\s+(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Dr|Drive|Hwy|Highway|Ln|Lane|Way|Ct|Pl|Pkwy)\b/;
const HCPCS_BEFORE = /(?:#|\bmodel|\bpart|\bserial|\blot|\bcatalog|\bref\.?|\bitem|\bsku|\bversion|\bv\.?|\broom|\bbed|\bsuite)\s*[:#]?\s*$/i;
// "Table S12.1", "Figure E10.3", "Section D50.1", "Version R01.2": numbered things, not codes
const DOTTED_BEFORE = /(?:\btables?|\bfig(?:ure)?s?\.?|\bsections?|§|\bversions?|\bv\.?|\bappendix|\bchapters?|\bsteps?|\bitems?|\bgrants?|\bsupplementa(?:ry|l)|\beq(?:uation)?\.?|\bexhibit|\bpanel|\bslide|\bpage|\bp\.|\bno\.?|\bref\.?|\bmodel|\brev(?:ision)?\.?|\bbuild|\brelease|\blot|\bpart|#)\s*$/i;
const PLAN_WORDS = /\b(?:patient|pt|per|billed|bill|seen|counsell?ed|discussed|today|yesterday|tomorrow|ordered|scheduled|follow[- ]?up|f\/u|plan|continue|started|stopped|refer(?:red)?|return|dr\.?|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)\b/i;
const UNIT_WORD = /^\s+(?:mg|mcg|g|kg|ml|units?|min(?:utes?)?|hours?|hrs?|days?|weeks?|months?|years?|y\/o|yo|%|times|mm|cm)\b/i;
const STATED_PREFIX =
  /^\s*(?:[-*•]\s*|\d+[.)]\s+)?(?:(?:CPT®?|HCPCS|ICD-?10(?:-CM)?|Taxonomy)(?:\s+[Cc]odes?)?\s*[:#]?\s*)?$/;
const STATED_SEPARATOR = /^(?:\s*(?:[-–—:|=]|\*\*)+\s*)([A-Za-z(][^\n]{5,})$/;

export interface ScanOptions {
  /** document kind: 'note' (prose, markdown tables) or 'csv' (first row is a header) */
  format?: 'note' | 'csv';
}

type Ctx = PositionContext;

export function scan(text: string, data: CodeData, opts: ScanOptions = {}): { tokens: CodeToken[]; layout: Layout } {
  const layout = new Layout(text, opts.format);
  const tokens: CodeToken[] = [];
  const icd = data.icd10;
  const procs = data.procedures;
  let line = 0;
  const lineOf = (offset: number) => {
    while (line + 1 < layout.lineStarts.length && layout.lineStarts[line + 1] <= offset) line++;
    return line;
  };

  const ctxAt = (ln: number, offset: number): Ctx => contextAt(layout, ln, offset);

  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const ln = lineOf(start);
    const raw = m[0];
    let tok: CodeToken | undefined;
    if (m[1] !== undefined) tok = letterInitial(raw, start, end, ln);
    else if (m[2] !== undefined) tok = numeric(raw, start, end, ln);
    else tok = taxonomy(raw, start, end, ln);
    if (!tok) continue;
    tokens.push(tok);
    if (tok.system === 'cpt' || tok.system === 'hcpcs') suffixModifiers(tok);
  }

  function evidenceOf(ctx: Ctx, kind: LabelKind, known: boolean): Evidence | undefined {
    if (ctx.column === kind) return 'column';
    if (!ctx.column && ctx.label === kind) return 'label';
    return known ? 'data' : undefined;
  }

  function letterInitial(raw: string, start: number, end: number, ln: number): CodeToken | undefined {
    const ctx = ctxAt(ln, start);
    const dxContext = ctx.column === 'icd10cm' || (!ctx.column && ctx.label === 'icd10cm');
    const hasDot = raw.includes('.');
    const code = undotIcd(raw);
    if (ctx.column === 'code') return mixedColumn(raw, code, start, end, ln, ctx);
    if (hasDot || dxContext || !/^[A-Z]\d{4}$/.test(raw)) {
      // (ICD-10-CM categories are letter + digit + alphanumeric, or letter + letter + digit since FY2026: QA0)
      // ICD-10-CM
      if (code.length > 7) return undefined;
      const known = icd.known(code);
      if (!hasDot && !dxContext && code.length > 3) return undefined; // dotless only in a diagnosis field
      if (!hasDot && code.length === 3 && !dxContext) {
        // a bare category (I10, E11) counts when the line also has dotted ICD-10-CM codes
        if (!known || !/[A-Z][0-9A-Z][0-9A-Z]\.[0-9A-Z]/.test(layout.lineText(ln))) return undefined;
      }
      if (ctx.column && ctx.column !== 'icd10cm' && ctx.column !== 'description' && ctx.column !== 'other') return undefined;
      let evidence = evidenceOf(ctx, 'icd10cm', known);
      if (!evidence && hasDot && icd.known(code.slice(0, 3)) && !layout.isCitation(ln)) evidence = 'shape';
      if (!evidence) return undefined;
      if ((evidence === 'data' || evidence === 'shape') && DOTTED_BEFORE.test(text.slice(Math.max(layout.lineStarts[ln], start - 16), start))) return undefined;
      return make('icd10cm', raw, code, start, end, ln, evidence, known, ctx);
    }
    // HCPCS Level II shape (letter + 4 digits)
    if (ctx.column && ctx.column !== 'procedure' && ctx.column !== 'description' && ctx.column !== 'other') return undefined;
    const known = procs.known(raw);
    const evidence = evidenceOf(ctx, 'procedure', known);
    if (!evidence) return undefined;
    if (evidence === 'data' && HCPCS_BEFORE.test(text.slice(Math.max(layout.lineStarts[ln], start - 12), start))) return undefined;
    return make('hcpcs', raw, raw, start, end, ln, evidence, known, ctx);
  }

  /** A column headed just "Code": any system, but only codes the data knows (or dotted ICD-10-CM forms). */
  function mixedColumn(raw: string, code: string, start: number, end: number, ln: number, ctx: Ctx): CodeToken | undefined {
    if (/^[A-Z]\d{4}$/.test(raw) && procs.known(raw)) return make('hcpcs', raw, raw, start, end, ln, 'column', true, ctx);
    if (icd.known(code)) return make('icd10cm', raw, code, start, end, ln, 'column', true, ctx);
    if (raw.includes('.') && icd.known(code.slice(0, 3))) return make('icd10cm', raw, code, start, end, ln, 'shape', false, ctx);
    return undefined;
  }

  function numeric(raw: string, start: number, end: number, ln: number): CodeToken | undefined {
    const ctx = ctxAt(ln, start);
    if (ctx.column && ctx.column !== 'procedure' && ctx.column !== 'code' && ctx.column !== 'description' && ctx.column !== 'other') return undefined;
    const known = procs.known(raw);
    const explicit = ctx.column === 'procedure' || ctx.column === 'code' || (!ctx.column && ctx.label === 'procedure');
    if (!explicit) {
      if (!known || layout.isCitation(ln)) return undefined;
      const lineStart = layout.lineStarts[ln];
      const before = text.slice(Math.max(lineStart, start - 16), start);
      const after = text.slice(end, end + 40);
      if (/^\d{5}$/.test(raw)) {
        if (NUMBER_BEFORE.test(before) || NUMBER_AFTER.test(after) || STREET_AFTER.test(after)) return undefined;
        const state = /\b([A-Z]{2}),?\s+$/.exec(before);
        if (state && STATES.has(state[1])) return undefined; // "RI 02903": a ZIP code
        if (/\d\s*[-–]\s*$/.test(before) && !/[A-Z]\d{4}\s*[-–]\s*$|\d{4}[0-9A-Z]\s*[-–]\s*$/.test(before)) return undefined; // end of a number range
      }
    }
    const shape = classifyProcedure(raw);
    if (!shape) return undefined;
    return make(shape.system, raw, raw, start, end, ln, explicit ? (ctx.column ? 'column' : 'label') : 'data', known, ctx);
  }

  function taxonomy(raw: string, start: number, end: number, ln: number): CodeToken | undefined {
    const ctx = ctxAt(ln, start);
    const known = !!data.taxonomy.get(raw);
    const evidence = evidenceOf(ctx, 'taxonomy', known);
    if (!evidence) return undefined;
    return make('taxonomy', raw, raw, start, end, ln, evidence, known, ctx);
  }

  function make(
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
    const tok: CodeToken = { start, end, text: raw, system, code, evidence, known, line: ln };
    tok.stated = statedDescription(ln, start, end, ctx);
    return tok;
  }

  function statedDescription(ln: number, start: number, end: number, ctx: Ctx): StatedDescription | undefined {
    if (ctx.cell) {
      if (ctx.cell.kind === 'description' || ctx.cell.kind === 'other') return undefined;
      const col = ctx.cell.col;
      const d = (layout.tableRows.get(ln) ?? []).find((c) => c.kind === 'description' && c.text && c.describes === col);
      return d ? { text: d.text, start: d.start, end: d.end, kind: 'cell' } : undefined;
    }
    const lineStart = layout.lineStarts[ln];
    if (!STATED_PREFIX.test(text.slice(lineStart, start))) return undefined;
    const lineEnd = layout.lineEnd(ln);
    // skip modifiers written after the code (0264T-22) and markdown emphasis
    let restStart = end;
    const chain = /^(?:-[0-9A-Z]{2}(?![A-Za-z0-9]))*(?:®|\*+)?/.exec(text.slice(end, lineEnd));
    if (chain) restStart += chain[0].length;
    const rest = text.slice(restStart, lineEnd);
    const m = STATED_SEPARATOR.exec(rest);
    if (!m) return undefined;
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

  function suffixModifiers(code: CodeToken): void {
    let p = code.end;
    const mods: CodeToken[] = [];
    // 0264T-22, 27447-RT-59
    while (text[p] === '-' && /^[0-9A-Z]{2}(?![A-Za-z0-9])/.test(text.slice(p + 1, p + 4))) {
      const mt = text.slice(p + 1, p + 3);
      mods.push(modToken(mt, p + 1, code, 'suffix', 'suffix'));
      p += 3;
    }
    // 99213 25 (space-separated: only known modifiers, and not a quantity such as "99213 25 minutes")
    if (!mods.length && text[p] === ' ') {
      const mm = /^ ([0-9A-Z]{2})(?![A-Za-z0-9])/.exec(text.slice(p, p + 4));
      if (mm && data.modifiers.get(mm[1]) && !UNIT_WORD.test(text.slice(p + 3, p + 20)) && !/^ [0-9A-Z]{2}[.,]\d/.test(text.slice(p, p + 6))) {
        mods.push(modToken(mm[1], p + 1, code, 'suffix', 'suffix'));
      }
    }
    if (mods.length) {
      code.modifiers = mods;
      tokens.push(...mods);
    }
  }

  function modToken(mt: string, start: number, parent: CodeToken | undefined, evidence: Evidence, via?: CodeToken['parentVia']): CodeToken {
    const ln = layout.lineAt(start);
    const t: CodeToken = {
      start,
      end: start + mt.length,
      text: mt,
      system: 'modifier',
      code: mt.toUpperCase(),
      evidence,
      known: !!data.modifiers.get(mt),
      line: ln,
    };
    if (parent) {
      t.parent = parent;
      t.parentVia = via;
    }
    return t;
  }

  // Modifiers by label ("modifier 59", "mod 25", "a 25 modifier") and in modifier columns; POS codes.
  const extra: CodeToken[] = [];
  const taken = new Set(tokens.filter((t) => t.system === 'modifier').map((t) => t.start));
  const labelled: { index: number; group: string }[] = [];
  MODIFIER_LABEL.lastIndex = 0;
  for (let m = MODIFIER_LABEL.exec(text); m; m = MODIFIER_LABEL.exec(text)) labelled.push({ index: m.index + m[0].indexOf(m[1]), group: m[1] });
  MODIFIER_WORD.lastIndex = 0;
  for (let m = MODIFIER_WORD.exec(text); m; m = MODIFIER_WORD.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 8), m.index);
    const b = CODE_BEFORE_WORD.exec(before);
    if (b) labelled.push({ index: m.index - before.length + b.index + b[0].indexOf(b[1]), group: b[1] });
  }
  for (const { index: groupStart, group } of labelled) {
    const ln = layout.lineAt(groupStart);
    if (layout.cellAt(ln, groupStart)?.kind === 'modifier') continue; // handled as a column below
    const inner = /[0-9A-Z]{2}/g;
    for (let mm = inner.exec(group); mm; mm = inner.exec(group)) {
      const s = groupStart + mm.index;
      if (taken.has(s)) continue;
      taken.add(s);
      extra.push(modToken(mm[0], s, undefined, 'label'));
    }
  }
  for (const [ln, cells] of layout.tableRows) {
    for (const cell of cells) {
      if (cell.kind !== 'modifier' || !cell.text) continue;
      const re = /(?<![A-Za-z0-9])[0-9A-Za-z]{2}(?![A-Za-z0-9])/g;
      // only cells that are lists of modifiers ("22", "RT, LT", "59/XS"), not prose
      if (!/^[0-9A-Za-z]{2}(?:\s*[,;/ ]\s*[0-9A-Za-z]{2})*$/.test(cell.text)) continue;
      for (let m = re.exec(cell.text); m; m = re.exec(cell.text)) {
        const s = cell.start + m.index;
        if (taken.has(s)) continue;
        taken.add(s);
        const t = modToken(m[0], s, undefined, 'column');
        const row = layout.tableRows.get(ln) ?? [];
        const d = row.find((c) => c.kind === 'description' && c.text && c.describes === cell.col);
        if (d) t.stated = { text: d.text, start: d.start, end: d.end, kind: 'cell' };
        extra.push(t);
      }
    }
  }
  POS_LABEL.lastIndex = 0;
  for (let m = POS_LABEL.exec(text); m; m = POS_LABEL.exec(text)) {
    const s = m.index + m[0].length - m[1].length;
    extra.push({ start: s, end: s + 2, text: m[1], system: 'pos', code: m[1], evidence: 'label', known: !!data.pos.get(m[1]), line: layout.lineAt(s) });
  }
  for (const [ln, cells] of layout.tableRows) {
    for (const cell of cells) {
      // a taxonomy column value of the wrong length is not matched by the candidate regex but is still a bad code
      if (cell.kind === 'taxonomy' && /^[0-9A-Z]{8,12}$/.test(cell.text) && cell.text.length !== 10 && /\d{3}/.test(cell.text)) {
        extra.push({ start: cell.start, end: cell.end, text: cell.text, system: 'taxonomy', code: cell.text, evidence: 'column', known: false, line: ln });
      }
      if (cell.kind === 'pos' && /^\d{2}$/.test(cell.text)) {
        extra.push({ start: cell.start, end: cell.end, text: cell.text, system: 'pos', code: cell.text, evidence: 'column', known: !!data.pos.get(cell.text), line: ln });
      }
    }
  }
  if (extra.length) {
    tokens.push(...extra);
    tokens.sort((a, b) => a.start - b.start);
  }
  attachModifiers(tokens, layout);
  return { tokens, layout };
}

/** Links modifiers found by label or column to the procedure code of the same row/line, else the document's subject code. */
function attachModifiers(tokens: CodeToken[], layout: Layout): void {
  const subject = subjectCode(tokens);
  const procsByLine = new Map<number, CodeToken[]>();
  for (const t of tokens) {
    if (t.system !== 'cpt' && t.system !== 'hcpcs') continue;
    const list = procsByLine.get(t.line);
    if (list) list.push(t);
    else procsByLine.set(t.line, [t]);
  }
  for (const t of tokens) {
    if (t.system !== 'modifier' || t.parent) continue;
    const sameLine = procsByLine.get(t.line);
    if (sameLine?.length) {
      const inTable = layout.tableRows.has(t.line);
      const before = sameLine.filter((p) => p.end <= t.start);
      const parent = before.length ? before[before.length - 1] : sameLine[0];
      t.parent = parent;
      t.parentVia = inTable ? 'row' : 'line';
      (parent.modifiers ??= []).push(t);
    } else if (subject && t.evidence === 'column') {
      t.parent = subject;
      t.parentVia = 'subject';
    }
  }
}
