import type { Icd10System, IcdCode } from '../systems/icd10cm';
import { dotIcd } from '../systems/icd10cm';
import { overlap } from '../text/description-compare';
import { oneEditAway } from '../text/did-you-mean';

/** What an ICD-10-CM code is in the edition in force — shared by the icd10.* rules so each reports one case. */
export type IcdStatus =
  | { kind: 'billable'; code: IcdCode }
  | { kind: 'header'; code: IcdCode; children: IcdCode[] }
  | { kind: 'needs-seventh'; stem: string }
  | { kind: 'placeholder'; replacement: string }
  | { kind: 'deleted'; editionIndex: number; replacements: IcdCode[] }
  | { kind: 'not-yet'; editionIndex: number }
  | { kind: 'unknown'; suggestions: string[] };

const cache = new WeakMap<Icd10System, Map<string, IcdStatus>>();

export function icdStatus(icd: Icd10System, code: string, edition: number): IcdStatus {
  let perSystem = cache.get(icd);
  if (!perSystem) cache.set(icd, (perSystem = new Map()));
  const key = `${edition}:${code}`;
  let s = perSystem.get(key);
  if (!s) {
    s = compute(icd, code, edition);
    if (perSystem.size > 50_000) perSystem.clear();
    perSystem.set(key, s);
  }
  return s;
}

function compute(icd: Icd10System, code: string, ed: number): IcdStatus {
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
  if (deleted !== undefined) return { kind: 'deleted', editionIndex: deleted, replacements: replacements(icd, code, deleted, ed) };
  const later = icd.addedAfter(code, ed);
  if (later !== undefined) return { kind: 'not-yet', editionIndex: later };
  return { kind: 'unknown', suggestions: suggestions(icd, code, ed) };
}

/** Codes added in the edition that deleted `code`, sharing its longest prefix (the usual expansion pattern). */
function replacements(icd: Icd10System, code: string, deletedIn: number, ed: number): IcdCode[] {
  const title = icd.get(code)?.long ?? '';
  const added = icd.changesIn(icd.editions[deletedIn].id)?.added ?? [];
  for (let len = code.length; len >= 4; len--) {
    const prefix = code.slice(0, len);
    const hits = added
      .filter((a) => a.startsWith(prefix) && icd.isBillable(a, ed))
      .map((a) => icd.get(a, ed)!)
      .sort((a, b) => overlap(title, b.long) - overlap(title, a.long));
    if (hits.length) return hits.slice(0, 8);
  }
  return [];
}

function suggestions(icd: Icd10System, code: string, ed: number): string[] {
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
