/**
 * What a table or claim-export column holds, from its header. Real exports name columns in several styles: spaced
 * words ("Procedure Code", "1st Modifier"), snake_case data-model names with numbered series ("diagnosis_code_12",
 * "modifier_2"), and the upper-case abbreviations of CMS research files ("HCPCS_1ST_MDFR_CD", "ICD_DGNS_CD25",
 * "CLM_FROM_DT", "LINE_SRVC_CNT"). Headers are normalised to lower-case words, then matched in priority order:
 * what a column is *about* (a pointer to diagnoses, the version of the diagnosis codes, a date, an amount) outranks
 * the code system its name mentions.
 */

/** 'code': a column headed just "Code", which may hold any code system */
export type ColumnKind =
  // code columns: every cell is judged as a code of that system
  | 'icd10cm'
  | 'procedure'
  | 'code'
  | 'modifier'
  | 'taxonomy'
  | 'pos'
  | 'revenue'
  // codes of systems the engine does not judge (ICD-9-CM; ICD-10-PCS, LOINC, NDC …): never taken for ICD-10-CM or HCPCS
  | 'icd9'
  | 'other-code'
  // claim fields: read into the claim, never taken for codes
  | 'pointer'
  | 'icd-version'
  | 'code-system'
  | 'units'
  | 'charge'
  | 'date-from'
  | 'date-through'
  | 'date-service'
  | 'claim-id'
  | 'line-number'
  | 'patient-id'
  | 'patient-sex'
  | 'birth-date'
  | 'payer'
  | 'payer-id'
  | 'plan'
  | 'npi'
  | 'identifier'
  | 'zip'
  | 'description'
  // X12 elements: qualifiers, indicators and the standard's own code values; names, addresses and free text
  | 'qualifier'
  | 'text'
  | 'other';

/** Kinds whose cells are codes. */
export const CODE_COLUMN_KINDS: ReadonlySet<ColumnKind> = new Set<ColumnKind>(['icd10cm', 'procedure', 'code', 'modifier', 'taxonomy', 'pos']);

/** CMS research-file and data-model abbreviations, expanded to words before matching. */
const ABBREVIATIONS: Record<string, string> = {
  clm: 'claim', dgns: 'diagnosis', diag: 'diagnosis', dx: 'diagnosis', prcdr: 'procedure', proc: 'procedure', px: 'procedure',
  mdfr: 'modifier', mod: 'modifier', mods: 'modifier', vrsn: 'version', ver: 'version', dt: 'date', srvc: 'service', svc: 'service',
  cnt: 'count', qty: 'quantity', amt: 'amount', chrg: 'charge', chg: 'charge', pmt: 'payment', num: 'number', nbr: 'number', no: 'number',
  cd: 'code', prvdr: 'provider', prf: 'performing', physn: 'physician', bene: 'beneficiary', pt: 'patient', mbr: 'member',
  dob: 'birth date', ptr: 'pointer', pntr: 'pointer', rev: 'revenue', cntr: 'center', pos: 'place of service', plc: 'place',
  tax: 'taxonomy', spclty: 'specialty', thru: 'through', frm: 'from', strt: 'start', ln: 'line', adm: 'admitting', admtg: 'admitting',
  prncpal: 'principal', prin: 'principal', pdx: 'principal diagnosis', hcpcs: 'hcpcs', cpt: 'cpt', icd: 'icd', id: 'id', npi: 'npi',
  expns: 'expense', sex: 'sex', gndr: 'gender', zip: 'zip', poa: 'present on admission', pyr: 'payer', ins: 'insurance', sys: 'system',
};

/** "HCPCS_1ST_MDFR_CD" → "hcpcs 1st modifier code"; "diagnosisCode12" → "diagnosis code"; "Dx #3" → "diagnosis". */
export function normaliseHeader(header: string): string {
  const spaced = header
    .replace(/^\uFEFF/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/®/g, '')
    .replace(/[_\-./#:()[\]]+/g, ' ')
    // a series index at the end ("dx12", "modifier 2", "ICD_DGNS_CD25"), not an ordinal word ("1st")
    .replace(/(?<=[a-z])(\d{1,2})\s*$/, ' ')
    .replace(/\s\d{1,2}\s*$/, ' ');
  return spaced
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => ABBREVIATIONS[w] ?? w)
    .join(' ');
}

/** In priority order: the first pattern that matches the normalised header decides. */
const PATTERNS: [RegExp, ColumnKind][] = [
  [/\bdescr|\btitle\b|\bdefinition\b|\bmeaning\b|\bnarrative\b|^name$/, 'description'],
  [/\bpointer\b|\bdiagnosis ref|\blinked diagnos/, 'pointer'],
  [/\bversion\b|\bicd (?:9 )?10 flag|\bicd ind/, 'icd-version'],
  [/\b(?:code |coding )?system\b|\bcode ?type\b|\bcode set\b|\bvocabulary\b/, 'code-system'],
  [/\bdrg\b|\brelated group\b/, 'other'],
  [/\bnpi\b/, 'npi'],
  [/\bzip\b|\bpostal\b/, 'zip'],
  [/\bbirth\b/, 'birth-date'],
  [/\b(?:sex|gender)\b/, 'patient-sex'],
  [/\b(?:through|thru|end|to)\b.*\bdate\b|\bdate\b.*\b(?:through|end|to)\b/, 'date-through'],
  [/\b(?:from|start|begin|admission|admit)\b.*\bdate\b|\bdate\b.*\b(?:from|start)\b|^dos from$|^from dos$/, 'date-from'],
  [/\bdate\b|\bdos\b/, 'date-service'],
  [/\bamount\b|\bcharges?\b|\bpayment\b|\bpaid\b|\bprice\b|\bfee\b|\bcost\b|\ballowed\b|\bbalance\b|\$/, 'charge'],
  [/\bunits?\b|\bquantity\b|\bcount\b/, 'units'],
  [/\bline (?:item )?(?:number|id|seq)|^line$|\bline sequence\b|^seq(?:uence)?(?: number)?$/, 'line-number'],
  [/\bclaim (?:id|number|control)|^claim$|\bicn\b|\bclaim key\b|\bencounter (?:id|number)\b/, 'claim-id'],
  [/\b(?:patient|beneficiary|member|subscriber|person|account)\b.*\b(?:id|number|key)\b|\bmrn\b|\bdesynpuf id\b/, 'patient-id'],
  [/\b(?:payer|payor|insurance|plan) (?:id|number)\b/, 'payer-id'],
  [/^(?:health |insurance |benefit )?plan(?: type)?$|\bproduct line\b|\bline of business\b|^lob$/, 'plan'],
  [/\bpayer\b|\bpayor\b|\binsurance\b|\binsurer\b|\bplan name\b|\bcarrier\b/, 'payer'],
  [/\b(?:id|number|key|uuid|guid|tin|ein|phone|fax|ssn)\b/, 'identifier'],
  [/\bmodifiers?\b/, 'modifier'],
  [/\btaxonomy\b|\bspecialty code\b/, 'taxonomy'],
  [/\bplace of service\b/, 'pos'],
  [/\brevenue\b/, 'revenue'],
  [/\bicd ?9\b|\bicd9/, 'icd9'],
  [/\bicd (?:10 )?procedure\b|\bpcs\b/, 'other-code'],
  [/\bicd\b|\bdiagnos[ie]s code|^diagnos[ie]s$|^(?:primary|secondary|principal|admitting|other|first|second|additional|line|reason for visit) diagnos[ie]s$/, 'icd10cm'],
  [/^codes?$|^billing code$|^charge code$/, 'code'],
  [/\bcpt\b|\bhcpcs\b|\bprocedure code\b|^procedures?$|\bservice code\b|\bcdm\b/, 'procedure'],
];

export function columnKind(header: string): ColumnKind {
  const h = normaliseHeader(header.trim());
  if (!h) return 'other';
  // "Relationship to This Procedure" is prose, not a code column: only short headers name a column's content
  if (h.split(' ').length > 6) return /descr/.test(h) ? 'description' : 'other';
  // a present-on-admission indicator column holds Y/N/U/W, not codes
  if (/present on admission/.test(h) && !/diagnosis code/.test(h)) return 'other';
  for (const [re, kind] of PATTERNS) if (re.test(h)) return kind;
  if (/\bspecialty\b/.test(h)) return 'description';
  return 'other';
}
