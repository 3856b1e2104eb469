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
