/**
 * X12 syntax: the delimiters an interchange declares in its ISA segment, its segments, elements and components
 * with exact offsets, and what is wrong with its envelope (ISA/IEA, GS/GE, ST/SE). Knows nothing of claims or codes.
 *
 * The ISA segment is fixed-length (106 characters with its terminator): the character after "ISA" is the element
 * separator, ISA11 the repetition separator (5010; a letter such as "U" in older versions means none), ISA16 the
 * component separator, and the character after ISA16 the segment terminator. Segments may be followed by CR, LF or
 * CRLF (or nothing: a whole interchange on one line). Nothing is assumed about `*`, `:` or `~`; a file without a
 * usable ISA is read with delimiters guessed from its content, and says so.
 */

import { runToEnd, shouldYield, type Steps } from '../steps';
import { keepShape } from '../shapes';

/** A value as written: its text and offsets (components and elements are never trimmed in X12, offsets are exact). */
export interface X12Value {
  text: string;
  start: number;
  end: number;
}

export interface X12Element extends X12Value {
  /** the element's components (one, the whole element, when it holds no component separator) */
  readonly components: X12Value[];
  /** whether the element holds a component separator (a composite such as HI01 or SV101) */
  readonly composite: boolean;
}

export interface X12Segment {
  /** segment id as written (ISA, GS, ST, NM1 …) */
  id: string;
  /** 0-based index in the interchange */
  index: number;
  /** the segment's text, without its terminator */
  start: number;
  end: number;
  /** elements[0] is the segment id; elements[n] is the nth element (NM109 = elements[9]) */
  elements: X12Element[];
}

export interface X12Delimiters {
  element: string;
  component: string;
  /** ISA11 in version 5010; undefined when ISA11 is a letter (older versions) or unknown */
  repetition?: string;
  /** the segment terminator; '\n' stands for any line break when segments end at line breaks */
  segment: string;
}

export interface X12Problem {
  start: number;
  end: number;
  message: string;
}

export interface X12Interchange {
  delimiters: X12Delimiters;
  /** whether the delimiters came from a complete ISA segment (false: guessed from the content) */
  declared: boolean;
  segments: X12Segment[];
  /** envelope problems: missing, truncated or inconsistent ISA/IEA, GS/GE, ST/SE */
  problems: X12Problem[];
}

/** Length of the ISA segment including its terminator. */
export const ISA_LENGTH = 106;

const isBreak = (c: string | undefined) => c === '\n' || c === '\r';

/** Where the interchange starts: after a BOM and white space. */
function firstNonBlank(text: string): number {
  let p = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (p < text.length && /\s/.test(text[p])) p++;
  return p;
}

/**
 * Whether a text is an X12 interchange: it starts (after a BOM and white space) with "ISA" and a separator that
 * recurs as the ISA's 16 element separators ("ISA: John" in a note is not one).
 */
export function looksX12(text: string): boolean {
  const p = firstNonBlank(text);
  if (!text.startsWith('ISA', p)) return false;
  const sep = text[p + 3];
  if (sep === undefined || /[A-Za-z0-9\s]/.test(sep)) return false;
  return text.slice(p + 3, p + 3 + 160).split(sep).length - 1 >= 16;
}

/**
 * Delimiters from the ISA at `p`: the element separator after "ISA", ISA16 after the 16th separator, the terminator
 * after ISA16. Undefined when the ISA is too short to hold them.
 */
function isaDelimiters(text: string, p: number): { delimiters: X12Delimiters; end: number; length: number } | undefined {
  const element = text[p + 3];
  if (element === undefined || /[A-Za-z0-9\s]/.test(element)) return undefined;
  let q = p + 3;
  const starts: number[] = [];
  for (let n = 0; n < 16; n++) {
    q = text.indexOf(element, q);
    if (q < 0) return undefined;
    starts.push(++q);
  }
  const component = text[q];
  const terminator = text[q + 1];
  if (component === undefined || terminator === undefined) return undefined;
  // ISA11: the 11th element, one character
  const isa11 = text.slice(starts[10], starts[11] - 1);
  const repetition = isa11.length === 1 && !/[A-Za-z0-9\s]/.test(isa11) ? isa11 : undefined;
  const segment = isBreak(terminator) ? '\n' : terminator;
  return { delimiters: { element, component, repetition, segment }, end: q + 1, length: q + 2 - p };
}

/** Delimiters guessed from a text without a usable ISA: the character after the first segment id, the character that ends segments. */
function guessDelimiters(text: string, p: number): X12Delimiters {
  const id = /^[A-Z][A-Z0-9]{1,2}/.exec(text.slice(p, p + 3));
  const element = id && text[p + id[0].length] && !/[A-Za-z0-9\s]/.test(text[p + id[0].length]) ? text[p + id[0].length] : '*';
  const esc = element.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // the terminator: the character most often right before a segment id (line breaks aside)
  const counts = new Map<string, number>();
  const re = new RegExp(`([^A-Za-z0-9\\s${esc}])[\\r\\n]*[A-Z][A-Z0-9]{1,2}${esc}`, 'g');
  for (const m of text.slice(p, p + 64 * 1024).matchAll(re)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  let segment = '\n';
  let best = 1;
  for (const [c, n] of counts) if (n > best) [segment, best] = [c, n];
  // the component separator: the character after a composite's qualifier (SV1*HC?, HI*ABK?)
  const comp = new RegExp(`(?:SV[12]|SVD${esc}[^${esc}]*|HI)${esc}(?:HC|AB[KFJN]|APR|B[KFJ])([^A-Za-z0-9\\s${esc}])`).exec(text);
  const component = comp && comp[1] !== segment ? comp[1] : ':';
  return { element, component, segment };
}

const isBlank = (c: number) => c === 32 || (c >= 9 && c <= 13);

/** Splits the interchange into segments, elements and components with exact offsets. */
function* split(text: string, from: number, d: X12Delimiters): Steps<X12Segment[]> {
  const segments: X12Segment[] = [];
  for (const s of segmentsOf(text, from, d)) {
    if (shouldYield(segments.length)) yield;
    segments.push(s);
  }
  return segments;
}

/** The interchange's segments in order, one at a time (their elements are split when asked for). */
function* segmentsOf(text: string, from: number, d: X12Delimiters): Generator<X12Segment, void, undefined> {
  const held = new HeldElements(text, d);
  const n = text.length;
  const term = d.segment === '\n' ? -1 : d.segment.charCodeAt(0);
  let p = from;
  let index = 0;
  while (p < n) {
    // between segments: line breaks (and blanks) are not part of any segment
    while (p < n && isBlank(text.charCodeAt(p)) && text.charCodeAt(p) !== term) p++;
    if (p >= n) break;
    let e: number;
    if (term < 0) {
      e = p;
      while (e < n && !isBreak(text[e])) e++;
    } else {
      e = text.indexOf(d.segment, p);
      if (e < 0) e = n;
    }
    let end = e;
    while (end > p && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
    if (end > p) yield segment(text, p, end, d, index++, held);
    p = e + 1;
  }
}

function segment(text: string, start: number, end: number, d: X12Delimiters, index: number, held: HeldElements): X12Segment {
  let i = text.indexOf(d.element, start);
  if (i < 0 || i > end) i = end;
  return new Segment(held, held.id(text.slice(start, i).trim()), index, start, end);
}

/** The elements of a segment's text, with exact offsets. */
function splitElements(text: string, start: number, end: number, d: X12Delimiters): X12Element[] {
  const elements: X12Element[] = [];
  // the next component separator at or after s (found once, reused while it lies ahead)
  let comp = text.indexOf(d.component, start);
  let s = start;
  for (;;) {
    let i = text.indexOf(d.element, s);
    if (i < 0 || i > end) i = end;
    while (comp >= 0 && comp < s) comp = text.indexOf(d.component, s);
    elements.push(new Element(text, s, i, comp >= 0 && comp < i ? d.component : undefined));
    if (i >= end) break;
    s = i + 1;
  }
  return elements;
}

/**
 * The segments of one interchange whose elements are held: the last few asked for. Readers walk an interchange in
 * order and ask a segment for its elements a few times in a row; holding every segment's elements made a 10 MB
 * 837P ~1 GB (an object, a string and array slots per element, for ~500,000 elements). It also keeps the
 * interchange's segment ids, one string each.
 */
class HeldElements {
  static readonly SIZE = 64;
  constructor(
    /** the text and delimiters every segment of the interchange splits by (here, not in each segment: 16 B each) */
    readonly text: string,
    readonly d: X12Delimiters,
  ) {}

  private readonly ring: (Segment | undefined)[] = new Array(HeldElements.SIZE);
  private at = 0;

  private readonly ids = new Map<string, string>();

  /** One string per segment id (an 837 has a few dozen ids and ~21 segments a claim); a damaged file's many are not kept. */
  id(text: string): string {
    const known = this.ids.get(text);
    if (known !== undefined) return known;
    if (this.ids.size < 256) this.ids.set(text, text);
    return text;
  }

  /** Holds `s`'s elements, letting go of the segment asked for longest ago. */
  hold(s: Segment): void {
    this.ring[this.at]?.release();
    this.ring[this.at] = s;
    this.at = (this.at + 1) % HeldElements.SIZE;
  }
}

/** A segment; its elements are split when asked for and kept while it is among the last few asked for. */
class Segment implements X12Segment {
  private split: X12Element[] | undefined;
  constructor(
    private readonly held: HeldElements,
    readonly id: string,
    readonly index: number,
    readonly start: number,
    readonly end: number,
  ) {}

  get elements(): X12Element[] {
    if (this.split) return this.split;
    const out = splitElements(this.held.text, this.start, this.end, this.held.d);
    this.held.hold(this);
    return (this.split = out);
  }

  release(): void {
    this.split = undefined;
  }

  toJSON(): { id: string; index: number; start: number; end: number; elements: X12Element[] } {
    return { id: this.id, index: this.index, start: this.start, end: this.end, elements: this.elements };
  }
}

/**
 * An element; its components are split when first asked for (most elements are not composites, and an
 * interchange of 10,000 claims holds over a million elements: no array and component object for each).
 */
class Element implements X12Element {
  readonly text: string;
  private parts?: X12Value[];
  constructor(
    private readonly source: string,
    readonly start: number,
    readonly end: number,
    private readonly separator: string | undefined,
  ) {
    this.text = source.slice(start, end);
  }

  get composite(): boolean {
    return this.separator !== undefined;
  }

  get components(): X12Value[] {
    if (this.parts) return this.parts;
    const { source: text, start, end } = this;
    const components: X12Value[] = [];
    if (this.separator === undefined) components.push({ text: this.text, start, end });
    else {
      let s = start;
      for (let i = start; i <= end; i++) {
        if (i === end || text[i] === this.separator) {
          components.push({ text: text.slice(s, i), start: s, end: i });
          s = i + 1;
        }
      }
    }
    return (this.parts = components);
  }

  toJSON(): { text: string; start: number; end: number; components: X12Value[] } {
    return { text: this.text, start: this.start, end: this.end, components: this.components };
  }
}

/** Reads an interchange: delimiters from its ISA (else guessed), segments, and what is wrong with its envelope. */
export function readX12(text: string): X12Interchange {
  return runToEnd(readX12Steps(text));
}

/** `readX12` in steps (engine/steps.ts): a 25 MB interchange has a million segments. */
export function* readX12Steps(text: string): Steps<X12Interchange> {
  const { from, delimiters, declared, problems } = opening(text);
  const segments = yield* split(text, from, delimiters);
  for (const problem of yield* envelopeProblems(segments)) problems.push(problem);
  return { delimiters, declared, segments, problems };
}

/**
 * The envelope problems of an interchange (those `readX12` finds) without keeping its segments: a segment at a time.
 * For a large interchange analysed in parts (engine/parts), whose parts have no envelope of their own.
 */
export function x12EnvelopeProblems(text: string): X12Problem[] {
  const { from, delimiters, problems } = opening(text);
  let anyIsa = false;
  let anyGs = false;
  for (const s of segmentsOf(text, from, delimiters)) {
    anyIsa ||= s.id === 'ISA';
    anyGs ||= s.id === 'GS';
    if (anyIsa && anyGs) break;
  }
  const check = new EnvelopeCheck(anyIsa, anyGs);
  for (const s of segmentsOf(text, from, delimiters)) check.add(s);
  for (const problem of check.finish()) problems.push(problem);
  return problems;
}

/** The interchange's segments in order, one at a time, none kept (their elements are split when asked for). */
export function eachX12Segment(text: string): Iterable<X12Segment> {
  const { from, delimiters } = opening(text);
  return segmentsOf(text, from, delimiters);
}

/** Where the interchange starts, its delimiters (declared by its ISA, else guessed) and what is wrong with its ISA. */
function opening(text: string): { from: number; delimiters: X12Delimiters; declared: boolean; problems: X12Problem[] } {
  const p = firstNonBlank(text);
  const problems: X12Problem[] = [];
  let delimiters: X12Delimiters;
  let declared = false;
  if (text.startsWith('ISA', p)) {
    const isa = isaDelimiters(text, p);
    if (isa) {
      delimiters = isa.delimiters;
      declared = true;
      if (isa.length !== ISA_LENGTH)
        problems.push({
          start: p,
          end: p + 3,
          message: `The ISA segment is ${isa.length} characters long, not ${ISA_LENGTH}: its elements are fixed-width (ISA06/ISA08 15 characters, ISA13 9 digits …). Receivers that read the delimiters by position reject the interchange; pad the elements to their fixed widths.`,
        });
    } else {
      delimiters = guessDelimiters(text, p);
      problems.push({ start: p, end: Math.min(text.length, p + 3), message: 'The ISA segment is truncated: it does not hold its 16 elements, so the delimiters were guessed from the content. Complete the ISA segment.' });
    }
  } else {
    delimiters = guessDelimiters(text, p);
    const first = /^[A-Za-z0-9]{1,3}/.exec(text.slice(p));
    problems.push({
      start: p,
      end: p + (first ? first[0].length : 0),
      message: 'No ISA segment: an X12 interchange starts with an ISA segment, which declares its delimiters. They were guessed from the content; add the ISA/IEA envelope.',
    });
  }
  return { from: p, delimiters, declared, problems };
}

const el = (s: X12Segment, i: number) => s.elements[i]?.text.trim() ?? '';
/** The element to point at (else the segment id). */
const at = (s: X12Segment, i: number): X12Problem => {
  const e = s.elements[i] && s.elements[i].end > s.elements[i].start ? s.elements[i] : s.elements[0];
  return { start: e.start, end: e.end, message: '' };
};
const idOf = (s: X12Segment) => ({ start: s.elements[0].start, end: s.elements[0].end });

function* envelopeProblems(segments: X12Segment[]): Steps<X12Problem[]> {
  // without any ISA the reader has said so once: GS and ST are not reported as outside it again
  const check = new EnvelopeCheck(
    segments.some((s) => s.id === 'ISA'),
    segments.some((s) => s.id === 'GS'),
  );
  yield;
  for (let k = 0; k < segments.length; k++) {
    if (shouldYield(k)) yield;
    check.add(segments[k]);
  }
  return check.finish();
}

/**
 * ISA/IEA, GS/GE and ST/SE: each opening segment closed by its own trailer, with the same control number and the
 * count the trailer states (groups in IEA01, transaction sets in GE01, segments from ST to SE in SE01). Fed the
 * segments in order; keeps only the open envelopes.
 */
class EnvelopeCheck {
  private readonly out: X12Problem[] = [];
  private isa: { seg: X12Segment; groups: number } | undefined;
  private gs: { seg: X12Segment; sets: number } | undefined;
  private st: X12Segment | undefined;

  /** whether the interchange has any ISA and any GS (without them, what is outside one is said once, not per segment) */
  constructor(
    private readonly anyIsa: boolean,
    private readonly anyGs: boolean,
  ) {
    keepShape(EnvelopeCheck, () => new EnvelopeCheck(false, false));
  }

  add(s: X12Segment): void {
    const out = this.out;
    switch (s.id) {
      case 'ISA':
        if (this.isa) this.unclosed(this.isa.seg, 'IEA', 'interchange');
        this.isa = { seg: s, groups: 0 };
        break;
      case 'GS':
        if (this.gs) this.unclosed(this.gs.seg, 'GE', 'functional group');
        if (!this.isa) {
          if (this.anyIsa) out.push({ ...idOf(s), message: 'GS outside an interchange: no ISA segment before it.' });
        } else this.isa.groups++;
        this.gs = { seg: s, sets: 0 };
        break;
      case 'ST':
        if (this.st) this.unclosed(this.st, 'SE', 'transaction set');
        if (!this.gs) {
          if (this.anyGs || this.isa) out.push({ ...idOf(s), message: 'ST outside a functional group: no GS segment before it.' });
        } else this.gs.sets++;
        this.st = s;
        break;
      case 'SE':
        if (!this.st) {
          out.push({ ...idOf(s), message: 'SE without an ST: no transaction set is open here.' });
          break;
        }
        this.count(s, 1, s.index - this.st.index + 1, `transaction set (ST to SE, both included)`);
        this.control(this.st, 2, s, 2);
        this.st = undefined;
        break;
      case 'GE':
        if (this.st) this.unclosed(this.st, 'SE', 'transaction set');
        this.st = undefined;
        if (!this.gs) {
          out.push({ ...idOf(s), message: 'GE without a GS: no functional group is open here.' });
          break;
        }
        this.count(s, 1, this.gs.sets, 'functional group (transaction sets)');
        this.control(this.gs.seg, 6, s, 2);
        this.gs = undefined;
        break;
      case 'IEA':
        if (this.st) this.unclosed(this.st, 'SE', 'transaction set');
        if (this.gs) this.unclosed(this.gs.seg, 'GE', 'functional group');
        this.st = this.gs = undefined;
        if (!this.isa) {
          out.push({ ...idOf(s), message: 'IEA without an ISA: no interchange is open here.' });
          break;
        }
        this.count(s, 1, this.isa.groups, 'interchange (functional groups)');
        this.control(this.isa.seg, 13, s, 2);
        this.isa = undefined;
        break;
    }
  }

  /** The problems, in document order, once every segment was added. */
  finish(): X12Problem[] {
    if (this.st) this.unclosed(this.st, 'SE', 'transaction set');
    if (this.gs) this.unclosed(this.gs.seg, 'GE', 'functional group');
    if (this.isa) this.unclosed(this.isa.seg, 'IEA', 'interchange');
    return this.out.sort((a, b) => a.start - b.start);
  }

  private unclosed(open: X12Segment, trailer: string, what: string): void {
    this.out.push({ ...idOf(open), message: `${[open.id, el(open, open.id === 'ISA' ? 13 : open.id === 'GS' ? 6 : 2)].filter(Boolean).join(' ')} has no ${trailer}: the ${what} is truncated or its trailer is missing. Add the ${trailer} segment.` });
  }

  private count(trailer: X12Segment, i: number, actual: number, what: string): void {
    const said = el(trailer, i);
    if (said !== String(actual) && Number(said) !== actual)
      this.out.push({ ...at(trailer, i), message: `${trailer.id}${String(i).padStart(2, '0')} says ${said || 'nothing'}, but the ${what} holds ${actual}. Correct the count.` });
  }

  private control(open: X12Segment, oi: number, trailer: X12Segment, ti: number): void {
    const a = el(open, oi);
    const b = el(trailer, ti);
    if (a !== b && !(/^\d+$/.test(a) && /^\d+$/.test(b) && Number(a) === Number(b)))
      this.out.push({
        ...at(trailer, ti),
        message: `${trailer.id}${String(ti).padStart(2, '0')} control number "${b}" does not match ${open.id}${String(oi).padStart(2, '0')} "${a}": a trailer repeats its header's control number. Make them equal.`,
      });
  }
}
