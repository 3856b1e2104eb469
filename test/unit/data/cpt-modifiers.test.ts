import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCptModifierTable } from '../../../data/scripts/parsers/cpt-modifiers.js';
import { REPO } from './helpers.js';

const table = () => parseCptModifierTable(readFileSync(join(REPO, 'data', 'tables', 'cpt-modifiers.json'), 'utf8'));

test('CPT modifier table: every required Level I modifier, sorted, one sentence each', () => {
  const t = table();
  // Category II performance modifiers (1P, 2P, 3P, 8P) sort among the two-digit ones
  const required = ['1P', '22', '23', '24', '25', '26', '27', '2P', '32', '33', '3P', '47', '50', '51', '52', '53', '54', '55', '56', '57', '58', '59', '62', '63', '66', '73', '74', '76', '77', '78', '79', '80', '81', '82', '8P', '90', '91', '92', '93', '95', '96', '97', '99'];
  assert.deepEqual(t.rows.map((r) => r.code), required);
  assert.match(t.edition, /^Clinical Codes table \d{4}-\d{2}$/);
  for (const r of t.rows) {
    assert.ok(r.name.length >= 4 && r.name.length <= 70, `${r.code} name length`);
    assert.ok(r.meaning.length >= 40 && r.meaning.length <= 330, `${r.code} meaning length ${r.meaning.length}`);
    assert.match(r.meaning, /\.$/, `${r.code} meaning is a sentence`);
  }
});

test('CPT modifier table parser rejects bad entries', () => {
  const t = (rows: unknown[]) => JSON.stringify({ edition: 'x', rows });
  assert.throws(() => parseCptModifierTable(t([{ code: '5', name: 'n', meaning: 'm' }])), /two digits/);
  assert.throws(() => parseCptModifierTable(t([{ code: '50', name: 'n', meaning: 'm', indicator: 'bilat' }])), /unexpected field "indicator"/);
  assert.throws(() => parseCptModifierTable(t([{ code: '50', name: 'n', meaning: 'm' }, { code: '50', name: 'n', meaning: 'm' }])), /duplicate/);
  assert.throws(() => parseCptModifierTable(JSON.stringify({ rows: [] })), /edition/);
});
