/**
 * Where a JSON path of the pack validator ("$.rules[0].kind") is written in the pack's text, so a problem can be
 * shown at the offending property of the pack file. A small position-tracking JSON scan (no dependency): each
 * property's key and value extents by path; on a syntax error, the offset where it stopped.
 */

export interface JsonPathRange {
  start: number;
  end: number;
  /** false: the path is not in the text (a missing property); the range is its nearest enclosing property */
  exact: boolean;
}

interface Place {
  keyStart?: number;
  keyEnd?: number;
  start: number;
  end: number;
  container: boolean;
}

type Scan = { ok: true; places: Map<string, Place> } | { ok: false; offset: number };

class JsonSyntaxError extends Error {
  constructor(readonly offset: number) {
    super('JSON syntax');
  }
}

function scanJson(text: string): Scan {
  const places = new Map<string, Place>();
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (): never => {
    throw new JsonSyntaxError(Math.min(i, text.length));
  };
  const string = (): string => {
    if (text[i] !== '"') fail();
    const start = i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail();
      i++;
    }
    if (i >= text.length) fail();
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      i = start;
      return fail();
    }
  };
  const value = (path: string, keyStart?: number, keyEnd?: number): void => {
    ws();
    const start = i;
    const c = text[i];
    let container = false;
    if (c === '{') {
      container = true;
      i++;
      ws();
      if (text[i] === '}') i++;
      else
        for (;;) {
          ws();
          const ks = i;
          const key = string();
          const ke = i;
          ws();
          if (text[i] !== ':') fail();
          i++;
          value(`${path}.${key}`, ks, ke);
          ws();
          if (text[i] === ',') i++;
          else if (text[i] === '}') {
            i++;
            break;
          } else fail();
        }
    } else if (c === '[') {
      container = true;
      i++;
      ws();
      if (text[i] === ']') i++;
      else
        for (let n = 0; ; n++) {
          value(`${path}[${n}]`);
          ws();
          if (text[i] === ',') i++;
          else if (text[i] === ']') {
            i++;
            break;
          } else fail();
        }
    } else if (c === '"') string();
    else {
      const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
      if (!m) fail();
      i += m![0].length;
    }
    places.set(path, { keyStart, keyEnd, start, end: i, container });
  };
  try {
    value('$');
    ws();
    if (i < text.length) fail();
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, offset: e.offset };
    // nesting too deep for the stack: point at the start
    if (e instanceof RangeError) return { ok: false, offset: 0 };
    throw e;
  }
  return { ok: true, places };
}

/** "$.rules[0].codes[1]" → ["$", "$.rules", "$.rules[0]", "$.rules[0].codes", "$.rules[0].codes[1]"] */
function ancestors(path: string): string[] {
  const out = ['$'];
  const re = /\.[^.[]+|\[\d+\]/g;
  let acc = '$';
  for (const m of path.slice(1).matchAll(re)) out.push((acc += m[0]));
  return out;
}

/** The extent of a JSON path in `text`: a scalar property (key and value), a container's key (or its opening bracket). */
export function jsonPathRange(text: string, path: string): JsonPathRange {
  const scan = scanJson(text);
  if (!scan.ok) {
    const at = Math.min(scan.offset, Math.max(0, text.length - 1));
    return { start: at, end: Math.min(at + 1, text.length), exact: path === '$' };
  }
  const chain = path.startsWith('$') ? ancestors(path) : ['$'];
  for (let k = chain.length - 1; k >= 0; k--) {
    const p = scan.places.get(chain[k]);
    if (!p) continue;
    const exact = k === chain.length - 1;
    // a scalar property: `"kind": "refused"`; an array element: its value; a container or a missing child: the key (else the bracket)
    if (exact && !p.container) return { start: p.keyStart ?? p.start, end: p.end, exact };
    if (p.keyStart !== undefined) return { start: p.keyStart, end: p.keyEnd!, exact };
    return { start: p.start, end: p.start + 1, exact };
  }
  return { start: 0, end: Math.min(1, text.length), exact: false };
}
