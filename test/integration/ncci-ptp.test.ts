import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, brief, runCli, writeFixtureBundle, type CliFinding } from './helpers';
import { materializeFixtures, removeTempDirs, tempDir } from '../unit/data/helpers';

// The data build on the raw fixtures with the NCCI PTP parts named by CLINICAL_CODES_NCCI_PTP, then the built CLI
// on that bundle: the edits are read only because a claim has two procedures on one date.
let bundle = '';
before(() => {
  const out = tempDir('cc-ptp-bundle-');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'data', 'scripts', 'build-data.ts'), '--sources', materializeFixtures(), '--out', out, '--allow-checksum-mismatch'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CLINICAL_CODES_SOURCES: '', CLINICAL_CODES_NCCI_PTP: join(ROOT, 'test', 'fixtures', 'codesets', 'ncci', 'ptp') },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /ptp +v32\.1r0 \(2026 Q2\) +11 /);
  bundle = out;
});
after(removeTempDirs);

const CLAIMS = [
  'claim_id,service_date,procedure_code,modifier_1,units',
  'P1,2026-05-01,27447,,1',
  'P1,2026-05-01,20610,,1',
  'P2,2026-05-01,27447,,1',
  'P2,2026-05-01,20610,59,1',
  'P3,2026-05-01,99291,,1',
  'P3,2026-05-01,93000,59,1',
  'P4,2025-02-01,71046,,1',
  'P4,2025-02-01,93000,,1',
  'P5,2026-05-01,27447,,1',
  'P5,2026-05-02,20610,,1',
].join('\n');

test('check: PTP pairs from the bundle built with CLINICAL_CODES_NCCI_PTP; modifier 59 unbundles indicator 1 only; deleted edits and other dates are silent', () => {
  const file = join(tempDir('cc-ptp-claims-'), 'claims.csv');
  writeFileSync(file, `${CLAIMS}\n`);
  const r = runCli(['check', file, '--format', 'json', '--data', bundle]);
  assert.equal(r.code, 1, r.stderr);
  const ptp = (JSON.parse(r.stdout) as CliFinding[]).filter((f) => f.ruleId === 'ncci.ptp');
  assert.deepEqual(brief(ptp), ['ncci.ptp 20610 @3:15 [P1/2]', 'ncci.ptp 93000 @7:15 [P3/2]']);
  assert.equal(ptp[0].severity, 'error');
  assert.match(ptp[0].message, /NCCI PTP edit 27447\/20610 \(column 1 \/ column 2, practitioner v32\.1r0 \(2026 Q2\); effective 1996-01-01; rationale: Misuse of Column Two code with Column One code; modifier indicator 1\)/);
  assert.match(ptp[1].message, /cannot be billed together with 99291 .*modifier indicator 0/);
  assert.equal(readFileSync(join(bundle, 'manifest.json'), 'utf8').includes('"ccipra-v321r0-f4.TXT"'), true, 'the manifest names the parts');
});

test('explain: the PTP edition and column 2 partners with the edits; "no PTP data" without them', () => {
  const r = runCli(['explain', '27447', '--date-of-service', '2026-05-01', '--data', bundle]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /NCCI PTP edits \(v32\.1r0 \(2026 Q2\)\):\n {4}Column 1 of edits with 2 column 2 codes, 1 in force on 2026-05-01/);
  const plain = runCli(['explain', '27447', '--data', writeFixtureBundle()]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /NCCI PTP edits:\n {4}No PTP data in this bundle/);
});
