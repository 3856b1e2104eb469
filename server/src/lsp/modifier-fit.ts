import {
  ANESTHESIA_MODIFIERS,
  ASST_IND,
  BILAT_IND,
  CO_SURG_IND,
  GLOBAL_DAYS,
  PCTC_IND,
  TEAM_IND,
  isAnesthesiaCode as isAnesthesia,
  isEvaluationAndManagementCode as isEm,
  modifierMisfit,
  type CodeData,
  type ModifierInfo,
} from '../engine';

/**
 * How well a modifier fits a procedure code, for ranking modifier completions and for the modifier hover.
 * Whether a modifier does NOT fit is asked of the engine's own `modifier.not-applicable` rule, so completion never
 * offers what the diagnostics would then flag; the positive reasons (which MPFS indicator allows it) are added here.
 */
export interface ModifierFit {
  /**
   * 0 = this code's data allows it outright (MPFS indicator, anesthesia/E/M code), 1 = allowed with documentation
   * of medical necessity, 2 = general-purpose (CPT and everyday Level II), 3 = other Level II, 4 = unlikely here
   */
  tier: 0 | 1 | 2 | 3 | 4;
  /** the diagnostics would flag it on this code (or it is discontinued) */
  excluded: boolean;
  /** one line on why (empty when there is nothing specific to say) */
  note: string;
}


/** Level II modifiers used with procedures every day: ranked with the CPT ones. */
const COMMON_LEVEL_II = new Set(['LT', 'RT', 'XE', 'XP', 'XS', 'XU', 'GA', 'GY', 'GZ', 'KX', 'GC', 'GX', 'FA', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'TA', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'E1', 'E2', 'E3', 'E4', 'LC', 'LD', 'RC', 'RI', 'LM', 'QW', 'CR', 'CS', 'ET', 'GT', 'FQ', '95', 'JW', 'JZ']);

/** Modifiers that only make sense on evaluation and management codes. */
const EM_MODIFIERS = new Set(['24', '25', '27', '57']);


export function modifierFit(data: CodeData, m: ModifierInfo, parent: string | undefined, dateOfService: string): ModifierFit {
  if (m.termDate && m.termDate <= dateOfService) return { tier: 4, excluded: true, note: `discontinued ${m.termDate}` };
  const general: ModifierFit = { tier: m.level === 'CPT' || COMMON_LEVEL_II.has(m.code) ? 2 : 3, excluded: false, note: '' };
  if (!parent) return general;

  // the engine's verdict, the same one the modifier.not-applicable diagnostics give
  const misfit = modifierMisfit(data, m.code, parent);
  if (misfit) return { tier: 4, excluded: true, note: `Modifier ${m.code} does not fit ${parent}: ${misfit}` };

  const info = data.procedures.get(parent);
  const g = info?.mpfs.find((r) => r.modifier === '') ?? info?.mpfs[0];
  const allows = (label: string, table: Record<string, string>, v: string, tier: 0 | 1 = 0): ModifierFit => ({
    tier,
    excluded: false,
    note: `MPFS ${label} indicator ${v} for ${parent}: ${table[v] ?? v}`,
  });
  if (ANESTHESIA_MODIFIERS.has(m.code) && isAnesthesia(parent)) return { tier: 0, excluded: false, note: `${parent} is an anesthesia code` };
  // E/M-only modifiers: first on E/M codes, last elsewhere (the rule itself only judges 25 and 57)
  if (EM_MODIFIERS.has(m.code)) {
    return isEm(parent) ? { tier: 0, excluded: false, note: `${parent} is an evaluation and management code` } : { tier: 4, excluded: false, note: 'for evaluation and management codes' };
  }
  if (!g) return general;
  // AS (Level II) follows the assistant-at-surgery indicator like 80-82; TC the PC/TC indicator like 26
  switch (m.indicator ?? (m.code === 'AS' ? 'asst' : m.code === 'TC' ? 'pctc' : undefined)) {
    case 'bilat':
      if (g.bilat === '1' || g.bilat === '3') return allows('bilateral surgery', BILAT_IND, g.bilat);
      break;
    case 'asst':
      if (g.asst === '0' || g.asst === '2') return allows('assistant at surgery', ASST_IND, g.asst, g.asst === '0' ? 1 : 0);
      break;
    case 'coSurg':
      if (g.coSurg === '1' || g.coSurg === '2') return allows('co-surgeon', CO_SURG_IND, g.coSurg, g.coSurg === '1' ? 1 : 0);
      break;
    case 'team':
      if (g.team === '1' || g.team === '2') return allows('team surgery', TEAM_IND, g.team, g.team === '1' ? 1 : 0);
      break;
    case 'pctc':
      if (['1', '6', '8'].includes(g.pctc)) return allows('PC/TC', PCTC_IND, g.pctc);
      break;
    case 'global':
      if (g.globalDays === '010' || g.globalDays === '090') return { tier: 0, excluded: false, note: `${parent} has a global period (${GLOBAL_DAYS[g.globalDays]})` };
      if (g.globalDays === 'XXX') return { tier: 4, excluded: false, note: `${parent} has no global period (MPFS global days XXX)` };
      break;
  }
  return general;
}
