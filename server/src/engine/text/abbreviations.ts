/**
 * Medical abbreviations and synonyms for comparing a description written in a document with an official title
 * (description.mismatch). Written by hand from public references, one meaning per abbreviation, and only where that
 * meaning is the usual one in a coding document:
 * - MSD Manual, "Abbreviations" (https://www.msdmanuals.com/home/resourcespages/abbreviations): COPD, HIV, GI, IM, IV …
 * - Wikipedia, "List of medical abbreviations" (https://en.wikipedia.org/wiki/List_of_medical_abbreviations): CHF, CKD,
 *   DVT, GERD, HTN, OSA, UTI …
 * - the ICD-10-CM Index to Diseases and Injuries (CMS/CDC), whose "see" cross-references say which word the tabular
 *   list uses: "Disease, joint, degenerative - see Osteoarthritis", "Insufficiency, renal - see Failure, kidney".
 * - the abbreviations CMS uses in HCPCS and MPFS short descriptors (sngl, hrvst, mrw, init, subs, sqla …).
 * Ambiguous ones (PE: pulmonary embolism or physical exam; MS) are left out: a wrong expansion would make a right
 * description look wrong. Keys are lower case; an expansion is the official wording's words.
 *
 * (A search word index with its own abbreviation table is being built in data/tables/; the two are to be one table.)
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  // routes and administration (CMS short descriptors, MSD)
  iv: 'intravenous',
  ivp: 'intravenous push',
  im: 'intramuscular',
  sc: 'subcutaneous',
  sq: 'subcutaneous',
  subq: 'subcutaneous',
  subcut: 'subcutaneous',
  ia: 'intraarterial',
  it: 'intrathecal',
  po: 'oral',
  inj: 'injection',
  admin: 'administration',
  chemo: 'chemotherapy',
  // CMS short-descriptor words
  sngl: 'single',
  init: 'initial',
  subs: 'subsequent',
  sqla: 'sequela',
  ther: 'therapy',
  mrw: 'marrow',
  hrvst: 'harvest',
  // laterality and position
  lt: 'left',
  rt: 'right',
  l: 'left',
  r: 'right',
  bilat: 'bilateral',
  'b/l': 'bilateral',
  // connectives written in notes
  'w/': 'with',
  'w/o': 'without',
  'h/o': 'history',
  hx: 'history',
  // encounters, specialties and settings
  dx: 'diagnostic',
  tx: 'treatment',
  postop: 'postoperative',
  preop: 'preoperative',
  ov: 'office visit',
  'o/p': 'outpatient',
  est: 'established',
  pt: 'patient',
  pm: 'physical medicine',
  ob: 'obstetrics',
  gyn: 'gynecology',
  ent: 'otolaryngology',
  // conditions (Wikipedia list, MSD; the words are those of the ICD-10-CM titles)
  fx: 'fracture',
  lac: 'laceration',
  abd: 'abdominal',
  htn: 'hypertension',
  chf: 'heart failure',
  hf: 'heart failure',
  cad: 'coronary artery disease',
  mi: 'myocardial infarction',
  ami: 'acute myocardial infarction',
  afib: 'atrial fibrillation',
  'a-fib': 'atrial fibrillation',
  dm: 'diabetes mellitus',
  t1dm: 'type 1 diabetes mellitus',
  t2dm: 'type 2 diabetes mellitus',
  dm2: 'type 2 diabetes mellitus',
  hld: 'hyperlipidemia',
  ckd: 'chronic kidney disease',
  esrd: 'end stage renal disease',
  aki: 'acute kidney failure',
  copd: 'chronic obstructive pulmonary disease',
  uti: 'urinary tract infection',
  uri: 'upper respiratory infection',
  gerd: 'gastro-esophageal reflux disease',
  oa: 'osteoarthritis',
  djd: 'osteoarthritis',
  ra: 'rheumatoid arthritis',
  bph: 'benign prostatic hyperplasia',
  osa: 'obstructive sleep apnea',
  tia: 'transient ischemic attack',
  cva: 'cerebral infarction',
  dvt: 'deep vein thrombosis',
  pna: 'pneumonia',
  sob: 'shortness of breath',
  lbp: 'low back pain',
  'n/v': 'nausea vomiting',
  adhd: 'attention-deficit hyperactivity disorder',
  mdd: 'major depressive disorder',
  gad: 'generalized anxiety disorder',
  ptsd: 'post-traumatic stress disorder',
  hiv: 'human immunodeficiency virus',
  gi: 'gastrointestinal',
  gu: 'genitourinary',
};

/**
 * Words that mean the same to a coder, mapped to one form: spelling and word-form variants, and the ICD-10-CM Index's
 * "see" cross-references between synonyms (renal → kidney, cardiac → heart). Applied to both sides of a comparison.
 */
export const SYNONYMS: Readonly<Record<string, string>> = {
  'intra-arterial': 'intraarterial',
  'intra-muscular': 'intramuscular',
  'sub-cutaneous': 'subcutaneous',
  intravenously: 'intravenous',
  intramuscularly: 'intramuscular',
  subcutaneously: 'subcutaneous',
  rehab: 'rehabilitation',
  surgeon: 'surgery',
  surgical: 'surgery',
  physician: 'medicine',
  radiologist: 'radiology',
  radiological: 'radiology',
  rheumatologist: 'rheumatology',
  dermatologist: 'dermatology',
  cardiologist: 'cardiology',
  pediatric: 'pediatrics',
  paediatric: 'pediatrics',
  psychiatric: 'psychiatry',
  neurological: 'neurology',
  orthopedic: 'orthopaedic',
  orthopaedics: 'orthopaedic',
  orthopedics: 'orthopaedic',
  // ICD-10-CM Index "see" references
  renal: 'kidney',
  cardiac: 'heart',
  hepatic: 'liver',
  // plural and adjective forms the stemmer does not join
  diabetic: 'diabetes',
  feet: 'foot',
  teeth: 'tooth',
  knees: 'knee',
  hypertensive: 'hypertension',
  osteoarthritic: 'osteoarthritis',
};
