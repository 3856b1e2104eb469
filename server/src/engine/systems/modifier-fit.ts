import type { ModifierInfo } from './modifiers';
import { ASST_IND, BILAT_IND, CO_SURG_IND, GLOBAL_DAYS, MULT_PROC_IND, PCTC_IND, TEAM_IND, type MpfsIndicators, type ProcedureSystem } from './procedures';

/** What the fit needs of the code data: the procedure codes' MPFS indicators (a CodeData will do). */
type Data = { procedures: ProcedureSystem };

/**
 * Which modifiers fit which procedure codes: the one table the `modifier.not-applicable` rule, modifier completion
 * and the hover all ask, so what completion offers is never what the diagnostics then flag.
 */

/** Anesthesia-only modifiers: valid only on anesthesia codes (00100-01999). */
export const ANESTHESIA_MODIFIERS = new Set(['AA', 'AD', 'QK', 'QS', 'QX', 'QY', 'QZ', 'G8', 'G9', '23', '47']);

/** NCCI distinct-service modifiers: never on E/M codes (NCCI Policy Manual, chapter I). */
const DISTINCT_SERVICE = new Set(['59', 'XE', 'XP', 'XS', 'XU']);

/** Modifiers for evaluation and management services only; 25 and 57 are errors elsewhere, 24 and 27 merely unusual. */
const EM_ONLY = new Set(['25', '57']);
const EM_USUAL = new Set(['24', '27']);

/** Modifiers about the global surgical period: usual on codes with a 10- or 90-day global period. */
const GLOBAL_PERIOD = new Set(['54', '55', '56', '58', '78', '79']);

/**
 * Anatomic modifiers (HCPCS Level II: sides, eyelids, fingers, toes, coronary arteries): they say where a procedure
 * was done, and an evaluation and management visit has no site (NCCI Policy Manual, chapter I; CMS MLN "proper use
 * of anatomic modifiers").
 */
export const ANATOMIC_MODIFIERS = new Set(['LT', 'RT', 'E1', 'E2', 'E3', 'E4', 'FA', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'TA', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'LC', 'LD', 'LM', 'RC', 'RI']);

/** CPT Category II performance-measure modifiers: only on Category II codes (ending in F). */
export const PERFORMANCE_MODIFIERS = new Set(['1P', '2P', '3P', '8P']);

/** Level II modifiers used with procedures every day: ranked with the CPT ones. */
const COMMON_LEVEL_II = new Set(['LT', 'RT', 'XE', 'XP', 'XS', 'XU', 'GA', 'GY', 'GZ', 'KX', 'GC', 'GX', 'FA', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'TA', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'E1', 'E2', 'E3', 'E4', 'LC', 'LD', 'RC', 'RI', 'LM', 'QW', 'CR', 'CS', 'ET', 'GT', 'FQ', '95', 'JW', 'JZ']);

/** Anesthesia codes (00100-01999) and qualifying circumstances (99100-99140). */
export const isAnesthesiaCode = (code: string) => /^\d{5}$/.test(code) && ((+code >= 100 && +code <= 1999) || (+code >= 99100 && +code <= 99140));
/** Evaluation and management visits, including the ophthalmology visit codes payers treat as E/M. */
export const isEvaluationAndManagementCode = (code: string) =>
  /^\d{5}$/.test(code) && ((+code >= 99202 && +code <= 99499) || (+code >= 92002 && +code <= 92014));

interface IndicatorRule {
  field: 'bilat' | 'asst' | 'coSurg' | 'team' | 'pctc';
  label: string;
  meanings: Record<string, string>;
  /** values that allow the modifier outright */
  allowed: string[];
  /** values that allow it with documentation of medical necessity */
  withDocs?: string[];
  /** values that forbid it, with a message where the indicator's own meaning would mislead */
  forbidden: Record<string, string | undefined>;
}

/** The MPFS indicator that governs each modifier (CMS MPFS RVU file layout, indicator definitions). */
const BY_INDICATOR: Record<string, IndicatorRule> = {};
const rule = (mods: string[], r: IndicatorRule) => mods.forEach((m) => (BY_INDICATOR[m] = r));
rule(['50'], { field: 'bilat', label: 'bilateral surgery', meanings: BILAT_IND, allowed: ['1', '3'], forbidden: { '0': undefined, '2': undefined, '9': undefined } });
rule(['80', '81', '82', 'AS'], { field: 'asst', label: 'assistant at surgery', meanings: ASST_IND, allowed: ['2'], withDocs: ['0'], forbidden: { '1': undefined, '9': undefined } });
rule(['62'], { field: 'coSurg', label: 'co-surgeon', meanings: CO_SURG_IND, allowed: ['2'], withDocs: ['1'], forbidden: { '0': undefined, '9': undefined } });
rule(['66'], { field: 'team', label: 'team surgery', meanings: TEAM_IND, allowed: ['2'], withDocs: ['1'], forbidden: { '0': undefined, '9': undefined } });
// PC/TC: 26 on diagnostic tests and interpretation codes; TC only where the code splits into both components
const pctcNever = { '0': undefined, '4': 'a global test only code: the professional and technical components have codes of their own, so neither 26 nor TC applies', '5': undefined, '7': undefined, '9': undefined };
rule(['26'], {
  field: 'pctc',
  label: 'PC/TC',
  meanings: PCTC_IND,
  allowed: ['1', '6', '8'],
  forbidden: { ...pctcNever, '2': 'already a professional-component-only code', '3': 'a technical-component-only code: its professional part is billed with another code' },
});
rule(['TC'], {
  field: 'pctc',
  label: 'PC/TC',
  meanings: PCTC_IND,
  allowed: ['1'],
  forbidden: {
    ...pctcNever,
    '2': 'a professional-component-only code: it has no technical component',
    '3': 'already a technical-component-only code',
    '6': 'a laboratory physician interpretation code: it has no technical component',
    '8': 'a physician interpretation code: it has no technical component',
  },
});

export type FitVerdict =
  /** the code's data allows it outright (an MPFS indicator, an anesthesia or E/M code) */
  | 'allowed'
  /** allowed with documentation of medical necessity */
  | 'with-documentation'
  /** nothing in the data says either way */
  | 'neutral'
  /** unusual on this code but not an error (E/M-only modifiers elsewhere, global-period modifiers on XXX codes) */
  | 'unlikely'
  /** the data says it cannot go on this code: `modifier.not-applicable` */
  | 'misfit';

export interface ModifierFit {
  verdict: FitVerdict;
  /** why, in one clause (empty when there is nothing specific to say) */
  reason: string;
}

const says = (r: IndicatorRule, v: string) => `MPFS ${r.label} indicator ${v}: ${r.meanings[v] ?? 'unknown value'}`;

/** The MPFS indicators of a code's global row (no modifier), else its first row, in the MPFS year in force on the date. */
function indicatorsOf(data: Data, code: string, dateOfService?: string): { ind?: MpfsIndicators; year?: string } {
  const info = data.procedures.get(code, dateOfService);
  return { ind: info?.mpfs.find((r) => r.modifier === '') ?? info?.mpfs[0], year: info?.mpfsYear?.year.id };
}

/**
 * How modifier `mod` fits procedure code `parent`, from the code's kind and its MPFS indicators in the MPFS year
 * in force on `dateOfService` (no date: the newest bundled year). A code not in that year's file is judged on its
 * kind only (`cpt.deleted` says it is gone).
 */
export function modifierFit(data: Data, mod: string, parent: string, dateOfService?: string): ModifierFit {
  const anesthesia = isAnesthesiaCode(parent);
  const em = isEvaluationAndManagementCode(parent);
  if (ANESTHESIA_MODIFIERS.has(mod)) {
    return anesthesia
      ? { verdict: 'allowed', reason: `${parent} is an anesthesia code` }
      : { verdict: 'misfit', reason: `${mod} is an anesthesia modifier and ${parent} is not an anesthesia code (00100-01999)` };
  }
  if (EM_ONLY.has(mod) || EM_USUAL.has(mod)) {
    if (em) return { verdict: 'allowed', reason: `${parent} is an evaluation and management code` };
    return EM_ONLY.has(mod)
      ? { verdict: 'misfit', reason: `${mod} applies only to evaluation and management services, and ${parent} is not one` }
      : { verdict: 'unlikely', reason: 'for evaluation and management codes' };
  }
  if (DISTINCT_SERVICE.has(mod) && em) {
    return {
      verdict: 'misfit',
      reason: `${mod} marks a distinct procedural service and may not be appended to an evaluation and management code such as ${parent} (use 25 for a separate E/M)`,
    };
  }
  if (ANATOMIC_MODIFIERS.has(mod) && em) {
    return { verdict: 'misfit', reason: `${mod} is an anatomic modifier (the site of a procedure) and ${parent} is an evaluation and management code, which has no anatomic site` };
  }
  if (PERFORMANCE_MODIFIERS.has(mod)) {
    return /^\d{4}F$/.test(parent)
      ? { verdict: 'allowed', reason: `${parent} is a CPT Category II (performance measurement) code` }
      : { verdict: 'misfit', reason: `${mod} is a CPT Category II performance-measure modifier and ${parent} is not a Category II code (ending in F)` };
  }
  if (mod === '51') {
    const aoc = data.procedures.get(parent, dateOfService)?.aoc;
    if (aoc) return { verdict: 'misfit', reason: `${parent} is an add-on code (NCCI AOC edit type ${aoc.editType}): add-on codes are exempt from the multiple-procedure reduction, so 51 never applies` };
  }
  const { ind, year } = indicatorsOf(data, parent, dateOfService);
  const r = BY_INDICATOR[mod];
  if (!ind) return { verdict: 'neutral', reason: r ? `no MPFS indicator for ${parent} says otherwise` : '' };
  // "(MPFS CY2023)" only when the year is not the newest: most dates are judged at the newest year
  const newest = data.procedures.mpfsYears[data.procedures.mpfsYears.length - 1]?.id;
  const inYear = year && year !== newest ? ` (MPFS ${year})` : '';
  if (r) {
    const v = ind[r.field];
    if (v in r.forbidden) {
      const special = r.forbidden[v];
      return { verdict: 'misfit', reason: special ? `${parent} is ${special} (MPFS ${r.label} indicator ${v}${year && year !== newest ? `, ${year}` : ''})` : `${says(r, v)}${inYear}` };
    }
    const note = `MPFS ${r.label} indicator ${v} for ${parent}${inYear}: ${r.meanings[v] ?? v}`;
    if (r.allowed.includes(v)) return { verdict: 'allowed', reason: note };
    if (r.withDocs?.includes(v)) return { verdict: 'with-documentation', reason: note };
    return { verdict: 'neutral', reason: '' };
  }
  if (mod === '51') {
    if (ind.multProc === '0') return { verdict: 'misfit', reason: `MPFS multiple procedure indicator 0 for ${parent}${inYear}: ${MULT_PROC_IND['0']}, so 51 does not apply` };
    if (['1', '2', '3'].includes(ind.multProc)) return { verdict: 'allowed', reason: `MPFS multiple procedure indicator ${ind.multProc} for ${parent}${inYear}: ${MULT_PROC_IND[ind.multProc]}` };
  }
  if (GLOBAL_PERIOD.has(mod)) {
    if (ind.globalDays === '010' || ind.globalDays === '090') return { verdict: 'allowed', reason: `${parent} has a global period (${GLOBAL_DAYS[ind.globalDays]})${inYear}` };
    if (ind.globalDays === 'XXX') return { verdict: 'unlikely', reason: `${parent} has no global period (MPFS global days XXX)${inYear}` };
  }
  return { verdict: 'neutral', reason: '' };
}

/** Where a modifier applies at all, in one sentence for the hover and `explain` (undefined: anywhere). */
export function modifierScope(mod: string): string | undefined {
  const r = BY_INDICATOR[mod];
  if (r) {
    const docs = r.withDocs?.length ? ` (${r.withDocs.join(' or ')} with documentation of medical necessity)` : '';
    return `Allowed only where the MPFS ${r.label} indicator is ${r.allowed.join(', ').replace(/, (?=[^,]*$)/, ' or ')}${docs}.`;
  }
  if (ANESTHESIA_MODIFIERS.has(mod)) return 'Anesthesia codes (00100-01999) only.';
  if (EM_ONLY.has(mod) || EM_USUAL.has(mod)) return 'Evaluation and management codes only.';
  if (GLOBAL_PERIOD.has(mod)) return 'Relates to the global surgical period of a procedure.';
  if (DISTINCT_SERVICE.has(mod)) return 'Never on evaluation and management codes (NCCI).';
  if (ANATOMIC_MODIFIERS.has(mod)) return 'An anatomic modifier: on procedures, never on evaluation and management codes.';
  if (PERFORMANCE_MODIFIERS.has(mod)) return 'CPT Category II codes (ending in F) only.';
  if (mod === '51') return 'Not on add-on codes, nor where the MPFS multiple procedure indicator is 0.';
  return undefined;
}

/** A modifier ranked for completion on a code: lower tier first; excluded ones are never offered. */
export interface RankedFit {
  /** 0 allowed outright, 1 with documentation, 2 general-purpose (CPT and everyday Level II), 3 other Level II, 4 unlikely here */
  tier: 0 | 1 | 2 | 3 | 4;
  /** the diagnostics would flag it on this code, or it is discontinued on the date of service */
  excluded: boolean;
  note: string;
}

export function rankModifier(data: Data, m: ModifierInfo, parent: string | undefined, dateOfService: string): RankedFit {
  if (m.termDate && m.termDate <= dateOfService) return { tier: 4, excluded: true, note: `discontinued ${m.termDate}` };
  const general: RankedFit = { tier: m.level === 'CPT' || COMMON_LEVEL_II.has(m.code) ? 2 : 3, excluded: false, note: '' };
  if (!parent) return general;
  const fit = modifierFit(data, m.code, parent, dateOfService || undefined);
  switch (fit.verdict) {
    case 'misfit':
      return { tier: 4, excluded: true, note: `Modifier ${m.code} does not fit ${parent}: ${fit.reason}` };
    case 'allowed':
      return { tier: 0, excluded: false, note: fit.reason };
    case 'with-documentation':
      return { tier: 1, excluded: false, note: fit.reason };
    case 'unlikely':
      return { tier: 4, excluded: false, note: fit.reason };
    case 'neutral':
      return general;
  }
}
