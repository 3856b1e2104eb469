// A small, hand-written code data set in the bundle's own shapes, so engine tests run without the real bundle.
// Titles follow the official wording of the real codes; a few flags are chosen to exercise every rule.
import { CodeData, type Bundles, type IcdRow } from '../../../server/src/engine';
import type { PtpBundle } from '../../../server/src/engine/data/ptp-codec';
import { dayBefore } from '../../../data/scripts/assemble/icd10cm';

/** The bundled editions, as the real bundle has them (mid-year updates are editions of their own). */
export const EDITIONS: [id: string, start: string][] = [
  ['FY2016', '2015-10-01'],
  ['FY2017', '2016-10-01'],
  ['FY2018', '2017-10-01'],
  ['FY2019', '2018-10-01'],
  ['FY2020', '2019-10-01'],
  ['FY2020-April', '2020-04-01'],
  ['FY2021', '2020-10-01'],
  ['FY2021-January', '2021-01-01'],
  ['FY2022', '2021-10-01'],
  ['FY2022-April', '2022-04-01'],
  ['FY2023', '2022-10-01'],
  ['FY2023-April', '2023-04-01'],
  ['FY2024', '2023-10-01'],
  ['FY2025', '2024-10-01'],
  ['FY2026', '2025-10-01'],
  ['FY2027', '2026-10-01'],
];
const index = (id: string) => {
  const i = EDITIONS.findIndex((e) => e[0] === id);
  if (i < 0) throw new Error(`fixture: no edition ${id}`);
  return i;
};
/** Mask of the editions from `first` to `last`, inclusive. */
const span = (first: string, last = 'FY2027') => {
  let m = 0;
  for (let i = index(first); i <= index(last); i++) m |= 1 << i;
  return m;
};
const ALL = span('FY2016');
const FY27 = span('FY2027');

const icd: [string, number, number, string, string?][] = [
  ['I10', ALL, ALL, 'Essential (primary) hypertension'],
  ['E11', ALL, 0, 'Type 2 diabetes mellitus'],
  ['E114', ALL, 0, 'Type 2 diabetes mellitus with neurological complications'],
  ['E1140', ALL, ALL, 'Type 2 diabetes mellitus with diabetic neuropathy, unspecified'],
  ['E119', ALL, ALL, 'Type 2 diabetes mellitus without complications'],
  ['M79', ALL, 0, 'Other and unspecified soft tissue disorders, not elsewhere classified'],
  ['M796', ALL, 0, 'Pain in limb, hand, foot, fingers and toes'],
  ['M7964', ALL, 0, 'Pain in hand and fingers'],
  ['M79641', ALL, ALL, 'Pain in right hand'],
  ['M79642', ALL, ALL, 'Pain in left hand'],
  ['M79643', ALL, ALL, 'Pain in unspecified hand'],
  ['M79644', ALL, ALL, 'Pain in right finger(s)'],
  ['M7965', ALL, 0, 'Pain in thigh'],
  ['M79651', ALL, ALL, 'Pain in right thigh'],
  ['M79652', ALL, ALL, 'Pain in left thigh'],
  ['M340', ALL, ALL, 'Progressive systemic sclerosis'],
  ['M341', ALL, ALL, 'CR(E)ST syndrome'],
  ['W21', ALL, 0, 'Striking against or struck by sports equipment'],
  ['W2189', ALL, 0, 'Striking against or struck by other sports equipment'],
  ['W2189X', ALL, 0, 'Striking against or struck by other sports equipment'],
  ['W2189XA', ALL, ALL, 'Striking against or struck by other sports equipment, initial encounter'],
  ['W2189XD', ALL, ALL, 'Striking against or struck by other sports equipment, subsequent encounter'],
  ['W2189XS', ALL, ALL, 'Striking against or struck by other sports equipment, sequela'],
  ['S52', ALL, 0, 'Fracture of forearm'],
  ['S525', ALL, 0, 'Fracture of lower end of radius'],
  ['S5252', ALL, 0, 'Torus fracture of lower end of radius'],
  ['S52521', ALL, 0, 'Torus fracture of lower end of right radius'],
  ['S52521A', ALL, ALL, 'Torus fracture of lower end of right radius, initial encounter for closed fracture'],
  ['S52521D', ALL, ALL, 'Torus fracture of lower end of right radius, subsequent encounter for fracture with routine healing'],
  ['S52521S', ALL, ALL, 'Torus fracture of lower end of right radius, sequela'],
  // billable until FY2026, a header with new children from FY2027 (as in the real FY2027 addenda)
  ['D691', ALL, span('FY2016', 'FY2026'), 'Qualitative platelet defects'],
  ['D6911', FY27, FY27, 'Glanzmann thrombasthenia'],
  ['D6919', FY27, FY27, 'Other qualitative platelet defects'],
  // deleted in FY2027, replaced by codes under the same prefix
  ['Q8781', span('FY2016', 'FY2026'), span('FY2016', 'FY2026'), 'Alport syndrome'],
  ['Q87810', FY27, FY27, 'Alport syndrome, X-linked'],
  ['Q87818', FY27, FY27, 'Other Alport syndrome'],
  // billable until FY2021-January, split in FY2022 (real)
  ['R05', ALL, span('FY2016', 'FY2021-January'), 'Cough'],
  ['R051', span('FY2022'), span('FY2022'), 'Acute cough'],
  ['R052', span('FY2022'), span('FY2022'), 'Subacute cough'],
  ['R053', span('FY2022'), span('FY2022'), 'Chronic cough'],
  ['R054', span('FY2022'), span('FY2022'), 'Cough syncope'],
  ['R058', span('FY2022'), span('FY2022'), 'Other specified cough'],
  ['R059', span('FY2022'), span('FY2022'), 'Cough, unspecified'],
  // H81.41-H81.49 deleted in FY2020, when H81.4 became billable (real)
  ['H81', ALL, 0, 'Disorders of vestibular function'],
  ['H814', ALL, span('FY2020'), 'Vertigo of central origin'],
  ['H8141', span('FY2016', 'FY2019'), span('FY2016', 'FY2019'), 'Vertigo of central origin, right ear'],
  ['H8142', span('FY2016', 'FY2019'), span('FY2016', 'FY2019'), 'Vertigo of central origin, left ear'],
  // valid from 2020-04-01 (FY2020-April window)
  ['U07', span('FY2020-April'), 0, 'Emergency use of U07'],
  ['U071', span('FY2020-April'), span('FY2020-April'), 'COVID-19'],
  // patient edits (real titles): chapter O and P, titles naming one sex, and titles naming a sex that fit either
  ['O80', ALL, ALL, 'Encounter for full-term uncomplicated delivery'],
  ['P59', ALL, 0, 'Neonatal jaundice from other and unspecified causes'],
  ['P599', ALL, ALL, 'Neonatal jaundice, unspecified'],
  ['N40', ALL, 0, 'Benign prostatic hyperplasia'],
  ['N400', ALL, ALL, 'Benign prostatic hyperplasia without lower urinary tract symptoms'],
  ['C56', ALL, 0, 'Malignant neoplasm of ovary'],
  ['C561', ALL, ALL, 'Malignant neoplasm of right ovary'],
  ['N39', ALL, 0, 'Other disorders of urinary system'],
  ['N393', ALL, ALL, 'Stress incontinence (female) (male)'],
  ['Z80', ALL, 0, 'Family history of primary malignant neoplasm'],
  ['Z804', ALL, 0, 'Family history of malignant neoplasm of genital organs'],
  ['Z8042', ALL, ALL, 'Family history of malignant neoplasm of prostate'],
  // title revised in FY2022: "[BMI]30.0" → "[BMI] 30.0" (real)
  ['Z68', ALL, 0, 'Body mass index [BMI]'],
  ['Z683', ALL, 0, 'Body mass index [BMI] 30-39, adult'],
  ['Z6830', ALL, ALL, 'Body mass index [BMI] 30.0-30.9, adult', `${index('FY2021-January')}\x1fBody mass index [BMI]30.0-30.9, adult\x1fBody mass index [BMI]30.0-30.9, adult`],
];

/** The bundled MPFS years (January files), as the real bundle has them. */
export const MPFS_YEARS = [2022, 2023, 2024, 2025];
/** Year mask of the MPFS years from `first` to `last`, inclusive. */
const years = (first: number, last = first) => MPFS_YEARS.reduce((m, y, i) => (y >= first && y <= last ? m | (1 << i) : m), 0);
const ALL_YEARS = years(2022, 2025);

export const icdRows: IcdRow[] = icd.map(([code, present, billable, long, older = '']) => [code, present, billable, older, long.slice(0, 60), long]);

export function fixtureBundles(): Bundles {
  return {
    icd10cm: {
      editions: EDITIONS.map(([id, start], i) => ({ id, start, end: EDITIONS[i + 1] ? dayBefore(EDITIONS[i + 1][1]) : '2027-09-30', source: 'fixture' })),
      rows: icdRows,
      changes: [
        { edition: 'FY2020', added: [], deleted: ['H8141', 'H8142'], revised: [], becameBillable: ['H814'] },
        { edition: 'FY2020-April', added: ['U07', 'U071'], deleted: [], revised: [] },
        { edition: 'FY2022', added: ['R051', 'R052', 'R053', 'R054', 'R058', 'R059'], deleted: [], revised: ['Z6830'], becameHeader: ['R05'] },
        { edition: 'FY2026', added: [], deleted: [], revised: [] },
        { edition: 'FY2027', added: ['D6911', 'D6919', 'Q87810', 'Q87818'], deleted: ['Q8781'], revised: [], becameHeader: ['D691'] },
      ],
    },
    icd10cmNotes: {
      edition: 'FY2017',
      chapters: [{ num: '13', desc: 'Diseases of the musculoskeletal system and connective tissue (M00-M99)', first: 'M00', last: 'M99' }],
      sections: [{ id: 'M70-M79', desc: 'Other soft tissue disorders (M70-M79)', first: 'M70', last: 'M79' }],
      notes: { M79: { excludes1: ['psychogenic rheumatism (F45.8)'] } },
      seventh: { W21: { defs: { A: 'initial encounter', D: 'subsequent encounter', S: 'sequela' } } },
    },
    hcpcs: {
      edition: '2026-01',
      rows: [
        ['E1140', 'Wheelchair, fully reclining, fixed full length arms, swing away detachable elevating legrests', 'Fixed full length arms', 'D', 'N', '19840101', '20030101', '', ''],
        ['G0008', 'Administration of influenza virus vaccine', 'Admin influenza virus vac', 'C', 'N', '19940101', '19960101', '', ''],
        ['J3490', 'Unclassified drugs', 'Drugs unclassified injection', 'D', 'N', '19860101', '19970101', '', ''],
        ['A9270', 'Non-covered item or service', 'Non-covered item or service', 'S', 'N', '19920101', '19920101', '', ''],
        ['A6460', 'Synthetic resorbable wound dressing, sterile, pad size 16 sq. in. or less, without adhesive border, each dressing', 'Synthetic drsg <= 16 sq in', 'C', 'N', '20190101', '20190101', '', ''],
        ['G0125', 'PET imaging regional or whole body; single pulmonary nodule', 'PET img 1 pulm nodule', 'C', 'D', '19980101', '20110101', '20101231', '78811'],
      ],
      modifiers: [
        ['XS', 'Separate structure, a service that is distinct because it was performed on a separate organ/structure', 'Separate organ/structure', '20150101', '20150101', '', 'N'],
        ['RT', 'Right side (used to identify procedures performed on the right side of the body)', 'Right side', '19920101', '19920101', '', 'N'],
        ['LT', 'Left side (used to identify procedures performed on the left side of the body)', 'Left side', '19920101', '19920101', '', 'N'],
        ['QK', 'Medical direction of two, three, or four concurrent anesthesia procedures involving qualified individuals', 'Med dir 2-4 cncrnt anes proc', '19980101', '19980101', '', 'N'],
        ['QX', 'Qualified nonphysician anesthetist service: with medical direction by a physician', 'CRNA svc w/ md med direction', '19950101', '19950101', '', 'N'],
        ['AS', 'Physician assistant, nurse practitioner, or clinical nurse specialist services for assistant at surgery', 'Assistant at surgery service', '20010101', '20010101', '', 'N'],
        ['E1', 'Upper left, eyelid', 'Upper left eyelid', '19920101', '19920101', '', 'N'],
        ['FA', 'Left hand, thumb', 'Left hand, thumb', '19920101', '19920101', '', 'N'],
        ['GA', 'Waiver of liability statement issued as required by payer policy, individual case', 'Liability waiver ind case', '19950101', '20110101', '', 'N'],
      ],
    },
    mpfs: {
      edition: 'CY2022-CY2025',
      years: MPFS_YEARS.map((year) => ({ id: `CY${year}`, year, edition: `RVU${year % 100}A (CY${year} January)`, start: `${year}-01-01`, end: `${year}-12-31`, rows: 0, source: 'fixture' })),
      // [code, mod, years (bit 0 = CY2022 … bit 3 = CY2025), status, pctc, glob, mult, bilat, asst, co, team, desc (newest year only)]
      rows: [
        ['0264T', '', ALL_YEARS, 'C', '0', 'XXX', '0', '0', '0', '0', '0', 'Im b1 mrw cel ther xcl hrvst'],
        ['96409', '', ALL_YEARS, 'A', '5', 'XXX', '0', '0', '0', '0', '0', 'Chemo iv push sngl drug'],
        // the 13th cell: settings without a price (NA indicators: N non-facility, F facility), as in the real CY2025 file
        ['27447', '', ALL_YEARS, 'A', '0', '090', '2', '1', '2', '1', '0', 'Total knee arthroplasty', 'N'],
        ['99213', '', ALL_YEARS, 'A', '0', 'XXX', '0', '0', '0', '0', '0', 'Office o/p est low 20 min', ''],
        ['11000', '', ALL_YEARS, 'A', '0', '000', '2', '0', '1', '0', '0', 'Debride infect skin'],
        ['01810', '', ALL_YEARS, 'J', '0', 'XXX', '9', '9', '9', '9', '9', 'Anesth nerves/muscles hand'],
        // status chosen to exercise the years: paid in CY2022, status I from CY2023
        ['97014', '', years(2022), 'A', '0', 'XXX', '5', '0', '0', '0', '0', ''],
        ['97014', '', years(2023, 2025), 'I', '9', 'XXX', '9', '9', '9', '9', '9', 'Electric stimulation therapy'],
        ['G0008', '', ALL_YEARS, 'X', '9', 'XXX', '9', '9', '9', '9', '9', 'Admin influenza virus vac'],
        ['71046', '', ALL_YEARS, 'A', '1', 'XXX', '4', '0', '9', '0', '0', 'X-ray exam chest 2 views'],
        // bilateral indicator chosen to exercise the years: 1 (50 allowed) in CY2022-CY2023, 0 from CY2024
        ['20610', '', years(2022, 2023), 'A', '0', '000', '2', '1', '1', '0', '0', ''],
        ['20610', '', years(2024, 2025), 'A', '0', '000', '2', '0', '1', '0', '0', 'Drain/inj joint/bursa w/o us'],
        // in the MPFS CY2022-CY2023 only (real: COVID-19 vaccine administration, deleted)
        ['91300', '', years(2022, 2023), 'X', '9', 'XXX', '9', '9', '9', '9', '9', ''],
        // claim edits (real CY2025 rows): critical care and its add-on, an ECG (PC/TC 4), an injection, a Category II code
        ['99291', '', ALL_YEARS, 'A', '0', 'XXX', '0', '0', '0', '0', '0', 'Critical care first hour'],
        ['99292', '', ALL_YEARS, 'A', '0', 'ZZZ', '0', '0', '0', '0', '0', 'Critical care addl 30 min'],
        ['93000', '', ALL_YEARS, 'A', '4', 'XXX', '6', '0', '0', '0', '0', 'Electrocardiogram complete', 'F'],
        ['96372', '', ALL_YEARS, 'A', '5', 'XXX', '0', '0', '0', '0', '0', 'Ther/proph/diag inj sc/im'],
        ['3079F', '', ALL_YEARS, 'I', '9', 'XXX', '9', '9', '9', '9', '9', 'Diast bp 80-89 mm hg'],
        // MPFS status B (bundled), T (paid only alone that day), R (restricted coverage): real CY2025 rows
        ['A4550', '', ALL_YEARS, 'B', '9', 'XXX', '9', '9', '9', '9', '9', 'Surgical trays', ''],
        ['36591', '', ALL_YEARS, 'T', '0', 'XXX', '0', '0', '0', '0', '0', 'Draw blood off venous device', ''],
        ['G0117', '', ALL_YEARS, 'R', '9', 'XXX', '9', '9', '9', '9', '9', 'Glaucoma scrn hgh risk direc', ''],
      ],
    },
    mue: {
      edition: '2026-Q2',
      rows: [
        ['99213', 2, 3, '3 Date of Service Edit: Clinical', 'Clinical: Data'],
        ['0263T', 1, 3, '3 Date of Service Edit: Clinical', 'CMS Policy'],
        // real 2026 Q2 rows (the bundle keeps the MAI number and its text apart)
        ['27447', 1, 2, 'Date of Service Edit: Policy', 'CMS Policy'],
        ['96372', 4, 3, 'Date of Service Edit: Clinical', 'Clinical: Data'],
        ['99291', 1, 2, 'Date of Service Edit: Policy', 'Code Descriptor / CPT Instruction'],
        ['99292', 8, 3, 'Date of Service Edit: Clinical', 'Clinical: Data'],
        ['A6460', 1, 1, 'Line Edit', 'Clinical: CMS Workgroup'],
      ],
    },
    aoc: {
      edition: '2026-Q2',
      rows: [
        ['99292', '99291', 1, '2013-04-01', ''],
        // real 2026 Q2 rows: type 2 (contractor-defined primaries), type 3 (primaries listed, the contractor may add)
        ['0054T', 'CCCCC', 2, '2013-04-01', ''],
        ['0984T', '36221', 3, '2025-10-01', ''],
        ['0984T', '36222', 3, '2025-10-01', ''],
      ],
    },
    nucc: {
      edition: '25.1',
      rows: [
        ['207Q00000X', 'Allopathic & Osteopathic Physicians', 'Family Medicine', '', 'Family medicine definition.', 'Family Medicine Physician', 'Individual'],
        ['2086S0129X', 'Allopathic & Osteopathic Physicians', 'Surgery', 'Vascular Surgery', '', 'Vascular Surgery Physician', 'Individual'],
        ['208600000X', 'Allopathic & Osteopathic Physicians', 'Surgery', '', '', 'Surgery Physician', 'Individual'],
        ['2084P0800X', 'Allopathic & Osteopathic Physicians', 'Psychiatry & Neurology', 'Psychiatry', '', 'Psychiatry Physician', 'Individual'],
      ],
    },
    pos: {
      edition: 'CMS',
      rows: [
        ['11', 'Office', 'Location where the health professional routinely provides examinations.', ''],
        ['21', 'Inpatient Hospital', 'A facility which primarily provides diagnostic, therapeutic and rehabilitation services to inpatients.', ''],
        ['22', 'On Campus-Outpatient Hospital', 'A portion of a hospital\'s main campus which provides services to outpatients.', 'Description revised January 1, 2016'],
      ],
    },
    cptModifiers: {
      edition: 'fixture',
      rows: [
        { code: '22', name: 'Increased procedural services', meaning: 'Work substantially greater than typically required.' },
        { code: '25', name: 'Significant, separately identifiable E/M service', meaning: 'E/M service on the same day as a procedure.' },
        { code: '26', name: 'Professional component', meaning: 'Physician interpretation only.' },
        { code: '1P', name: 'Performance measure exclusion: medical reasons', meaning: 'Category II codes only.' },
        { code: '50', name: 'Bilateral procedure', meaning: 'Procedure performed on both sides in the same session.' },
        { code: '51', name: 'Multiple procedures', meaning: 'Additional procedures at the same session.' },
        { code: '59', name: 'Distinct procedural service', meaning: 'Procedure distinct from other services on the same day.' },
        { code: '62', name: 'Two surgeons', meaning: 'Two surgeons of different specialties each perform distinct parts.' },
        { code: '66', name: 'Surgical team', meaning: 'Highly complex procedure performed by a team.' },
        { code: '80', name: 'Assistant surgeon', meaning: 'Surgical assistant services.' },
      ],
    },
  };
}

export function fixtureData(opts: { ptp?: boolean } = {}): CodeData {
  return new CodeData({ ...fixtureBundles(), ...(opts.ptp ? { ptp: fixturePtp() } : {}) });
}

/**
 * NCCI PTP edits in the bundle's shape, the rows of test/fixtures/codesets/ncci/ptp (2026 Q2 layout). Not in
 * fixtureBundles(): only the tests that judge code pairs add them (`fixtureData({ ptp: true })`).
 */
export function fixturePtp(): PtpBundle {
  return {
    edition: 'v32.1r0 (2026 Q2)',
    parts: ['f1', 'f2', 'f3', 'f4'],
    rows: [
      ['0001A', '99213', 0, '2022-01-01', '2023-12-31', 1, 'CPT Manual or CMS manual coding instruction'],
      ['0001A', 'G0008', 0, '2022-01-01', '2022-01-01', 9, 'Mutually exclusive procedures'],
      ['0264T', '96372', 0, '2010-01-01', '', 0, 'Misuse of Column Two code with Column One code'],
      ['11000', '20610', 1, '1996-01-01', '2007-01-01', 1, 'Standards of medical / surgical practice'],
      ['11000', '20610', 0, '2010-01-01', '', 1, 'Standards of medical / surgical practice'],
      ['27447', '11000', 0, '2002-01-01', '2002-01-01', 9, 'Mutually exclusive procedures'],
      ['27447', '20610', 1, '1996-01-01', '', 1, 'Misuse of Column Two code with Column One code'],
      ['71046', '93000', 0, '2015-01-01', '2025-01-01', 1, 'Standards of medical / surgical practice'],
      ['99291', '93000', 0, '2010-01-01', '', 0, 'CPT Manual or CMS manual coding instruction'],
      ['99292', '93000', 0, '2010-01-01', '', 0, 'CPT Manual or CMS manual coding instruction'],
      ['G0008', '96372', 0, '2010-01-01', '', 1, 'CPT Manual or CMS manual coding instruction'],
    ],
  };
}
