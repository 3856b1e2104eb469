import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, scan } from '../../../server/src/engine';
import { fixtureData } from './fixture-data';
import { ABBREVIATIONS, SYNONYMS } from '../../../server/src/engine/text/abbreviations';
import { contentWords, keyWords, missingFrom } from '../../../server/src/engine/text/description-compare';
import { rangeFamily, rangeProblem } from '../../../server/src/engine/scanner/ranges';

const data = fixtureData();
const FY27 = '2026-12-01';
const rules = (text: string) => analyze(text, 'note', { data, dateOfService: FY27 }).findings.map((f) => `${f.ruleId} ${text.slice(f.start, f.end)}`);
const tokens = (text: string) => scan(text, data).tokens;

test('"Patient age 45" / "Modifier 25 appended": 45 is no modifier; 25 is', () => {
  const text = 'Patient age 45\nModifier 25 appended to 99213.';
  assert.deepEqual(tokens(text).map((t) => `${t.system}:${t.code}`), ['modifier:25', 'cpt:99213']);
  assert.deepEqual(rules(text), []);
  // on one line, "45 modifier" still names modifier 45 (and it is not one)
  assert.deepEqual(rules('Billed 99213 with a 45 modifier'), ['modifier.unknown 45']);
});

test('labels followed by years or words are no code lists', () => {
  for (const line of [
    'CPT 2024 codes were updated; diagnosis 2019 and procedures: 3 of 5 done.',
    'CPT: 2024 and 2025 editions',
    'CPT Code(s): 2024, 2025 updates pending',
    'Dx codes: see attached; ICD-10 list pending (2025).',
    'Diagnoses: Hypertension and Type 2 diabetes; stable.',
  ])
    assert.deepEqual(tokens(line), [], line);
});

test('a label governs its whole list: comma, semicolon, "and", a line wrap after a comma, the line after "CPT Code(s):"', () => {
  const long = 'CPT Code(s): 99213, 96372, 96409, 20610, 27447, 71046, 93000, 0264T, 11000, 99291, 12345 and 54321';
  assert.deepEqual(rules(long), ['cpt.unknown 12345', 'cpt.unknown 54321']);
  assert.deepEqual(rules('CPT codes: 99213; 96372;\n  93000, 12345'), ['cpt.unknown 12345']);
  assert.deepEqual(rules('CPT Code(s):\n99213, 12345'), ['cpt.unknown 12345']);
  // "CPT codes:" on its own line, then one code per line, with or without a description or bullet
  assert.deepEqual(rules('CPT codes:\n99213 Office visit\n96372\n- 12345\n54321 Unlisted\n\nLater 11111 was a count.'), ['cpt.unknown 12345', 'cpt.unknown 54321']);
  assert.deepEqual(rules('Procedures:\n2024 knee replacement\n2025 revision'), []);
  // the list ends at the first word that is no code: numbers beyond the label's reach are prose again
  assert.deepEqual(rules('CPT codes: 99213, 96372 were billed over the whole reporting period, in 12345 visits'), []);
  // a line break without a comma ends the list
  assert.deepEqual(rules('CPT codes: 99213\n12345 was the count'), []);
  // diagnosis lists: dotless codes count, an 8-character code is reported with the billable code it starts with
  assert.deepEqual(rules('ICD-10 codes: E11.9, I10, M79.641, M79.642, M34.0, M34.1, W21.89XA, E11.99999'), ['icd10.unknown E11.99999']);
  assert.match(analyze('Dx: E11.99999', 'note', { data, dateOfService: FY27 }).findings[0].message, /has 8 characters, and ICD-10-CM codes have at most 7\. Did you mean E11\.9\?/);
  // a child of a billable category, a category that does not exist: said so
  const msg = (text: string) => analyze(text, 'note', { data, dateOfService: FY27 }).findings.map((f) => f.message);
  assert.match(msg('Dx: I10.1')[0], /^I10\.1 is not an ICD-10-CM code \(not in FY2027 or any bundled edition\)\. I10 is billable as it stands and has no subcodes\. Did you mean I10/);
  assert.match(msg('ICD-10: Q99.99')[0], /There is no category Q99 in ICD-10-CM\./);
  // an 8-character shape in prose is not a code at all
  assert.deepEqual(tokens('Sample E11.99999 from the lab'), []);
});

test('ranges: ends are marked, judged by no validity rule and no claim; "more characters" dashes refer to headers', () => {
  const t = tokens('HCPCS A9270-A6460; CPT 99291 through 99292; ICD-10 M79.6-M79.9; 99xxx-99213');
  const marks = t.filter((x) => x.system !== 'modifier').map((x) => `${x.code}:${x.range?.role ?? '-'}`);
  assert.deepEqual(marks, ['A9270:start', 'A6460:end', '99291:start', '99292:end', 'M796:start', 'M799:end', '99213:end']);
  // A9270-A6460 is reversed; nothing else is judged: M79.6 is a header, M79.9 unknown, 99292 an add-on without primary
  assert.deepEqual(rules('HCPCS A9270-A6460; CPT 99291 through 99292; ICD-10 M79.6-M79.9; 99xxx-99213'), ['range.malformed A9270-A6460']);
  const a = analyze('ICD-10 M79.6-M79.9 and E11.9', 'note', { data, dateOfService: FY27 });
  assert.deepEqual(a.claims[0].diagnoses.map((d) => d.code.text), ['E11.9']);
  assert.deepEqual(rules('Use a code from E11.4- or M79.64-, never the header M79.6.-'), []);
  assert.deepEqual(rules('M79.64 alone'), ['icd10.header-not-billable M79.64']);
  // a ZIP+4, a year or a modifier after a dash are no range ends
  assert.deepEqual(tokens('CPT 27447-2024 and 99213-25').map((x) => `${x.code}:${x.range?.role ?? '-'}`), ['27447:-', '99213:-', '25:-']);
});

test('range families and problems', () => {
  assert.equal(rangeFamily('99xxx'), 'CPT Category I');
  assert.equal(rangeFamily('0001T'), 'CPT Category III');
  assert.equal(rangeFamily('M17.1x'), 'ICD-10-CM');
  assert.equal(rangeFamily('A0021'), 'HCPCS A codes');
  assert.equal(rangeFamily('2024'), undefined);
  assert.equal(rangeProblem('A0021', 'A0999'), undefined);
  assert.equal(rangeProblem('E08', 'E13.9'), undefined);
  assert.equal(rangeProblem('A00', 'B99'), undefined, 'an ICD-10-CM chapter range spans letters');
  assert.equal(rangeProblem('0001T', '99999'), 'its ends are in different code families (0001T is CPT Category III, 99999 is CPT Category I)');
  assert.equal(rangeProblem('M17.9', 'M17.0'), 'it ends (M17.0) before it starts (M17.9)');
});

test('descriptions with no separator ("Dx: M79.641 Pain in left hand", parentheses) are judged on contradictions only', () => {
  assert.deepEqual(rules('Dx: M79.641 Pain in left hand'), ['description.mismatch M79.641']);
  assert.deepEqual(rules('M79.641 (pain in left hand)'), ['description.mismatch M79.641']);
  assert.deepEqual(tokens('Dx: M79.641 Pain in right hand')[0].stated?.kind, 'sentence');
  // words after a code that share nothing with its title are prose, not a description that is wrong
  assert.deepEqual(rules('Dx: I10 Controlled on current regimen'), []);
  assert.deepEqual(rules('I10 Stable'), []);
});

test('abbreviations and synonyms: expansions use the official titles\' words; the table is lower case and unambiguous', () => {
  for (const [k, v] of Object.entries(ABBREVIATIONS)) {
    assert.equal(k, k.toLowerCase(), k);
    assert.ok(v.length > k.length || k.includes('/'), `${k} expands to something longer`);
  }
  for (const k of ['pe', 'ms']) assert.ok(!(k in ABBREVIATIONS), `${k} is ambiguous and must not be expanded`);
  for (const [k, v] of Object.entries(SYNONYMS)) assert.notEqual(k, v);
  assert.deepEqual(missingFrom('CHF', 'Heart failure, unspecified'), []);
  assert.deepEqual(missingFrom('HTN', 'Essential (primary) hypertension'), []);
  assert.deepEqual(missingFrom('COPD w/ acute exacerbation', 'Chronic obstructive pulmonary disease with (acute) exacerbation'), []);
  assert.deepEqual(missingFrom('T2DM w/o complications', 'Type 2 diabetes mellitus without complications'), []);
  assert.deepEqual(missingFrom('Diabetic neuropathy', 'Type 2 diabetes mellitus with diabetic neuropathy, unspecified'), []);
  assert.deepEqual(missingFrom('Renal failure, acute', 'Acute kidney failure, unspecified'), []);
  assert.deepEqual(missingFrom('Chondromalacia of right knee', 'Unilateral primary osteoarthritis, right knee'), ['chondromalacia']);
  // a word that only begins like another is not it
  assert.deepEqual(missingFrom('Hyperthyroidism', 'Essential (primary) hypertension'), ['hyperthyroidism']);
  assert.deepEqual(keyWords('Moderate laceration of spleen, initial encounter'), ['laceration', 'spleen']);
  assert.ok(contentWords('constructor toString').has('constructor'), 'object keys are words, not table entries');
});

test('title lookups: the raw-table search of the first lookups and the index built after them answer alike', () => {
  const fresh = fixtureData();
  const titles = ['Pain in left hand', 'Body mass index [BMI]30.0-30.9, adult', 'Body mass index [BMI] 30.0-30.9, adult', 'Cough', 'No such title'];
  const byScan = titles.map((t) => fresh.icd10.codesWithTitle(t, 0));
  for (let i = 0; i < 40; i++) fresh.icd10.codesWithTitle(`filler ${i}`, 0);
  assert.deepEqual(titles.map((t) => fresh.icd10.codesWithTitle(t, 0)), byScan);
  // FY2016 wrote "[BMI]30.0": the newer title is no FY2016 title
  assert.deepEqual(byScan.slice(0, 3), [['M79642'], ['Z6830'], []]);
});
