/**
 * Generators of realistic documents for the fuzz suite: clinical notes, claim exports and X12 837 interchanges
 * built from real code shapes (valid and invalid ICD-10-CM, CPT, HCPCS, modifiers, taxonomy, POS), the labels
 * and neighbours the scanner reads (Dx:, CPT:, Modifier, POS, Payer:, dates, phones, ZIPs, citations), directives,
 * odd delimiters, quotes, line endings and truncation. Inputs stay small so each target runs 100,000 cases.
 */
import fc from 'fast-check';
import type { CodeData } from '../../server/src/engine';
import { POLICY_RULE_KINDS } from '../../server/src/engine/policies/pack';

/** Codes sampled from the loaded data, so generated documents hold codes the rules really judge. */
export interface CodePools {
  icd: string[];
  cpt: string[];
  hcpcs: string[];
}

export function codePools(data: CodeData): CodePools {
  const icd = data.icd10.allCodes(data.icd10.current).map((c) => c.code);
  return { icd: icd.length ? icd : ['I10'], cpt: data.procedures.codes('cpt'), hcpcs: data.procedures.codes('hcpcs') };
}

const pick = (list: readonly string[]) => (list.length ? fc.nat({ max: list.length - 1 }).map((i) => list[i]) : fc.constant(''));
const dotted = (c: string) => (c.length > 3 && !c.includes('.') ? `${c.slice(0, 3)}.${c.slice(3)}` : c);
const upperAlnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
const digit = fc.constantFrom(...'0123456789');
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((a) => a.join(''));

/** A code as people write it, and as they get it wrong: dots dropped or moved, characters added, cut or swapped, case. */
function mutateCode(code: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(code, fc.nat({ max: 9 }), upperAlnum, fc.nat({ max: 7 })).map(([c, how, ch, at]) => {
    const i = Math.min(at, c.length);
    switch (how) {
      case 0:
        return c.replace('.', '');
      case 1:
        return c + ch;
      case 2:
        return c.slice(0, -1);
      case 3:
        return c.slice(0, i) + ch + c.slice(i + 1);
      case 4:
        return c.toLowerCase();
      case 5:
        return c.slice(0, i) + '.' + c.slice(i).replace('.', '');
      default:
        return c;
    }
  });
}

export function codeArbs(pools: CodePools) {
  const icdReal = pick(pools.icd).map(dotted);
  const icd = fc.oneof(
    { weight: 4, arbitrary: icdReal },
    { weight: 2, arbitrary: pick(pools.icd) },
    { weight: 2, arbitrary: mutateCode(icdReal) },
    // headers, missing 7th characters and placeholders, deleted and not-yet-effective codes, ICD-9 shapes
    { weight: 2, arbitrary: fc.constantFrom('M79.64', 'M79.642', 'W21.89A', 'W21.89XA', 'S52.521', 'S52.521A', 'E11.40', 'E1140', 'I10', 'R05', 'R05.1', 'D69.1', 'Q87.81', 'U07.1', 'H81.41', 'Z68.30', 'O80', 'P59.9', 'V00.01XA', '250.00', '401.9', 'V45.89', 'E11.9', 'M54.5') },
  );
  const cptReal = pick(pools.cpt);
  const cpt = fc.oneof(
    { weight: 4, arbitrary: cptReal },
    { weight: 1, arbitrary: mutateCode(cptReal) },
    { weight: 2, arbitrary: fc.constantFrom('99213', '99214', '0264T', '27447', '3079F', '96409', '99291', '99292', '96372', '20610', '91300', '11000', '01810', '0054T', '00000', '99999') },
    { weight: 1, arbitrary: fc.tuple(digits(4), fc.constantFrom('0', '5', 'F', 'T', 'U', 'M')).map(([a, b]) => a + b) },
  );
  const hcpcs = fc.oneof(
    { weight: 3, arbitrary: pick(pools.hcpcs) },
    { weight: 1, arbitrary: fc.constantFrom('G0008', 'J3490', 'E1140', 'A9270', 'G0125', 'A6460', 'Q9999', 'Z9999') },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...'ABCEGHJKLMPQRSTVZ'), digits(4)).map(([a, b]) => a + b) },
  );
  const modifier = fc.oneof(
    fc.constantFrom('25', '59', 'RT', 'LT', '50', '51', '26', 'TC', 'XS', 'QK', 'QX', 'GA', 'AS', '22', '62', '66', '80', '1P', 'E1', 'FA', 'KX', '76'),
    fc.constantFrom('00', 'RTX', 'ZZ', '99', 'Q1', 'XX'),
    fc.tuple(upperAlnum, upperAlnum).map(([a, b]) => a + b),
  );
  const taxonomy = fc.oneof(
    fc.constantFrom('207Q00000X', '2086S0129X', '208600000X', '2084P0800X', '282N00000X', '207Q0000X', '207Q00000'),
    fc.tuple(digits(3), fc.array(upperAlnum, { minLength: 6, maxLength: 6 })).map(([a, b]) => `${a}${b.join('')}X`),
  );
  const pos = fc.constantFrom('11', '12', '21', '22', '23', '02', '10', '99', '00', '1', '111');
  return { icd, cpt, hcpcs, modifier, taxonomy, pos, procedure: fc.oneof(cpt, hcpcs) };
}

/** Strings that trip JavaScript objects used as maps, for keys and values of settings, packs and directives. */
export const TRICKY_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'length'];

/** Rule ids directives name (a few, so directives meet each other; one is no rule). */
export const RULE_ID_SAMPLES = ['icd10.header-not-billable', 'icd10.unknown', 'modifier.unknown', 'no.such-rule'];

const date = fc.oneof(
  fc.tuple(fc.integer({ min: 2012, max: 2028 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 2030 })).map(([m, d, y]) => `${m}/${d}/${y}`),
  fc.constantFrom('2015-09-30', '2015-10-01', '2020-04-01', '2026-10-01', '2024-02-30', '2024-13-01', '20240201', '0000-00-00'),
);
const phone = fc.constantFrom('(401) 555-0199', '401-555-0199', '555-0199', '+1 401 555 0199', 'ext. 22541');
const zip = fc.constantFrom('02903', '02903-1234', 'RI 02903', 'Providence, RI 02903', '99213');
const money = fc.constantFrom('$99213', '$ 150.00', '#27447', '1,250.00', '27447.00');
const words = fc.constantFrom(
  'pain', 'left', 'right', 'hand', 'thigh', 'patient', 'seen', 'for', 'follow-up', 'the', 'and', 'with', 'of', 'visit', 'Type 2 diabetes mellitus',
  'Pain in left hand', 'Pain in right hand', 'Essential hypertension', 'initial encounter', 'subcutaneous', 'intravenous', 'bilateral', 'L4-L5', 'C5',
  'BP 120/80', 'HR 72', 'mg', '10 mg', '2 units', 'x 3', 'MRN 00123456', 'Claim #99213', 'NPI 1234567893', 'PMID: 27447123', 'pp. 11294-322', 'Vol 16(5)',
  'Medicare', 'BCBSRI', 'Commercial', 'Aetna', 'room 0264T', 'model G0008', 'lot A1234',
);
const label = fc.constantFrom(
  'Dx:', 'DX', 'Diagnosis:', 'ICD-10:', 'ICD-10-CM', 'ICD10', 'CPT:', 'CPT®', 'CPT code', 'HCPCS:', 'Procedure:', 'Modifier', 'Modifiers:', 'mod', 'Mod:',
  'modifier', 'POS', 'POS:', 'Place of service:', 'Payer:', 'Plan:', 'Insurance:', 'Taxonomy:', 'Date of service:', 'DOS:', 'Units:', 'Qty', 'References',
  '1.', '-', '*', '•', '**', '#', '##', '>',
);
const sep = fc.constantFrom(' ', ' ', ' ', ', ', ' - ', ' — ', ': ', '-', '\t', ' | ', '\n', '\n', '\r\n', '\r', '  ', '(', ')', '; ', '/', ' x');

export function directiveArb(): fc.Arbitrary<string> {
  const kind = fc.constantFrom('disable-next-line', 'disable-line', 'disable', 'enable', 'Disable', 'disable-nextline');
  const ids = fc.tuple(fc.array(fc.constantFrom(...RULE_ID_SAMPLES, 'ICD10.UNKNOWN', '*'), { maxLength: 3 }), fc.constantFrom(' ', ', ', ',', '\t')).map(([a, j]) => a.join(j));
  return fc
    .tuple(fc.constantFrom('', '# ', '// ', '<!-- ', '-- ', '; '), fc.constantFrom(' ', '', '  '), kind, fc.constantFrom(' ', '  ', '\t', ''), ids, fc.constantFrom('', ' -->', ' */'))
    .map(([open, pad, k, gap, r, close]) => `${open}clinical-codes:${pad}${k}${r ? gap : ''}${r}${close}`);
}

/** A clinical note: lines of labels, codes, modifiers, descriptions, dates and prose, with tables and directives. */
export function noteArb(pools: CodePools, maxParts = 16): fc.Arbitrary<string> {
  const c = codeArbs(pools);
  const codeWithMods = fc.tuple(c.procedure, fc.array(c.modifier, { maxLength: 3 }), fc.constantFrom('-', ' ', '-', ', ')).map(([p, mods, s]) => [p, ...mods].join(s));
  const tableRow = fc.tuple(c.procedure, c.modifier, c.icd, words).map(([p, m, d, w]) => `| ${p} | ${m} | ${d} | ${w} |`);
  const tableHead = fc.constantFrom('| CPT | Mod | Dx | Description |\n|---|---|---|---|', '| Code | Description |\n|---|---|', '| Modifier | Meaning |\n|:--|:--|');
  const part = fc.oneof(
    { weight: 6, arbitrary: c.icd },
    { weight: 4, arbitrary: c.procedure },
    { weight: 2, arbitrary: codeWithMods },
    { weight: 2, arbitrary: c.modifier },
    { weight: 1, arbitrary: c.taxonomy },
    { weight: 1, arbitrary: c.pos },
    { weight: 6, arbitrary: label },
    { weight: 8, arbitrary: words },
    { weight: 8, arbitrary: sep },
    { weight: 1, arbitrary: date },
    { weight: 1, arbitrary: phone },
    { weight: 1, arbitrary: zip },
    { weight: 1, arbitrary: money },
    { weight: 1, arbitrary: tableHead },
    { weight: 1, arbitrary: tableRow },
    { weight: 1, arbitrary: directiveArb() },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  );
  return fc.array(part, { maxLength: maxParts }).map((p) => p.join(''));
}

const HEADERS = [
  'claim_id', 'service_date', 'patient_sex', 'birth_date', 'diagnosis_code_1', 'diagnosis_code_2', 'procedure_code', 'modifier_1', 'modifier_2', 'units',
  'pos', 'taxonomy', 'description', 'HCPCS_CD', 'ICD_DGNS_CD1', 'Dx Pointer', 'CLM_FROM_DT', 'CPT', 'Mod', 'Dx', 'Code', 'code_system', 'icd_version',
  'NPI', 'zip', 'charge', 'payer', 'plan', 'PROC', 'DX_A', '1st Modifier', 'Place of Service', 'Line', 'notes', '',
];

/** A delimited claim export: a header (sometimes none or a directive first), rows of code-ish cells, quotes, odd delimiters. */
export function csvArb(pools: CodePools): fc.Arbitrary<string> {
  const c = codeArbs(pools);
  const cell = fc.oneof(
    { weight: 3, arbitrary: c.icd },
    { weight: 3, arbitrary: c.procedure },
    { weight: 2, arbitrary: c.modifier },
    { weight: 1, arbitrary: c.taxonomy },
    { weight: 1, arbitrary: c.pos },
    { weight: 2, arbitrary: date },
    { weight: 1, arbitrary: fc.constantFrom('', '', '1', '0', '-1', '2.5', 'x', 'M', 'F', 'U', '9', '10', 'ICD10', 'CPT', 'LOINC', '1,2', '1:2', 'A1') },
    { weight: 1, arbitrary: words },
    { weight: 1, arbitrary: fc.string({ maxLength: 5 }) },
  );
  const quote = (s: string, how: number, d: string) =>
    how === 0 ? `"${s.replace(/"/g, '""')}"` : how === 1 ? `"${s}${d}${s}"` : how === 2 ? `"${s}` : how === 3 ? `${s}"x"` : how === 4 ? `"${s}\n${s}"` : s;
  // cells are drawn without knowing the delimiter or the header (no chain: cheaper, and shrinks well), then fitted
  const row = fc.array(fc.tuple(cell, fc.nat({ max: 14 }), fc.boolean()), { maxLength: 7 });
  return fc
    .tuple(
      fc.constantFrom(',', ',', '\t', '|', ';', ' ', ':'),
      fc.constantFrom('\n', '\n', '\r\n', '\r'),
      fc.array(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: 6 }),
      fc.constantFrom('', '', '', '# clinical-codes: columns PROC=procedure, DX_A=diagnosis\n', '# clinical-codes: columns Code=bogus, =x, Mod\n', '# note\n', '\uFEFF'),
      fc.array(row, { maxLength: 3 }),
      fc.boolean(),
    )
    .map(([d, eol, header, pre, rows, trailing]) => {
      // most rows as wide as the header, some one short or one long
      const fit = (r: [string, number, boolean][]) => r.slice(0, header.length + (r.length % 3 === 0 ? 1 : 0)).map(([c, how]) => quote(c, how, d));
      return pre + [header.join(d), ...rows.map((r) => fit(r).join(d))].join(eol) + (trailing ? eol : '');
    });
}

/** An X12 837P/837I interchange with random delimiters, codes, dropped/duplicated segments and truncation. */
export function x12Arb(pools: CodePools, maxSegments = 6): fc.Arbitrary<string> {
  const c = codeArbs(pools);
  const delims = fc.tuple(fc.constantFrom('*', '*', '|', '^', '!', '+'), fc.constantFrom(':', ':', '>', '^', '\\'), fc.constantFrom('^', '{', 'U', '|'), fc.constantFrom('~', '~', '~\n', '~\r\n', '\n', "'", '~ '));
  const hiQual = fc.constantFrom('ABK', 'ABF', 'ABJ', 'APR', 'ABN', 'BK', 'BF', 'BJ', 'BH', 'BE', 'BG', 'DR', 'BBR', 'ZZ', '');
  const svQual = fc.constantFrom('HC', 'HC', 'ER', 'IV', 'WK', 'N4', '');
  // segments are written with * and : and translated to the interchange's delimiters at the end (no chain)
  const seg = fc.oneof(
    { weight: 3, arbitrary: fc.array(fc.tuple(hiQual, c.icd), { minLength: 1, maxLength: 4 }).map((h) => `HI*${h.map(([q, code]) => `${q}:${code.replace('.', '')}`).join('*')}`) },
    { weight: 3, arbitrary: fc.tuple(svQual, c.procedure, fc.array(c.modifier, { maxLength: 4 }), fc.constantFrom('1', '2', '0', '-1', '1.5', '', 'X'), fc.constantFrom('1', '1:2', '5', '', '1:2:3:4:5')).map(([q, p, m, u, ptr]) => `SV1*${[q, p, ...m].join(':')}*100*UN*${u}***${ptr}`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('0450', '0120', '0300'), c.procedure, c.modifier).map(([r, p, m]) => `SV2*${r}*HC:${p}:${m}*800*UN*1`) },
    { weight: 2, arbitrary: fc.tuple(fc.nat({ max: 9 }), c.pos, fc.constantFrom('B', 'A', '')).map(([n, p, q]) => `CLM*C${n}*150***${p}:${q}:1*Y*A*Y*Y`) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('472', '434', '435', '431'), fc.constantFrom('D8', 'RD8'), date).map(([q, f, d]) => `DTP*${q}*${f}*${d.replace(/-/g, '')}`) },
    { weight: 1, arbitrary: fc.nat({ max: 5 }).map((n) => `LX*${n}`) },
    { weight: 1, arbitrary: c.taxonomy.map((t) => `PRV*BI*PXC*${t}`) },
    { weight: 1, arbitrary: fc.constantFrom('85', 'PR', 'IL', 'QC', '41').map((q) => `NM1*${q}*2*ACME*****PI*99213`) },
    { weight: 1, arbitrary: fc.constantFrom('F', 'M', 'U', '').map((s) => `DMG*D8*19800101*${s}`) },
    { weight: 1, arbitrary: fc.nat({ max: 3 }).map((n) => `HL*${n}*${n ? n - 1 : ''}*${['20', '22', '23'][n % 3]}*0`) },
    { weight: 1, arbitrary: zip.map((z) => `N4*PROVIDENCE*RI*${z}`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );
  const isa = 'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240201*0900*\u00a7*00501*000000101*0*T*:';
  return fc
    .tuple(delims, fc.constantFrom('005010X222A1', '005010X223A2', '005010X224A2', ''), fc.array(seg, { maxLength: maxSegments }), fc.nat({ max: 5 }), fc.nat({ max: 400 }), fc.boolean(), fc.boolean())
    .map(([[e, k, r, t], version, body, cut, at, dropIsaTail, bare]) => {
      const head = [`GS*HC*S*R*20240201*0900*101*X*${version}`, `ST*837*0001*${version}`, 'BHT*0019*00*B1*20240201*0900*CH'];
      const segs = [isa, ...head, ...body, 'SE*9*0001', 'GE*1*101', 'IEA*1*000000101'];
      let s = (bare ? segs.slice(1) : segs).join('\u00b6') + '\u00b6'; // without an ISA: delimiters guessed from the content
      s = s.replace(/[*:\u00a7\u00b6]/g, (ch) => (ch === '*' ? e : ch === ':' ? k : ch === '\u00a7' ? r : t));
      if (dropIsaTail) s = s.slice(0, 40) + s.slice(60);
      if (cut === 0) s = s.slice(0, at);
      return s;
    });
}

/** Random incremental edits, relative to the current text length (applied in turn). */
export interface Edit {
  /** 0..1: where the edit starts, as a fraction of the text */
  at: number;
  /** characters removed */
  remove: number;
  insert: string;
}

export function editArb(pools: CodePools): fc.Arbitrary<Edit> {
  const c = codeArbs(pools);
  const insert = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('', '', '\n', '\r\n', ' ', '.', '-', 'X', 'A', '1', '0', '|', ',', ':', '\t', 'é', '😀') },
    { weight: 2, arbitrary: fc.oneof(c.icd, c.procedure, c.modifier) },
    { weight: 1, arbitrary: fc.oneof(label, words, directiveArb()) },
    { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
  );
  return fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 30 })), insert });
}

// ---------------------------------------------------------------- payer policy packs

const packCode = fc.constantFrom('0263T', '0265T', '99213', '99214', 'J3490', 'G0008', '27447', 'A0021', '0264t', '9921', '992133', '');
const packRange = fc.oneof(packCode, fc.tuple(packCode, fc.constantFrom('-', ' - ', '--', '-0-'), packCode).map(([a, s, b]) => a + s + b), fc.constantFrom('0263T-0264T-0265T', '-', ' 0263T - 0265T '));
const junk = fc.oneof(fc.constantFrom(null, 0, 1, true, '', ' ', [], {}, 'x', '2024-02-30', ...TRICKY_KEYS), fc.string({ maxLength: 4 }));
const packDate = fc.constantFrom('2020-01-01', '2026-01-01', '2026-12-31', '2024-02-29');
const planId = fc.constantFrom('commercial', 'medicare-advantage');
const validRule = fc.record({
  kind: fc.constantFrom(...POLICY_RULE_KINDS),
  codes: fc.array(fc.constantFrom('0263T', '0263T-0265T', '99213', '99211-99215', 'J3490', 'g0008'), { minLength: 1, maxLength: 3 }),
  plans: fc.subarray(['commercial', 'medicare-advantage']),
  diagnoses: fc.array(fc.constantFrom('I70.2', 'I702', 'e11', 'Z00.00'), { minLength: 1, maxLength: 2 }),
  message: fc.constantFrom('Not covered: the evidence is insufficient.', 'Prior authorization is required.'),
});
/** A pack as the schema wants it (the real pack's shape). */
const validPack = fc.record({
  $schema: fc.constant('./policy-pack.schema.json'),
  format: fc.constant(1),
  id: fc.constantFrom('bcbsri-stem-cell-pad', 'p1'),
  title: fc.constant('Stem cell therapy for PAD'),
  source: fc.constant('Provider Update, November 2025'),
  effective: packDate,
  payer: fc.record({ name: fc.constantFrom('Blue Cross & Blue Shield of Rhode Island', 'Aetna'), aliases: fc.subarray(['BCBSRI', 'Aetna', 'BCBS of Rhode Island']), ids: fc.subarray(['05370', '60054']) }),
  plans: fc.constant([{ id: 'commercial', name: 'Commercial', aliases: ['Commercial Products'] }, { id: 'medicare-advantage', name: 'Medicare Advantage', aliases: ['MA'] }]),
  rules: fc.array(validRule, { minLength: 1, maxLength: 3 }),
});

/** Every path to a value inside a JSON tree (objects and arrays), root first. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

type Mutation = { pick: number; how: number; value: unknown; key: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({ pick: fc.nat(), how: fc.nat({ max: 3 }), value: fc.oneof(junk, packRange, packDate, planId), key: fc.constantFrom(...TRICKY_KEYS, 'extra', 'Rules', 'end') });

/** Replaces, deletes or adds one value somewhere in the pack (by index into its paths). */
function mutate(pack: unknown, ms: Mutation[]): unknown {
  const root = structuredClone(pack) as Record<string, unknown>;
  for (const m of ms) {
    const all = paths(root);
    const path = all[m.pick % all.length];
    if (!path.length) continue;
    let parent: Record<string | number, unknown> = root;
    for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
    const last = path[path.length - 1];
    if (m.how === 0) parent[last] = m.value;
    else if (m.how === 1 && Array.isArray(parent)) parent.splice(last as number, 1);
    else if (m.how === 1) delete parent[last];
    else if (m.how === 2 && !Array.isArray(parent)) parent[m.key] = m.value;
    else if (Array.isArray(parent)) parent.push(m.value);
  }
  return root;
}

const packText = fc
  .tuple(validPack, fc.oneof(fc.constant<Mutation[]>([]), fc.array(mutation, { minLength: 1, maxLength: 3 })), fc.nat({ max: 9 }), fc.nat({ max: 2000 }), fc.constantFrom('"', '{', ']', ',', ':', '\\', '\u0000', '\uFEFF'))
  .map(([p, ms, how, at, ch]) => {
    const text = JSON.stringify(mutate(p, ms), null, how % 2 ? 2 : undefined);
    const i = at % (text.length + 1);
    // most texts are whole JSON; some are cut, or have one character replaced
    return how === 8 ? text.slice(0, i) : how === 9 ? text.slice(0, i) + ch + text.slice(i + 1) : text;
  });

/** A schema-valid pack object. */
export const validPackArb = () => validPack;
/** A pack's JSON text: valid, with values replaced, deleted or added, cut, or with one character replaced. */
export const packTextArb = () => packText;
