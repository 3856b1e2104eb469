import type { DateSource } from '../dates';
import { keepShape } from '../shapes';

/**
 * Which reader a document gets: prose and markdown tables ('note'), a delimited file with a header row ('csv':
 * comma, tab, pipe or semicolon separated) or an X12 interchange ('x12': 837P/837I claims, read element by element).
 */
export type DocumentFormat = 'note' | 'csv' | 'x12';

export type CodeSystemId = 'icd10cm' | 'cpt' | 'hcpcs' | 'modifier' | 'taxonomy' | 'pos';

const OFFICIAL_TITLES: Record<CodeSystemId, string> = {
  icd10cm: 'ICD-10-CM',
  cpt: 'CPT',
  hcpcs: 'HCPCS Level II',
  modifier: 'Modifier',
  taxonomy: 'NUCC taxonomy',
  pos: 'Place of service',
};

/** The name of a code system as its publisher writes it; every message, hover and list uses this. */
export function officialTitle(s: CodeSystemId): string {
  return OFFICIAL_TITLES[s];
}

/** Where the evidence that a token is a code came from. */
export type Evidence =
  | 'column' // a table/CSV column whose header names the code system
  | 'label' // a label on the same line ("CPT", "ICD-10", "modifier", "taxonomy" …)
  | 'suffix' // a modifier written after a procedure code (0264T-22, 99213 25)
  | 'data' // only the data: the token exists in the official files
  | 'shape'; // a shape that is unmistakably a code (M79.99, 0350T) in a supporting context

export interface StatedDescription {
  text: string;
  start: number;
  end: number;
  /**
   * a table cell or a "CODE — description" line: trustworthy enough for word-overlap checks; 'sentence': the words
   * after a code with no separator ("Dx: M79.641 Pain in left hand", "M79.641 (pain in left hand)"), judged only
   * when they contradict the title or are another code's
   */
  kind: 'cell' | 'line' | 'sentence';
}

export interface CodeToken {
  start: number;
  end: number;
  /** text as written */
  text: string;
  system: CodeSystemId;
  /** normalised code (ICD-10-CM without dot, upper case) */
  code: string;
  evidence: Evidence;
  /** true when the code exists in the data (any edition) */
  known: boolean;
  /** 0-based line */
  line: number;
  /** for modifiers: the procedure code they modify (and how the link was made) */
  parent?: CodeToken;
  parentVia?: 'suffix' | 'line' | 'row' | 'subject';
  /** for procedure codes: modifiers written with them */
  modifiers?: CodeToken[];
  stated?: StatedDescription;
  /** an endpoint of a range ("A0021-A0999", "99201 through 99215"): names a span, claims no code (scanner/ranges.ts) */
  range?: { role: 'start' | 'end'; other: { text: string; start: number; end: number } };
  /** written with the "more characters needed" dash (E11.31-, J45.-): a reference to a header, not a code on a claim */
  open?: boolean;
  /** the date of service that judges this code, and where it came from (set by analyze) */
  service?: { date: string; source: DateSource };
}

/**
 * Every token starts here, so all share one hidden class with `stated` and `service` in the object itself (set
 * after creation they took a separate property array: ~36 bytes more per token). The rarer fields (parent,
 * modifiers, range, open) are left out: Node runs V8 without pointer compression, each slot is 8 bytes, and most
 * tokens never have them.
 */
export function codeToken(
  start: number,
  end: number,
  text: string,
  system: CodeSystemId,
  code: string,
  evidence: Evidence,
  known: boolean,
  line: number,
  stated?: StatedDescription,
): CodeToken {
  return { start, end, text, system, code, evidence, known, line, stated, service: undefined };
}

// a token later given a parent, modifiers, a range or an open mark takes a shape of its own: one of each is kept
keepShape(codeToken, () => {
  const husk = () => codeToken(0, 0, '', 'modifier', '', 'label', false, 0);
  const child = husk();
  child.parent = husk();
  child.parentVia = 'line';
  const parent = husk();
  parent.modifiers = [];
  const range = husk();
  range.range = { role: 'start', other: { text: '', start: 0, end: 0 } };
  const open = husk();
  open.open = true;
  return [child, parent, range, open];
});
