import type { Layout } from '../scanner/layout';
import type { X12SegmentInfo } from '../scanner/x12-loops';

/**
 * A compact dictionary of the segments an 837P/837I uses (005010X222A1, X223A2): each segment's name and meaning,
 * its elements' names and, for qualifiers, what their common values mean. Not the whole implementation guide: the
 * names a biller needs when reading a claim, for hover and for naming elements in findings ("HI01-2").
 */

export interface X12ElementDef {
  name: string;
  /** what common values mean (qualifiers: NM101 85 = billing provider …) */
  values?: Record<string, string>;
  /** a composite's components, in order (HI01-1, HI01-2 …) */
  components?: X12ElementDef[];
}

export interface X12SegmentDef {
  name: string;
  /** one sentence: what the segment says */
  meaning: string;
  /** elements[0] is element 01 */
  elements: X12ElementDef[];
}

const ENTITY: Record<string, string> = {
  '41': 'submitter', '40': 'receiver', '85': 'billing provider', '87': 'pay-to address', PE: 'pay-to plan',
  IL: 'subscriber (insured)', QC: 'patient', PR: 'payer', '71': 'attending provider', '72': 'operating physician',
  ZZ: 'other operating physician', DN: 'referring provider', DK: 'ordering provider', DQ: 'supervising provider',
  '82': 'rendering provider', '77': 'service facility', FA: 'facility', '45': 'drop-off location', PW: 'pick-up address',
};

const DATE_QUALIFIER: Record<string, string> = {
  '472': 'service date', '434': 'statement dates', '435': 'admission date and hour', '096': 'discharge hour',
  '431': 'onset of current illness or symptom', '454': 'initial treatment', '304': 'latest visit or consultation',
  '453': 'acute manifestation', '439': 'accident', '484': 'last menstrual period', '455': 'last X-ray',
  '471': 'prescription', '360': 'initial disability period start', '361': 'initial disability period end',
  '297': 'last worked', '296': 'return to work', '090': 'assumed care', '091': 'relinquished care',
  '444': 'first visit or consultation', '050': 'repricer received', '573': 'claim check or remittance (adjudication)',
  '738': 'most recent hemoglobin or hematocrit', '739': 'most recent serum creatinine', '011': 'shipped',
  '607': 'certification revision', '463': 'begin therapy', '461': 'last certification',
};

const DATE_FORMAT = { name: 'Date time period format qualifier', values: { D8: 'a date, CCYYMMDD', RD8: 'a date range, CCYYMMDD-CCYYMMDD', DT: 'a date and time, CCYYMMDDHHMM' } };

/** HI01-1 … HI12-1: what the composite holds. */
export const HI_QUALIFIER: Record<string, string> = {
  ABK: 'ICD-10-CM principal diagnosis', ABF: 'ICD-10-CM other diagnosis', ABJ: 'ICD-10-CM admitting diagnosis',
  APR: 'ICD-10-CM patient reason for visit', ABN: 'ICD-10-CM external cause of injury',
  BK: 'ICD-9-CM principal diagnosis', BF: 'ICD-9-CM other diagnosis', BJ: 'ICD-9-CM admitting diagnosis',
  PR: 'ICD-9-CM patient reason for visit', BN: 'ICD-9-CM external cause of injury',
  BBR: 'ICD-10-PCS principal procedure', BBQ: 'ICD-10-PCS other procedure', BR: 'ICD-9-CM principal procedure',
  BQ: 'ICD-9-CM other procedure', CAH: 'CPT/HCPCS principal procedure (advanced billing concepts)',
  BP: 'HCPCS principal procedure', BO: 'HCPCS other procedure',
  BH: 'occurrence code (not a diagnosis)', BI: 'occurrence span code (not a diagnosis)', BE: 'value code (not a diagnosis; HI0x-5 its amount)',
  BG: 'condition code (not a diagnosis)', DR: 'diagnosis related group (DRG), not a diagnosis', TC: 'treatment code',
  BA: 'anesthesia related procedure (HCPCS)',
};

const PROCEDURE_QUALIFIER: Record<string, string> = {
  HC: 'CPT or HCPCS Level II code', ER: 'jurisdiction-specific procedure code', IV: 'home infusion EDI coalition code',
  WK: 'advanced billing concepts code', N4: 'national drug code (NDC) 5-4-2',
};

const procedureComposite = (prefix: string): X12ElementDef => ({
  name: `Composite medical procedure identifier (${prefix})`,
  components: [
    { name: 'Product or service ID qualifier', values: PROCEDURE_QUALIFIER },
    { name: 'Procedure code (CPT/HCPCS after HC)' },
    { name: 'Procedure modifier 1' },
    { name: 'Procedure modifier 2' },
    { name: 'Procedure modifier 3' },
    { name: 'Procedure modifier 4' },
    { name: 'Description (free text, never a code or modifier)' },
  ],
});

const hiComposite = (n: number): X12ElementDef => ({
  name: n === 1 ? 'Health care code information (first code)' : `Health care code information (code ${n})`,
  components: [
    { name: 'Code list qualifier', values: HI_QUALIFIER },
    { name: 'Industry code (the diagnosis or other code, no decimal point)' },
    { name: 'Date time period format qualifier (occurrence codes)', values: DATE_FORMAT.values },
    { name: 'Date time period (occurrence codes)' },
    { name: 'Monetary amount (value codes)' },
    { name: 'Quantity' },
    { name: 'Version identifier' },
    { name: 'Industry code' },
    { name: 'Present on admission indicator (837I)', values: { Y: 'present at the time of admission', N: 'not present at admission', U: 'documentation insufficient', W: 'clinically undetermined', '1': 'exempt from POA reporting' } },
  ],
});

const e = (name: string, values?: Record<string, string>): X12ElementDef => (values ? { name, values } : { name });

export const SEGMENTS: Record<string, X12SegmentDef> = {
  ISA: {
    name: 'Interchange control header',
    meaning: 'Opens the interchange: sender, receiver, date, control number and (by position) the delimiters. Fixed length, 106 characters.',
    elements: [
      e('Authorization information qualifier', { '00': 'no authorization information' }), e('Authorization information'),
      e('Security information qualifier', { '00': 'no security information' }), e('Security information'),
      e('Interchange ID qualifier (sender)', { ZZ: 'mutually defined', '01': 'DUNS', '27': 'carrier ID (CMS)', '28': 'fiscal intermediary ID (CMS)', '30': 'federal tax ID' }),
      e('Interchange sender ID'),
      e('Interchange ID qualifier (receiver)', { ZZ: 'mutually defined', '01': 'DUNS', '27': 'carrier ID (CMS)', '28': 'fiscal intermediary ID (CMS)', '30': 'federal tax ID' }),
      e('Interchange receiver ID'), e('Interchange date (YYMMDD)'), e('Interchange time (HHMM)'),
      e('Repetition separator'), e('Interchange control version number', { '00501': 'version 5010' }), e('Interchange control number'),
      e('Acknowledgment requested', { '0': 'no TA1 acknowledgment requested', '1': 'TA1 acknowledgment requested' }),
      e('Interchange usage indicator', { P: 'production data', T: 'test data' }), e('Component element separator'),
    ],
  },
  IEA: { name: 'Interchange control trailer', meaning: 'Closes the interchange: the number of functional groups and ISA13 repeated.', elements: [e('Number of included functional groups'), e('Interchange control number (= ISA13)')] },
  GS: {
    name: 'Functional group header',
    meaning: 'Opens a group of transaction sets of one kind (HC: health care claims).',
    elements: [
      e('Functional identifier code', { HC: 'health care claim (837)' }), e("Application sender's code"), e("Application receiver's code"),
      e('Date (CCYYMMDD)'), e('Time (HHMM)'), e('Group control number'), e('Responsible agency code', { X: 'Accredited Standards Committee X12' }),
      e('Version / release / industry identifier code', { '005010X222A1': '837 professional, 5010', '005010X223A2': '837 institutional, 5010', '005010X224A2': '837 dental, 5010' }),
    ],
  },
  GE: { name: 'Functional group trailer', meaning: 'Closes the functional group: the number of transaction sets and GS06 repeated.', elements: [e('Number of transaction sets included'), e('Group control number (= GS06)')] },
  ST: {
    name: 'Transaction set header',
    meaning: 'Opens one transaction set (837: health care claim).',
    elements: [e('Transaction set identifier code', { '837': 'health care claim' }), e('Transaction set control number'), e('Implementation convention reference', { '005010X222A1': '837 professional', '005010X223A2': '837 institutional', '005010X224A2': '837 dental' })],
  },
  SE: { name: 'Transaction set trailer', meaning: 'Closes the transaction set: the number of segments from ST to SE (both included) and ST02 repeated.', elements: [e('Number of included segments'), e('Transaction set control number (= ST02)')] },
  BHT: {
    name: 'Beginning of hierarchical transaction',
    meaning: 'The batch: its structure, purpose, reference, date and type.',
    elements: [e('Hierarchical structure code', { '0019': 'information source, subscriber, dependent' }), e('Transaction set purpose code', { '00': 'original', '18': 'reissue' }), e('Originator application transaction identifier'), e('Transaction set creation date'), e('Transaction set creation time'), e('Transaction type code', { CH: 'chargeable', RP: 'reporting (encounters)', '31': 'subrogation demand' })],
  },
  HL: {
    name: 'Hierarchical level',
    meaning: 'Starts a level of the claim hierarchy: billing provider (20), subscriber (22) or patient (23).',
    elements: [e('Hierarchical ID number'), e('Hierarchical parent ID number'), e('Hierarchical level code', { '20': 'information source (billing provider, loop 2000A)', '22': 'subscriber (loop 2000B)', '23': 'dependent / patient (loop 2000C)' }), e('Hierarchical child code', { '0': 'no subordinate level', '1': 'has subordinate levels' })],
  },
  PRV: {
    name: 'Provider information',
    meaning: "A provider's role and NUCC taxonomy code.",
    elements: [e('Provider code', { BI: 'billing provider', PE: 'performing (rendering) provider', AT: 'attending provider', RF: 'referring provider', OP: 'operating provider', PT: 'pay-to provider', SU: 'supervising provider' }), e('Reference identification qualifier', { PXC: 'NUCC health care provider taxonomy code' }), e('Provider taxonomy code')],
  },
  NM1: {
    name: 'Individual or organizational name',
    meaning: 'Names a party of the claim (submitter, provider, subscriber, patient, payer …) and its identifier.',
    elements: [
      e('Entity identifier code', ENTITY), e('Entity type qualifier', { '1': 'person', '2': 'non-person entity (organization)' }),
      e('Name last or organization name'), e('Name first'), e('Name middle'), e('Name prefix'), e('Name suffix'),
      e('Identification code qualifier', { XX: 'NPI (National Provider Identifier)', MI: 'member identification number', PI: 'payer identification', '46': 'electronic transmitter identification number (ETIN)', II: 'standard unique health identifier', XV: 'CMS plan ID' }),
      e('Identification code'),
    ],
  },
  N3: { name: 'Address information', meaning: 'Street address lines.', elements: [e('Address line 1'), e('Address line 2')] },
  N4: { name: 'Geographic location', meaning: 'City, state and ZIP code (a ZIP is never a procedure code).', elements: [e('City name'), e('State or province code'), e('Postal (ZIP) code'), e('Country code'), e('Location qualifier'), e('Location identifier'), e('Country subdivision code')] },
  PER: { name: 'Administrative communications contact', meaning: 'A contact and up to three phone, fax or e-mail numbers.', elements: [e('Contact function code', { IC: 'information contact' }), e('Name'), e('Communication number qualifier', { TE: 'telephone', FX: 'fax', EM: 'e-mail', EX: 'extension' }), e('Communication number'), e('Communication number qualifier', { TE: 'telephone', FX: 'fax', EM: 'e-mail', EX: 'extension' }), e('Communication number'), e('Communication number qualifier', { TE: 'telephone', FX: 'fax', EM: 'e-mail', EX: 'extension' }), e('Communication number')] },
  REF: {
    name: 'Reference information',
    meaning: 'An identifier, named by its qualifier.',
    elements: [e('Reference identification qualifier', { EI: 'employer identification number (EIN)', SY: 'social security number', D9: 'claim number (clearinghouse trace)', F8: 'payer claim control number (original reference)', G1: 'prior authorization number', '9F': 'referral number', '6R': 'line item control number', X4: 'CLIA number', EA: 'medical record number', G2: 'provider commercial number', '0B': 'state license number', LU: 'location number', '1W': 'member identification number' }), e('Reference identification'), e('Description')],
  },
  SBR: {
    name: 'Subscriber information',
    meaning: "Who pays in which order (primary, secondary …), the subscriber's relationship to the patient and the insurance type.",
    elements: [
      e('Payer responsibility sequence number code', { P: 'primary', S: 'secondary', T: 'tertiary', A: 'payer 4', B: 'payer 5', U: 'unknown' }),
      e('Individual relationship code', { '18': 'self', '01': 'spouse', '19': 'child', '20': 'employee', '21': 'unknown', '39': 'organ donor', '53': 'life partner', G8: 'other relationship' }),
      e('Group or policy number'), e('Group name'), e('Insurance type code', { '12': 'Medicare secondary, working aged', '13': 'Medicare secondary, ESRD', '14': 'Medicare secondary, no-fault', '47': 'Medicare secondary, other liability' }),
      e('Coordination of benefits code'), e('Yes/no condition or response code'), e('Employment status code'),
      e('Claim filing indicator code', { MB: 'Medicare Part B', MA: 'Medicare Part A', MC: 'Medicaid', CI: 'commercial insurance', BL: 'Blue Cross/Blue Shield', HM: 'HMO', '16': 'HMO Medicare risk', CH: 'TRICARE (CHAMPUS)', VA: 'Veterans Affairs plan', WC: "workers' compensation", ZZ: 'mutually defined' }),
    ],
  },
  PAT: { name: 'Patient information', meaning: "The patient's relationship to the subscriber (loop 2000C) and, for some claims, death date, weight or pregnancy.", elements: [e('Individual relationship code', { '01': 'spouse', '19': 'child', '20': 'employee', '21': 'unknown', '39': 'organ donor', '53': 'life partner', G8: 'other relationship' }), e('Patient location code'), e('Employment status code'), e('Student status code'), e('Date time period format qualifier'), e('Patient death date'), e('Unit of measure', { '01': 'actual pounds' }), e('Patient weight'), e('Pregnancy indicator', { Y: 'pregnant' })] },
  DMG: { name: 'Demographic information', meaning: 'Birth date and administrative sex of the subscriber or patient.', elements: [e('Date time period format qualifier', { D8: 'a date, CCYYMMDD' }), e('Birth date (CCYYMMDD)'), e('Gender code', { F: 'female', M: 'male', U: 'unknown' })] },
  CLM: {
    name: 'Claim information',
    meaning: 'Starts a claim (loop 2300): patient control number, total charge, place of service or facility type, frequency and signatures.',
    elements: [
      e('Patient control number (claim submitter identifier)'), e('Total claim charge amount'), e('Claim filing indicator (not used)'), e('Non-institutional claim type (not used)'),
      {
        name: 'Health care service location information',
        components: [
          { name: 'Place of service code (837P) or facility type code (837I)' },
          { name: 'Facility code qualifier', values: { B: 'place of service code (837P)', A: 'uniform billing claim form bill type (837I facility type)' } },
          { name: 'Claim frequency type code', values: { '1': 'original claim', '7': 'replacement of a prior claim', '8': 'void or cancel a prior claim', '0': 'non-payment / zero claim', '2': 'interim, first claim', '3': 'interim, continuing claim', '4': 'interim, last claim', '5': 'late charge(s)' } },
        ],
      },
      e('Provider or supplier signature indicator', { Y: 'yes', N: 'no' }),
      e('Assignment or plan participation code', { A: 'assigned', B: 'assignment accepted on clinical lab services only', C: 'not assigned' }),
      e('Benefits assignment certification indicator', { Y: 'yes', N: 'no', W: 'not applicable' }),
      e('Release of information code', { Y: 'signed statement permits release', I: 'informed consent to release (federal statutes)' }),
      e('Patient signature source code', { P: 'signature generated by provider' }),
      e('Related causes information (accident: AA auto, EM employment, OA other)'), e('Special program code'),
    ],
  },
  DTP: {
    name: 'Date or time or period',
    meaning: 'A date of the claim or line, named by its qualifier (472 service date …).',
    elements: [e('Date/time qualifier', DATE_QUALIFIER), DATE_FORMAT, e('Date time period (CCYYMMDD, or CCYYMMDD-CCYYMMDD after RD8)')],
  },
  CL1: { name: 'Institutional claim code', meaning: 'Admission type, admission source and patient status (837I).', elements: [e('Admission type code', { '1': 'emergency', '2': 'urgent', '3': 'elective', '4': 'newborn', '5': 'trauma', '9': 'information not available' }), e('Admission source code'), e('Patient status code', { '01': 'discharged to home or self care', '02': 'discharged to a short-term hospital', '03': 'discharged to a skilled nursing facility', '20': 'expired', '30': 'still a patient' })] },
  HI: {
    name: 'Health care information codes',
    meaning: 'Diagnoses (ABK/ABF … ICD-10-CM, BK/BF … ICD-9-CM) and, on institutional claims, procedure, occurrence, value and condition codes and the DRG, each composite named by its qualifier.',
    elements: Array.from({ length: 12 }, (_, i) => hiComposite(i + 1)),
  },
  AMT: { name: 'Monetary amount information', meaning: 'An amount named by its qualifier (patient paid, payer paid …).', elements: [e('Amount qualifier code', { F5: 'patient amount paid', D: 'payer paid amount', EAF: 'remaining patient liability', A8: 'noncovered charge' }), e('Monetary amount')] },
  LX: { name: 'Service line number', meaning: 'Starts a service line (loop 2400).', elements: [e('Assigned number (line number, 1 up)')] },
  SV1: {
    name: 'Professional service',
    meaning: 'A professional service line (837P): procedure and modifiers, charge, units, place of service and diagnosis pointers.',
    elements: [
      procedureComposite('SV101'), e('Line item charge amount'), e('Unit or basis for measurement code', { UN: 'unit', MJ: 'minutes' }), e('Service unit count'),
      e('Place of service code (when it differs from CLM05-1)'), e('Service type code (not used)'),
      { name: 'Composite diagnosis code pointer', components: [e('Diagnosis code pointer 1 (position in HI, 1-12)'), e('Diagnosis code pointer 2'), e('Diagnosis code pointer 3'), e('Diagnosis code pointer 4')] },
      e('Monetary amount (not used)'), e('Emergency indicator', { Y: 'emergency' }), e('Multiple procedure code (not used)'), e('EPSDT indicator', { Y: 'EPSDT' }), e('Family planning indicator', { Y: 'family planning' }),
      e('Review code (not used)'), e('National or local assigned review value (not used)'), e('Copay status code', { '0': 'copay exempt' }),
    ],
  },
  SV2: {
    name: 'Institutional service line',
    meaning: 'An institutional service line (837I): revenue code, procedure and modifiers, charge, units.',
    elements: [
      e('Service line revenue code (NUBC)'), procedureComposite('SV202'), e('Line item charge amount'),
      e('Unit or basis for measurement code', { UN: 'unit', DA: 'days' }), e('Service unit count'), e('Unit rate'), e('Line item denied charge or non-covered charge amount'),
    ],
  },
  SVD: {
    name: 'Line adjudication information',
    meaning: 'What a prior payer paid on this line (loop 2430).',
    elements: [e('Other payer primary identifier'), e('Service line paid amount'), procedureComposite('SVD03'), e('Product or service ID (revenue code, 837I)'), e('Paid service unit count'), e('Bundled or unbundled line number')],
  },
  CAS: { name: 'Claim adjustment', meaning: 'Adjustments by group (CO contractual, PR patient responsibility, OA other, PI payer initiated, CR correction) with reason codes and amounts.', elements: [e('Claim adjustment group code', { CO: 'contractual obligations', PR: 'patient responsibility', OA: 'other adjustments', PI: 'payer initiated reductions', CR: 'corrections and reversals' }), e('Claim adjustment reason code (CARC)'), e('Adjustment amount'), e('Adjustment quantity')] },
  NTE: { name: 'Note / special instruction', meaning: 'Free-text note on the claim or line.', elements: [e('Note reference code', { ADD: 'additional information', CER: 'certification narrative', DCP: 'goals, rehabilitation potential or discharge plans', DGN: 'diagnosis description', TPO: 'third party organization notes' }), e('Description')] },
  LIN: { name: 'Item identification', meaning: 'A drug on the line (loop 2410): NDC after N4.', elements: [e('Assigned identification'), e('Product or service ID qualifier', { N4: 'national drug code (NDC) 5-4-2' }), e('National drug code')] },
  CTP: { name: 'Pricing information', meaning: 'Drug quantity and unit (loop 2410).', elements: [e('Class of trade code'), e('Price identifier code'), e('Unit price'), e('National drug unit count'), { name: 'Composite unit of measure', components: [e('Unit or basis for measurement code', { F2: 'international unit', GR: 'gram', ME: 'milligram', ML: 'milliliter', UN: 'unit' })] }] },
  PWK: { name: 'Claim supplemental information', meaning: 'Attachments sent with or after the claim.', elements: [e('Attachment report type code'), e('Attachment transmission code', { AA: 'available on request at provider site', BM: 'by mail', EL: 'electronically only', FX: 'by fax' })] },
  OI: { name: 'Other insurance coverage information', meaning: 'Benefits assignment and release of information for another payer (loop 2320).', elements: [e('Claim filing indicator code (not used)'), e('Claim submission reason code (not used)'), e('Benefits assignment certification indicator'), e('Patient signature source code'), e('Provider agreement code (not used)'), e('Release of information code')] },
  MOA: { name: 'Outpatient adjudication information', meaning: "Remark codes from another payer's outpatient adjudication.", elements: [e('Reimbursement rate'), e('HCPCS payable amount'), e('Claim payment remark code')] },
  CN1: { name: 'Contract information', meaning: 'Contract type and amount.', elements: [e('Contract type code'), e('Contract amount')] },
  CRC: { name: 'Conditions indicator', meaning: 'EPSDT referral, ambulance or vision conditions.', elements: [e('Code category'), e('Yes/no condition or response code'), e('Condition code')] },
  K3: { name: 'File information', meaning: 'Data the implementation guide has no element for.', elements: [e('Fixed format information')] },
  QTY: { name: 'Quantity information', meaning: 'A quantity named by its qualifier.', elements: [e('Quantity qualifier', { PT: 'patients', FL: 'units' }), e('Quantity')] },
  HCP: { name: 'Claim pricing / repricing information', meaning: "A repricer's pricing of the claim or line.", elements: [e('Pricing methodology'), e('Repriced allowed amount'), e('Repriced saving amount')] },
};

/** "HI01-2": segment id, two-digit element position, the component after a dash. */
export function elementRef(segmentId: string, element: number, component?: number): string {
  return `${segmentId}${String(element).padStart(2, '0')}${component === undefined ? '' : `-${component}`}`;
}

/** Where an offset is in an interchange: its segment, element (0 = the segment id) and component (1-based, in a composite). */
export interface X12Position {
  info: X12SegmentInfo;
  element: number;
  /** 1-based component, when the element is a composite (holds a component separator) */
  component?: number;
  start: number;
  end: number;
}

/** The segment, element and component at an offset (binary search over the segments), else undefined (between segments). */
export function x12PositionAt(layout: Layout, offset: number): X12Position | undefined {
  const segs = layout.x12Segments;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segs[mid].segment;
    if (offset < s.start) hi = mid - 1;
    else if (offset > s.end) lo = mid + 1;
    else {
      const els = s.elements;
      for (let n = 0; n < els.length; n++) {
        const el = els[n];
        if (offset < el.start || offset > el.end) continue;
        // on a separator: the element it ends
        if (n === 0 || el.components.length < 2) return { info: segs[mid], element: n, start: el.start, end: el.end };
        const k = el.components.findIndex((c) => offset >= c.start && offset <= c.end);
        const c = el.components[k];
        return { info: segs[mid], element: n, component: k + 1, start: c.start, end: c.end };
      }
      return undefined;
    }
  }
  return undefined;
}

/** The definition of element n (and component k) of a segment, when the dictionary has it. */
export function elementDef(segmentId: string, element: number, component?: number): X12ElementDef | undefined {
  const el = SEGMENTS[segmentId]?.elements[element - 1];
  if (!el || component === undefined) return el;
  if (!el.components) return component === 1 ? el : undefined;
  return el.components[component - 1];
}

/** The name of an element for messages: "HI01-2 (industry code …)". */
export function elementName(segmentId: string, element: number, component?: number): string {
  const ref = elementRef(segmentId, element, component);
  const d = elementDef(segmentId, element, component);
  return d ? `${ref} (${d.name.replace(/ \(.*\)$/, '').toLowerCase()})` : ref;
}

const LOOP_NAMES: Record<string, string> = {
  envelope: 'envelope', header: 'transaction header', '1000A': 'submitter name', '1000B': 'receiver name',
  '2000A': 'billing provider hierarchical level', '2010AA': 'billing provider name', '2010AB': 'pay-to address', '2010AC': 'pay-to plan',
  '2000B': 'subscriber hierarchical level', '2010BA': 'subscriber name', '2010BB': 'payer name', '2000C': 'patient hierarchical level',
  '2010CA': 'patient name', '2300': 'claim information', '2310': 'claim providers and facility', '2320': 'other subscriber information',
  '2330A': 'other subscriber name', '2330B': 'other payer name', '2400': 'service line', '2410': 'drug identification',
  '2420': 'line providers', '2430': 'line adjudication information',
};

export function loopName(loop: string): string | undefined {
  return LOOP_NAMES[loop];
}

/** What a hover says about a segment id or an element of an X12 document. */
export interface X12Description {
  start: number;
  end: number;
  /** "CLM — Claim information" or "CLM05-3 — Claim frequency type code" */
  title: string;
  /** one line: where it is ("Segment CLM · loop 2300 claim information · 837P") */
  status: string;
  sections: { heading: string; lines: string[] }[];
}

/**
 * The name and meaning of the segment id or element at an offset: a segment's name, meaning and elements; an
 * element's name and, for a qualifier, what its value means. Undefined between segments or for unknown segments.
 */
export function describeX12At(layout: Layout, offset: number): X12Description | undefined {
  const pos = x12PositionAt(layout, offset);
  if (!pos) return undefined;
  const { info, element, component } = pos;
  const id = info.segment.id;
  const seg = SEGMENTS[id];
  if (!seg) return undefined;
  const where = [`loop ${info.loop}${loopName(info.loop) && info.loop !== 'envelope' ? ` (${loopName(info.loop)})` : ''}`];
  if (info.transaction !== 'other') where.push(info.transaction);
  if (element === 0) {
    const lines = seg.elements.slice(0, 16).map((d, i) => `${elementRef(id, i + 1)}: ${d.name}`);
    if (seg.elements.length > 16) lines.push(`… ${seg.elements.length - 16} more`);
    return {
      start: pos.start,
      end: pos.end,
      title: `${id} — ${seg.name}`,
      status: `Segment · ${where.join(' · ')}`,
      sections: [
        { heading: 'Meaning', lines: [seg.meaning] },
        { heading: 'Elements', lines },
      ],
    };
  }
  const def = elementDef(id, element, component);
  const parent = component !== undefined ? SEGMENTS[id].elements[element - 1] : undefined;
  const ref = elementRef(id, element, component);
  const value = layout.text.slice(pos.start, pos.end).trim();
  const sections: X12Description['sections'] = [];
  if (def?.values) {
    const meaning = def.values[value];
    if (meaning) sections.push({ heading: 'Value', lines: [`${value}: ${meaning}`] });
    else if (value) sections.push({ heading: 'Value', lines: [`${value}: not one of the common values`] });
    const common = Object.entries(def.values).filter(([k, v]) => k !== value && v).slice(0, 8);
    if (common.length) sections.push({ heading: 'Common values', lines: common.map(([k, v]) => `${k}: ${v}`) });
  }
  if (parent?.components && def) sections.push({ heading: 'Composite', lines: [`${elementRef(id, element)}: ${parent.name}`] });
  sections.push({ heading: 'Segment', lines: [`${id}: ${seg.name}`] });
  return {
    start: pos.start,
    end: pos.end,
    title: `${ref} — ${def?.name ?? 'element'}`,
    status: `Element of ${id} · ${where.join(' · ')}`,
    sections,
  };
}
