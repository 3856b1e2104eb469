import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, ROOT, runCli } from './helpers';

// The built CLI (text format) on the 150,000-row charge CSV that used to end in "Maximum call stack size exceeded",
// and on a file of more findings than are reported. Generated here, never committed.
test('the CLI checks a 150,000-row charge CSV and a file over the finding cap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clinical-codes-scale-'));
  try {
    const csv = join(dir, 'charges.csv');
    writeFileSync(csv, `CPT,Modifier,POS,Dx\n${'99213,25,11,M79.642\n'.repeat(150_000)}`);
    const ok = runCli(['check', csv]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stderr, /1 file\(s\) checked: 0 finding\(s\)/);
    assert.doesNotMatch(ok.stderr, /RangeError|Maximum call stack/);

    const many = join(dir, 'headers.txt');
    writeFileSync(many, 'M79.64 '.repeat(20_000));
    // 10,000 findings of text: more than runCli's default output buffer
    const capped = spawnSync(process.execPath, [CLI, 'check', many], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.equal(capped.status, 1, 'the errors count, shown or not');
    assert.match(capped.stderr, /10001 finding\(s\), 10001 error\(s\)/);
    assert.match(capped.stdout, /analysis\.truncated .*10,000 more findings not shown \(10,000 errors\), the first on line 1/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--max-findings N keeps the first N findings of each file and counts the rest; a bad N is a usage error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clinical-codes-cap-'));
  try {
    const many = join(dir, 'headers.txt');
    writeFileSync(many, 'M79.64 '.repeat(30));
    const r = runCli(['check', many, '--max-findings', '5', '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { ruleId: string; start: { line: number; character: number }; message: string }[];
    assert.deepEqual(out.map((f) => f.ruleId), [...Array(5).fill('icd10.header-not-billable'), 'analysis.truncated']);
    assert.deepEqual(out.slice(0, 5).map((f) => f.start.character), [0, 7, 14, 21, 28], 'the first five in document order');
    assert.match(out[5].message, /^25 more findings not shown \(25 errors\)/);
    // the default cap is far above 30
    const all = JSON.parse(runCli(['check', many, '--format', 'json']).stdout) as unknown[];
    assert.equal(all.length, 30);
    for (const bad of ['0', '-3', '2.5', 'many', '1000001']) {
      const u = runCli(['check', many, `--max-findings=${bad}`]);
      assert.equal(u.code, 2, `--max-findings ${bad}`);
      assert.match(u.stderr, /--max-findings must be a whole number from 1 to 1000000/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
