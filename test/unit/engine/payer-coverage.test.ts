import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, codeCoverage, coverageLineText, describeCode, jsonPathRange, renderMarkdown, renderText, resolveCoverage, validatePolicyPack, type PolicyPack } from '../../../server/src/engine';
import { bundledPolicies } from '../../../server/src/shared/bundled-policies';
import { fixtureData } from './fixture-data';

const data = fixtureData();
const other = validatePolicyPack(
  {
    format: 1, id: 'other', title: 'Other policy', source: 'https://example.org/other', effective: '2026-01-01',
    payer: { name: 'Other Health', aliases: ['OH'] }, plans: [{ id: 'ppo', name: 'PPO' }, { id: 'hmo', name: 'HMO' }],
    rules: [
      { kind: 'prior-auth', codes: ['0264T'], message: 'Authorize first.' },
      { kind: 'diagnosis-required', codes: ['0263T-0265T'], plans: ['hmo'], diagnoses: ['I70.2'], message: 'Only for PAD.' },
    ],
  },
  'other.json',
);
assert.ok(other.ok);
const packs: PolicyPack[] = [...bundledPolicies(), other.pack];
const MA = 'Payer: Blue Cross & Blue Shield of Rhode Island\nPlan: Medicare Advantage\nDate of service: 2026-03-02\n\nCPT 0264T\n';
const coverageRules = (text: string, payerOverride?: Parameters<typeof analyze>[2]['payerOverride'], payer?: string) =>
  analyze(text, 'note', { data, policies: packs, payerOverride, payer }).findings.filter((f) => /^coverage\.(?!medicare)/.test(f.ruleId)).map((f) => f.ruleId);

test('a payer override beats the claim, the document labels and the setting; "none" judges no payer policy', () => {
  assert.deepEqual(coverageRules(MA), ['coverage.not-covered']);
  assert.deepEqual(coverageRules(MA, 'none'), []);
  assert.deepEqual(coverageRules(MA, { payer: 'Blue Cross & Blue Shield of Rhode Island', plan: 'Commercial' }), ['coverage.not-medically-necessary']);
  assert.deepEqual(coverageRules(MA, { payer: 'Other Health', plan: 'PPO' }), ['coverage.prior-auth']);
  // no label in the note and a setting: the override still wins
  assert.deepEqual(coverageRules('Date of service: 2026-03-02\nCPT 0264T\n', { payer: 'OH', plan: 'HMO' }, 'BCBSRI/Commercial').sort(), ['coverage.diagnosis-required', 'coverage.prior-auth']);
  // a payer no pack knows: nothing to judge (not the document's payer instead)
  assert.deepEqual(coverageRules(MA, { payer: 'Aetna' }), []);
  const r = resolveCoverage({ override: { payer: 'bcbsri', plan: 'medicare advantage plans' }, labels: { payer: 'Other Health' } }, packs);
  assert.equal(r?.source, 'override');
  assert.equal(r?.payerName, 'Blue Cross & Blue Shield of Rhode Island');
  assert.equal(r?.plan?.name, 'Medicare Advantage');
});

test('the analysis says which payer each claim resolved to, and what the document says without the override', () => {
  const a = analyze(MA, 'note', { data, policies: packs, payerOverride: { payer: 'Other Health', plan: 'PPO' } });
  assert.equal(a.coverage.length, 1);
  assert.equal(a.coverage[0].coverage?.payerName, 'Other Health');
  assert.equal(a.coverage[0].coverage?.source, 'override');
  assert.equal(a.coverage[0].withoutOverride?.payerName, 'Blue Cross & Blue Shield of Rhode Island');
  assert.equal(a.coverage[0].withoutOverride?.source, 'document');
  const token = a.tokens.find((t) => t.code === '0264T')!;
  assert.equal(a.coverageOf(token)?.coverage.plan?.name, 'PPO');
  assert.deepEqual(analyze(MA, 'note', { data }).coverage, []);
});

test('codeCoverage: the active payer and plan\'s rules, then every other pack\'s; lines say payer · plan · verdict · title · effective · source', () => {
  const active = resolveCoverage({ labels: { payer: 'BCBSRI', plan: 'Medicare Advantage' } }, packs);
  const c = codeCoverage('0264T', '2026-03-02', packs, active);
  assert.ok(c.active && c.active !== 'none');
  assert.deepEqual(c.active.lines.map(coverageLineText), [
    'Blue Cross & Blue Shield of Rhode Island · Medicare Advantage · not covered · Treatment of Peripheral Arterial Disease with Stem Cell Therapy · effective 2026-01-01 · Blue Cross & Blue Shield of Rhode Island medical policy (Provider Update, November 2025; policy last reviewed 09/17/2025)',
  ]);
  assert.deepEqual(c.others.map((l) => `${l.payer} · ${l.plan ?? 'all plans'} · ${l.kind}`), [
    'Blue Cross & Blue Shield of Rhode Island · Commercial · not-medically-necessary',
    'Other Health · all plans · prior-auth',
    'Other Health · HMO · diagnosis-required',
  ]);
  assert.match(coverageLineText(c.others[2]), /· HMO · diagnosis required \(I702\) · Other policy · effective 2026-01-01 · https:\/\/example\.org\/other$/);
  // before the effective date the lines say so; a code no pack lists has none
  assert.match(coverageLineText(codeCoverage('0264T', '2025-06-01', packs, active).others[0]), /effective 2026-01-01 \(not in force on the date of service\)/);
  assert.deepEqual(codeCoverage('99213', '2026-03-02', packs).others, []);
});

test('describeCode with packs: a payer coverage section first for CPT/HCPCS; explain without a payer lists every pack', () => {
  const active = resolveCoverage({ setting: 'BCBSRI/Commercial' }, packs);
  const d = describeCode(data, 'cpt', '0264T', { dateOfService: '2026-03-02', coverage: { packs, active } })!;
  assert.equal(d.sections[0].heading, 'Payer coverage: Blue Cross & Blue Shield of Rhode Island · Commercial, from the payer setting');
  assert.match(d.sections[0].lines[0], /^Blue Cross & Blue Shield of Rhode Island · Commercial · not medically necessary · /);
  assert.equal(d.sections[1].heading, 'Other payer policies');
  const none = renderText(describeCode(data, 'cpt', '0264T', { dateOfService: '2026-03-02', coverage: { packs, active: 'none' } })!);
  assert.match(none, /No payer chosen for this document/);
  const bare = describeCode(data, 'cpt', '0264T', { dateOfService: '2026-03-02', coverage: { packs } })!;
  assert.deepEqual(bare.sections.slice(0, 2).map((s) => s.heading), ['Payer coverage', 'Payer policies']);
  assert.equal(bare.sections[1].lines.length, 4);
  // a pack's source URL is a link in the hover markdown, taken literally (not escaped); the rest is escaped
  const md = renderMarkdown({ ...bare, sections: [{ heading: 'h', lines: ['Other · a_b · https://example.org/p_1#x?a=1).'] }] });
  assert.ok(md.endsWith('- Other · a\\_b · <https://example.org/p_1#x?a=1>).'), md);
  // codes no pack lists and the active payer: says there is no rule; without packs: no section at all
  assert.deepEqual(describeCode(data, 'cpt', '99213', { coverage: { packs, active } })!.sections[0].lines, ['No rule for 99213 in the loaded Blue Cross & Blue Shield of Rhode Island policies']);
  assert.ok(!describeCode(data, 'cpt', '0264T', {})!.sections.some((s) => /Payer/.test(s.heading)));
  assert.ok(!describeCode(data, 'icd10cm', 'E119', { coverage: { packs, active } })!.sections.some((s) => /Payer/.test(s.heading)));
});

test('jsonPathRange: a validator path to where it is written; missing properties at their parent; syntax errors where they stop', () => {
  const text = '{\n  "format": 1,\n  "payer": { "aliases": ["A", 2] },\n  "rules": [ { "kind": "refused", "codes": [] } ]\n}\n';
  const at = (path: string) => {
    const r = jsonPathRange(text, path);
    return `${text.slice(r.start, r.end)}${r.exact ? '' : ' ~'}`;
  };
  assert.equal(at('$.rules[0].kind'), '"kind": "refused"');
  assert.equal(at('$.payer.aliases[1]'), '2');
  assert.equal(at('$.payer.name'), '"payer" ~');
  assert.equal(at('$.rules[0].codes'), '"codes"');
  assert.equal(at('$.rules[3]'), '"rules" ~');
  assert.equal(at('$.id'), '{ ~');
  assert.equal(at('$.format'), '"format": 1');
  const broken = '{\n  "id": "x",\n  "title" "t"\n}';
  const r = jsonPathRange(broken, '$');
  assert.equal(broken.slice(r.start, r.end), '"');
  assert.equal(r.start, broken.indexOf('"t"'));
  // escapes in keys and strings, a BOM, nesting too deep for the stack
  assert.equal(jsonPathRange('\ufeff{"a\\"b": "x\\"y"}', '$.a"b').start, 2);
  assert.deepEqual(jsonPathRange('['.repeat(200_000), '$'), { start: 0, end: 1, exact: true });
});
