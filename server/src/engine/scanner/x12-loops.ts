import type { ColumnKind } from './columns';
import type { X12Interchange, X12Segment, X12Value } from './x12-read';
import { runToEnd, shouldYield, type Steps } from '../steps';

/**
 * The 837 (005010X222A1 professional, X223A2 institutional) read element by element: which loop each segment is in
 * and what each element or component holds, as the column kinds the scanner judges by. An X12 file is all
 * elements: every value has a kind, so nothing in it is read as prose (ZIPs in N4 and IDs in NM1/REF are never
 * codes, a dotless diagnosis after ABF is ICD-10-CM, a code after a qualifier other than HC is not CPT/HCPCS).
 */

export type X12Transaction = '837P' | '837I' | '837D' | 'other';

/** One element or component with its kind. `group`: the start of the composite it belongs to (SV101, SV202, SVD03). */
export interface X12Part extends X12Value {
  kind: ColumnKind;
  group?: number;
}

export interface X12SegmentInfo {
  segment: X12Segment;
  /** the 837 loop (1000A, 2000B, 2010BB, 2300, 2400, 2430 …), else 'header' / 'envelope' */
  loop: string;
  transaction: X12Transaction;
}

/** HI qualifiers of ICD-10-CM diagnoses, and of ICD-9-CM ones (not judged as ICD-10-CM). */
export const HI_ICD10: Record<string, 'principal' | 'other' | 'admitting' | 'reason' | 'external-cause'> = {
  ABK: 'principal', ABF: 'other', ABJ: 'admitting', APR: 'reason', ABN: 'external-cause',
};
export const HI_ICD9: Record<string, 'principal' | 'other' | 'admitting' | 'reason' | 'external-cause'> = {
  BK: 'principal', BF: 'other', BJ: 'admitting', PR: 'reason', BN: 'external-cause',
};

/** NM101 entity codes that start a 2010/2310/2330/2420 loop, by the level they appear in. */
const NM1_LOOPS: Record<string, Record<string, string>> = {
  header: { '41': '1000A', '40': '1000B' },
  '2000A': { '85': '2010AA', '87': '2010AB', PE: '2010AC' },
  '2000B': { IL: '2010BA', PR: '2010BB' },
  '2000C': { QC: '2010CA' },
};

function transactionOf(st: X12Segment, gsVersion: string): X12Transaction {
  if (st.elements[1]?.text !== '837') return 'other';
  const v = st.elements[3]?.text || gsVersion;
  if (/X222/.test(v)) return '837P';
  if (/X223/.test(v)) return '837I';
  if (/X224/.test(v)) return '837D';
  return 'other';
}

/** Loops and element kinds for every segment of an interchange, in order. */
export function x12Segments(ix: X12Interchange): X12SegmentInfo[] {
  return runToEnd(x12SegmentsSteps(ix));
}

/** `x12Segments` in steps (engine/steps.ts). */
export function* x12SegmentsSteps(ix: X12Interchange): Steps<X12SegmentInfo[]> {
  const out: X12SegmentInfo[] = [];
  let gsVersion = '';
  let transaction: X12Transaction = 'other';
  let level = 'header';
  let loop = 'envelope';
  const segs = ix.segments;
  for (let i = 0; i < segs.length; i++) {
    if (shouldYield(i)) yield;
    const s = segs[i];
    const e = (n: number) => s.elements[n]?.text ?? '';
    switch (s.id) {
      case 'ISA':
      case 'IEA':
      case 'GE':
      case 'SE':
        loop = 'envelope';
        break;
      case 'GS':
        gsVersion = e(8);
        loop = 'envelope';
        break;
      case 'ST': {
        transaction = transactionOf(s, gsVersion);
        // no version said: an institutional claim has SV2 lines
        if (transaction === 'other' && e(1) === '837') {
          let j = i + 1;
          while (j < segs.length && segs[j].id !== 'SE' && segs[j].id !== 'SV2' && segs[j].id !== 'SV1') j++;
          transaction = segs[j]?.id === 'SV2' ? '837I' : '837P';
        }
        level = loop = 'header';
        break;
      }
      case 'HL':
        level = loop = e(3) === '20' ? '2000A' : e(3) === '22' ? '2000B' : e(3) === '23' ? '2000C' : `2000(${e(3)})`;
        break;
      case 'NM1':
        if (level === '2300' || level === '2320') loop = level === '2320' ? (e(1) === 'PR' ? '2330B' : '2330A') : '2310';
        else if (level === '2400') loop = '2420';
        else loop = NM1_LOOPS[level]?.[e(1)] ?? loop;
        break;
      case 'CLM':
        level = loop = '2300';
        break;
      case 'SBR':
        if (level === '2300' || level === '2320') level = loop = '2320';
        break;
      case 'LX':
        level = loop = '2400';
        break;
      case 'SVD':
        loop = '2430';
        break;
      case 'LIN':
        loop = '2410';
        break;
    }
    out.push({ segment: s, loop, transaction });
  }
  return out;
}

/** The kind of element n of a segment (1-based), for segments whose elements are not composites. */
function simpleKind(s: X12Segment, n: number, transaction: X12Transaction): ColumnKind {
  const e1 = s.elements[1]?.text ?? '';
  switch (s.id) {
    case 'NM1':
      if (n === 3) return e1 === 'PR' ? 'payer' : 'text';
      if (n === 9) return e1 === 'PR' ? 'payer-id' : e1 === 'IL' || e1 === 'QC' ? 'patient-id' : s.elements[8]?.text === 'XX' ? 'npi' : 'identifier';
      return n >= 4 && n <= 7 ? 'text' : 'qualifier';
    case 'N3':
    case 'K3':
      return 'text';
    case 'PER':
      return n === 2 ? 'text' : n % 2 === 0 ? 'identifier' : 'qualifier';
    case 'NTE':
      return n === 1 ? 'qualifier' : 'text';
    case 'N4':
      return n === 1 ? 'text' : n === 3 ? 'zip' : 'qualifier';
    case 'REF':
      return n === 1 ? 'qualifier' : n === 2 ? 'identifier' : 'text';
    case 'PRV':
      return n === 3 && (s.elements[2]?.text === 'PXC' || s.elements[2]?.text === 'ZZ') ? 'taxonomy' : 'qualifier';
    case 'SBR':
      return n === 3 ? 'identifier' : n === 4 ? 'text' : 'qualifier';
    case 'DMG':
      return n === 2 ? 'birth-date' : n === 3 ? 'patient-sex' : 'qualifier';
    case 'CLM':
      return n === 1 ? 'claim-id' : n === 2 ? 'charge' : 'qualifier';
    case 'DTP':
      return n === 3 ? 'date-service' : 'qualifier';
    case 'LX':
      return 'line-number';
    case 'SV1':
      return n === 2 ? 'charge' : n === 4 ? 'units' : n === 5 ? 'pos' : 'qualifier';
    case 'SV2':
      return n === 1 ? 'revenue' : n === 3 || n === 6 || n === 7 ? 'charge' : n === 5 ? 'units' : 'qualifier';
    case 'SVD':
      return n === 1 ? 'payer-id' : n === 2 ? 'charge' : n === 5 ? 'units' : n === 6 ? 'line-number' : 'text';
    case 'AMT':
    case 'CAS':
    case 'HCP':
      return /^(?:AMT:2|CAS:[3-9]|CAS:1[0-9]|HCP:[2-3])$/.test(`${s.id}:${n}`) ? 'charge' : 'qualifier';
    case 'QTY':
    case 'CTP':
      return n === 2 || (s.id === 'CTP' && n === 4) ? 'units' : 'qualifier';
    case 'LIN':
      return n === 3 ? 'other-code' : 'qualifier';
    case 'ISA':
    case 'GS':
    case 'ST':
    case 'SE':
    case 'GE':
    case 'IEA':
    case 'BHT':
    case 'HL':
    case 'PAT':
    case 'CL1':
    case 'CN1':
    case 'PWK':
    case 'CR1':
    case 'CR2':
    case 'CRC':
    case 'OI':
    case 'MOA':
    case 'MIA':
      return 'qualifier';
    default:
      void transaction;
      return 'text';
  }
}

/** A procedure composite (SV101, SV202, SVD03): qualifier, code, up to four modifiers, description. */
function procedureComposite(parts: X12Part[], c: X12Value[], group: number): void {
  const hc = c[0]?.text === 'HC';
  c.forEach((v, k) => {
    const kind: ColumnKind = k === 0 ? 'qualifier' : k === 1 ? (hc ? 'procedure' : 'other-code') : k <= 5 ? (hc ? 'modifier' : 'other-code') : 'text';
    parts.push(part(v, kind, group));
  });
}

/**
 * What each element or component of a segment holds, as column kinds (computed when asked: the layout turns them
 * into cells at once and keeps only those).
 */
export function segmentParts(info: X12SegmentInfo): X12Part[] {
  return partsOf(info.segment, info.transaction);
}

const part = (v: X12Value, kind: ColumnKind, group?: number): X12Part => ({ text: v.text, start: v.start, end: v.end, kind, group });

function partsOf(s: X12Segment, transaction: X12Transaction): X12Part[] {
  const parts: X12Part[] = [part(s.elements[0], 'qualifier')];
  for (let n = 1; n < s.elements.length; n++) {
    const el = s.elements[n];
    if (!el.composite && s.id !== 'HI' && s.id !== 'SV1' && s.id !== 'SV2' && s.id !== 'SVD' && s.id !== 'CLM') {
      parts.push(part(el, simpleKind(s, n, transaction)));
      continue;
    }
    const c = el.components;
    if (s.id === 'HI') {
      const q = c[0]?.text ?? '';
      const dx: ColumnKind = q in HI_ICD10 ? 'icd10cm' : q in HI_ICD9 ? 'icd9' : 'other-code';
      c.forEach((v, k) => parts.push(part(v, k === 1 ? dx : k === 3 ? 'date-service' : k === 4 ? 'charge' : k === 5 ? 'units' : k === 6 ? 'text' : 'qualifier')));
    } else if ((s.id === 'SV1' && n === 1) || (s.id === 'SV2' && n === 2) || (s.id === 'SVD' && n === 3)) {
      procedureComposite(parts, c, el.start);
    } else if (s.id === 'SV1' && n === 7) {
      c.forEach((v) => parts.push(part(v, 'pointer')));
    } else if (s.id === 'CLM' && n === 5) {
      // CLM05-2 says what CLM05-1 is: B a place of service (837P), A a facility type code (837I)
      const q = c[1]?.text ?? '';
      const pos = q === 'B' || (q !== 'A' && transaction !== '837I');
      c.forEach((v, k) => parts.push(part(v, k === 0 && pos ? 'pos' : 'qualifier')));
    } else {
      const kind = simpleKind(s, n, transaction);
      if (c.length > 1) c.forEach((v) => parts.push(part(v, kind)));
      else parts.push(part(el, kind));
    }
  }
  return parts;
}
