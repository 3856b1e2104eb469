import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers';

// The built CLI on the full bundle (dist/data): MPFS CY2022-CY2025, each code judged at the MPFS year of its date of
// service. Real codes, found by a script over the official PPRRVUyy_JAN files: 99441 (telephone E/M) is in
// CY2022-CY2024 and not in CY2025; 49560 (ventral hernia repair) only in CY2022; 99358 (prolonged service without
// direct contact) status A in CY2022 and I from CY2023; 30468 (nasal valve repair) bilateral indicator 1 in CY2022
// and 2 from CY2023.
const work = mkdtempSync(join(tmpdir(), 'cc-mpfs-'));
const note = join(work, 'note.txt');
writeFileSync(note, 'CPT 99441\nCPT 49560\nCPT 99358\nCPT 30468-50\nCPT 27447\n');
type Out = { ruleId: string; code: string; severity: string; message: string; claim?: { id: string; line?: number } }[];
const check = (file: string, ...args: string[]) => {
  const r = runCli(['check', file, '--format', 'json', ...args]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return JSON.parse(r.stdout) as Out;
};
const brief = (out: Out) => out.map((f) => `${f.ruleId} ${f.code}${f.claim ? ` @${f.claim.id}` : ''}`);

test('2022-06-01 (MPFS CY2022): every code listed, 99358 active, 50 allowed on 30468: no finding', () => {
  assert.deepEqual(brief(check(note, '--date-of-service', '2022-06-01')), []);
});

test('2023-06-01 (CY2023): 49560 deleted after CY2022, 99358 status I, 50 no longer fits 30468; 99441 still listed', () => {
  const out = check(note, '--date-of-service', '2023-06-01');
  assert.deepEqual(brief(out), ['cpt.deleted 49560', 'coverage.medicare-non-covered 99358', 'modifier.not-applicable 50']);
  assert.equal(
    out[0].message,
    '49560 is not in the MPFS CY2023, the year of the date of service 2023-06-01: it was last in the MPFS CY2022 (listed CY2022), so it was deleted or replaced. Report the code that replaced it (check the current CPT code book).',
  );
  assert.equal(out[0].severity, 'warning');
  assert.match(out[1].message, /Medicare does not recognise 99358 \(MPFS CY2023 status I:/);
  assert.match(out[2].message, /Modifier 50 does not fit 30468: MPFS bilateral surgery indicator 2: .* \(MPFS CY2023\)/);
});

test('2025-06-01 (CY2025) and 2026-06-01 (CY2025, the newest bundled year): 99441 deleted after CY2024', () => {
  const out = check(note, '--date-of-service', '2025-06-01');
  assert.deepEqual(brief(out), ['cpt.deleted 99441', 'cpt.deleted 49560', 'coverage.medicare-non-covered 99358', 'modifier.not-applicable 50']);
  assert.match(out[0].message, /^99441 is not in the MPFS CY2025, the year of the date of service 2025-06-01: it was last in the MPFS CY2024 \(listed CY2022-CY2024\)/);
  const later = check(note, '--date-of-service', '2026-06-01');
  assert.match(later[0].message, /the newest bundled year, which judges the date of service 2026-06-01: .*MPFS 2026 is not bundled: if the code came back for 2026, the data is older than the code\./);
});

test('claim CSV: each row judged at its own date of service', () => {
  const csv = join(work, 'claims.csv');
  writeFileSync(csv, 'claim_id,service_date,procedure_code\nC1,2022-06-01,99441\nC2,2025-06-01,99441\nC3,2022-06-01,99358\nC4,2024-06-01,99358\n');
  const out = check(csv);
  assert.deepEqual(brief(out), ['cpt.deleted 99441 @C2', 'coverage.medicare-non-covered 99358 @C4']);
  assert.match(out[1].message, /MPFS CY2024 status I/);
});

test('explain: the MPFS year of the date, the history, and a date outside the bundled years said so', () => {
  const gone = runCli(['explain', '99441', '--date-of-service', '2025-06-01']);
  assert.equal(gone.code, 0, gone.stderr);
  assert.match(gone.stdout, /CPT Category I · not in the MPFS CY2025: last in CY2024 \(deleted or replaced\)/);
  assert.match(gone.stdout, /MPFS history \(CY2022–CY2025\):\n {4}In the MPFS CY2022-CY2024; not in CY2025 \(deleted or replaced\)/);
  const then = runCli(['explain', '99441', '--date-of-service', '2023-06-01']).stdout;
  assert.match(then, /Medicare fee schedule \(MPFS CY2023, for 2023-06-01\):\n {4}Status A/);
  const status = runCli(['explain', '99358', '--date-of-service', '2019-03-01']).stdout;
  assert.match(status, /CY2022 is the oldest bundled MPFS year and judges the date of service 2019-03-01 \(MPFS 2019 is not bundled\)/);
  assert.match(status, /Status A:/);
  assert.match(status, /CY2023: status A → I/);
  const newest = runCli(['explain', '27447', '--date-of-service', '2026-03-01']).stdout;
  assert.match(newest, /CY2025 is the newest bundled MPFS year and judges the date of service 2026-03-01 \(MPFS 2026 is not bundled: 2026 values may differ\)/);
  assert.match(newest, /In the MPFS CY2022-CY2025\n/);
});
