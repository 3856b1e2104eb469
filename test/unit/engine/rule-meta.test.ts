import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, RULES, RULE_TAGS, SEVERITIES, type Finding } from '../../../server/src/engine';
import { fixtureData } from './fixture-data';

// Rule metadata is the one source for settings, the README table, SARIF and editor tags: keep it well-formed.

test('rule metadata: ids, severities, one-line texts, known tags', () => {
  assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length, 'rule ids are unique');
  for (const r of RULES) {
    // the directive parser accepts these ids (clinical-codes: disable <rule-id>)
    assert.match(r.id, /^[a-z0-9]+\.[a-z0-9-]+$/, `${r.id}: id is area.kebab-name`);
    assert.ok((SEVERITIES as readonly string[]).includes(r.defaultSeverity), `${r.id}: default severity`);
    for (const [field, text] of [['description', r.description], ['summary', r.summary], ['docs', r.docs]] as const) {
      assert.ok(text.trim().length > 0 && !/\n/.test(text), `${r.id}: ${field} is one non-empty line`);
    }
    assert.match(r.description, /\.$/, `${r.id}: description is a sentence`);
    assert.doesNotMatch(r.description, /Default:/, `${r.id}: "Default: …" is generated, not written`);
    assert.doesNotMatch(r.summary, /\.$|\|/, `${r.id}: summary is a table-cell phrase (no final ".", no "|")`);
    assert.match(r.docs, /\.$/, `${r.id}: docs are sentences`);
    for (const tag of r.tags) assert.ok((RULE_TAGS as readonly string[]).includes(tag), `${r.id}: tag ${tag}`);
  }
});

test('rule metadata: `fixable` agrees with the fixes the rules produce', () => {
  const data = fixtureData();
  const FY27 = '2026-11-23';
  const FY26 = '2026-05-01';
  // at least one finding of every rule (examples from rules.test.ts)
  const corpus: [string, string][] = [
    ['Dx: M79.624', FY27],
    ['Dx M79.64', FY27],
    ['Dx S52.521', FY27],
    ['Dx W21.89A', FY27],
    ['Dx Q87.81', FY27],
    ['Dx D69.11', FY26],
    ['CPT 99123', FY27],
    ['HCPCS G0009', FY27],
    ['HCPCS G0125', FY27],
    ['Bill 0264T-00 today', FY27],
    ['99213-50', FY27],
    ['Taxonomy 207Q00001X', FY27],
    ['CPT 97014', FY27],
    ['HCPCS A9270', FY27],
    ['| ICD-10 Code | Description |\n|---|---|\nM79.65 | Pain in right hand |', FY27],
  ];
  const findings: Finding[] = corpus.flatMap(([text, dateOfService]) => analyze(text, 'note', { data, dateOfService }).findings);
  for (const r of RULES) {
    const mine = findings.filter((f) => f.ruleId === r.id);
    assert.ok(mine.length > 0, `${r.id}: the corpus has a finding of it`);
    const withFixes = mine.filter((f) => f.fixes?.length).length;
    if (r.fixable) assert.ok(withFixes > 0, `${r.id} is fixable: some finding carries a fix`);
    else assert.equal(withFixes, 0, `${r.id} is not fixable: no finding carries a fix`);
  }
});

test('rule tags: which rules the editor shows as deprecated (struck through), header and unknown', () => {
  const tagged = (tag: string) => RULES.filter((r) => (r.tags as readonly string[]).includes(tag)).map((r) => r.id);
  assert.deepEqual(tagged('deprecated'), ['icd10.deleted', 'hcpcs.terminated']);
  assert.deepEqual(tagged('header'), ['icd10.header-not-billable', 'icd10.missing-7th-character']);
  assert.deepEqual(tagged('unknown'), ['icd10.unknown', 'cpt.unknown', 'hcpcs.unknown', 'modifier.unknown', 'taxonomy.unknown']);
  assert.ok(RULES.every((r) => r.tags.length <= 1), 'one status per finding');
});
