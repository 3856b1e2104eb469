/**
 * A word index over official code titles, designed for this data: a sorted term dictionary (prefix search by
 * binary search, suffix search through a second order of the same terms), postings as typed arrays, and per-code
 * flags for ranking. It is built at data-build time into the bundle (`word-index.bin`) and read back as bytes; CPT
 * descriptors (AMA content, never bundled) get a second index of the same structure built at load time.
 *
 * Layout (little-endian, every section 4-byte aligned):
 *   "CCWI" · u32 0x01020304 (byte order check) · u32 header length · header JSON (padded) · sections in
 *   `header.sections` order: codes (ASCII bytes), codeStart u32[docs+1], flags u8[docs], termBytes (ASCII),
 *   termStart u32[terms+1], postStart u32[terms+1] (cumulative posting counts), postByte u32[terms+1] (where each
 *   term's postings start in postDocs), postDocs (each term's ascending doc ids as LEB128 gaps: 1.3 MB instead of
 *   4.2 MB), suffixOrder u32[terms], fwdByte u32[docs+1] and fwdTerms (each doc's ascending term ids as LEB128
 *   gaps: the forward index the ranking reads).
 * Every section is used in place (typed-array views of the file's bytes; varints are read as a query walks them):
 * opening decodes nothing, and the index costs its file size in memory. Docs are grouped by system and sorted by
 * code inside a system; postStart makes the cost of a prefix range one subtraction.
 */
import type { CodeSystemId } from '../scanner/tokens';

export const WORD_INDEX_VERSION = 2;
const MAGIC = 0x49574343; // "CCWI" read as a little-endian u32
const BYTE_ORDER = 0x01020304;

/** One searchable code. `billable` only for ICD-10-CM (headers rank after billable codes). */
export interface WordDoc {
  system: CodeSystemId;
  code: string;
  text: string;
  billable?: boolean;
}

/** Abbreviation → expansions (each a phrase of title words), e.g. chf → ["heart failure"]. */
export type Synonyms = Record<string, string[]>;

interface Header {
  version: number;
  docs: number;
  terms: number;
  postings: number;
  systems: { id: CodeSystemId; first: number; count: number }[];
  synonyms: Synonyms;
  /** byte offset and length of each section */
  sections: Record<SectionName, [number, number]>;
}

type SectionName = 'codes' | 'codeStart' | 'flags' | 'termBytes' | 'termStart' | 'postStart' | 'postByte' | 'postDocs' | 'suffixOrder' | 'fwdByte' | 'fwdTerms';
const SECTION_ORDER: SectionName[] = ['codes', 'codeStart', 'flags', 'termBytes', 'termStart', 'postStart', 'postByte', 'postDocs', 'suffixOrder', 'fwdByte', 'fwdTerms'];

/** flags: bit 0 billable (always set outside ICD-10-CM), bit 1 ICD-10-CM header, bits 2-3 encounter (0 initial/none, 1 subsequent, 2 sequela) */
const F_BILLABLE = 1;
const F_HEADER = 2;
const encounterOf = (flags: number) => (flags >> 2) & 3;

/** Words that carry no meaning in a title: neither indexed nor required in a query. */
export const STOP_WORDS: ReadonlySet<string> = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'the', 'to', 'with']);

/** Lower-case ASCII words of a text ("Crohn's" → crohn; "Gastro-esophageal" → gastro, esophageal). */
export function splitWords(text: string): string[] {
  return text
    .normalize('NFD')
    .toLowerCase()
    .replace(/['\u2019]s\b|\((?:e?s)\)/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The plural-insensitive form of a word: fingers → finger, diabetes → diabete (the same on both sides). */
export function stem(w: string): string {
  return w.length >= 4 && w.endsWith('s') && !/(ss|us|is|os)$/.test(w) ? w.slice(0, -1) : w;
}

/** The indexed terms of a title: words without stop words, stemmed, each once. */
export function titleTerms(text: string): string[] {
  const out = new Set<string>();
  for (const w of splitWords(text)) if (!STOP_WORDS.has(w)) out.add(stem(w));
  return [...out];
}

function encounterClass(text: string): number {
  if (/\bsequela\b/i.test(text)) return 2;
  if (/\bsubsequent encounter\b/i.test(text)) return 1;
  return 0;
}

const SYSTEM_ORDER: CodeSystemId[] = ['icd10cm', 'hcpcs', 'cpt', 'modifier', 'taxonomy', 'pos'];

/** Builds the index bytes (pure: the data build and the server's CPT index call the same function). */
export function buildWordIndex(input: readonly WordDoc[], synonyms: Synonyms = {}): Uint8Array {
  const order = (s: CodeSystemId) => {
    const i = SYSTEM_ORDER.indexOf(s);
    return i < 0 ? SYSTEM_ORDER.length : i;
  };
  const docs = [...input].sort((a, b) => order(a.system) - order(b.system) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const systems: Header['systems'] = [];
  const postings = new Map<string, number[]>();
  const flags = new Uint8Array(docs.length);
  const codeParts: string[] = [];
  const codeStart = new Uint32Array(docs.length + 1);
  docs.forEach((d, i) => {
    const last = systems[systems.length - 1];
    if (last?.id === d.system) last.count++;
    else systems.push({ id: d.system, first: i, count: 1 });
    if (!/^[\x21-\x7e]+$/.test(d.code)) throw new Error(`word index: code ${JSON.stringify(d.code)} is not printable ASCII`);
    codeParts.push(d.code);
    codeStart[i + 1] = codeStart[i] + d.code.length;
    const icd = d.system === 'icd10cm';
    flags[i] = (icd && d.billable === false ? F_HEADER : F_BILLABLE) | ((icd ? encounterClass(d.text) : 0) << 2);
    for (const t of titleTerms(d.text)) {
      let list = postings.get(t);
      if (!list) postings.set(t, (list = []));
      list.push(i);
    }
  });
  const terms = [...postings.keys()].sort();
  const termStart = new Uint32Array(terms.length + 1);
  const postStart = new Uint32Array(terms.length + 1);
  terms.forEach((t, i) => {
    termStart[i + 1] = termStart[i] + t.length;
    postStart[i + 1] = postStart[i] + postings.get(t)!.length;
  });
  const postDocs = new Uint32Array(postStart[terms.length]);
  terms.forEach((t, i) => postDocs.set(postings.get(t)!, postStart[i]));
  // doc → its terms, ascending (terms are visited in order)
  const fwdLists: number[][] = docs.map(() => []);
  for (let t = 0; t < terms.length; t++) for (let p = postStart[t]; p < postStart[t + 1]; p++) fwdLists[postDocs[p]].push(t);
  const reversed = terms.map((t, i) => [t.split('').reverse().join(''), i] as const);
  reversed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const suffixOrder = Uint32Array.from(reversed, (r) => r[1]);

  const enc = new TextEncoder();
  const bodies: Record<SectionName, Uint8Array> = {
    codes: enc.encode(codeParts.join('')),
    codeStart: new Uint8Array(codeStart.buffer),
    flags,
    termBytes: enc.encode(terms.join('')),
    termStart: new Uint8Array(termStart.buffer),
    postStart: new Uint8Array(postStart.buffer),
    ...encodeLists((t) => postDocs.subarray(postStart[t], postStart[t + 1]), terms.length, 'postByte', 'postDocs'),
    suffixOrder: new Uint8Array(suffixOrder.buffer),
    ...encodeLists((d) => fwdLists[d], docs.length, 'fwdByte', 'fwdTerms'),
  };
  const sections = {} as Header['sections'];
  let at = 0;
  for (const name of SECTION_ORDER) {
    sections[name] = [at, bodies[name].length];
    at = align(at + bodies[name].length);
  }
  const header: Header = { version: WORD_INDEX_VERSION, docs: docs.length, terms: terms.length, postings: postDocs.length, systems, synonyms, sections };
  const headBytes = enc.encode(JSON.stringify(header));
  const base = align(12 + headBytes.length);
  const out = new Uint8Array(base + at);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, BYTE_ORDER, true);
  view.setUint32(8, headBytes.length, true);
  out.set(headBytes, 12);
  for (const name of SECTION_ORDER) out.set(bodies[name], base + sections[name][0]);
  return out;
}

const align = (n: number) => (n + 3) & ~3;

/** Ascending lists as unsigned LEB128 gaps (each list's first from 0), with each list's byte start (u32[n+1]). */
function encodeLists<S extends SectionName>(list: (i: number) => ArrayLike<number>, n: number, startName: S, bytesName: S): Record<S, Uint8Array> {
  const starts = new Uint32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) total += list(i).length;
  const out = new Uint8Array(total * 5);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const xs = list(i);
    let prev = 0;
    for (let k = 0; k < xs.length; k++) {
      let v = xs[k] - prev;
      prev = xs[k];
      while (v >= 0x80) {
        out[at++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      out[at++] = v;
    }
    starts[i + 1] = at;
  }
  return { [startName]: new Uint8Array(starts.buffer), [bytesName]: out.slice(0, at) } as Record<S, Uint8Array>;
}

/** One result of a query: the doc, its system and code, and its score (higher is better). */
export interface WordHit {
  doc: number;
  system: CodeSystemId;
  code: string;
  billable: boolean;
  score: number;
}

/** A parsed query: one slot per word; a slot matches when any of its alternatives does. */
export interface QuerySlot {
  /** the word as typed (stemmed) */
  word: string;
  prefix: boolean;
  suffix: boolean;
  /** synonym expansions, each a list of (stemmed) title words that must all be present */
  phrases: string[][];
}

const MAX_SLOTS = 8;
/** filler of titles: the unspecified code is the plain one (I50.9 Heart failure, unspecified; N39.0 … site not specified; J18.9 Pneumonia, unspecified organism) */
const NEUTRAL_WORDS = ['unspecified', 'specified', 'site', 'not', 'elsewhere', 'classified', 'organism'];
const MAX_BITS = 32;
/** postings visited in the any-word pass of one query, at most */
const PARTIAL_BUDGET = 100_000;

/** The index read from bytes. Scratch arrays are allocated once; a query allocates only its result. */
export class WordIndex {
  readonly docs: number;
  readonly terms: number;
  readonly systems: readonly { id: CodeSystemId; first: number; count: number }[];
  readonly synonyms: Synonyms;
  readonly bytes: number;
  private readonly codes: Uint8Array;
  private readonly codeStart: Uint32Array;
  private readonly flags: Uint8Array;
  private readonly termBytes: Uint8Array;
  private readonly termStart: Uint32Array;
  private readonly postStart: Uint32Array;
  private readonly postByte: Uint32Array;
  private readonly postDocs: Uint8Array;
  private readonly suffixOrder: Uint32Array;
  private readonly fwdByte: Uint32Array;
  private readonly fwdTerms: Uint8Array;
  /** doc → index of its system, made on the first query */
  private docSystem: Uint8Array | undefined;
  // scratch, per query
  private termMark: Uint32Array | undefined;
  private termExact: Uint32Array | undefined;
  private marked: Int32Array = new Int32Array(1024);
  private markedCount = 0;
  private docStamp: Uint32Array | undefined;
  private stamp = 0;
  private readonly bitCost = new Float64Array(MAX_BITS);
  private readonly bitTermsFirst = new Int32Array(MAX_BITS);
  private readonly q = new Uint8Array(256);

  constructor(input: Uint8Array) {
    // typed arrays need aligned offsets: copy when the buffer does not start on a 4-byte boundary
    const bytes = input.byteOffset % 4 === 0 ? input : input.slice();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.byteLength < 12 || view.getUint32(0, true) !== MAGIC) throw new Error('not a word index (bad magic)');
    if (new Uint32Array(bytes.buffer, bytes.byteOffset, 2)[1] !== BYTE_ORDER) throw new Error('word index byte order does not match this machine');
    const headLen = view.getUint32(8, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headLen))) as Header;
    if (header.version !== WORD_INDEX_VERSION) throw new Error(`word index version ${header.version}, expected ${WORD_INDEX_VERSION}`);
    const base = bytes.byteOffset + align(12 + headLen);
    const sec = (name: SectionName) => {
      const [off, len] = header.sections[name];
      if (base + off + len > bytes.byteOffset + bytes.byteLength) throw new Error(`word index truncated (section ${name})`);
      return [base + off, len] as const;
    };
    const u8 = (name: SectionName) => new Uint8Array(bytes.buffer, ...sec(name));
    const u32 = (name: SectionName) => {
      const [off, len] = sec(name);
      return new Uint32Array(bytes.buffer, off, len / 4);
    };
    this.docs = header.docs;
    this.terms = header.terms;
    this.systems = header.systems;
    this.synonyms = header.synonyms ?? {};
    this.bytes = bytes.byteLength;
    this.codes = u8('codes');
    this.codeStart = u32('codeStart');
    this.flags = u8('flags');
    this.termBytes = u8('termBytes');
    this.termStart = u32('termStart');
    this.postStart = u32('postStart');
    if (this.postStart.length !== this.terms + 1 || this.postStart[this.terms] !== header.postings) throw new Error('word index postings do not match its header');
    this.postByte = u32('postByte');
    this.postDocs = u8('postDocs');
    this.suffixOrder = u32('suffixOrder');
    this.fwdByte = u32('fwdByte');
    this.fwdTerms = u8('fwdTerms');
    if (
      this.codeStart.length !== this.docs + 1 ||
      this.termStart.length !== this.terms + 1 ||
      this.postByte.length !== this.terms + 1 ||
      this.postByte[this.terms] !== this.postDocs.length ||
      this.fwdByte.length !== this.docs + 1 ||
      this.fwdByte[this.docs] !== this.fwdTerms.length
    ) {
      throw new Error('word index sections do not match its header');
    }
  }

  code(doc: number): string {
    let s = '';
    for (let i = this.codeStart[doc]; i < this.codeStart[doc + 1]; i++) s += String.fromCharCode(this.codes[i]);
    return s;
  }

  systemOf(doc: number): CodeSystemId {
    for (const s of this.systems) if (doc < s.first + s.count) return s.id;
    return this.systems[this.systems.length - 1].id;
  }

  billable(doc: number): boolean {
    return (this.flags[doc] & F_BILLABLE) !== 0;
  }

  term(t: number): string {
    let s = '';
    for (let i = this.termStart[t]; i < this.termStart[t + 1]; i++) s += String.fromCharCode(this.termBytes[i]);
    return s;
  }

  /** The scratch arrays (~0.7 MB), made on the first query unless prepared before. */
  prepare(): void {
    this.ensureScratch();
  }

  private ensureScratch(): void {
    if (this.docSystem) return;
    const sys = new Uint8Array(this.docs);
    this.systems.forEach((s, i) => sys.fill(i, s.first, s.first + s.count));
    this.docSystem = sys;
    this.termMark = new Uint32Array(this.terms);
    this.termExact = new Uint32Array(this.terms);
    this.docStamp = new Uint32Array(this.docs);
    this.neutral = new Uint8Array(this.terms);
    for (const w of NEUTRAL_WORDS) {
      const [lo, , exact] = this.prefixRange(this.setQuery(w));
      if (exact) this.neutral[lo] = 1;
    }
  }

  private neutral: Uint8Array | undefined;

  // ---------------------------------------------------------------- dictionary

  private setQuery(word: string): number {
    const n = Math.min(word.length, this.q.length);
    for (let i = 0; i < n; i++) this.q[i] = word.charCodeAt(i);
    return n;
  }

  /** compare term t with q[0..n) (-1, 0, 1); `prefixOnly`: 0 when the term starts with q */
  private cmpTerm(t: number, n: number, prefixOnly: boolean): number {
    const s = this.termStart[t];
    const len = this.termStart[t + 1] - s;
    const m = Math.min(len, n);
    for (let i = 0; i < m; i++) {
      const d = this.termBytes[s + i] - this.q[i];
      if (d) return d < 0 ? -1 : 1;
    }
    if (len === n) return 0;
    if (len < n) return -1;
    return prefixOnly ? 0 : 1;
  }

  /** [lo, hi) of the terms starting with q[0..n); exact = lo when terms[lo] equals it */
  private prefixRange(n: number): [number, number, boolean] {
    let lo = 0;
    let hi = this.terms;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cmpTerm(mid, n, false) < 0) lo = mid + 1;
      else hi = mid;
    }
    const first = lo;
    hi = this.terms;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cmpTerm(mid, n, true) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return [first, lo, first < this.terms && this.cmpTerm(first, n, false) === 0];
  }

  /** compare term t read backwards with q[0..n) read backwards; 0 when the term ends with q */
  private cmpSuffix(t: number, n: number): number {
    const s = this.termStart[t];
    const e = this.termStart[t + 1];
    const len = e - s;
    const m = Math.min(len, n);
    for (let i = 1; i <= m; i++) {
      const d = this.termBytes[e - i] - this.q[n - i];
      if (d) return d < 0 ? -1 : 1;
    }
    return len < n ? -1 : 0;
  }

  private suffixRange(n: number): [number, number] {
    let lo = 0;
    let hi = this.terms;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cmpSuffix(this.suffixOrder[mid], n) < 0) lo = mid + 1;
      else hi = mid;
    }
    const first = lo;
    hi = this.terms;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cmpSuffix(this.suffixOrder[mid], n) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return [first, lo];
  }

  private mark(t: number, bit: number, exact: boolean): void {
    const mark = this.termMark!;
    if (!mark[t] && !this.termExact![t]) {
      if (this.markedCount === this.marked.length) {
        const grown = new Int32Array(this.marked.length * 2);
        grown.set(this.marked);
        this.marked = grown;
      }
      this.marked[this.markedCount++] = t;
    }
    if (!(mark[t] & bit)) this.bitCost[31 - Math.clz32(bit)] += this.postStart[t + 1] - this.postStart[t];
    mark[t] |= bit;
    if (exact) this.termExact![t] |= bit;
  }

  private clearMarks(): void {
    for (let i = 0; i < this.markedCount; i++) {
      this.termMark![this.marked[i]] = 0;
      this.termExact![this.marked[i]] = 0;
    }
    this.markedCount = 0;
  }

  // ---------------------------------------------------------------- queries

  /**
   * Codes whose titles hold the query's words: every word before some (unless `requireAll`), then billable before
   * headers, initial encounters before subsequent ones and sequelae (unless the query names them), exact words before
   * prefixes and suffixes, and shorter titles first.
   */
  query(slots: readonly QuerySlot[], opts: { limit: number; systems?: ReadonlySet<CodeSystemId>; requireAll?: boolean; laterEncounters?: boolean }): WordHit[] {
    if (!slots.length || !this.docs) return [];
    this.ensureScratch();
    const n = Math.min(slots.length, MAX_SLOTS);
    const altMasks: number[][] = [];
    this.bitCost.fill(0);
    let bit = 0;
    try {
      for (let s = 0; s < n; s++) {
        const slot = slots[s];
        const alts: number[] = [];
        if (bit < MAX_BITS) {
          const b = 1 << bit++;
          const len = this.setQuery(slot.word);
          const [lo, hi, exact] = this.prefixRange(len);
          if (exact) this.mark(lo, b, true);
          if (slot.prefix) for (let t = exact ? lo + 1 : lo; t < hi; t++) this.mark(t, b, false);
          if (slot.suffix) {
            const [slo, shi] = this.suffixRange(len);
            for (let i = slo; i < shi; i++) if (this.suffixOrder[i] !== lo || !exact) this.mark(this.suffixOrder[i], b, false);
          }
          alts.push(b);
        }
        for (const phrase of slot.phrases) {
          if (bit + phrase.length > MAX_BITS) break;
          let mask = 0;
          for (const w of phrase) {
            const b = 1 << bit++;
            mask |= b;
            const len = this.setQuery(w);
            const [lo, , exact] = this.prefixRange(len);
            if (exact) this.mark(lo, b, true);
          }
          alts.push(mask);
        }
        altMasks.push(alts);
      }
      return this.collect(n, altMasks, opts);
    } finally {
      this.clearMarks();
    }
  }

  private collect(n: number, altMasks: number[][], opts: { limit: number; systems?: ReadonlySet<CodeSystemId>; requireAll?: boolean; laterEncounters?: boolean }): WordHit[] {
    const limit = Math.max(1, Math.min(opts.limit, 1000));
    const allowed = new Uint8Array(this.systems.length);
    this.systems.forEach((s, i) => (allowed[i] = !opts.systems || opts.systems.has(s.id) ? 1 : 0));
    if (!allowed.some(Boolean)) return [];
    // flat alternatives (hot loop), a slot's cost = the sum of its alternatives' (their union is its candidates)
    let nAlts = 0;
    for (const alts of altMasks) nAlts += alts.length;
    const altMask = new Int32Array(nAlts);
    const altSlot = new Int32Array(nAlts);
    const slotAny = new Int32Array(n);
    const slotCost = new Float64Array(n);
    const idf = new Float64Array(n);
    let idfTotal = 0;
    for (let s = 0, k = 0; s < n; s++) {
      let cost = 0;
      let cheapest = Infinity;
      for (const a of altMasks[s]) {
        altMask[k] = a;
        altSlot[k++] = s;
        slotAny[s] |= a;
        const c = this.altCost(a);
        if (Number.isFinite(c)) cost += c;
        cheapest = Math.min(cheapest, c);
      }
      slotCost[s] = cost || Infinity;
      // a word's weight: that of its most specific alternative (copd through "chronic obstructive pulmonary disease")
      idf[s] = Math.log(1 + this.docs / (1 + (Number.isFinite(cheapest) ? cheapest : 0)));
      idfTotal += idf[s];
    }
    if (opts.requireAll && slotCost.some((c) => !Number.isFinite(c))) return [];
    const requireAll = !!opts.requireAll;
    const later = !!opts.laterEncounters;
    const mark = this.termMark!;
    const exactOf = this.termExact!;
    const neutral = this.neutral!;
    const fwd = this.fwdTerms;
    const fwdByte = this.fwdByte;
    const docStamp = this.docStamp!;
    const docSystem = this.docSystem!;
    const flags = this.flags;
    const postByte = this.postByte;
    const postDocs = this.postDocs;
    const docs = this.docs;
    const terms = this.terms;
    // offsets are checked only at the ends on open: a damaged middle must not walk past the bytes
    const postEnd = postDocs.length;
    const fwdEnd = fwd.length;
    const topDoc = new Int32Array(limit);
    const topScore = new Float64Array(limit);
    const slotHit = new Uint8Array(n);
    const slotExact = new Uint8Array(n);
    let top = 0;
    let full = 0;
    /** the score of a doc holding every word, all exact, and nothing else, before its flags */
    const bestAll = n * 1e9 + 100 * 1e6 + n * 1e4 + 1000;
    const stamp = ++this.stamp === 0xffffffff ? this.resetStamps() : this.stamp;

    /** scores every unseen doc of the terms marked with `bit` into the top list */
    const visitBit = (bit: number): void => {
      for (let i = 0; i < this.markedCount; i++) {
        const t = this.marked[i];
        if (!(mark[t] & bit)) continue;
        // the term's doc ids, read from their LEB128 gaps in place
        for (let p = postByte[t], pe = Math.min(postByte[t + 1], postEnd), d = 0; p < pe; ) {
          let b = postDocs[p++];
          let gap = b & 0x7f;
          for (let shift = 7; b & 0x80 && p < pe; shift += 7) {
            b = postDocs[p++];
            gap += (b & 0x7f) * 2 ** shift;
          }
          d += gap;
          if (d >= docs) break; // damaged bytes: never read past the doc arrays
          if (docStamp[d] === stamp) continue;
          docStamp[d] = stamp;
          if (!allowed[docSystem[d]]) continue;
          // every word required and the list full: a doc whose best possible score (all words exact, no other
          // words) cannot enter it is not read (a header or later encounter after 25 billable "fracture" codes)
          if (requireAll && top === limit) {
            const f = flags[d];
            if (bestAll + (f & F_BILLABLE ? 5e5 : 0) - (later ? 0 : encounterOf(f) * 1e5) <= topScore[limit - 1]) continue;
          }
          let mask = 0;
          let exact = 0;
          let extra = 0;
          for (let j = fwdByte[d], je = Math.min(fwdByte[d + 1], fwdEnd), term = 0; j < je; ) {
            let b = fwd[j++];
            let gap = b & 0x7f;
            for (let shift = 7; b & 0x80 && j < je; shift += 7) {
              b = fwd[j++];
              gap += (b & 0x7f) * 2 ** shift;
            }
            term += gap;
            if (term >= terms) break;
            const m = mark[term];
            if (m) {
              mask |= m;
              exact |= exactOf[term];
            } else if (!neutral[term]) extra++;
          }
          if (requireAll) {
            let all = true;
            for (let s = 0; s < n; s++) if (!(mask & slotAny[s])) all = false;
            if (!all) continue;
          }
          slotHit.fill(0);
          slotExact.fill(0);
          for (let k = 0; k < nAlts; k++) {
            const am = altMask[k];
            if ((mask & am) !== am) continue;
            slotHit[altSlot[k]] = 1;
            if ((exact & am) === am) slotExact[altSlot[k]] = 1;
          }
          let matched = 0;
          let exactSlots = 0;
          let idfMatched = 0;
          for (let s = 0; s < n; s++) {
            if (!slotHit[s]) continue;
            matched++;
            idfMatched += idf[s];
            exactSlots += slotExact[s];
          }
          if (!matched || (requireAll && matched < n)) continue;
          if (matched === n) full++;
          const f = flags[d];
          // every word before some, then the share of rare words matched, billable, encounter, exact words, closeness
          const score =
            matched * 1e9 +
            (matched === n ? 100 : Math.round((99 * idfMatched) / (idfTotal || 1))) * 1e6 +
            (f & F_BILLABLE ? 5e5 : 0) -
            (later ? 0 : encounterOf(f) * 1e5) +
            exactSlots * 1e4 +
            Math.round(1000 / (1 + extra));
          if (top === limit && score <= topScore[limit - 1]) continue;
          let at = top < limit ? top++ : limit - 1;
          while (at > 0 && topScore[at - 1] < score) {
            topScore[at] = topScore[at - 1];
            topDoc[at] = topDoc[at - 1];
            at--;
          }
          topScore[at] = score;
          topDoc[at] = d;
        }
      }
    };

    // every-word pass: the postings of the cheapest slot's alternatives (each through its rarest word)
    let driver = 0;
    for (let s = 1; s < n; s++) if (slotCost[s] < slotCost[driver]) driver = s;
    for (const a of altMasks[driver]) {
      const b = this.cheapestBit(a);
      if (b && this.bitCost[31 - Math.clz32(b)] > 0) visitBit(b);
    }
    // any-word pass when the every-word pass found too few
    if (!requireAll && full < limit) {
      let budget = PARTIAL_BUDGET;
      const order = [...Array(n).keys()].sort((x, y) => slotCost[x] - slotCost[y]);
      for (const s of order) {
        for (const a of altMasks[s]) {
          for (let m = a; m && budget > 0; m &= m - 1) {
            const b = m & -m;
            budget -= this.bitCost[31 - Math.clz32(b)];
            visitBit(b);
          }
        }
      }
    }
    const out: WordHit[] = [];
    for (let i = 0; i < top; i++) {
      const d = topDoc[i];
      out.push({ doc: d, system: this.systems[docSystem[d]].id, code: this.code(d), billable: this.billable(d), score: topScore[i] });
    }
    return out;
  }

  private resetStamps(): number {
    this.docStamp!.fill(0);
    this.stamp = 1;
    return 1;
  }

  private altCost(mask: number): number {
    let best = Infinity;
    for (let m = mask; m; m &= m - 1) best = Math.min(best, this.bitCost[31 - Math.clz32(m & -m)]);
    // a phrase needs all its words: its cost is that of its rarest word; a word no title has makes it impossible
    for (let m = mask; m; m &= m - 1) if (this.bitCost[31 - Math.clz32(m & -m)] === 0) return Infinity;
    return best;
  }

  private cheapestBit(mask: number): number {
    let best = 0;
    let cost = Infinity;
    for (let m = mask; m; m &= m - 1) {
      const b = m & -m;
      const c = this.bitCost[31 - Math.clz32(b)];
      if (c < cost) {
        cost = c;
        best = b;
      }
    }
    return best;
  }

  // ---------------------------------------------------------------- codes

  /** Codes of a system starting with `prefix` (binary search over the system's sorted codes), shortest first. */
  codePrefix(prefix: string, opts: { limit: number; systems?: ReadonlySet<CodeSystemId> }): WordHit[] {
    const n = this.setQuery(prefix);
    const out: WordHit[] = [];
    for (const s of this.systems) {
      if (opts.systems && !opts.systems.has(s.id)) continue;
      let lo = s.first;
      let hi = s.first + s.count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.cmpCode(mid, n) < 0) lo = mid + 1;
        else hi = mid;
      }
      for (let d = lo; d < s.first + s.count && this.cmpCode(d, n) === 0; d++) {
        const len = this.codeStart[d + 1] - this.codeStart[d];
        out.push({ doc: d, system: s.id, code: '', billable: this.billable(d), score: 1000 - len + (this.flags[d] & F_BILLABLE ? 1 : 0) });
      }
    }
    out.sort((a, b) => b.score - a.score || a.doc - b.doc);
    const hits = out.slice(0, opts.limit);
    for (const h of hits) h.code = this.code(h.doc);
    return hits;
  }

  /** compare code d's first n bytes with q: 0 when the code starts with q */
  private cmpCode(d: number, n: number): number {
    const s = this.codeStart[d];
    const len = this.codeStart[d + 1] - s;
    const m = Math.min(len, n);
    for (let i = 0; i < m; i++) {
      const x = this.codes[s + i] - this.q[i];
      if (x) return x < 0 ? -1 : 1;
    }
    return len < n ? -1 : 0;
  }
}

/**
 * Query words → slots: stop words dropped, words stemmed; the last word (still being typed) and words of 3+
 * letters also match as prefixes, long words as suffixes (neuropathy → polyneuropathy); abbreviations add their
 * expansions (chf → heart failure).
 */
export function parseQuery(query: string, synonyms: Synonyms, opts: { open?: boolean } = {}): { slots: QuerySlot[]; laterEncounters: boolean } {
  const raw = splitWords(query);
  const open = opts.open ?? !/[\s,.;:]$/.test(query);
  const slots: QuerySlot[] = [];
  raw.forEach((w, i) => {
    const last = i === raw.length - 1 && open;
    const expansions = synonyms[w] ?? synonyms[stem(w)];
    if (STOP_WORDS.has(w) && !expansions) return;
    const word = stem(w);
    const phrases = (expansions ?? []).map((e) => titleTerms(e)).filter((p) => p.length);
    // a one-letter last word narrows other words ("pain left h"), never stands alone
    const prefix = last ? word.length >= 2 || raw.length > 1 : word.length >= 3 && !/^\d+$/.test(word);
    slots.push({ word, prefix, suffix: word.length >= 6, phrases });
  });
  return { slots, laterEncounters: raw.some((w) => w.startsWith('subseq') || w.startsWith('sequel')) };
}
