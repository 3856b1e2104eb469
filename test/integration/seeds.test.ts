import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, CodeData, type Finding } from '../../server/src/engine';
import { defaultDataDir } from '../../server/src/shared/paths';
import { SEEDS, runCli } from './helpers';

// The seed documents the project was created from, checked against the full official data (dist/data).
const seed = (prefix: string) => {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
  return readFileSync(join(SEEDS, name), 'utf8');
};
const DOS = '2026-11-23';
let data: CodeData;
const load = async () => (data ??= await CodeData.load(defaultDataDir()));
const findingsFor = async (prefix: string) => analyze(seed(prefix), 'note', { data: await load(), dateOfService: DOS });
const at = (text: string, f: Finding) => text.slice(f.start, f.end);

test('004: M79.64 and M79.65 are non-billable headers listed with their billable children', async () => {
  const a = await findingsFor('004');
  const text = seed('004');
  const headers = a.findings.filter((f) => f.ruleId === 'icd10.header-not-billable');
  const m7964 = headers.find((f) => at(text, f) === 'M79.64')!;
  assert.match(m7964.message, /Pain in hand and fingers" is a header/);
  assert.match(m7964.message, /M79\.641 Pain in right hand/);
  assert.match(m7964.message, /is that of M79\.642/);
  assert.equal(m7964.fixes![0].newText, 'M79.642');
  const m7965 = headers.find((f) => at(text, f) === 'M79.65')!;
  assert.match(m7965.message, /M79\.651 Pain in right thigh/);
  const mismatch = a.findings.find((f) => f.ruleId === 'description.mismatch' && at(text, f) === 'M79.65')!;
  assert.match(mismatch.message, /official description of M79\.641/);
});

test('000: modifier "00" is unknown; 96409 description contradicts the official descriptor; taxonomy specialties mismatch', async () => {
  const a = await findingsFor('000');
  const text = seed('000');
  const unknown = a.findings.filter((f) => f.ruleId === 'modifier.unknown');
  assert.deepEqual(unknown.map((f) => at(text, f)), ['00']);
  const d96409 = a.findings.find((f) => f.ruleId === 'description.mismatch' && at(text, f) === '96409')!;
  assert.match(d96409.message, /subcutaneous\/intramuscular where the CMS short descriptor says intravenous/);
  const tax = a.findings.find((f) => f.ruleId === 'description.mismatch' && at(text, f) === '207Q00000X')!;
  assert.match(tax.message, /"Vascular Surgery"/);
  assert.match(tax.message, /Family Medicine/);
  // AS, QK, QX are real HCPCS Level II modifiers: never "unknown"
  for (const m of ['AS', 'QK', 'QX', '22', '52', '80']) assert.ok(!unknown.some((f) => at(text, f) === m), m);
});

test('Category III codes 0263T/0264T/0265T/0489T are recognised as CPT codes', async () => {
  const seen = new Set<string>();
  for (const p of ['000', '002', '004']) {
    for (const t of (await findingsFor(p)).tokens) if (t.system === 'cpt') seen.add(t.code);
  }
  for (const c of ['0263T', '0264T', '0265T', '0489T']) assert.ok(seen.has(c), c);
  const d = await load();
  assert.equal(d.procedures.get('0264T')?.category, 'Category III');
});

test('002: the reference list yields no tokens and no findings', async () => {
  const a = await findingsFor('002');
  const text = seed('002');
  const refStart = text.indexOf('REFERENCES');
  assert.ok(refStart > 0);
  assert.deepEqual(a.tokens.filter((t) => t.start > refStart).map((t) => t.text), []);
  assert.deepEqual(a.findings.map((f) => `${f.ruleId} ${at(text, f)}`), []);
});

test('CLI on the seed directory: exit 1, findings for 000 and 004, nothing for 002', () => {
  const r = runCli(['check', SEEDS, '--date-of-service', DOS, '--format', 'json']);
  assert.equal(r.code, 1);
  const out: { file: string; ruleId: string }[] = JSON.parse(r.stdout);
  assert.ok(out.some((f) => f.file.includes('000_') && f.ruleId === 'modifier.unknown'));
  assert.ok(out.some((f) => f.file.includes('004_') && f.ruleId === 'icd10.header-not-billable'));
  assert.ok(!out.some((f) => f.file.includes('002_')));
});
