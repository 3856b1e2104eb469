import type { Claim } from '../claims/model';
import type { Layout } from '../scanner/layout';
import type { CodeToken } from '../scanner/tokens';
import type { X12Segment } from '../scanner/x12-read';
import { runToEnd, shouldYield, type Steps } from '../steps';

/**
 * The structure of an interchange for an outline: interchange (ISA) › functional group (GS) › transaction set (ST)
 * › claim (CLM, loop 2300) › service line (LX, loop 2400), each with its span; a claim's codes outside its lines (CLM05
 * place of service, HI diagnoses) and a line's codes are its leaves. From the reader's segments and the claims.
 */
export interface X12OutlineNode {
  kind: 'interchange' | 'group' | 'transaction' | 'claim' | 'line' | 'code';
  name: string;
  detail: string;
  start: number;
  end: number;
  /** what to select: the control number, claim id, LX or the code */
  selectionStart: number;
  selectionEnd: number;
  children: X12OutlineNode[];
  token?: CodeToken;
  claim?: Claim;
}

const el = (s: X12Segment, n: number) => s.elements[n]?.text.trim() ?? '';
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Outline of an X12 document: `maxCodes` bounds the code leaves per claim or line and the claims per transaction
 * (huge files: 50,000 claims would be 700,000 symbols; the transaction's detail says how many are left out).
 */
export function x12Outline(layout: Layout, claims: readonly Claim[], tokens: readonly CodeToken[], maxCodes = 1000): X12OutlineNode[] {
  return runToEnd(x12OutlineSteps(layout, claims, tokens, maxCodes));
}

/** `x12Outline` in steps (engine/steps.ts). */
export function* x12OutlineSteps(layout: Layout, claims: readonly Claim[], tokens: readonly CodeToken[], maxCodes = 1000): Steps<X12OutlineNode[]> {
  const roots: X12OutlineNode[] = [];
  /** claims left out of each parent's children (over maxCodes) */
  const hidden = new Map<X12OutlineNode | undefined, number>();
  let isa: X12OutlineNode | undefined;
  let gs: X12OutlineNode | undefined;
  let st: X12OutlineNode | undefined;
  const node = (kind: X12OutlineNode['kind'], name: string, s: X12Segment, sel = s.elements[0]): X12OutlineNode => ({
    kind, name, detail: '', start: s.start, end: s.end, selectionStart: sel.start, selectionEnd: sel.end, children: [],
  });
  let c = 0;
  let k = 0;
  const codesIn = (start: number, end: number, skip?: (t: CodeToken) => boolean): X12OutlineNode[] => {
    while (k < tokens.length && tokens[k].start < start) k++;
    const out: X12OutlineNode[] = [];
    for (let j = k; j < tokens.length && tokens[j].start <= end && out.length < maxCodes; j++) {
      const t = tokens[j];
      if (skip?.(t)) continue;
      out.push({ kind: 'code', name: t.text, detail: '', start: t.start, end: t.end, selectionStart: t.start, selectionEnd: t.end, children: [], token: t });
    }
    return out;
  };
  const claimNode = (claim: Claim): X12OutlineNode => {
    const sel = claim.idField ?? { start: claim.start, end: claim.start + 3 };
    // the claim's own codes first: before its first line (CLM05, HI, claim-level providers)
    const firstLine = claim.lines[0]?.start ?? claim.end + 1;
    const own = codesIn(claim.start, firstLine - 1);
    const lines = claim.lines.map((l) => {
      const codes = codesIn(l.start, l.end);
      const proc = l.procedure ? `${l.procedure.text}${l.modifiers.map((m) => `-${m.text}`).join('')}` : l.revenueCode ? `rev ${l.revenueCode.text}` : '';
      return {
        kind: 'line' as const,
        name: `Line ${l.number}${proc ? ` · ${proc}` : ''}`,
        detail: [l.date?.value, l.units?.text !== undefined ? `× ${l.units.text}` : ''].filter(Boolean).join(' '),
        start: l.start, end: l.end, selectionStart: l.start, selectionEnd: l.start + 2,
        children: codes,
      };
    });
    const n = claim.lines.length;
    return {
      kind: 'claim',
      name: `Claim ${claim.id}`,
      detail: [claim.transaction, plural(n, 'line'), plural(claim.diagnoses.length, 'diagnosis', 'diagnoses'), claim.from?.value].filter(Boolean).join(' · '),
      start: claim.start, end: claim.end, selectionStart: sel.start, selectionEnd: sel.end,
      children: [...own, ...lines],
      claim,
    };
  };
  const close = (n: X12OutlineNode | undefined, end: number) => {
    if (n) n.end = Math.max(n.end, end);
  };
  const infos = layout.x12Segments;
  for (let i = 0; i < infos.length; i++) {
    if (shouldYield(i)) yield;
    const info = infos[i];
    const s = info.segment;
    switch (s.id) {
      case 'ISA':
        isa = node('interchange', `Interchange ${el(s, 13)}`, s, s.elements[13] ?? s.elements[0]);
        isa.detail = [el(s, 6), el(s, 8)].filter(Boolean).join(' → ') + (el(s, 15) === 'T' ? ' · test' : el(s, 15) === 'P' ? ' · production' : '');
        roots.push(isa);
        gs = st = undefined;
        break;
      case 'GS':
        gs = node('group', `Group ${el(s, 6)}`, s, s.elements[6] ?? s.elements[0]);
        gs.detail = [el(s, 1) === 'HC' ? 'health care claims' : el(s, 1), el(s, 8)].filter(Boolean).join(' · ');
        (isa ? isa.children : roots).push(gs);
        st = undefined;
        break;
      case 'ST':
        st = node('transaction', `Transaction ${el(s, 2)}`, s, s.elements[2] ?? s.elements[0]);
        st.detail = [el(s, 1), info.transaction !== 'other' ? info.transaction : ''].filter(Boolean).join(' · ');
        (gs ? gs.children : isa ? isa.children : roots).push(st);
        break;
      case 'CLM': {
        while (c < claims.length && claims[c].start < s.start) c++;
        const claim = claims[c];
        if (claim && claim.start === s.start) {
          const parent = st ?? gs ?? isa;
          const siblings = parent ? parent.children : roots;
          if (siblings.length < maxCodes) siblings.push(claimNode(claim));
          else hidden.set(parent, (hidden.get(parent) ?? 0) + 1);
          c++;
        }
        break;
      }
    }
    close(st, s.end);
    close(gs, s.end);
    close(isa, s.end);
    if (s.id === 'SE') st = undefined;
    else if (s.id === 'GE') gs = st = undefined;
    else if (s.id === 'IEA') isa = gs = st = undefined;
  }
  for (const n of roots) summarize(n, hidden);
  return roots;
}

/** Details counting what a level holds: groups, transactions, claims (and how many the outline leaves out). */
function summarize(n: X12OutlineNode, hidden: ReadonlyMap<X12OutlineNode | undefined, number>): number {
  if (n.kind === 'claim') return 1;
  const left = hidden.get(n) ?? 0;
  let claims = left;
  for (const ch of n.children) claims += summarize(ch, hidden);
  const count = plural(claims, 'claim') + (left ? ` (the first ${(claims - left).toLocaleString('en-US')} shown)` : '');
  if (n.kind === 'interchange' || n.kind === 'group' || n.kind === 'transaction') n.detail = [n.detail, count].filter(Boolean).join(' · ');
  return claims;
}
