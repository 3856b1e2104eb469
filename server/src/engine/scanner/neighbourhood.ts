/**
 * What the words around a code-shaped number say it is instead: an ID, a ZIP code, a quantity, a page, a lab value,
 * a figure number. Word lists are regex fragments; one that starts with a letter matches from a word boundary.
 */

const fragment = (w: string) => (/^[A-Za-z]/.test(w) ? `\\b${w}` : w);
/** "<word> [:#=] " right before the token */
const endsWithWord = (words: string[], sep = '[:#=]?') => new RegExp(`(?:${words.map(fragment).join('|')})\\s*${sep}\\s*$`, 'i');

/** Before a 5-digit number: it is an identifier, a page, a count or a lab value, not a CPT code. */
export const NUMBER_BEFORE = endsWithWord([
  // money and numbering
  '\\$', '#', 'no\\.?', 'number', 'ID', 'MRN', 'acct\\.?', 'account', 'invoice', 'order', 'case', 'patient', 'claim',
  // addresses and contact
  'zip(?:\\s*code)?', 'suite', 'ste\\.?', 'box', 'phone', 'tel\\.?', 'fax', 'ext\\.?', 'pager', 'beeper', 'call',
  // provider and product identifiers
  'NPI', 'TIN', 'EIN', 'ref\\.?', 'lot', 'model', 'part', 'serial', 'catalog', 'batch', 'NDC',
  // citations
  'pages?', 'pp?\\.', 'vol\\.?', 'PMID', 'PMCID', 'NCT', 'issue', 'volume',
  // specimens and places in a hospital
  'accession', 'specimen', 'room', 'rm\\.?', 'bed',
  // lab values and counts
  'steps', 'WBC', 'RBC', 'PLT', 'platelets?', 'ANC', 'CK', 'CPK', 'glucose', 'count', 'titer', 'level', 'value', 'result',
]);

/** After a 5-digit number: a unit or a counted thing, a ZIP+4, a ratio or a per-volume lab unit. */
export const NUMBER_AFTER = new RegExp(
  `^(?:\\s*(?:${[
    // doses and measures
    'mg', 'mcg', 'µg', 'g', 'kg', 'ml', 'l', 'units?', 'iu', 'mmhg', '%', 'cells', 'copies', 'bpm', 'feet', 'ft', 'meters', 'm', 'km', 'cm', 'mm',
    'miles', 'lbs?', 'dollars', 'usd', 'steps',
    // time
    'years?', 'yrs?', 'days?', 'hours?', 'times',
    // counted things (study sizes, statistics)
    'patients', 'participants', 'subjects', 'people', 'persons', 'cases', 'deaths', 'beds', 'respondents', 'members', 'employees',
    'hospitals', 'sites', 'centers', 'centres', 'clinics', 'samples', 'records', 'claims', 'words', 'pages',
  ].join('|')})\\b` +
    // "11000%", ZIP+4 "27447-1234", ratios "99213/1", per-volume lab units "/uL"
    `|\\s*%|-\\d{4}\\b|\\/\\d(?!\\d{3}[0-9A-Z]\\b)|\\/\\s*(?:u?l|dl|ml|hpf|mm3)\\b)`,
  'i',
);

/** A street address after the number: "99213 Pacific Coast Hwy" (case-sensitive: "99213 seen by Dr Smith" is not one). */
export const STREET_AFTER = /^(?:\s+[A-Z][a-z]+){1,3}\s+(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Dr|Drive|Hwy|Highway|Ln|Lane|Way|Ct|Pl|Pkwy)\b/;

/** Before a letter + 4 digits: a model, part, lot or room number, not a HCPCS code. */
export const HCPCS_BEFORE = endsWithWord(['#', 'model', 'part', 'serial', 'lot', 'catalog', 'ref\\.?', 'item', 'sku', 'version', 'v\\.?', 'room', 'bed', 'suite'], '[:#]?');

/** Before a dotted code shape: "Table S12.1", "Figure E10.3", "Section D50.1", "Version R01.2" are numbered things. */
export const DOTTED_BEFORE = endsWithWord(
  [
    'tables?', 'fig(?:ure)?s?\\.?', 'sections?', '§', 'versions?', 'v\\.?', 'appendix', 'chapters?', 'steps?', 'items?', 'grants?',
    'supplementa(?:ry|l)', 'eq(?:uation)?\\.?', 'exhibit', 'panel', 'slide', 'page', 'p\\.', 'no\\.?', 'ref\\.?', 'model',
    'rev(?:ision)?\\.?', 'build', 'release', 'lot', 'part', '#',
  ],
  '',
);

/** Two-letter US state and territory codes: "RI 02903" is a ZIP code. */
export const STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA PR RI SC SD TN TX UT VT VA WA WV WI WY'.split(' '),
);

/** After "99213 25": a quantity ("25 minutes"), so 25 is not a modifier. */
export const UNIT_WORD = /^\s+(?:mg|mcg|g|kg|ml|units?|min(?:utes?)?|hours?|hrs?|days?|weeks?|months?|years?|y\/o|yo|%|times|mm|cm)\b/i;

/** "99213 - billed today per Dr. Smith": words of a plan, so the text after the code is not its description. */
export const PLAN_WORDS = new RegExp(
  `\\b(?:${[
    'patient', 'pt', 'per', 'billed', 'bill', 'seen', 'counsell?ed', 'discussed', 'today', 'yesterday', 'tomorrow', 'ordered', 'scheduled',
    'follow[- ]?up', 'f\\/u', 'plan', 'continue', 'started', 'stopped', 'refer(?:red)?', 'return', 'dr\\.?',
    // a date: "E11.9 - 3/4 visit"
    '\\d{1,2}\\/\\d{1,2}(?:\\/\\d{2,4})?',
  ].join('|')})\\b`,
  'i',
);
