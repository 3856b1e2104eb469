import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, describeCode, modifierFit, renderText, RULES, validatePolicyPack, type Finding } from '../../../server/src/engine';
import { bundledPolicies } from '../../../server/src/shared/bundled-policies';
import { ageAt, sexOf, titleSex } from '../../../server/src/engine/rules/claim-patient-sex-age';
import { posSetting } from '../../../server/src/engine/systems/pos';
import { fixtureData } from './fixture-data';
import { interchange, PROFESSIONAL_BODY } from './x12-helpers';

const data = fixtureData();
const FY27 = '2026-11-23';
const FY26 = '2026-05-01';
/** every finding the tests below produce through run()/only(), for the last test (each rule tested, `fixable` true) */
const seen: Finding[] = [];
/** every document run() was given, for the test that token rules are called for their own systems only */
const documents: { text: string; dateOfService: string }[] = [];
function run(text: string, dateOfService = FY27): Finding[] {
  const findings = analyze(text, 'note', { data, dateOfService }).findings;
  seen.push(...findings);
  documents.push({ text, dateOfService });
  return findings;
}
function only(text: string, ruleId: string, dateOfService = FY27): Finding {
  const f = run(text, dateOfService).filter((x) => x.ruleId === ruleId);
  assert.equal(f.length, 1, `expected one ${ruleId} in ${JSON.stringify(text)}, got ${JSON.stringify(run(text, dateOfService).map((x) => x.ruleId))}`);
  return f[0];
}

test('icd10.header-not-billable lists billable children and ranks the one matching the stated description first', () => {
  const text = '| ICD-10 Code | Description |\n|---|---|\nM79.64 | Pain in left hand |';
  const f = only(text, 'icd10.header-not-billable');
  assert.match(f.message, /M79\.64 "Pain in hand and fingers" is a header/);
  assert.match(f.message, /4 billable codes: M79\.642 Pain in left hand; M79\.641 Pain in right hand/);
  assert.match(f.message, /is that of M79\.642/);
  assert.equal(f.fixes![0].newText, 'M79.642');
  assert.equal(f.fixes![0].preferred, true);
  assert.equal(f.fixes!.length, 4);
  assert.equal(text.slice(f.start, f.end), 'M79.64');
});

test('a code that became a header in FY2027 is billable for FY2026 dates of service only', () => {
  assert.equal(run('Dx D69.1', FY26).length, 0);
  const f = only('Dx D69.1', 'icd10.header-not-billable');
  assert.match(f.message, /D69\.11 Glanzmann thrombasthenia; D69\.19/);
  assert.match(f.message, /became a header in FY2027/);
});

test('icd10.missing-7th-character lists valid 7th characters with meanings', () => {
  const f = only('Dx S52.521', 'icd10.missing-7th-character');
  assert.match(f.message, /A initial encounter for closed fracture; D subsequent encounter for fracture with routine healing; S sequela/);
  assert.deepEqual(f.fixes!.map((x) => x.newText), ['S52.521A', 'S52.521D', 'S52.521S']);
  const w = only('Dx W21.89', 'icd10.missing-7th-character');
  assert.match(w.message, /placeholder X: W21\.89X_/);
  assert.match(w.message, /A initial encounter; D subsequent encounter; S sequela/, 'meanings from the tabular 7th-character definitions');
});

test('icd10.placeholder-x: W21.89A → W21.89XA', () => {
  const f = only('Dx W21.89A', 'icd10.placeholder-x');
  assert.equal(f.fixes![0].newText, 'W21.89XA');
  assert.match(f.message, /Striking against or struck by other sports equipment, initial encounter/);
});

test('icd10.deleted names the edition and the replacements from the addenda', () => {
  const f = only('Dx Q87.81', 'icd10.deleted');
  assert.match(f.message, /deleted from ICD-10-CM on 2026-10-01 \(FY2027\)/);
  assert.match(f.message, /Q87\.810 Alport syndrome, X-linked; Q87\.818 Other Alport syndrome/);
  assert.equal(run('Dx Q87.81', FY26).length, 0);
});

test('icd10.not-yet-effective for a FY2027 code on a FY2026 date', () => {
  const f = only('Dx D69.11', 'icd10.not-yet-effective', FY26);
  assert.match(f.message, /takes effect on 2026-10-01 \(FY2027\)/);
});

test('icd10.unknown with did-you-mean', () => {
  const f = only('Dx: M79.624', 'icd10.unknown');
  assert.match(f.message, /not an ICD-10-CM code/);
  assert.match(f.message, /Did you mean M79\.642/);
});

test('cpt.unknown only in a procedure context; hcpcs.unknown; hcpcs.terminated', () => {
  assert.match(only('CPT 99123', 'cpt.unknown').message, /Did you mean 99213/);
  assert.equal(run('we counted 99123 apples').length, 0);
  assert.match(only('HCPCS G0009', 'hcpcs.unknown').message, /Did you mean G0008/);
  const t = only('HCPCS G0125', 'hcpcs.terminated');
  assert.match(t.message, /terminated on 2010-12-31/);
  assert.equal(t.fixes![0].newText, '78811');
});

test('modifier.unknown: "00" explains that no modifier means an empty field; suffix form can be removed', () => {
  const f = only('Bill 0264T-00 today', 'modifier.unknown');
  assert.match(f.message, /leave the modifier field empty/);
  assert.deepEqual([f.fixes![0].start, f.fixes![0].end, f.fixes![0].newText], [10, 13, '']);
  assert.match(only('CPT 99213 modifier ZZ', 'modifier.unknown').message, /ZZ is not a CPT or HCPCS Level II modifier/);
});

test('modifier.not-applicable: MPFS indicators, anesthesia modifiers, E/M-only 25', () => {
  assert.match(only('99213-50', 'modifier.not-applicable').message, /bilateral surgery indicator 0/);
  assert.equal(run('27447-50').length, 0);
  assert.equal(run('27447-RT').filter((f) => f.ruleId === 'modifier.not-applicable').length, 0);
  assert.match(only('CPT 0264T-QK', 'modifier.not-applicable').message, /anesthesia modifier/);
  assert.equal(run('CPT 01810-QK').length, 0);
  assert.match(only('CPT 27447-25', 'modifier.not-applicable').message, /evaluation and management/);
  assert.equal(run('CPT 99213-25').length, 0);
  assert.match(only('CPT 0264T-62', 'modifier.not-applicable').message, /co-surgeon indicator 0/);
  assert.match(only('CPT 99213-26', 'modifier.not-applicable').message, /PC\/TC indicator 0/);
  assert.equal(run('CPT 71046-26').length, 0);
});

test('taxonomy.unknown and description.mismatch on a taxonomy specialty', () => {
  assert.match(only('Taxonomy 207Q00001X', 'taxonomy.unknown').message, /Did you mean 207Q00000X \(Family Medicine Physician\)/);
  const text = '| Taxonomy Code | Specialty |\n|---|---|\n| 207Q00000X | Vascular Surgery |';
  const f = only(text, 'description.mismatch');
  assert.match(f.message, /Family Medicine/);
  assert.equal(f.fixes![0].newText, '2086S0129X');
  assert.equal(run('| Taxonomy Code | Specialty |\n|---|---|\n| 207Q00000X | Family Medicine |').length, 0);
});

test('description.mismatch: route contradiction against the CMS short descriptor (96409)', () => {
  const text = '| CPT Code | Description |\n|---|---|\n96409 | Chemotherapy administration, subcutaneous or intramuscular; non-hormonal, first drug |';
  const f = only(text, 'description.mismatch');
  assert.match(f.message, /it says subcutaneous\/intramuscular where the CMS short descriptor says intravenous/);
  assert.equal(run('| CPT Code | Description |\n|---|---|\n96409 | Chemotherapy administration, intravenous push, single drug |').length, 0);
});

test('description.mismatch: a pair judged once is judged again against licensed CPT descriptors loaded later, and each occurrence is reported where it is', () => {
  const own = fixtureData();
  const row = '96409 | Chemotherapy administration, subcutaneous or intramuscular; non-hormonal, first drug |';
  const text = `| CPT Code | Description |\n|---|---|\n${row}\n${row}`;
  const mismatches = () => analyze(text, 'note', { data: own, dateOfService: FY27 }).findings.filter((f) => f.ruleId === 'description.mismatch');
  const short = mismatches();
  assert.deepEqual(short.map((f) => text.slice(f.start, f.end)), ['96409', '96409']);
  assert.notEqual(short[0].start, short[1].start);
  assert.match(short[1].message, /CMS short descriptor says intravenous/);
  // the user's descriptor agrees with the written one: the same pair, judged afresh, is no longer a mismatch
  own.procedures.setUserDescriptors(new Map([['96409', 'Chemotherapy administration, subcutaneous or intramuscular; non-hormonal anti-neoplastic']]));
  assert.deepEqual(mismatches(), []);
  own.procedures.setUserDescriptors(new Map([['96409', 'Chemotherapy administration; intravenous, push technique, single or initial substance/drug']]));
  assert.match(mismatches()[0].message, /CPT descriptor \(your file\) says intravenous/);
});

test('description.mismatch: ICD-10-CM description that is another code\'s title', () => {
  const f = only('| ICD-10 Code | Description |\n|---|---|\nM79.65 | Pain in right hand |', 'description.mismatch');
  assert.match(f.message, /official description of M79\.641/);
  assert.equal(f.fixes![0].newText, 'M79.641');
  // close paraphrases are not flagged
  assert.equal(run('| ICD-10 Code | Description |\n|---|---|\nM34.0 | Systemic sclerosis, progressive |').length, 0);
});

test('coverage.medicare-non-covered: MPFS status I and HCPCS coverage S', () => {
  assert.match(only('CPT 97014', 'coverage.medicare-non-covered').message, /status I/);
  assert.match(only('HCPCS A9270', 'coverage.medicare-non-covered').message, /coverage code S/);
  assert.equal(run('CPT 99213').length, 0);
});

test('directives and rule settings', () => {
  const text = 'Dx M79.64\n<!-- clinical-codes: disable-next-line icd10.header-not-billable -->\nDx M79.64';
  assert.deepEqual(run(text).map((f) => f.ruleId), ['icd10.header-not-billable']);
  assert.equal(run('clinical-codes: disable\nDx M79.64 and 0264T-00').length, 0);
  const off = analyze('Dx M79.64', 'note', { data, dateOfService: FY27, rules: { 'icd10.header-not-billable': 'off' } });
  assert.equal(off.findings.length, 0);
  const info = analyze('Dx M79.64', 'note', { data, dateOfService: FY27, rules: { 'icd10.header-not-billable': 'info' } });
  assert.equal(info.findings[0].severity, 'info');
});

test('a table description belongs to the first code column (or the one its header names), not to every code in the row', () => {
  const table = '| CPT | Mod | Dx | Description |\n|---|---|---|---|\n| 99213 | 25 | M79.642 | Office visit, established patient |';
  assert.deepEqual(run(table).map((f) => f.ruleId), []);
  const dx = '| CPT | Dx | Dx description |\n|---|---|---|\n| 99213 | M79.642 | Pain in right thigh |';
  assert.match(only(dx, 'description.mismatch').message, /M79\.642/);
});

test('a labelled modifier in a sentence with several codes is not judged against a guessed code', () => {
  assert.equal(run('Injection 11000 with modifier 25 on the E/M 99213-25').filter((f) => f.ruleId === 'modifier.not-applicable').length, 0);
  assert.equal(only('Injection 11000 with modifier 25', 'modifier.not-applicable').ruleId, 'modifier.not-applicable');
});

test('CSV charge lines: 59 on an E/M code, a taxonomy of the wrong length in its column', () => {
  const csv = 'CPT,Modifier 1,Dx,Rendering Taxonomy\n99213,59,M79.642,207Q0000X\n11000,59,M79.642,207Q00000X\n';
  const f = analyze(csv, 'csv', { data, dateOfService: FY27 }).findings;
  assert.deepEqual(f.map((x) => `${x.ruleId}:${csv.slice(x.start, x.end)}`), ['modifier.not-applicable:59', 'taxonomy.unknown:207Q0000X']);
  assert.match(f[0].message, /may not be appended to an evaluation and management code/);
});

test('a plan written after a code is not a description; Category II codes are not "non-covered"', () => {
  assert.equal(run('99213 - billed today per Dr. Smith').length, 0);
  assert.equal(run('E11.9 - patient counseled on diet and exercise').length, 0);
  assert.match(only('CPT 97014', 'coverage.medicare-non-covered').message, /Medicare does not recognise 97014/);
});

test('"enable rule" inside a file-wide "disable" turns that rule back on', () => {
  const text = 'clinical-codes: disable\nDx M79.64 0264T-00\nclinical-codes: enable icd10.header-not-billable\nDx M79.64 0264T-00';
  assert.deepEqual(run(text).map((f) => `${f.ruleId}@${text.slice(0, f.start).split('\n').length}`), ['icd10.header-not-billable@4']);
});

test('an "enable rule" exception ends with its file-wide "disable" range and outlasts a later plain "enable"', () => {
  const text = [
    'clinical-codes: disable',
    'Dx M79.64 0264T-00',
    'clinical-codes: enable icd10.header-not-billable',
    'Dx M79.64 0264T-00',
    'clinical-codes: enable',
    'Dx M79.64',
    'clinical-codes: disable',
    'Dx M79.64',
  ].join('\n');
  assert.deepEqual(run(text).map((f) => `${f.ruleId}@${text.slice(0, f.start).split('\n').length}`), ['icd10.header-not-billable@4', 'icd10.header-not-billable@6']);
});

test('did-you-mean prefers the same code family', () => {
  assert.match(only('Dx: M79.6420', 'icd10.unknown').message, /Did you mean M79\.642/);
});

test('a code billable in FY2018 and split in FY2022 (R05): no finding on 2018-05-01, a header on 2023-01-01', () => {
  assert.deepEqual(run('Dx R05', '2018-05-01'), []);
  const f = only('Dx R05', 'icd10.header-not-billable', '2023-01-01');
  assert.match(f.message, /R05 "Cough" is a header, not a billable code \(ICD-10-CM FY2023\)/);
  assert.match(f.message, /It was billable before 2021-10-01 and became a header in FY2022\./);
  assert.deepEqual(f.fixes!.map((x) => x.newText), ['R051', 'R052', 'R053', 'R054', 'R058', 'R059'], 'written without a dot, as R05 was');
  // the last day of the January 2021 window is still before the split
  assert.deepEqual(run('Dx R05', '2021-09-30'), []);
});

test('a code deleted in FY2020 (H81.41): valid on 2017-03-01, icd10.deleted on 2021-01-01 with the parent that became billable', () => {
  assert.deepEqual(run('Dx H81.41', '2017-03-01'), []);
  const f = only('Dx H81.41', 'icd10.deleted', '2021-01-01');
  assert.match(f.message, /H81\.41 "Vertigo of central origin, right ear" was deleted from ICD-10-CM on 2019-10-01 \(FY2020\)/);
  assert.match(f.message, /Replaced by: H81\.4 Vertigo of central origin\./);
  assert.deepEqual(f.fixes!.map((x) => [x.newText, x.preferred]), [['H81.4', true]]);
  // and the parent was a header while its children existed
  assert.match(only('Dx H81.4', 'icd10.header-not-billable', '2017-03-01').message, /H81\.41 Vertigo of central origin, right ear; H81\.42/);
  assert.deepEqual(run('Dx H81.4', '2021-01-01'), []);
});

test('mid-year window: U07.1 is not yet effective on 2020-03-31 and valid from 2020-04-01 (FY2020-April)', () => {
  assert.match(only('Dx U07.1', 'icd10.not-yet-effective', '2020-03-31').message, /takes effect on 2020-04-01 \(FY2020-April\); it is not valid for the date of service 2020-03-31 \(FY2020\)/);
  assert.deepEqual(run('Dx U07.1', '2020-04-01'), []);
});

test('before ICD-10 (2015-09-30): one info finding per document, no ICD-10-CM judgement; other code systems still checked', () => {
  const text = '| ICD-10 Code | Description |\n|---|---|\nM79.65 | Pain in right hand |\nDx: Q87.81\nDx: M79.624\nDx: S52.521\nCPT 99213-50\n';
  const before = analyze(text, 'note', { data, dateOfService: '2015-09-30' });
  assert.deepEqual(before.findings.map((f) => f.ruleId), ['icd10.before-icd10', 'modifier.not-applicable']);
  const f = before.findings[0];
  assert.equal(f.severity, 'info');
  assert.equal(text.slice(f.start, f.end), 'M79.65');
  assert.match(f.message, /The date of service 2015-09-30 is before ICD-10-CM took effect \(2015-10-01\): ICD-9-CM applies, so the 4 ICD-10-CM codes in this document are not judged/);
  assert.equal(before.edition, 'ICD-9-CM (date of service before ICD-10-CM, 2015-10-01)');
  // the first day of ICD-10 judges them all against FY2016
  const first = analyze(text, 'note', { data, dateOfService: '2015-10-01' });
  assert.equal(first.edition, 'FY2016');
  assert.deepEqual(first.findings.map((x) => x.ruleId).sort(), ['description.mismatch', 'icd10.header-not-billable', 'icd10.missing-7th-character', 'icd10.unknown', 'modifier.not-applicable']);
  assert.equal(only('Dx I10', 'icd10.before-icd10', '1999-12-31').message.includes('the ICD-10-CM code in this document is not judged'), true);
  assert.deepEqual(run('CPT 99213', '1999-12-31'), [], 'no ICD-10-CM code, nothing to say');
  assert.equal(analyze('Dx I10', 'note', { data, dateOfService: '1999-12-31', rules: { 'icd10.before-icd10': 'off' } }).findings.length, 0);
});

/** A delimited claim file: findings with the text they point at, the claim and line they are on. */
function runCsv(text: string, dateOfService = FY27) {
  const a = analyze(text, 'csv', { data, dateOfService });
  seen.push(...a.findings);
  return { a, at: a.findings.map((f) => `${f.ruleId} ${text.slice(f.start, f.end)}${f.claim ? ` @${f.claim.id}/${f.claim.line}` : ''}`) };
}

test('claim CSV: each row is judged at its own date of service (R05 billable on a FY2019 row, a header on a FY2024 row)', () => {
  const text = 'claim_id,service_date,procedure_code,diagnosis_code_1\nC1,2019-03-04,99213,R05\nC2,2024-01-10,99213,R05\nC3,03/04/2019,99213,R05\n';
  const { a, at } = runCsv(text);
  assert.deepEqual(at, ['icd10.header-not-billable R05 @C2/1']);
  assert.match(a.findings[0].message, /\(ICD-10-CM FY2024\)/);
  assert.deepEqual(a.tokens.filter((t) => t.system === 'icd10cm').map((t) => `${t.service!.date} ${t.service!.source}`), ['2019-03-04 line', '2024-01-10 line', '2019-03-04 line']);
  assert.deepEqual(a.claims.map((c) => `${c.id}:${c.lines.length}:${c.from?.value}`), ['C1:1:2019-03-04', 'C2:1:2024-01-10', 'C3:1:2019-03-04']);
});

test('claim CSV: identifier, NPI, ZIP and amount columns are never codes; a dotless diagnosis shaped like HCPCS is ICD-10-CM', () => {
  const text = 'CLM_ID,DESYNPUF_ID,PRF_PHYSN_NPI,BENE_ZIP,LINE_NCH_PMT_AMT,HCPCS_CD,ICD_DGNS_CD1\n99213,27447,1234567890,99213,11000,E1140,E1140\n';
  const { a, at } = runCsv(text);
  assert.deepEqual(a.tokens.map((t) => `${t.system}:${t.text}@${t.start}`), [`hcpcs:E1140@${text.indexOf('E1140')}`, `icd10cm:E1140@${text.lastIndexOf('E1140')}`]);
  assert.deepEqual(at, []);
});

test('claim CSV: units must be positive whole numbers; pointers must point at a listed diagnosis', () => {
  const text = 'claim_id,line_number,procedure_code,modifier_1,units,dx_pointer,diagnosis_code_1,diagnosis_code_2\nC1,1,27447,RT,1,1,M79.641,E11.9\nC1,2,99213,,1.5,3,M79.641,E11.9\nC1,3,99213,,0,"1,2",,\nC1,4,99213,,x,Q,,\n';
  const { a, at } = runCsv(text);
  // (the visits on the day of 27447 are also claim.global-period's, tested below)
  assert.deepEqual(at.filter((x) => !x.startsWith('claim.global')), ['claim.units-invalid 1.5 @C1/2', 'claim.pointer-invalid 3 @C1/2', 'claim.units-invalid 0 @C1/3', 'claim.units-invalid x @C1/4', 'claim.pointer-invalid Q @C1/4']);
  const pointer = a.findings.find((f) => f.ruleId === 'claim.pointer-invalid')!;
  assert.equal(pointer.message, 'Diagnosis pointer "3" on line 2 of claim C1 points at 3, but the claim lists 2 diagnoses (1: M79.641, 2: E11.9). Point at a listed diagnosis or add the diagnosis to the claim.');
  assert.equal(a.findings.find((f) => f.ruleId === 'claim.units-invalid')!.message, 'Units "1.5" on line 2 of claim C1 is not a whole number: units must be a whole number of at least 1. Correct the count of services.');
  assert.equal(a.claims.length, 1);
  assert.deepEqual(a.claims[0].diagnoses.map((d) => `${d.position}:${d.code.value}`), ['1:M79641', '2:E119']);
});

test('claim CSV: rows grouped by patient and date when there is no claim id; an ICD-9 row is not judged as ICD-10-CM', () => {
  const text = 'patient_id,from_date,procedure_code,ICD_DGNS_VRSN_CD1,ICD_DGNS_CD1\nP1,2014-05-01,99213,9,4019\nP1,2014-05-01,27447,9,7804\nP2,2019-01-02,99213,0,M79.64\n';
  const { a, at } = runCsv(text);
  assert.deepEqual(at, ['claim.global-period 99213 @P1 2014-05-01/1', 'icd10.header-not-billable M79.64 @P2 2019-01-02/1']);
  assert.deepEqual(a.claims.map((c) => `${c.id}:${c.lines.length}`), ['P1 2014-05-01:2', 'P2 2019-01-02:1']);
  assert.deepEqual(a.claims[0].diagnoses.map((d) => `${d.code.value}/${d.version}`), ['4019/9', '7804/9']);
});

test('table.columns: no code column means nothing is judged, said once on the header; bad directive entries', () => {
  const text = 'account,amount,zip\n99213,27447,02903\n';
  const { a, at } = runCsv(text);
  assert.deepEqual(at, ['table.columns account,amount,zip']);
  assert.deepEqual(a.tokens, []);
  assert.match(a.findings[0].message, /No code column found in this file's header \(account, amount, zip\), so nothing in it is judged/);
  const d = runCsv('# clinical-codes: columns VAL=procedure, X=bogus\nVAL,X\n99213,1\n');
  assert.deepEqual(d.at, ['table.columns X=bogus']);
  assert.deepEqual(d.a.tokens.map((t) => t.code), ['99213']);
});

test('a note judges each code at the date of service it states before it', () => {
  const text = 'Date of service: 2019-03-04\nDx: R05\n\nDOS 01/10/2024\nDx: R05\n';
  const f = run(text);
  assert.deepEqual(f.map((x) => `${x.ruleId} ${text.slice(x.start, x.end)}@${text.slice(0, x.start).split('\n').length}`), ['icd10.header-not-billable R05@5']);
  const a = analyze(text, 'note', { data });
  assert.deepEqual(a.tokens.map((t) => `${t.service!.date} ${t.service!.source}`), ['2019-03-04 document', '2024-01-10 document']);
});

test('MPFS years: a code with bilateral indicator 1 in CY2023 and 0 in CY2025 takes 50 on a 2023 date only', () => {
  assert.deepEqual(run('CPT 20610-50', '2023-06-01'), []);
  const f = only('CPT 20610-50', 'modifier.not-applicable', '2025-06-01');
  assert.match(f.message, /Modifier 50 does not fit 20610: MPFS bilateral surgery indicator 0/);
  // a 2026 date uses CY2025, the newest bundled year; a 2019 date CY2022, the oldest
  assert.equal(only('CPT 20610-50', 'modifier.not-applicable', '2026-02-01').ruleId, 'modifier.not-applicable');
  assert.deepEqual(run('CPT 20610-50', '2019-06-01'), []);
  // the reason names the year when it is not the newest
  const fit = modifierFit(data, '50', '20610', '2023-06-01');
  assert.deepEqual([fit.verdict, fit.reason], ['allowed', 'MPFS bilateral surgery indicator 1 for 20610 (MPFS CY2023): modifier 50 allowed: paid at 150%']);
  assert.equal(modifierFit(data, '50', '20610').verdict, 'misfit', 'no date: the newest year');
});

test('cpt.deleted: a code in the MPFS CY2022-CY2023 only: nothing on a 2023 date, deleted on a 2025 date; cpt.unknown stays for codes that never existed', () => {
  assert.deepEqual(run('CPT 91300', '2023-06-01'), []);
  assert.deepEqual(run('CPT 91300', '2019-06-01'), [], 'before the oldest year: judged at CY2022, where it is listed');
  const f = only('CPT 91300', 'cpt.deleted', '2025-06-01');
  assert.equal(f.severity, 'warning');
  assert.equal(
    f.message,
    '91300 is not in the MPFS CY2025, the year of the date of service 2025-06-01: it was last in the MPFS CY2023 (listed CY2022-CY2023), so it was deleted or replaced. Report the code that replaced it (check the current CPT code book).',
  );
  const later = only('CPT 91300', 'cpt.deleted', '2026-03-01');
  assert.match(later.message, /not in the MPFS CY2025, the newest bundled year, which judges the date of service 2026-03-01: .*MPFS 2026 is not bundled: if the code came back for 2026, the data is older than the code\./);
  // recognised by the data outside a procedure context too (the scanner knows it from the MPFS)
  assert.equal(only('billed 91300 today', 'cpt.deleted', '2025-06-01').code, '91300');
  assert.equal(only('CPT 99123', 'cpt.unknown', '2025-06-01').ruleId, 'cpt.unknown');
  assert.deepEqual(run('CPT 99123', '2025-06-01').map((x) => x.ruleId), ['cpt.unknown']);
});

test('MPFS years: a status change (97014 paid in CY2022, status I from CY2023) is judged at the token\'s year; claim rows at their own dates', () => {
  assert.deepEqual(run('CPT 97014', '2022-05-01'), []);
  assert.match(only('CPT 97014', 'coverage.medicare-non-covered', '2023-05-01').message, /MPFS CY2023 status I/);
  assert.match(only('CPT 97014', 'coverage.medicare-non-covered', '2026-05-01').message, /MPFS CY2025 \(the newest bundled year; MPFS 2026 is not bundled\) status I/);
  const text = 'claim_id,service_date,procedure_code,modifier_1\nC1,2022-06-01,91300,\nC2,2025-06-01,91300,\nC3,2023-02-01,20610,50\nC4,2024-02-01,20610,50\n';
  assert.deepEqual(runCsv(text).at, ['cpt.deleted 91300 @C2/1', 'modifier.not-applicable 50 @C4/1']);
});

test('describe: the MPFS year of the date of service, outside the bundled years said so, and the history', () => {
  const at = (code: string, dateOfService?: string) => renderText(describeCode(data, 'cpt', code, { dateOfService })!);
  const d23 = at('20610', '2023-06-01');
  assert.match(d23, /Medicare fee schedule \(MPFS CY2023, for 2023-06-01\):\n {4}Status A/);
  assert.match(d23, /Bilateral 1: modifier 50 allowed/);
  assert.match(d23, /MPFS history \(CY2022–CY2025\):\n {4}In the MPFS CY2022-CY2025\n {4}CY2024: bilateral 1 → 0/);
  assert.match(at('20610', '2026-02-01'), /CY2025 is the newest bundled MPFS year and judges the date of service 2026-02-01 \(MPFS 2026 is not bundled: 2026 values may differ\)/);
  assert.match(at('20610', '2019-02-01'), /CY2022 is the oldest bundled MPFS year and judges the date of service 2019-02-01 \(MPFS 2019 is not bundled\)/);
  const gone = at('91300', '2025-06-01');
  assert.match(gone, /^91300 — no descriptor bundled: not in the MPFS CY2025/);
  assert.match(gone, /CPT Category I · not in the MPFS CY2025: last in CY2023 \(deleted or replaced\)/);
  assert.match(gone, /In the MPFS CY2022-CY2023; not in CY2024-CY2025 \(deleted or replaced\)/);
  assert.match(at('91300', '2023-06-01'), /MPFS CY2023, for 2023-06-01\):\n {4}Status X/);
  assert.match(at('97014', '2022-06-01'), /CY2023: status A → I; multiple procedure 5 → 9; bilateral 0 → 9/);
  assert.match(at('91300'), /Medicare fee schedule \(MPFS CY2025\):\n {4}Not in the MPFS CY2025\n/, 'no date: the newest year');
});

/** An X12 837: findings with the text they point at, the claim and line they are on. */
function runX12(text: string, dateOfService = FY27) {
  const a = analyze(text, 'x12', { data, dateOfService });
  seen.push(...a.findings);
  return { a, at: a.findings.map((f) => `${f.ruleId} ${text.slice(f.start, f.end)}${f.claim ? ` @${f.claim.id}${f.claim.line !== undefined ? `/${f.claim.line}` : ''}` : ''}`) };
}

test('X12 837P: elements decide what is a code (E1140 after ABF is ICD-10-CM, ZIPs and IDs are not codes); claim rules on SV1', () => {
  const text = interchange(PROFESSIONAL_BODY);
  const { a, at } = runX12(text);
  // 99213 as a receiver id, a ZIP in N4, a REF id; 27447 and 11000 as ids: none is a code
  assert.deepEqual(a.tokens.map((t) => `${t.system}:${t.text}`), ['taxonomy:207Q00000X', 'pos:11', 'icd10cm:E1140', 'icd10cm:M7964', 'cpt:99213', 'modifier:25', 'cpt:99213', 'modifier:ZZ']);
  assert.deepEqual(at, ['icd10.header-not-billable M7964 @C1', 'modifier.unknown ZZ @C1/2', 'claim.units-invalid 0 @C1/2', 'claim.pointer-invalid 3 @C1/2']);
  assert.equal(a.findings[3].message, 'Diagnosis pointer "3" on line 2 of claim C1 points at 3, but the claim lists 2 diagnoses (1: E11.40, 2: M79.64). Point at a listed diagnosis or add the diagnosis to the claim.');
  const [mod25] = a.tokens.filter((t) => t.text === '25');
  assert.equal(mod25.parent?.text, '99213');
  // codes judged at their line's DTP*472, HI diagnoses at the claim's first line date
  assert.deepEqual(a.tokens.filter((t) => t.system !== 'taxonomy').map((t) => `${t.text} ${t.service!.date} ${t.service!.source}`), [
    '11 2024-01-10 claim', 'E1140 2024-01-10 claim', 'M7964 2024-01-10 claim', '99213 2024-01-10 line', '25 2024-01-10 line', '99213 2024-01-11 line', 'ZZ 2024-01-11 line',
  ]);
  const [c] = a.claims;
  assert.deepEqual(
    [c.id, c.transaction, c.payer?.name?.text, c.payer?.id?.text, c.patient?.id?.text, c.patient?.sex?.text, c.patient?.birthDate?.value, c.placeOfService?.text, c.taxonomy?.map((t) => t.text), c.from?.value, c.through?.value, c.charge?.value],
    ['C1', '837P', 'PAYER ONE', '11000', 'M99213', 'F', '1960-02-14', '11', ['207Q00000X'], '2024-01-10', '2024-01-12', 100],
  );
  assert.deepEqual(c.diagnoses.map((d) => `${d.position}:${d.code.text}:${d.qualifier}:${d.version}`), ['1:E1140:principal:10', '2:M7964:other:10']);
  assert.deepEqual(c.lines.map((l) => `${l.number} ${l.procedure?.text}${l.modifiers.map((m) => `-${m.text}`).join('')} ×${l.units?.text} $${l.charge?.value} ${l.date?.value}..${l.through?.value ?? ''} [${l.pointers?.value}]`), [
    '1 99213-25 ×1 $60 2024-01-10.. [1,2]',
    '2 99213-ZZ ×0 $40 2024-01-11..2024-01-12 [3]',
  ]);  // 2430: a prior payer's adjudication of the line (its procedure is judged too), the line item control number
  const withSvd = runX12(interchange([...PROFESSIONAL_BODY.slice(0, 18), 'REF*6R*L0001', 'SVD*11000*55*HC:99213:RT**1*1']));
  const [l1] = withSvd.a.claims[0].lines;
  assert.equal(l1.controlNumber?.text, 'L0001');
  assert.deepEqual(l1.adjudicated?.map((x) => `${x.payerId?.text} $${x.paid?.value} ${x.procedure?.text}-${x.modifiers.map((m) => m.text)} ×${x.units?.value}`), ['11000 $55 99213-RT ×1']);
  assert.equal(withSvd.a.tokens.find((t) => t.text === 'RT')!.parent, l1.adjudicated![0].procedure);
});

test('X12: the same interchange on one line, with CRLF or with other delimiters gives the same findings on the same text', () => {
  const base = runX12(interchange(PROFESSIONAL_BODY)).at;
  for (const d of [{ newline: '' }, { newline: '\r\n' }, { newline: '\r' }, { element: '|', component: '>', segment: "'" }]) assert.deepEqual(runX12(interchange(PROFESSIONAL_BODY, d)).at, base, JSON.stringify(d));
});

test('X12 837I: SV2 revenue lines, HC procedures in SV202, statement dates, POA and admitting/reason diagnoses, ICD-9 not judged', () => {
  const body = [
    'HL*1**20*1', 'NM1*85*2*HOSPITAL*****XX*1234567893', 'HL*2*1*22*0', 'NM1*IL*1*ROE*R****MI*X1', 'DMG*D8*19450302*M', 'NM1*PR*2*PAYER*****PI*P1',
    'CLM*I1*900***11:A:1**A*Y*Y', 'DTP*434*RD8*20190301-20190305', 'DTP*435*D8*20190301',
    'HI*ABK:R05:::::::Y', 'HI*ABJ:E1140', 'HI*APR:M7964:::::::N', 'HI*BF:25000',
    'LX*1', 'SV2*0120**500*DA*4', 'LX*2', 'SV2*0450*HC:99213:RT*400*UN*1', 'DTP*472*D8*20240110',
  ];
  const text = interchange(body, {}, { version: '005010X223A2' });
  const { a, at } = runX12(text);
  // R05 at the 2019 statement date: billable; M79.64 a header; 11 after A is a facility type, not a place of service;
  // RT (anatomic) on the E/M code 99213; an ICD-9-CM qualifier (BF) on a 2019 claim
  assert.deepEqual(at, ['icd10.header-not-billable M7964 @I1', 'x12.icd-version-mismatch BF @I1', 'modifier.not-applicable RT @I1/2']);
  assert.ok(!a.tokens.some((t) => t.system === 'pos'));
  const [c] = a.claims;
  assert.deepEqual([c.transaction, c.from?.value, c.through?.value, c.admission?.value, c.facilityType?.text], ['837I', '2019-03-01', '2019-03-05', '2019-03-01', '11']);
  assert.deepEqual(c.diagnoses.map((d) => `${d.code.text}:${d.qualifier}:${d.version}:${d.presentOnAdmission?.text ?? ''}:${d.token ? 'judged' : 'not judged'}`), [
    'R05:principal:10:Y:judged', 'E1140:admitting:10::judged', 'M7964:reason:10:N:judged', '25000:other:9::not judged',
  ]);
  assert.deepEqual(c.lines.map((l) => `${l.number} rev ${l.revenueCode?.text} ${l.procedure?.text ?? '-'}${l.modifiers.map((m) => `-${m.text}`).join('')} ×${l.units?.text} ${l.unitBasis?.text}`), ['1 rev 0120 - ×4 DA', '2 rev 0450 99213-RT ×1 UN']);
  assert.equal(a.tokens.find((t) => t.text === '99213')!.service!.date, '2024-01-10');
});

test('x12.envelope: a wrong SE01 count and a missing IEA are warnings where they are written; the claims are still judged', () => {
  const text = interchange(PROFESSIONAL_BODY, {}, { seCount: 9, noIea: true });
  const { a, at } = runX12(text);
  assert.deepEqual(at.filter((x) => x.startsWith('x12.')), ['x12.envelope ISA', 'x12.envelope 9']);
  assert.equal(a.findings.find((f) => f.ruleId === 'x12.envelope')!.severity, 'warning');
  assert.equal(a.findings.filter((f) => f.ruleId === 'x12.envelope')[1].message, `SE01 says 9, but the transaction set (ST to SE, both included) holds ${PROFESSIONAL_BODY.length + 2}. Correct the count.`);
  assert.ok(at.includes('modifier.unknown ZZ @C1/2'));
  assert.deepEqual(runX12(interchange(PROFESSIONAL_BODY)).at.filter((x) => x.startsWith('x12.')), []);
});

test('claim.mue-exceeded: units per code and date summed over a claim\'s lines (MAI 2/3), per line for MAI 1; same units on two dates do not fire', () => {
  const text = 'claim_id,service_date,procedure_code,units\nC1,2026-05-01,99291,1\nC1,2026-05-01,99291,1\nC2,2026-05-01,99291,1\nC2,2026-05-02,99291,1\nC3,2026-05-01,A6460,2\nC4,2026-05-01,96372,5\nC5,2026-05-01,96372,2\nC5,2026-05-01,96372,2\nC6,2026-05-01,J3490,40\n';
  const { a, at } = runCsv(text);
  assert.deepEqual(at.filter((x) => x.startsWith('claim.mue')), ['claim.mue-exceeded 1 @C1/2', 'claim.mue-exceeded 2 @C3/1', 'claim.mue-exceeded 5 @C4/1']);
  const [c1, c3, c4] = a.findings.filter((f) => f.ruleId === 'claim.mue-exceeded');
  assert.ok(c1.message.startsWith('2 units of 99291 on 2026-05-01 on claim C1 (line 1: 1, line 2: 1) exceed the MUE 1 for 99291 (NCCI practitioner MUE 2026-Q2; MAI 2: Date of Service Edit: Policy; rationale: Code Descriptor / CPT Instruction), a limit per date of service.'), c1.message);
  assert.match(c1.message, /absolute date-of-service edit: .*not payable on appeal/);
  assert.equal(c1.related?.length, 1);
  assert.match(c3.message, /^2 units of A6460 on line 1 of claim C3 exceed the MUE 1 .*MAI 1: Line Edit; rationale: Clinical: CMS Workgroup\)\. MAI 1 is a line edit/);
  assert.match(c4.message, /MAI 3: Date of Service Edit: Clinical; rationale: Clinical: Data.*may be paid on appeal with documentation/);
  // C5: 2 + 2 = the MUE of 4, not above it; C6: J3490 has no published MUE, never judged
  // a claim file without a units column: each line is one unit
  assert.deepEqual(runCsv('claim_id,service_date,procedure_code\nC1,2026-05-01,99291\nC1,2026-05-01,99291\n').at, ['claim.mue-exceeded 99291 @C1/2']);
  const desc = renderText(describeCode(data, 'hcpcs', 'J3490')!);
  assert.match(desc, /No published MUE for this code/);
  assert.doesNotMatch(desc, /no limit/i);
  assert.match(renderText(describeCode(data, 'cpt', '99291')!), /1 unit\(s\) per day · MAI 2 \(Date of Service Edit: Policy\) · Code Descriptor \/ CPT Instruction/);
});

function runPos(text: string, format: 'csv' | 'note' = 'csv') {
  const a = analyze(text, format, { data, dateOfService: '2025-03-04' });
  seen.push(...a.findings);
  return { a, at: a.findings.filter((f) => f.ruleId.startsWith('pos.')).map((f) => `${f.ruleId} ${text.slice(f.start, f.end)}${f.claim ? ` @${f.claim.id}/${f.claim.line}` : ''}`) };
}
test('pos.unknown: a POS column value or a "POS" label that is not a CMS code; known codes pass', () => {
  const { a, at } = runPos('claim_id,dos,cpt,pos\nC1,2025-03-04,99213,11\nC2,2025-03-04,99213,88\nC3,2025-03-04,99213,21\n');
  assert.deepEqual(at, ['pos.unknown 88 @C2/1']);
  const f = a.findings.find((x) => x.ruleId === 'pos.unknown')!;
  assert.equal(f.severity, 'error');
  assert.match(f.message, /^POS 88 is not a CMS place-of-service code\. Use the two-digit code of the setting .*e\.g\. 11 Office, 21 Inpatient Hospital, 22 On Campus-Outpatient Hospital\.$/);
  assert.deepEqual(runPos('Seen in clinic.\nPOS 88\nPOS 11\n', 'note').at, ['pos.unknown 88']);
});

test('pos.setting-not-priced: office POS on a hospital-only surgery, facility POS on a global ECG; the priced setting passes', () => {
  const text = [
    'claim_id,dos,cpt,modifier,pos',
    'C1,2025-03-04,27447,,11',
    'C2,2025-03-04,27447,,21',
    'C3,2025-03-04,93000,,21',
    'C4,2025-03-04,93000,,11',
    'C5,2025-03-04,99213,,21',
    'C6,2025-03-04,0264T,,11',
  ].join('\n');
  const { a, at } = runPos(`${text}\n`);
  assert.deepEqual(at, ['pos.setting-not-priced 11 @C1/1', 'pos.setting-not-priced 21 @C3/1']);
  const [knee, ecg] = a.findings.filter((f) => f.ruleId === 'pos.setting-not-priced');
  assert.equal(knee.severity, 'warning');
  assert.match(knee.message, /^27447 on line 1 of claim C1 has POS 11 \(Office\), a non-facility setting, but the CY2025 Medicare Physician Fee Schedule gives 27447 no non-facility price \(non-facility NA indicator\)\. CMS considers it performed in a facility .*Check the place of service/);
  assert.match(ecg.message, /^93000 on line 1 of claim C3 has POS 21 \(Inpatient Hospital\), a facility setting, .* no facility price .*Report the professional part only/);
  assert.deepEqual(knee.related?.map((r) => text.slice(r.start, r.end)), ['27447']);
});

test('pos.setting-not-priced: judged on claim files only, never on a note that mentions a POS', () => {
  assert.deepEqual(runPos('claim_id,dos,cpt,pos\nC1,2025-03-04,27447,11\n').at, ['pos.setting-not-priced 11 @C1/1']);
  assert.deepEqual(runPos('Date of service: 2025-03-04\nPOS 11\nCPT 27447\n', 'note').at, []);
});

test('facility and non-facility places of service (Pub. 100-04 ch. 12 §20.4.2)', () => {
  assert.deepEqual(['02', '19', '21', '22', '23', '24', '26', '31', '34', '41', '42', '51', '52', '53', '56', '61'].filter((c) => posSetting(c) !== 'facility'), []);
  assert.deepEqual(['10', '11', '12', '13', '20', '32', '49', '50', '65', '81', '99'].filter((c) => posSetting(c) !== 'non-facility'), []);
});

test('a CSV header ending in "modifier" names no modifier in the first data row (labels stay on their line)', () => {
  assert.deepEqual(runCsv('claim_id,dos,cpt,modifier\nC1,2025-03-02,27447,RT\n').at, []);
  assert.deepEqual(runCsv('claim_id,dos,cpt,modifier\nC1,2025-03-02,27447,QQ\n').at, ['modifier.unknown QQ @C1/1']);
});

test('claim.global-period: an E/M in a procedure\'s global package on the same claim without 24/25/57/FT', () => {
  const text = [
    'claim_id,service_date,procedure_code,modifier_1',
    'C1,2025-03-02,27447,RT',
    'C1,2025-03-01,99213,',
    'C1,2025-03-20,99213,',
    'C1,2025-03-21,99213,24',
    'C1,2025-06-15,99213,',
    'C2,2025-03-02,11000,',
    'C2,2025-03-02,99213,',
    'C2,2025-03-03,99213,',
    'C3,2025-03-02,11000,',
    'C3,2025-03-02,99213,25',
  ].join('\n');
  const { a, at } = runCsv(`${text}\n`);
  assert.deepEqual(at.filter((x) => x.startsWith('claim.global')), ['claim.global-period 99213 @C1/2', 'claim.global-period 99213 @C1/3', 'claim.global-period 99213 @C2/2']);
  const [before, after, sameDay] = a.findings.filter((f) => f.ruleId === 'claim.global-period');
  assert.equal(before.severity, 'warning');
  assert.match(before.message, /^99213 on line 2 of claim C1 \(2025-03-01\) is the day before 27447 \(line 1, 2025-03-02\), inside its global surgical period \(CY2025 MPFS: 90-day global.*add modifier 57/);
  assert.match(after.message, /is 18 days after 27447 .*add modifier 24 \(or FT\)/);
  assert.match(sameDay.message, /is on the day of 11000 .*0-day global.*add modifier 25/);
  assert.deepEqual(before.related?.map((r) => text.slice(r.start, r.end)), ['27447']);
  // a note naming a procedure and a visit is no claim
  assert.deepEqual(run('Date of service: 2025-03-02\nCPT 11000\nCPT 99213\n').filter((x) => x.ruleId === 'claim.global-period'), []);
});

test('coverage.medicare-status and claim.status-t-same-day: MPFS status B, R, and T beside a payable service', () => {
  const f = run('Date of service: 2025-03-04\nHCPCS A4550\nHCPCS G0117\n').filter((x) => x.ruleId === 'coverage.medicare-status');
  assert.deepEqual(f.map((x) => `${x.code} ${x.severity}`), ['A4550 info', 'G0117 info']);
  assert.match(f[0].message, /^A4550 has MPFS CY2025 .*status B \(Bundled: payment is always included in another service\)\. Medicare pays for it only as part of another service/);
  assert.match(f[1].message, /status R \(Restricted coverage.*\)\. Medicare covers it only under special coverage instructions/);
  const text = 'claim_id,service_date,procedure_code\nC1,2025-03-04,36591\nC1,2025-03-04,99213\nC2,2025-03-04,36591\nC3,2025-03-04,36591\nC3,2025-03-05,99213\n';
  const { a, at } = runCsv(text);
  assert.deepEqual(at.filter((x) => x.startsWith('claim.status-t')), ['claim.status-t-same-day 36591 @C1/1']);
  assert.match(a.findings.find((x) => x.ruleId === 'claim.status-t-same-day')!.message, /^36591 on line 1 of claim C1 has CY2025 MPFS status T \(.*\), and 99213 \(line 2\) is payable on the same date 2025-03-04: Medicare pays 36591 only when/);
});

test('claim.mue-exceeded in notes: only units written after the code count, never repeated mentions', () => {
  const f = only('CPT 96372 x 5 units', 'claim.mue-exceeded', FY26);
  assert.equal(f.code, '5');
  assert.match(f.message, /^5 units of 96372 on 2026-05-01 in this document exceed the MUE 4/);
  assert.deepEqual(run('CPT 96372 administered.\nPlan: 96372 again.\nSummary: 96372, 96372, 96372, 96372, 96372', FY26).filter((x) => x.ruleId === 'claim.mue-exceeded'), []);
  assert.deepEqual(run('CPT 96372 (2 units)\nCPT 96372 units: 2', FY26).filter((x) => x.ruleId === 'claim.mue-exceeded'), [], '2 + 2 is the MUE, not above it');
  assert.equal(only('CPT 96372 (3 units)\nCPT 96372 x2', 'claim.mue-exceeded', FY26).code, '2');
});

test('claim.addon-without-primary: 99292 alone fires (quick fix adds 99291 in a note), with 99291 it does not; type 3 lists primaries, type 2 is not judged', () => {
  const f = only('CPT 99292', 'claim.addon-without-primary', FY26);
  assert.equal(f.message, '99292 in this document (line 1) is an add-on code (NCCI AOC 2026-Q2, edit type 1), but no primary code for it is in this document: its primary code is 99291. An add-on code is not paid without its primary service: report the primary code on the same claim, or remove 99292.');
  assert.deepEqual(f.fixes, [{ title: 'Add primary code 99291 before 99292', start: 4, end: 4, newText: '99291, ', preferred: true }]);
  assert.deepEqual(run('CPT 99291, 99292', FY26), []);
  const t3 = only('CPT 0984T', 'claim.addon-without-primary', FY26);
  assert.match(t3.message, /its primary codes are 36221, 36222 \(AOC edit type 3: your Medicare contractor may accept other primary codes as well\)/);
  assert.equal(t3.fixes, undefined, 'two primaries: no obvious one');
  assert.deepEqual(run('CPT 0054T', FY26).filter((x) => x.ruleId === 'claim.addon-without-primary'), [], 'type 2: contractor-defined primaries');
  const text = 'claim_id,service_date,procedure_code\nC1,2026-05-01,99292\nC2,2026-05-01,99291\nC2,2026-05-01,99292\n';
  const { a, at } = runCsv(text);
  assert.deepEqual(at, ['claim.addon-without-primary 99292 @C1/1']);
  assert.match(a.findings[0].message, /^99292 on line 1 of claim C1 is an add-on code .*no primary code for it is on claim C1/);
  assert.equal(a.findings[0].fixes, undefined, 'a claim file needs a line of its own');
});

test('modifier fit: anatomic modifiers not on E/M, 51 not on add-on codes or multiple procedure 0, 1P only on Category II; 93000-26 (PC/TC 4)', () => {
  for (const m of ['LT', 'RT', 'E1', 'FA']) {
    const f = only(`CPT 99213-${m}`, 'modifier.not-applicable', FY26);
    assert.match(f.message, new RegExp(`${m} is an anatomic modifier .* 99213 is an evaluation and management code`));
  }
  assert.deepEqual(run('CPT 27447-RT', FY26), []);
  assert.match(only('CPT 99292-51\nCPT 99291', 'modifier.not-applicable', FY26).message, /99292 is an add-on code \(NCCI AOC edit type 1\)/);
  assert.match(only('CPT 96372-51', 'modifier.not-applicable', FY26).message, /MPFS multiple procedure indicator 0 for 96372/);
  assert.deepEqual(run('CPT 27447-51', FY26), []);
  assert.equal(modifierFit(data, '51', '27447').verdict, 'allowed');
  assert.match(only('CPT 96372-1P', 'modifier.not-applicable', FY26).message, /1P is a CPT Category II performance-measure modifier and 96372 is not a Category II code/);
  assert.deepEqual(run('CPT 3079F-1P', FY26).filter((x) => x.ruleId.startsWith('modifier')), []);
  assert.match(only('CPT 93000-26', 'modifier.not-applicable', FY26).message, /93000 is a global test only code/);
  assert.deepEqual(run('CPT 93000', FY26), []);
});

test('modifier.conflict: LT with RT, 50 with LT or RT, the same modifier twice, more than four on a line', () => {
  const lr = only('CPT 27447-RT-LT', 'modifier.conflict', FY26);
  assert.equal(lr.code, 'LT');
  assert.match(lr.message, /^LT and RT are both on 27447 in this document \(line 1\): one line is one side\. For a procedure on both sides report 50/);
  const b = only('CPT 27447-50-LT', 'modifier.conflict', FY26);
  assert.match(b.message, /^LT with 50 on 27447/);
  assert.deepEqual(b.fixes, [{ title: 'Remove modifier LT', start: 12, end: 15, newText: '' }]);
  const dup = only('CPT 27447-RT-RT', 'modifier.conflict', FY26);
  assert.deepEqual(dup.fixes, [{ title: 'Remove modifier RT', start: 12, end: 15, newText: '' }]);
  assert.deepEqual(run('CPT 27447-RT\nCPT 27447-LT', FY26), [], 'one side per line');
  const text = 'claim_id,service_date,procedure_code,modifier_1,modifier_2,modifier_3,modifier_4,modifier_5\nC1,2026-05-01,27447,RT,80,GA,XS,59\nC2,2026-05-01,27447,RT,LT,,,\n';
  const { a, at } = runCsv(text);
  assert.deepEqual(at.filter((x) => x.startsWith('modifier.conflict')), ['modifier.conflict 59 @C1/1', 'modifier.conflict LT @C2/1']);
  assert.match(a.findings.find((f) => f.ruleId === 'modifier.conflict')!.message, /^5 modifiers on 27447 on line 1 of claim C1 \(RT, 80, GA, XS, 59\): a claim line holds four/);
});

test('claim.patient-sex-age: pregnancy for a male or outside 12-55, perinatal after age 0, titles naming the other sex; no sex or birth date, no finding', () => {
  const text = [
    'claim_id,service_date,patient_sex,birth_date,diagnosis_code_1,diagnosis_code_2,procedure_code',
    'C1,2026-05-01,M,1980-01-01,O80,N39.3,99213',
    'C2,2026-05-01,F,2020-01-01,P59.9,N40.0,99213',
    'C3,2026-05-01,F,1990-01-01,O80,Z80.42,99213',
    'C4,2026-05-01,,,O80,N40.0,99213',
    'C5,2026-05-01,2,2026-01-15,P59.9,C56.1,99213',
    'C6,2026-05-01,F,1960-03-01,O80,,99213',
    'C7,2026-05-01,U,1990-01-01,N40.0,C56.1,99213',
  ].join('\n');
  const { a, at } = runCsv(text);
  assert.deepEqual(at, ['claim.patient-sex-age O80 @C1/1', 'claim.patient-sex-age P59.9 @C2/1', 'claim.patient-sex-age N40.0 @C2/1', 'claim.patient-sex-age O80 @C6/1']);
  const [male, perinatal, prostate, older] = a.findings;
  assert.match(male.message, /^O80 "Encounter for full-term uncomplicated delivery" on claim C1 does not fit the patient \(male, born 1980-01-01; age 46 on 2026-05-01\): a pregnancy, childbirth or puerperium code \(chapter O\) for a male patient\. .*condition code 45/);
  assert.match(perinatal.message, /a perinatal code \(chapter P\) at age 6: .*age 0 only.*Correct the diagnosis or the patient's birth date\.$/);
  assert.match(prostate.message, /its official title names male anatomy or sex, and the patient is female/);
  assert.match(older.message, /chapter O\) at age 66, outside the maternity ages 12-55/);
  // N39.3 "(female) (male)", Z80.42 family history of prostate cancer for a woman, a newborn (BENE_SEX_IDENT_CD 2 = female) with P59.9: no finding
});

test('claim.patient-sex-age: the title list (derived from the official titles) and what it leaves alone', () => {
  assert.equal(titleSex('Benign prostatic hyperplasia without lower urinary tract symptoms'), 'male');
  assert.equal(titleSex('Malignant neoplasm of right ovary'), 'female');
  assert.equal(titleSex('Malignant neoplasm of nipple and areola, right female breast'), 'female');
  assert.equal(titleSex('Male erectile disorder'), 'male');
  for (const either of [
    'Stress incontinence (female) (male)',
    'Family history of malignant neoplasm of prostate',
    'Encounter for male factor infertility in female patient',
    'Male partner, current, perpetrator of maltreatment and neglect',
    'Newborn affected by abnormal uterine contractions',
    'Single liveborn infant, delivered vaginally',
    'Male pseudohermaphroditism, not elsewhere classified',
    'Female with 46, XY karyotype',
    'Essential (primary) hypertension',
  ]) assert.equal(titleSex(either), undefined, either);
  assert.equal(titleSex('Inflammatory disorders of spermatic cord, tunica vaginalis and vas deferens'), 'male', '"vaginalis" is not "vagina"');
  assert.deepEqual([sexOf('M'), sexOf('1'), sexOf('female'), sexOf('2'), sexOf('U'), sexOf('0'), sexOf('')], ['male', 'male', 'female', 'female', undefined, undefined, undefined]);
  assert.equal(ageAt('2020-05-02', '2021-05-01'), 0);
  assert.equal(ageAt('2020-05-01', '2021-05-01'), 1);
});

test('claim.principal-diagnosis: an external-cause or sequela code first on a claim fires; second it does not; notes are not judged', () => {
  const ext = runCsv('claim_id,service_date,diagnosis_code_1,diagnosis_code_2,procedure_code\nC1,2026-05-01,W21.89XA,S52.521A,99213\n').a.findings.find((x) => x.ruleId === 'claim.principal-diagnosis')!;
  assert.match(ext.message, /^W21\.89XA "Striking against or struck by other sports equipment, initial encounter" is the first-listed diagnosis of claim C1, but it is an external-cause code \(V00-Y99\)/);
  const seq = runCsv('claim_id,service_date,diagnosis_code_1,diagnosis_code_2,procedure_code\nC1,2026-05-01,S52.521S,I10,99213\n').at;
  assert.deepEqual(seq, ['claim.principal-diagnosis S52.521S @C1/1']);
  assert.deepEqual(runCsv('claim_id,service_date,diagnosis_code_1,diagnosis_code_2,procedure_code\nC1,2026-05-01,S52.521A,W21.89XA,99213\n').at, []);
  // prose names codes in any order: a note's first code is no first-listed diagnosis
  assert.deepEqual(run('Dx W21.89XA, S52.521A').filter((x) => x.ruleId === 'claim.principal-diagnosis'), []);
  // a principal column decides over position
  const { at } = runCsv('claim_id,service_date,other_dx,principal_dx,procedure_code\nC1,2026-05-01,W21.89XA,S52.521A,99213\nC2,2026-05-01,I10,W21.89XA,99213\n');
  assert.deepEqual(at, ['claim.principal-diagnosis W21.89XA @C2/1']);
});

test('X12 837P: DMG sex and birth date, SV104 units, the principal ABK diagnosis and modifiers judged by the claim edits', () => {
  const body = [
    ...PROFESSIONAL_BODY.slice(0, 10),
    'DMG*D8*19600214*M',
    ...PROFESSIONAL_BODY.slice(11, 14),
    'HI*ABK:W2189XA*ABF:O80',
    'LX*1', 'SV1*HC:99291:RT*60*UN*1***1', 'DTP*472*D8*20260501',
    'LX*2', 'SV1*HC:99291*60*UN*1***1', 'DTP*472*D8*20260501',
    'LX*3', 'SV1*HC:0984T:RT:LT*60*UN*1***1', 'DTP*472*D8*20260501',
  ];
  const { at } = runX12(interchange(body));
  assert.deepEqual(at, [
    'claim.principal-diagnosis W2189XA @C1',
    'claim.patient-sex-age O80 @C1',
    'modifier.not-applicable RT @C1/1',
    'claim.mue-exceeded 1 @C1/2',
    'claim.addon-without-primary 0984T @C1/3',
    'modifier.conflict LT @C1/3',
  ]);
  assert.deepEqual(runX12(interchange(PROFESSIONAL_BODY)).at.filter((x) => /claim\.(mue|addon|patient|principal)|modifier\.conflict/.test(x)), []);
});

test('X12: a valid 837P and a valid 837I give zero findings (nothing read as a code that is not one)', () => {
  const valid = PROFESSIONAL_BODY.map((s) => s.replace('ABF:M7964', 'ABF:M79641').replace('HC:99213:ZZ*40*UN*0***3', 'HC:99213*40*UN*1***2'));
  assert.deepEqual(runX12(interchange(valid)).at, []);
  const body = [
    'HL*1**20*1', 'PRV*BI*PXC*207Q00000X', 'NM1*85*2*HOSPITAL*****XX*1234567893', 'N4*SPOKANE*WA*99213', 'HL*2*1*22*0', 'NM1*IL*1*ROE*R****MI*X1', 'DMG*D8*19450302*M', 'NM1*PR*2*PAYER*****PI*P1',
    'CLM*I1*900***11:A:1**A*Y*Y', 'DTP*434*RD8*20240101-20240105', 'HI*ABK:E1140:::::::Y', 'HI*BH:11:D8:20240101*BE:80:::1500*BG:07*DR:470',
    'LX*1', 'SV2*0120**500*DA*4', 'LX*2', 'SV2*0450*HC:99213:::::99214*400*UN*1', 'DTP*472*D8*20240102',
  ];
  const inst = runX12(interchange(body, {}, { version: '005010X223A2' }));
  assert.deepEqual(inst.at, []);
  // occurrence (BH), value (BE), condition (BG) codes and the DRG are not diagnoses; SV202-7 is a description
  assert.deepEqual(inst.a.claims[0].diagnoses.map((d) => d.code.text), ['E1140']);
  assert.deepEqual(inst.a.tokens.map((t) => `${t.system}:${t.text}`), ['taxonomy:207Q00000X', 'icd10cm:E1140', 'cpt:99213']);
  assert.deepEqual(inst.a.claims[0].lines[1].modifiers, []);
});

test('x12.line-date-missing: an 837P line with no DTP*472 and no claim date; a claim-level DTP*472 covers its lines', () => {
  const noDate = PROFESSIONAL_BODY.filter((s) => !s.startsWith('DTP*472*RD8'));
  const { a, at } = runX12(interchange(noDate));
  assert.deepEqual(at.filter((x) => x.startsWith('x12.')), ['x12.line-date-missing SV1 @C1/2']);
  const f = a.findings.find((x) => x.ruleId === 'x12.line-date-missing')!;
  assert.equal(f.severity, 'error');
  assert.equal(f.message, 'Service line 2 of claim C1 (loop 2400, SV101 "HC:99213:ZZ") has no date of service: no DTP*472 in the line and no DTP*472 at the claim level (loop 2300). An 837P line needs DTP01 472, DTP02 D8, DTP03 CCYYMMDD; add DTP*472*D8*CCYYMMDD after the SV1 segment.');
  // an unreadable date: pointed at DTP03
  const bad = runX12(interchange(PROFESSIONAL_BODY.map((s) => s.replace('RD8*20240111-20240112', 'D8*2024011'))));
  assert.deepEqual(bad.at.filter((x) => x.startsWith('x12.')), ['x12.line-date-missing 2024011 @C1/2']);
  // a claim-level date: no finding; an 837I: not this rule
  const claimDate = [...noDate.slice(0, 14), 'DTP*472*D8*20240110', ...noDate.slice(14)];
  assert.deepEqual(runX12(interchange(claimDate)).at.filter((x) => x.startsWith('x12.')), []);
  assert.deepEqual(runX12(interchange(noDate, {}, { version: '005010X223A2' })).at.filter((x) => x.startsWith('x12.line')), []);
});

test('claim.duplicate-diagnosis: the same code twice in a claim\'s HI (X12), or in one row\'s diagnosis columns (CSV)', () => {
  const body = PROFESSIONAL_BODY.map((s) => (s.startsWith('HI*') ? 'HI*ABK:E1140*ABF:M79641*ABF:E1140' : s));
  const { a, at } = runX12(interchange(body));
  assert.deepEqual(at.filter((x) => x.startsWith('claim.dup')), ['claim.duplicate-diagnosis E1140 @C1']);
  const f = a.findings.find((x) => x.ruleId === 'claim.duplicate-diagnosis')!;
  assert.equal(f.severity, 'warning');
  assert.equal(f.message, 'Diagnosis E11.40 is listed twice in claim C1\'s HI (loop 2300): HI03-2 "E1140" (position 3) repeats HI01-2 "E1140" (position 1). Remove the repeat and renumber the diagnosis pointers (SV107) that point past it.');
  // CSV: the same code in two columns of a row; the claim's codes repeated on every row are not duplicates
  const csv = 'claim_id,service_date,procedure_code,diagnosis_code_1,diagnosis_code_2\nC1,2024-01-10,99213,E11.9,E11.9\nC2,2024-01-10,99213,E11.9,I10\nC2,2024-01-10,99213,E11.9,I10\n';
  const c = runCsv(csv);
  assert.deepEqual(c.at.filter((x) => x.startsWith('claim.dup')), ['claim.duplicate-diagnosis E11.9 @C1/1']);
  assert.match(c.a.findings.find((x) => x.ruleId === 'claim.duplicate-diagnosis')!.message, /^Diagnosis E11\.9 is listed twice on row 2 of claim C1: column "diagnosis_code_2" repeats column "diagnosis_code_1"\. Remove the repeat\.$/);
});

test('x12.icd-version-mismatch: ICD-9-CM qualifiers from 2015-10-01, ICD-10-CM qualifiers before it (837I: the through date)', () => {
  const icd9 = PROFESSIONAL_BODY.map((s) => (s.startsWith('HI*') ? 'HI*BK:25000*ABF:M7964' : s));
  const { a, at } = runX12(interchange(icd9));
  assert.deepEqual(at.filter((x) => x.startsWith('x12.')), ['x12.icd-version-mismatch BK @C1']);
  assert.equal(a.findings.find((x) => x.ruleId === 'x12.icd-version-mismatch')!.message, 'HI01-1 qualifier "BK" (ICD-9-CM principal diagnosis) with code 25000 on claim C1 dated 2024-01-10: ICD-9-CM is not accepted for dates of service on or after 2015-10-01. Code the diagnosis in ICD-10-CM with qualifier ABK.');
  const old = PROFESSIONAL_BODY.map((s) => s.replace('20240110', '20140910').replace('20240111-20240112', '20140911-20140912'));
  const o = runX12(interchange(old));
  assert.deepEqual(o.at.filter((x) => x.startsWith('x12.')), ['x12.icd-version-mismatch ABK @C1', 'x12.icd-version-mismatch ABF @C1']);
  assert.match(o.a.findings.find((x) => x.ruleId === 'x12.icd-version-mismatch')!.message, /^HI01-1 qualifier "ABK" \(ICD-10-CM principal diagnosis\) with code E1140 on claim C1 dated 2014-09-10: before 2015-10-01 diagnoses are coded in ICD-9-CM\. Use qualifier BK/);
  assert.match(o.a.findings.filter((x) => x.ruleId === 'x12.icd-version-mismatch')[1].message, /^HI02-1 qualifier "ABF"/);
  // an inpatient stay admitted before and discharged after: ICD-10-CM by the discharge (through) date
  const stay = ['HL*1**20*1', 'HL*2*1*22*0', 'NM1*PR*2*PAYER*****PI*P1', 'CLM*I1*900***11:A:1**A*Y*Y', 'DTP*434*RD8*20150925-20151003', 'HI*ABK:E1140', 'LX*1', 'SV2*0120**500*DA*4'];
  assert.deepEqual(runX12(interchange(stay, {}, { version: '005010X223A2' })).at.filter((x) => x.startsWith('x12.icd')), []);
});

test('coverage.* payer policy rules: the bundled BCBSRI pack by payer/plan and date of service; prior-auth and diagnosis-required by a test pack', () => {
  const policies = [...bundledPolicies(), testPack()];
  const go = (text: string, format: 'note' | 'csv' = 'note', payer?: string) => {
    const findings = analyze(text, format, { data, dateOfService: FY27, policies, payer }).findings.filter((f) => f.ruleId.startsWith('coverage.') && f.ruleId !== 'coverage.medicare-non-covered');
    seen.push(...findings);
    return findings;
  };
  const ma = 'Payer: Blue Cross & Blue Shield of Rhode Island\nPlan: Medicare Advantage\nDate of service: 2026-03-02\n\nProcedures: 0263T, 0264T, 0265T\n';
  const f = go(ma);
  assert.deepEqual(f.map((x) => `${x.ruleId} ${x.code}`), ['coverage.not-covered 0263T', 'coverage.not-covered 0264T', 'coverage.not-covered 0265T']);
  assert.match(f[0].message, /^0263T is not covered for Blue Cross & Blue Shield of Rhode Island Medicare Advantage on 2026-03-02: policy "Treatment of Peripheral Arterial Disease with Stem Cell Therapy" \(bcbsri-stem-cell-pad, effective 2026-01-01; source: .*Provider Update, November 2025.*\)\. .* get the member's written agreement/);
  // before the policy's effective date; another payer; no payer at all
  assert.deepEqual(go(ma.replace('2026-03-02', '2025-12-31')), []);
  assert.deepEqual(go(ma.replace('Blue Cross & Blue Shield of Rhode Island', 'Aetna')), []);
  assert.deepEqual(go('Date of service: 2026-03-02\nCPT 0263T\n'), []);
  // the payer from the setting, its plan from the note; an alias, case-insensitively
  assert.deepEqual(go('Date of service: 2026-03-02\nPlan: commercial products\nCPT 0263T\n', 'note', 'bcbsri').map((x) => x.ruleId), ['coverage.not-medically-necessary']);
  // a "Plan:" heading of a note's assessment and plan is no plan
  assert.deepEqual(go('Insurance: BCBSRI\nDate of service: 2026-03-02\nPlan: follow up in 2 weeks\nCPT 0263T\n'), []);
  // claim rows: the payer and plan columns, else the setting's plan
  const csv = 'claim_id,payer,plan,date_of_service,cpt\nC1,Blue Cross & Blue Shield of Rhode Island,Commercial,2026-03-02,0263T\nC2,Aetna,Commercial,2026-03-02,0264T\nC3,BCBSRI,Medicare Advantage,2026-03-02,0265T\n';
  assert.deepEqual(go(csv, 'csv').map((x) => `${x.ruleId} ${x.code} ${x.claim?.id}`), ['coverage.not-medically-necessary 0263T C1', 'coverage.not-covered 0265T C3']);
  assert.deepEqual(go('claim_id,payer,date_of_service,cpt\nC1,BCBSRI,2026-03-02,0264T\n', 'csv', '/Commercial').map((x) => x.ruleId), ['coverage.not-medically-necessary']);
  // test pack: prior authorization for every plan; diagnosis-required unless a listed diagnosis is on the claim; ended policies are silent
  assert.deepEqual(go('Payer: Test Health\nDate of service: 2026-03-02\nCPT 99213\n').map((x) => x.ruleId), ['coverage.prior-auth']);
  const dx = go('Payer: Test Health\nDate of service: 2026-03-02\nDx: M79.642\nCPT 20610\n');
  assert.deepEqual(dx.map((x) => x.ruleId), ['coverage.diagnosis-required']);
  assert.match(dx[0].message, /supporting diagnoses: M17, M1A; none on the claim/);
  assert.deepEqual(go('Payer: Test Health\nDate of service: 2026-03-02\nDx: M17.11\nCPT 20610\n'), []);
  assert.deepEqual(go('Payer: Test Health\nDate of service: 2027-01-01\nCPT 99213\n'), []);
});

test('coverage.* from an X12 837P: the payer by NM1*PR name or payer id, the plan from the payer setting', () => {
  const policies = [...bundledPolicies(), { ...testPack(), effective: '2024-01-01' }];
  const body = PROFESSIONAL_BODY.map((x) => x.replace('SV1*HC:99213:25', 'SV1*HC:0263T'));
  const x12 = (payer: string, setting?: string) => {
    const text = interchange(body.map((x) => (x.startsWith('NM1*PR') ? payer : x)));
    const f = analyze(text, 'x12', { data, dateOfService: FY27, policies, payer: setting }).findings.filter((x) => /^coverage\.(?!medicare)/.test(x.ruleId));
    seen.push(...f);
    return f.map((x) => `${x.ruleId} ${x.code} @${x.claim?.id}`);
  };
  // the BCBSRI policy is in force from 2026-01-01: a 2024 claim is not judged by it
  assert.deepEqual(x12('NM1*PR*2*BCBSRI*****PI*05000', '/Commercial'), []);
  // the test pack (from 2024) by payer id; the other line's 99213 needs prior authorization
  assert.deepEqual(x12('NM1*PR*2*TH*****PI*TH01'), ['coverage.prior-auth 99213 @C1']);
  assert.deepEqual(x12('NM1*PR*2*PAYER ONE*****PI*11000', 'Test Health'), []);
  // dated 2026-03-02: BCBSRI by its NM1*PR name, the plan from the setting
  const dated = body.map((x) => x.replace('DTP*472*D8*20240110', 'DTP*472*D8*20260302'));
  const f = analyze(interchange(dated.map((x) => (x.startsWith('NM1*PR') ? 'NM1*PR*2*BLUE CROSS & BLUE SHIELD OF RHODE ISLAND*****PI*05000' : x))), 'x12', { data, dateOfService: FY27, policies, payer: '/Medicare Advantage' }).findings;
  seen.push(...f);
  assert.deepEqual(f.filter((x) => x.ruleId === 'coverage.not-covered').map((x) => x.code), ['0263T']);
});

function testPack() {
  const r = validatePolicyPack(
    {
      format: 1, id: 'test', title: 'Test policy', source: 'https://example.org/policy', effective: '2026-01-01', end: '2026-12-31',
      payer: { name: 'Test Health', ids: ['TH01'] }, plans: [{ id: 'all', name: 'All plans' }],
      rules: [
        { kind: 'prior-auth', codes: ['99213'], message: 'Office visits need authorization.' },
        { kind: 'diagnosis-required', codes: ['20610'], diagnoses: ['M17', 'M1A'], message: 'Covered for osteoarthritis and gout.' },
      ],
    },
    'test',
  );
  assert.ok(r.ok);
  return r.pack;
}

test('ncci.ptp: an NCCI PTP pair on one claim and date (fixture PTP edits; details in ncci-ptp.test.ts)', () => {
  const text = 'Date of service: 2026-05-01\nCPT: 27447\nCPT: 20610\n';
  const f = analyze(text, 'note', { data: fixtureData({ ptp: true }) }).findings.filter((x) => x.ruleId === 'ncci.ptp');
  seen.push(...f);
  assert.deepEqual(f.map((x) => `${text.slice(x.start, x.end)} ${x.fixes?.[0]?.newText}`), ['20610 -59']);
  assert.deepEqual(run(text).filter((x) => x.ruleId === 'ncci.ptp'), [], 'no PTP edits in the data: not judged');
});

test('analysis.truncated: the first maxFindings findings in document order, the rest counted by severity in one finding', () => {
  // rules run rule by rule, so the kept ones must be chosen by position, not by the order they were produced
  const text = 'Dx M79.64\n0264T-00\n'.repeat(6);
  const all = analyze(text, 'note', { data, dateOfService: FY27 }).findings;
  assert.ok(all.length > 5 && !all.some((f) => f.ruleId === 'analysis.truncated'));
  const capped = analyze(text, 'note', { data, dateOfService: FY27, maxFindings: 5 }).findings;
  seen.push(...capped);
  assert.deepEqual(capped.slice(0, 5), all.slice(0, 5));
  const last = capped[5];
  assert.equal(capped.length, 6);
  assert.equal(last.ruleId, 'analysis.truncated');
  assert.equal(last.severity, 'error', 'as severe as the worst finding not shown');
  assert.equal(last.start, all[5].start, 'points at the first finding not shown');
  assert.match(last.message, new RegExp(`^${all.length - 5} more findings not shown \\(.*error.*\\), the first on line \\d+: only the first 5 findings`));
  assert.deepEqual(last.data?.dropped, all.length - 5);
  // a severity set for the rule wins; off removes it
  const info = analyze(text, 'note', { data, dateOfService: FY27, maxFindings: 5, rules: { 'analysis.truncated': 'info' } }).findings;
  assert.equal(info[5].severity, 'info');
  const off = analyze(text, 'note', { data, dateOfService: FY27, maxFindings: 5, rules: { 'analysis.truncated': 'off' } }).findings;
  assert.equal(off.length, 5);
});

// keep last: it reads the findings of every test above
test('range.malformed: range ends in different code families or reversed; range ends are never judged as codes', () => {
  const f = only('CPT codes: 99213-G0008 apply.', 'range.malformed');
  assert.equal(f.message, 'The range 99213-G0008 is malformed: its ends are in different code families (99213 is CPT Category I, G0008 is HCPCS G codes), so it names no clear set of codes. Write both ends in one code family, the lower end first.');
  assert.match(only('Covered: 99291 through 27447', 'range.malformed').message, /it ends \(27447\) before it starts \(99291\)/);
  // ends that are unknown, deleted or headers: a range names a span, it claims no code
  assert.deepEqual(run('CPT codes 11000-12345, ICD-10 M79.6-M79.9, 0263T - 0299T').map((x) => x.ruleId), []);
});

test('claim.contradictory-diagnoses: "without complications" beside a complication of its category, unspecified beside specified', () => {
  const f = only('Dx: E11.9, E11.40', 'claim.contradictory-diagnoses');
  assert.equal(
    f.message,
    'E11.9 "Type 2 diabetes mellitus without complications" is listed in this document with E11.40: a code without complications cannot stand beside E11.40 "Type 2 diabetes mellitus with diabetic neuropathy, unspecified", a code of the same category with a complication. Keep the code the documentation supports and remove the other.',
  );
  assert.match(only('ICD-10: M79.643, M79.641', 'claim.contradictory-diagnoses').message, /^M79\.643 "Pain in unspecified hand" is listed in this document with M79\.641: an unspecified code/);
  // claims: each claim on its own; two claims of one file do not contradict each other
  const { at } = runCsv('claim_id,service_date,procedure_code,diagnosis_code_1,diagnosis_code_2\nC1,2025-01-02,99213,E11.9,E11.40\nC2,2025-01-02,99213,M79.643,I10\nC3,2025-01-02,99213,M79.641,I10\n');
  assert.deepEqual(at.filter((x) => x.startsWith('claim.contradictory')), ['claim.contradictory-diagnoses E11.9 @C1/1']);
  // specified codes side by side, a policy listing with ranges: nothing
  assert.deepEqual(run('Dx: M79.641, M79.642, E11.40').map((x) => x.ruleId), []);
  assert.deepEqual(run('Covered ICD-10: E11.9, E11.40, M79.6-M79.9').filter((x) => x.ruleId === 'claim.contradictory-diagnoses'), []);
});

test('token rules are called for the codes of their `systems` only, and that hides no finding of theirs', () => {
  for (const r of RULES) if (r.check && !r.judgesRanges) assert.ok(r.systems?.length, `${r.id}: a token rule names the systems it judges`);
  const saved = RULES.map((r) => r.systems);
  const all = () => documents.map((d) => JSON.stringify(analyze(d.text, 'note', { data, dateOfService: d.dateOfService }).findings));
  const filtered = all();
  try {
    for (const r of RULES) delete (r as { systems?: unknown }).systems;
    assert.deepEqual(all(), filtered, 'the same findings when every rule is called for every token');
  } finally {
    RULES.forEach((r, i) => saved[i] && Object.assign(r, { systems: saved[i] }));
  }
  assert.ok(documents.length > 100 && seen.length > 100, `${documents.length} documents`);
});

test('every rule has a finding in this file, and its `fixable` metadata matches the fixes it produced', () => {
  for (const r of RULES) {
    const mine = seen.filter((f) => f.ruleId === r.id);
    assert.ok(mine.length > 0, `${r.id}: no test in rules.test.ts produces it (through run/only)`);
    const withFixes = mine.filter((f) => f.fixes?.length).length;
    if (r.fixable) assert.ok(withFixes > 0, `${r.id} says fixable: true, but none of its findings here carries a fix`);
    else assert.equal(withFixes, 0, `${r.id} says fixable: false, but ${withFixes} of its findings carry fixes`);
  }
});

// found by test/fuzz/directives.test.ts: a misspelt kind matched "disable" and turned every rule off to the end
test('a misspelt directive kind is no directive, not a file-wide disable', () => {
  for (const typo of ['disable-nextline', 'disable-next-lineicd10.header-not-billable', 'disable-lines', 'disabled']) {
    const text = `clinical-codes: ${typo} icd10.header-not-billable\nDx M79.64\nDx M79.64`;
    assert.deepEqual(run(text).map((f) => f.ruleId), ['icd10.header-not-billable', 'icd10.header-not-billable'], typo);
  }
});

// found by test/fuzz/directives.test.ts: a rule enabled inside "disable" stayed on after a second "disable", and
// was off again once a later "enable" closed the block
test('a rule enabled inside a file-wide "disable" is off again after the next "disable", and stays on until it', () => {
  const again = 'clinical-codes: disable\nclinical-codes: enable icd10.header-not-billable\nDx M79.64\nclinical-codes: disable\nDx M79.64';
  const lineOf = (text: string, f: Finding) => text.slice(0, f.start).split('\n').length - 1;
  assert.deepEqual(run(again).map((f) => lineOf(again, f)), [2]);
  const closed = 'clinical-codes: disable\nclinical-codes: enable icd10.header-not-billable\nDx M79.64\nclinical-codes: enable\nDx M79.64';
  assert.deepEqual(run(closed).map((f) => lineOf(closed, f)), [2, 4]);
});
