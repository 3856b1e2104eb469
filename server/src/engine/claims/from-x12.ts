import { isoFromCompact } from '../dates';
import { shouldYield, type Steps } from '../steps';
import { firstIndex } from '../sorted';
import type { Layout } from '../scanner/layout';
import type { CodeToken } from '../scanner/tokens';
import type { Claim, ClaimDiagnosis, Field, ServiceLine } from './model';
import { HI_ICD10, HI_ICD9 } from '../scanner/x12-loops';
import type { X12Segment, X12Value } from '../scanner/x12-read';

/**
 * Claims from an 837P or 837I: one claim per CLM (loop 2300) with the billing provider's taxonomy (2000A PRV*BI),
 * the subscriber or patient (2010BA/2010CA NM1 and DMG), the payer (2010BB), its dates (DTP 434 statement, 472,
 * 435 admission, 431 onset), diagnoses in HI order (qualifier, ICD version, POA) and one service line per LX
 * (SV1 or SV2, DTP*472). An 837P claim without claim-level dates runs from its first line date to its last.
 * In steps (engine/steps.ts): a 50,000-claim interchange has a million segments.
 */
export function* claimsFromX12(layout: Layout, tokens: readonly CodeToken[]): Steps<Claim[]> {
  // the token at an element's first non-blank character: tokens are in document order, so a binary search (a Map
  // of 300,000 starts costs a 100 ms rehash in one step, holding up the server's other requests)
  const tokenIn = (v: X12Value | undefined) => {
    if (!v) return undefined;
    const at = v.start + (v.text.length - v.text.trimStart().length);
    const i = firstIndex(tokens.length, (k) => tokens[k].start > at) - 1;
    return i >= 0 && tokens[i].start === at ? tokens[i] : undefined;
  };

  const claims: Claim[] = [];
  let subscriber: Claim['patient'] | undefined;
  let patient: Claim['patient'] | undefined;
  let payer: Claim['payer'] | undefined;
  let billing: CodeToken | undefined;
  let claim: Claim | undefined;
  let line: ServiceLine | undefined;
  /** claims whose dates the claim level states (DTP*434, 472): their lines do not widen them */
  let stated = false;

  const closeLine = () => {
    if (line && claim) {
      const pointed = line.pointers?.value.map((p) => claim!.diagnoses[p - 1]).filter((d): d is ClaimDiagnosis => !!d);
      if (pointed) line.diagnoses = pointed;
      claim.lines.push(line);
    }
    line = undefined;
  };
  const closeClaim = () => {
    closeLine();
    if (claim) {
      // an 837P says its dates of service on its lines: the claim runs from the first to the last
      for (const l of claim.lines) {
        if (stated) break;
        if (l.date && (!claim.from || l.date.value < claim.from.value)) claim.from = l.date;
        const last = l.through ?? l.date;
        if (last && (!claim.through || last.value > claim.through.value)) claim.through = last;
      }
      claim.datesStated = stated;
      claims.push(claim);
    }
    claim = undefined;
  };

  let s: X12Segment;
  // element n of the segment in hand, and its trimmed text (one pair of closures for the whole walk, not per segment)
  const e = (n: number) => s.elements[n];
  const text = (n: number) => s.elements[n]?.text.trim() ?? '';
  const infos = layout.x12Segments;
  for (let k = 0; k < infos.length; k++) {
    if (shouldYield(k)) yield;
    const info = infos[k];
    s = info.segment;
    switch (s.id) {
      case 'ST':
      case 'SE':
      case 'GE':
      case 'IEA':
        closeClaim();
        subscriber = patient = payer = billing = undefined;
        break;
      case 'HL':
        closeClaim();
        if (text(3) === '20') subscriber = patient = payer = billing = undefined;
        else if (text(3) === '22') subscriber = patient = payer = undefined;
        else if (text(3) === '23') patient = undefined;
        break;
      case 'NM1':
        if (info.loop === '2010BA') subscriber = { id: field(e(9)) };
        else if (info.loop === '2010CA') patient = { id: field(e(9)) };
        else if (info.loop === '2010BB') payer = { name: field(e(3)), id: field(e(9)) };
        break;
      case 'DMG': {
        const who = info.loop === '2010CA' ? patient : info.loop === '2010BA' ? subscriber : undefined;
        if (who) {
          who.sex = field(e(3));
          const birth = field(e(2));
          const iso = birth && isoFromCompact(birth.text);
          who.birthDate = birth && iso ? { ...birth, value: iso } : undefined;
        }
        break;
      }
      case 'PRV': {
        const t = tokenIn(e(3));
        if (t && info.loop === '2000A' && text(1) === 'BI') billing = t;
        else if (t && claim && info.loop === '2310') (claim.taxonomy ??= []).push(t);
        break;
      }
      case 'CLM': {
        closeClaim();
        const id = field(e(1));
        const clm05 = e(5)?.components ?? [];
        const pos = tokenIn(clm05[0]);
        claim = {
          id: id?.text ?? `claim ${claims.length + 1}`,
          idField: id,
          start: s.start,
          end: s.end,
          line: layout.lineAt(s.start),
          transaction: info.transaction === '837I' ? '837I' : '837P',
          payer,
          patient: patient ?? subscriber,
          charge: number(e(2)),
          placeOfService: pos?.system === 'pos' ? pos : undefined,
          facilityType: pos?.system === 'pos' ? undefined : field(clm05[0]),
          frequency: field(clm05[2]),
          taxonomy: billing ? [billing] : undefined,
          diagnoses: [],
          lines: [],
          // set by later segments: in the literal, for one hidden class (see newLine)
          from: undefined,
          through: undefined,
          datesStated: undefined,
          admission: undefined,
          onset: undefined,
        };
        stated = false;
        break;
      }
      case 'HI':
        if (!claim || info.loop !== '2300') break;
        for (let n = 1; n < s.elements.length; n++) {
          const c = s.elements[n].components;
          const q = c[0]?.text.trim() ?? '';
          const qualifier = HI_ICD10[q] ?? HI_ICD9[q];
          const code = field(c[1]);
          if (!qualifier || !code) continue;
          const token = tokenIn(c[1]);
          claim.diagnoses.push({
            token: token?.system === 'icd10cm' ? token : undefined,
            code: { ...code, value: token?.code ?? code.text.toUpperCase().replace('.', '') },
            position: claim.diagnoses.length + 1,
            version: q in HI_ICD10 ? 10 : 9,
            qualifier,
            qualifierText: field(c[0]),
            presentOnAdmission: field(c[8]),
          });
        }
        break;
      case 'LX':
        if (!claim) break;
        closeLine();
        line = newLine(layout, s, Number(text(1)) || claim.lines.length + 1);
        break;
      case 'SV1':
      case 'SV2': {
        if (!claim) break;
        if (!line || line.procedure || line.revenueCode) {
          closeLine();
          line = newLine(layout, s, claim.lines.length + 1);
        }
        const sv1 = s.id === 'SV1';
        const composite = e(sv1 ? 1 : 2)?.components ?? [];
        const proc = tokenIn(composite[1]);
        line.procedure = proc && (proc.system === 'cpt' || proc.system === 'hcpcs') ? proc : undefined;
        line.modifiers = composite.slice(2, 6).map(tokenIn).filter((t): t is CodeToken => t?.system === 'modifier');
        line.charge = number(e(sv1 ? 2 : 3));
        line.unitBasis = field(e(sv1 ? 3 : 4));
        line.units = number(e(sv1 ? 4 : 5));
        if (sv1) {
          const pos = tokenIn(e(5));
          line.placeOfService = pos?.system === 'pos' ? pos : undefined;
          line.pointers = pointers(e(7));
        } else line.revenueCode = field(e(1));
        break;
      }
      case 'REF':
        if (line && info.loop === '2400' && text(1) === '6R') line.controlNumber = field(e(2));
        break;
      case 'SVD': {
        if (!line) break;
        const composite = e(3)?.components ?? [];
        const proc = tokenIn(composite[1]);
        (line.adjudicated ??= []).push({
          payerId: field(e(1)),
          paid: number(e(2)),
          procedure: proc && (proc.system === 'cpt' || proc.system === 'hcpcs') ? proc : undefined,
          modifiers: composite.slice(2, 6).map(tokenIn).filter((t): t is CodeToken => t?.system === 'modifier'),
          units: number(e(5)),
        });
        break;
      }
      case 'DTP': {
        const dates = dtp(s);
        if (!dates || !claim) break;
        const q = text(1);
        if (line && q === '472') {
          line.date = dates.from;
          line.through = dates.through;
        } else if (!line && (q === '434' || q === '472')) {
          claim.from = dates.from;
          claim.through = dates.through ?? dates.from;
          stated = true;
        } else if (!line && q === '435') claim.admission = dates.from;
        else if (!line && q === '431') claim.onset = dates.from;
        break;
      }
    }
    if (claim && s.id !== 'SE' && s.id !== 'GE' && s.id !== 'IEA' && s.id !== 'HL' && s.id !== 'ST') claim.end = Math.max(claim.end, s.end);
    if (line) line.end = Math.max(line.end, s.end);
  }
  closeClaim();
  return claims;
}

/**
 * Every field the segments after LX may set is in the literal, so all service lines share one hidden class: fields
 * added later make shapes that V8 forgets between the parts of a file, deoptimizing the claim rules (engine/shapes.ts).
 */
function newLine(layout: Layout, s: X12Segment, number: number): ServiceLine {
  return {
    number,
    line: layout.lineAt(s.start),
    start: s.start,
    end: s.end,
    modifiers: [],
    diagnoses: [],
    procedure: undefined,
    charge: undefined,
    unitBasis: undefined,
    units: undefined,
    placeOfService: undefined,
    pointers: undefined,
    revenueCode: undefined,
    controlNumber: undefined,
    date: undefined,
    through: undefined,
    adjudicated: undefined,
  };
}

function field(v: X12Value | undefined): Field | undefined {
  if (!v) return undefined;
  const text = v.text.trim();
  if (!text) return undefined;
  const start = v.start + (v.text.length - v.text.trimStart().length);
  return { value: text, text, start, end: start + text.length };
}

function number(v: X12Value | undefined): Field<number | undefined> | undefined {
  const f = field(v);
  return f && { ...f, value: /^-?(?:\d+(?:\.\d*)?|\.\d+)$/.test(f.text) ? Number(f.text) : undefined };
}

/** SV107: up to four diagnosis positions (1-12), one per component; anything else cannot be read (NaN). */
function pointers(v: (X12Value & { components: X12Value[] }) | undefined): Field<number[]> | undefined {
  const f = field(v);
  if (!f || !v) return undefined;
  const value = v.components.filter((c) => c.text.trim()).map((c) => (/^\d{1,2}$/.test(c.text.trim()) ? Number(c.text.trim()) : NaN));
  return { ...f, value };
}

/** DTP02 D8 (CCYYMMDD), RD8 (CCYYMMDD-CCYYMMDD) or DT (CCYYMMDDHHMM): the date(s), each pointing at what it was read from. */
function dtp(s: X12Segment): { from: Field; through?: Field } | undefined {
  const f = field(s.elements[3]);
  if (!f) return undefined;
  const format = s.elements[2]?.text.trim();
  const at = (offset: number, len: number): Field | undefined => {
    const text = f.text.slice(offset, offset + len);
    const iso = isoFromCompact(text);
    return iso ? { value: iso, text, start: f.start + offset, end: f.start + offset + len } : undefined;
  };
  if (format === 'RD8') {
    const dash = f.text.indexOf('-');
    const from = at(0, dash < 0 ? f.text.length : dash);
    const through = dash < 0 ? undefined : at(dash + 1, f.text.length - dash - 1);
    return from ? { from, through } : undefined;
  }
  const from = at(0, 8);
  return from && (format !== 'D8' || f.text.length === 8) ? { from } : undefined;
}
