import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, CodeData, describeCode, renderText, type Finding } from '../../../server/src/engine';
import { PtpTable } from '../../../server/src/engine/data/ptp-codec';
import { NCCI_PTP_MODIFIERS } from '../../../server/src/engine/rules/ncci-ptp';
import { fixtureBundles, fixtureData, fixturePtp } from './fixture-data';
import { interchange, PROFESSIONAL_BODY } from './x12-helpers';

const data = fixtureData({ ptp: true });
const HEAD = 'claim_id,service_date,procedure_code,modifier_1,units\n';

function csv(rows: string[], date = '2026-05-01', d: CodeData = data) {
  const text = HEAD + rows.join('\n') + '\n';
  const a = analyze(text, 'csv', { data: d, dateOfService: date });
  const ptp = a.findings.filter((f) => f.ruleId === 'ncci.ptp');
  return { text, a, ptp, at: ptp.map((f) => `${text.slice(f.start, f.end)} @${f.claim?.id}/${f.claim?.line}`) };
}

const apply = (text: string, f: Finding, i = 0) => {
  const fix = f.fixes![i];
  return text.slice(0, fix.start) + fix.newText + text.slice(fix.end);
};

test('ncci.ptp: indicator 1 fires on the column 2 code without a modifier, names both codes, the edit and what to do; quick fixes add 59 / X modifiers', () => {
  const { text, ptp, at } = csv(['C1,2026-05-01,27447,RT,1', 'C1,2026-05-01,20610,,1']);
  assert.deepEqual(at, ['20610 @C1/2']);
  const f = ptp[0];
  assert.equal(f.severity, 'error');
  assert.equal(
    f.message,
    '20610 on line 2 of claim C1 is bundled into 27447 (line 1) on 2026-05-01: NCCI PTP edit 27447/20610 (column 1 / column 2, practitioner v32.1r0 (2026 Q2); effective 1996-01-01; rationale: Misuse of Column Two code with Column One code; modifier indicator 1). Without an NCCI-associated modifier Medicare denies 20610. If the record documents a distinct service (another encounter, site, organ, lesion or practitioner), add 59 or the more specific XE (separate encounter), XS (separate structure or organ), XP (separate practitioner), XU (unusual non-overlapping service), an anatomic modifier (RT/LT, F1-F9, T1-T9, E1-E4, LC/LD/RC/LM/RI), or 25/57 on an E/M service to 20610; otherwise remove 20610.',
  );
  assert.deepEqual(f.related?.map((r) => `${text.slice(r.start, r.end)}: ${r.message}`), ['27447: 27447, column 1 of the edit']);
  assert.deepEqual(f.fixes?.map((x) => x.title), ['Add modifier 59 to 20610', 'Add modifier XS to 20610', 'Add modifier XE to 20610', 'Add modifier XP to 20610', 'Add modifier XU to 20610']);
  const fixed = apply(text, f);
  assert.ok(fixed.endsWith('C1,2026-05-01,20610,59,1\n'), fixed);
  assert.deepEqual(csv(fixed.split('\n').slice(1, -1)).at, [], 'the fixed claim passes');
});

test('ncci.ptp: indicator 1 does not fire with 59, an X modifier or another NCCI-associated modifier on either line, or another site on the column 2 line; other modifiers do not bypass', () => {
  assert.deepEqual(csv(['C1,2026-05-01,27447,,1', 'C1,2026-05-01,20610,59,1']).at, []);
  assert.deepEqual(csv(['C1,2026-05-01,27447,,1', 'C1,2026-05-01,20610,XS,1']).at, []);
  assert.deepEqual(csv(['C1,2026-05-01,27447,59,1', 'C1,2026-05-01,20610,,1']).at, [], 'on the column 1 line');
  assert.deepEqual(csv(['C1,2026-05-01,27447,,1', 'C1,2026-05-01,20610,LT,1']).at, []);
  assert.deepEqual(csv(['C1,2026-05-01,27447,RT,1', 'C1,2026-05-01,20610,LT,1']).at, [], 'another side');
  assert.deepEqual(csv(['C1,2026-05-01,27447,RT,1', 'C1,2026-05-01,20610,RT,1']).at, ['20610 @C1/2'], 'the same side is no separate site');
  assert.deepEqual(csv(['C1,2026-05-01,27447,RT,1', 'C1,2026-05-01,20610,XS,1']).at, []);
  assert.deepEqual(csv(['C1,2026-05-01,27447,,1', 'C1,2026-05-01,20610,22,1']).at, ['20610 @C1/2'], '22 is not an NCCI-associated modifier');
  for (const m of ['59', 'XE', 'XS', 'XP', 'XU', 'E1', 'E4', 'FA', 'F9', 'TA', 'T5', 'LT', 'RT', 'LC', 'LD', 'RC', 'LM', 'RI', '24', '25', '57', '58', '78', '79', '27', '91']) assert.ok(NCCI_PTP_MODIFIERS.has(m), m);
  assert.equal(NCCI_PTP_MODIFIERS.size, 44);
});

test('ncci.ptp: indicator 0 fires even with 59, and says no modifier unbundles it (no fixes)', () => {
  const { ptp, at } = csv(['C1,2026-05-01,99291,,1', 'C1,2026-05-01,93000,59,1']);
  assert.deepEqual(at, ['93000 @C1/2']);
  assert.match(ptp[0].message, /^93000 on line 2 of claim C1 cannot be billed together with 99291 \(line 1\) on 2026-05-01: NCCI PTP edit 99291\/93000 \(column 1 \/ column 2, practitioner v32\.1r0 \(2026 Q2\); effective 2010-01-01; rationale: CPT Manual or CMS manual coding instruction; modifier indicator 0\)\. Indicator 0 means no modifier unbundles the pair, so Medicare denies 93000, even with 59 or an X modifier\. Remove 93000/);
  assert.equal(ptp[0].fixes, undefined);
  // one column 2 line with two column 1 codes: one finding per column 1 code
  assert.deepEqual(csv(['C1,2026-05-01,99291,,1', 'C1,2026-05-01,99292,,1', 'C1,2026-05-01,93000,,1']).at, ['93000 @C1/3', '93000 @C1/3']);
});

test('ncci.ptp: only the edit in force on the date of service (effective <= DOS < deletion); indicator 9 and the reverse order are silent', () => {
  assert.deepEqual(csv(['C1,2024-12-31,71046,,1', 'C1,2024-12-31,93000,,1']).at, ['93000 @C1/2']);
  assert.deepEqual(csv(['C1,2025-01-01,71046,,1', 'C1,2025-01-01,93000,,1']).at, [], 'deleted on 2025-01-01');
  assert.deepEqual(csv(['C1,2014-12-31,71046,,1', 'C1,2014-12-31,93000,,1']).at, [], 'not yet effective');
  // deleted 2007-01-01, in force again from 2010-01-01
  assert.deepEqual(csv(['C1,2008-03-01,11000,,1', 'C1,2008-03-01,20610,,1']).at, []);
  assert.deepEqual(csv(['C1,2011-03-01,11000,,1', 'C1,2011-03-01,20610,,1']).at, ['20610 @C1/2']);
  assert.deepEqual(csv(['C1,2026-05-01,27447,,1', 'C1,2026-05-01,11000,,1']).at, [], 'modifier indicator 9');
  // the column 2 code listed first: the finding is still on it
  assert.deepEqual(csv(['C1,2026-05-01,20610,,1', 'C1,2026-05-01,27447,,1']).at, ['20610 @C1/1']);
});

test('ncci.ptp: different dates of service, different claims and the same code twice do not fire', () => {
  assert.deepEqual(csv(['C1,2026-05-01,27447,,1', 'C1,2026-05-02,20610,,1']).at, []);
  assert.deepEqual(csv(['C1,2026-05-01,27447,,1', 'C2,2026-05-01,20610,,1']).at, []);
  assert.deepEqual(csv(['C1,2026-05-01,20610,,1', 'C1,2026-05-01,20610,,1']).at, []);
});

test('ncci.ptp: notes (one claim at the stated date) get a "-59" fix after the code; X12 lines are judged without fixes', () => {
  const text = 'Date of service: 2026-05-01\nCPT: 27447-RT\nCPT: 20610\n';
  const f = analyze(text, 'note', { data }).findings.filter((x) => x.ruleId === 'ncci.ptp');
  assert.deepEqual(f.map((x) => text.slice(x.start, x.end)), ['20610']);
  assert.match(f[0].message, /^20610 in this document \(line 3\) is bundled into 27447 \(line 2\) on 2026-05-01/);
  assert.equal(apply(text, f[0]), 'Date of service: 2026-05-01\nCPT: 27447-RT\nCPT: 20610-59\n');
  const body = PROFESSIONAL_BODY.slice(0, PROFESSIONAL_BODY.indexOf('LX*1')).concat(['LX*1', 'SV1*HC:99291*600*UN*1***1', 'DTP*472*D8*20260501', 'LX*2', 'SV1*HC:93000:59*40*UN*1***1', 'DTP*472*D8*20260501']);
  const x12 = interchange(body);
  const xf = analyze(x12, 'x12', { data }).findings.filter((x) => x.ruleId === 'ncci.ptp');
  assert.deepEqual(xf.map((x) => `${x12.slice(x.start, x.end)} ${x.claim?.id}/${x.claim?.line}`), ['93000 C1/2']);
  assert.equal(xf[0].fixes, undefined);
});

test('ncci.ptp: lazy edits: analyze reports pendingData only for two procedures on one date; after load() the rule judges', async () => {
  let loads = 0;
  const lazy = new CodeData(fixtureBundles(), { edition: 'v32.1r0 (2026 Q2)', load: async () => (loads++, PtpTable.fromBundle(fixturePtp())) });
  assert.deepEqual(lazy.ptp.status, { state: 'not-loaded', edition: 'v32.1r0 (2026 Q2)' });
  const one = csv(['C1,2026-05-01,27447,,1', 'C2,2026-05-01,20610,,1'], '2026-05-01', lazy);
  assert.equal(one.a.pendingData, undefined, 'one procedure per claim and date: nothing to load');
  const two = csv(['C1,2026-05-01,27447,,1', 'C1,2026-05-01,20610,,1'], '2026-05-01', lazy);
  assert.deepEqual(two.a.pendingData, ['ptp']);
  assert.deepEqual(two.at, [], 'not judged before the edits are read');
  const off = analyze(two.text, 'csv', { data: lazy, rules: { 'ncci.ptp': 'off' } });
  assert.equal(off.pendingData, undefined, 'the rule turned off needs no edits');
  await Promise.all([lazy.ptp.load(), lazy.ptp.load()]);
  assert.equal(loads, 1);
  assert.deepEqual(lazy.ptp.status, { state: 'loaded', edition: 'v32.1r0 (2026 Q2)', edits: 11 });
  const after = csv(['C1,2026-05-01,27447,,1', 'C1,2026-05-01,20610,,1'], '2026-05-01', lazy);
  assert.equal(after.a.pendingData, undefined);
  assert.deepEqual(after.at, ['20610 @C1/2']);
  // a failed read is kept in the status, never thrown, and the rule stays silent
  const broken = new CodeData(fixtureBundles(), { edition: 'x', load: async () => PtpTable.decode(new Uint8Array(8)) });
  await broken.ptp.load();
  assert.equal(broken.ptp.status.state, 'error');
  assert.equal(csv(['C1,2026-05-01,27447,,1', 'C1,2026-05-01,20610,,1'], '2026-05-01', broken).a.pendingData, undefined);
});

test('explain/hover: whether PTP data is loaded, its edition, and the column 2 partner count of a code', () => {
  const text = (d: CodeData, code: string, dos?: string) => renderText(describeCode(d, 'cpt', code, { dateOfService: dos })!);
  assert.match(text(data, '27447', '2026-05-01'), /NCCI PTP edits \(v32\.1r0 \(2026 Q2\)\):\n {4}Column 1 of edits with 2 column 2 codes, 1 in force on 2026-05-01 \(modifier indicator 0 or 1\)/);
  assert.match(text(data, '99213'), /NCCI PTP edits \(v32\.1r0 \(2026 Q2\)\):\n {4}Loaded \(11 edits\): no edit has 99213 in column 1/);
  assert.match(text(fixtureData(), '27447'), /NCCI PTP edits:\n {4}No PTP data in this bundle \(build it with CLINICAL_CODES_NCCI_PTP/);
  const lazy = new CodeData(fixtureBundles(), { edition: 'v32.1r0 (2026 Q2)', load: async () => PtpTable.fromBundle(fixturePtp()) });
  assert.match(text(lazy, '27447'), /NCCI PTP edits \(v32\.1r0 \(2026 Q2\)\):\n {4}In the bundle, not loaded yet/);
});
