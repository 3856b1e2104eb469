import type { CodeToken } from '../scanner/tokens';

/**
 * The claim model every reader produces (notes, delimited exports, X12): claims with their diagnoses and service
 * lines, each field pointing back at the text it was read from. Claim rules judge these; token rules judge codes.
 */

/** A value as written in the document, and where. */
export interface Field<T = string> {
  value: T;
  text: string;
  start: number;
  end: number;
}

export type { DateSource } from '../dates';

export interface ClaimDiagnosis {
  /** the code token (judged by the ICD-10-CM rules), absent for ICD-9-CM codes, which are not judged */
  token?: CodeToken;
  code: Field;
  /** 1-based position on the claim (pointer 1 = A = the first diagnosis) */
  position: number;
  /** ICD version the row says its diagnoses are in (9 or 10), when a version column (or an X12 qualifier) says so */
  version?: 9 | 10;
  /** principal / admitting / other, from the column name; X12 also patient reason for visit (APR) and external cause (ABN) */
  qualifier?: 'principal' | 'admitting' | 'other' | 'reason' | 'external-cause';
  /** X12 HI qualifier as written (ABK, ABF, BK …) */
  qualifierText?: Field;
  /** present-on-admission indicator (Y, N, U, W, 1; 837I HI-x-9) */
  presentOnAdmission?: Field;
}

export interface ServiceLine {
  /** 1-based line number: the line-number column, else the row's position in its claim */
  number: number;
  /** 0-based document line the service line starts on */
  line: number;
  start: number;
  end: number;
  procedure?: CodeToken;
  modifiers: CodeToken[];
  units?: Field<number | undefined>;
  charge?: Field<number | undefined>;
  /** the line's own date of service */
  date?: Field;
  through?: Field;
  /** pointers to the claim's diagnoses, 1-based */
  pointers?: Field<number[]>;
  revenueCode?: Field;
  /** X12 SV103/SV204: UN (units) or MJ (minutes) */
  unitBasis?: Field;
  /** X12 REF*6R: the line item control number */
  controlNumber?: Field;
  /** X12 2430 SVD: what a prior payer adjudicated (its procedure and modifiers are judged like the line's) */
  adjudicated?: { payerId?: Field; paid?: Field<number | undefined>; procedure?: CodeToken; modifiers: CodeToken[]; units?: Field<number | undefined> }[];
  placeOfService?: CodeToken;
  /** the row's diagnoses (flat exports repeat the claim's diagnoses on every row) */
  diagnoses: ClaimDiagnosis[];
}

export interface Claim {
  /** the claim id as written, else "row N" / "document" */
  id: string;
  /** the claim id column's cell, when there is one */
  idField?: Field;
  start: number;
  end: number;
  /** 0-based document line of the claim's first row */
  line: number;
  /** plan: the plan / product line column (payer policy packs) */
  payer?: { name?: Field; id?: Field; plan?: Field };
  patient?: { id?: Field; sex?: Field; birthDate?: Field };
  from?: Field;
  through?: Field;
  /** X12: whether the claim level states its dates (DTP*434 or DTP*472 in loop 2300); false: they span its lines' dates */
  datesStated?: boolean;
  /** X12: the transaction the claim is in */
  transaction?: '837P' | '837I';
  /** X12 CLM02: the claim's total charge */
  charge?: Field<number | undefined>;
  /** X12 CLM05: facility type code (837I) and claim frequency */
  facilityType?: Field;
  frequency?: Field;
  /** X12 DTP*435 admission and DTP*431 onset dates */
  admission?: Field;
  onset?: Field;
  placeOfService?: CodeToken;
  /** taxonomy codes of the claim's providers (X12: the billing provider's PRV*BI first) */
  taxonomy?: CodeToken[];
  diagnoses: ClaimDiagnosis[];
  lines: ServiceLine[];
}
