import type { Icd10System, IcdCode } from '../systems/icd10cm';
import { dotIcd } from '../systems/icd10cm';
import { BoundedCache } from '../bounded-cache';
import { oneEditAway } from '../text/did-you-mean';

/** What an ICD-10-CM code is in the edition in force — shared by the icd10.* rules so each reports one case. */
export type IcdStatus =
  | { kind: 'billable'; code: IcdCode }
  | { kind: 'header'; code: IcdCode; children: IcdCode[] }
  | { kind: 'needs-seventh'; stem: string }
  | { kind: 'placeholder'; replacement: string }
  | { kind: 'deleted'; editionIndex: number; replacements: IcdCode[] }
  | { kind: 'not-yet'; editionIndex: number }
  | { kind: 'unknown'; suggestions: string[] }
  /** date of service before ICD-10-CM (2015-10-01): ICD-9-CM applies, the code is not judged */
  | { kind: 'before-icd10' };

/**
 * Statuses by system, edition and code. Each holds an IcdCode (titles, editions), ~450 bytes: 4,096 of them keep the
 * codes of any document at hand (50,000 were 18 MB of a claim export's heap, and made every collection slower).
 */
const cache = new WeakMap<Icd10System, BoundedCache<string, IcdStatus>>();

export function icdStatus(icd: Icd10System, code: string, edition: number): IcdStatus {
  let perSystem = cache.get(icd);
  if (!perSystem) cache.set(icd, (perSystem = new BoundedCache(4096)));
  const key = `${edition}:${code}`;
  let s = perSystem.get(key);
  if (!s) {
    s = compute(icd, code, edition);
    perSystem.set(key, s);
  }
  return s;
}

function compute(icd: Icd10System, code: string, ed: number): IcdStatus {
  if (ed < 0) return { kind: 'before-icd10' };
  const c = icd.get(code, ed);
  if (c?.present) {
    if (c.billable) return { kind: 'billable', code: c };
    if (icd.needsSeventh(code, ed)) return { kind: 'needs-seventh', stem: code.padEnd(6, 'X') };
    return { kind: 'header', code: c, children: icd.descendants(code, ed, true) };
  }
  // W21.89A → W21.89XA
  if (code.length >= 5 && code.length < 7 && /[A-Z]$/.test(code)) {
    const candidate = code.slice(0, -1).padEnd(6, 'X') + code[code.length - 1];
    if (icd.isBillable(candidate, ed)) return { kind: 'placeholder', replacement: candidate };
  }
  if (code.length >= 4 && code.length <= 6 && icd.needsSeventh(code.padEnd(6, 'X'), ed)) {
    return { kind: 'needs-seventh', stem: code.padEnd(6, 'X') };
  }
  const deleted = icd.deletedIn(code, ed);
  if (deleted !== undefined) return { kind: 'deleted', editionIndex: deleted, replacements: icd.replacements(code, deleted, ed) };
  const later = icd.addedAfter(code, ed);
  if (later !== undefined) return { kind: 'not-yet', editionIndex: later };
  return { kind: 'unknown', suggestions: suggestions(icd, code, ed) };
}

function suggestions(icd: Icd10System, code: string, ed: number): string[] {
  // one character too many (E11.65123): the longest billable code it starts with
  if (code.length > 7) {
    for (let n = 7; n >= 3; n--) if (icd.isBillable(code.slice(0, n), ed)) return [dotIcd(code.slice(0, n))];
    return oneEditAway(code.slice(0, 7), (c) => icd.isBillable(c, ed)).map(dotIcd);
  }
  const near = oneEditAway(code, (c) => icd.exists(c, ed));
  // billable codes first
  return near.sort((a, b) => Number(icd.isBillable(b, ed)) - Number(icd.isBillable(a, ed))).map(dotIcd);
}

/** Formats a code the way the document wrote it (with or without the dot). */
export function likeWritten(written: string, code: string): string {
  return written.includes('.') ? dotIcd(code) : code;
}

export function listCodes(codes: IcdCode[], max = 3): string {
  const shown = codes.slice(0, max).map((c) => `${c.dotted} ${c.long}`);
  const more = codes.length > max ? `; and ${codes.length - max} more (see the quick fixes or hover)` : '';
  return shown.join('; ') + more;
}
