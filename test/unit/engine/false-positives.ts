// Things that look like codes to a regex but are not codes. Every line must produce no token at all.
export const FALSE_POSITIVES = [
  'Seen on 11/12/2025 and again 2025-11-20; DOB 01|01|1960.',
  'Call 401-459-5000 or (401) 274-4848 ext. 11000.',
  'Mail to 500 Exchange St, Providence, RI 02903 or Andover, MA 01810.',
  'ZIP code 99213 is not a code; zip 27447-1234 neither.',
  '3. Krishna SM, et al. Int J Mol Sci. May 18 2015; 16(5): 11294-322. PMID 25993296',
  'J Vasc Surg. Oct 2011; 54(4): 1032-41. PMID 21684715',
  'Labs: A1C 7.2%, B12 450 pg/mL, vitamin D3 2000 IU daily.',
  'MRI shows disc bulge at L4-L5 and C5-C6, stenosis at T12 and S1.',
  'Ordered 10000 units heparin; WBC 11000 cells/uL; platelets 150000.',
  'Gave 27447 mg? no: gave 99213 mcg of something (dose typo).',
  'Invoice total $99213 paid; account #27447; MRN 99213; claim 96409.',
  'Patient ID 11000, case 27447, NPI 1234567890.',
  'Model G0008 pump, part A9270, lot J3490 recalled.',
  'Version 2.0, table 3.2, figure S5.1, section E11.9x? no.',
  'BP 120/80, HR 72, SpO2 98%, Temp 98.6 F, weight 72.5 kg.',
  'Use the PXP-1000 device; BioCUE kit; ART BMC PLUS.',
  'The study enrolled 11000 patients across 27447 sites.',
  'See Supplementary Table S52.5 and Figure E11.9; Section M79.6; version W21.89.',
  'WBC 11000, platelets 99213/uL, accession 27447, room 11000, pager 96409.',
  'Lives at 11000 Oak Ave; office at 99213 Pacific Coast Hwy.',
  // NCCI PTP pairs of the fixture edits as order, part and phone numbers: no tokens, so no ncci.ptp finding either
  'Order 27447 shipped with part 20610; call ext. 99291, fax 93000.',
  // a number ending a line is no modifier of the "Modifier" starting the next (labelled lines with years: coding-documents.test.ts)
  'Patient age 45\nModifier use is reviewed below.',
  'Effective 01/01/2025, policy MP-204, version 12.3; pages 11000-11012.',
];
