import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { PART_BYTES } from '../../server/src/engine';
import { CLI, ROOT, checkJson, runCli } from './helpers';

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

// A large export is analysed a part at a time; an ASCII one has its parts read again from the file (its text is not
// held meanwhile), one with a non-ASCII name keeps its text: the same findings, lines and truncation either way.
test('a large claim export, ASCII (parts read again from the file) or not (text kept): the same findings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clinical-codes-parts-'));
  try {
    const rows = (name: string) => {
      const out = ['claim_id,patient_name,service_date,procedure_code,modifier_1,units,diagnosis_code_1'];
      for (let i = 0; i < 6000; i++) out.push(`C${i},${name} ${i},2026-05-0${1 + (i % 9)},9921${3 + (i % 3)},${i % 7 ? '' : '59'},1,${i % 5 ? 'M79.641' : 'E11'}`);
      return `${out.join('\r\n')}\r\n`;
    };
    const ascii = join(dir, 'ascii.csv');
    const accented = join(dir, 'accented.csv');
    writeFileSync(ascii, rows('Jose'));
    writeFileSync(accented, rows('José'));
    assert.ok(statSync(ascii).size > 2 * PART_BYTES, 'large enough to be analysed in parts');
    const findings = (file: string) => checkJson(file, '--max-findings', '100').map((f) => ({ ...f, file: undefined }));
    const a = findings(ascii);
    assert.ok(a.some((f) => f.ruleId === 'icd10.header-not-billable'), `${a.length} findings`);
    // counted over every part: 1,200 E11 rows alone are past the cap
    const truncated = a.find((f) => f.ruleId === 'analysis.truncated');
    assert.match(truncated?.message ?? '', /^\d,\d{3} more findings not shown/);
    assert.deepEqual(a, findings(accented));
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
