/**
 * The Problems panel lists the findings of seed 004 with the counts the CLI reports for the same file:
 * the two entry points agree.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, type VSCode } from '../harness.js';
import { seedText } from './seed-fixtures.js';

const seed = seedText('004');
export const name = 'seed 004: Problems panel counts equal the CLI counts';
export const files = { 'problems/seed-004-problems.txt': seed.text };
export const timeout = 120_000;

function cliCounts(): { error: number; warning: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cc-e2e-cli-'));
  const file = path.join(dir, '004.txt');
  writeFileSync(file, seed.text);
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'clinical-codes.js'), 'check', file, '--format', 'json'], { encoding: 'utf8' });
  const findings: { severity: string }[] = JSON.parse(r.stdout);
  return { error: findings.filter((f) => f.severity === 'error').length, warning: findings.filter((f) => f.severity === 'warning').length };
}

export async function fn(vs: VSCode): Promise<void> {
  const expected = cliCounts();
  assert.ok(expected.error >= 2 && expected.warning > 0, JSON.stringify(expected));
  await vs.openFile('problems/seed-004-problems.txt');
  // the status bar's problem counter covers every marker, not just the rows the Problems list has rendered
  const counts = await vs.waitUntil<{ error: number; warning: number }>(
    `(() => { const a = document.querySelector('[id="status.problems"]')?.getAttribute('aria-label') || '';
              const n = (re) => Number((re.exec(a) || [])[1] || 0);
              return { error: n(/Errors?: (\\d+)/i), warning: n(/Warnings?: (\\d+)/i) }; })()`,
    (c) => c.error === expected.error && c.warning === expected.warning,
    `status bar counts ${JSON.stringify(expected)}`,
  );
  assert.deepEqual(counts, expected);
  const entries = await vs.waitForProblems((e) => e.some((x) => x.code?.includes('icd10.header-not-billable')));
  assert.ok(entries.every((e) => !e.file || e.file.includes('seed-004-problems')), 'only this file has problems');
  assert.ok(entries.some((e) => /M79\.64 "Pain in hand and fingers" is a header/.test(e.message)), 'M79.64 listed');
  assert.ok(entries.every((e) => !e.source || /clinical-codes/.test(e.source)), 'all from Clinical Codes');
  await vs.screenshot('problems-004');
}
