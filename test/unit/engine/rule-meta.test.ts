import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_FINDINGS, MAX_FINDINGS_LIMIT, RULES, RULE_TAGS, SEVERITIES } from '../../../server/src/engine';

// Rule metadata is the one source for settings, the README table, SARIF and editor tags: keep it well-formed.
// (`fixable` is checked against real findings at the end of rules.test.ts.)

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
    assert.doesNotMatch(r.summary, /\.$/, `${r.id}: summary is a table-cell phrase (no final ".")`);
    assert.match(r.docs, /\.$/, `${r.id}: docs are sentences`);
    for (const tag of r.tags) assert.ok((RULE_TAGS as readonly string[]).includes(tag), `${r.id}: tag ${tag}`);
  }
});

test('rule tags: the rules the editor shows as deprecated (struck through), header and unknown', () => {
  const tagged = (tag: string) => RULES.filter((r) => (r.tags as readonly string[]).includes(tag)).map((r) => r.id);
  // the rules the LSP marked by id before the tags existed keep their marks
  for (const id of ['icd10.deleted', 'hcpcs.terminated']) assert.ok(tagged('deprecated').includes(id), id);
  for (const id of ['icd10.header-not-billable', 'icd10.missing-7th-character']) assert.ok(tagged('header').includes(id), id);
  for (const r of RULES) if (r.id.endsWith('.unknown')) assert.ok(tagged('unknown').includes(r.id), r.id);
  assert.ok(RULES.every((r) => r.tags.length <= 1), 'one status per rule (semantic tokens take the first of deprecated, header, unknown)');
});

test('analysis.truncated: its texts name the setting and the option that set the cap, and the real default and limit', () => {
  const r = RULES.find((x) => x.id === 'analysis.truncated')!;
  const n = (x: number) => x.toLocaleString('en-US');
  for (const text of [r.description, r.summary, r.docs]) {
    assert.match(text, /clinicalCodes\.maxFindings/);
    assert.match(text, /--max-findings/);
    assert.ok(text.includes(`default ${n(MAX_FINDINGS)}`), text);
  }
  assert.ok(r.docs.includes(`at most ${n(MAX_FINDINGS_LIMIT)}`), r.docs);
});
