import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, runCli, writeFixtureBundle, type CliFinding } from './helpers';

// `check` as a stream over many files (the built CLI on the fixture bundle): output order, JSON and SARIF shapes,
// a reader that goes away (EPIPE), files that cannot be checked and the exit status they give, content sniffing in
// directories, and line numbers for CR-only and mixed line ends.
const data = writeFixtureBundle();
const common = ['--data', data, '--date-of-service', '2026-11-23'];
const NOTE = 'Assessment\nDx: M79.64 pain\nCPT 99213-25 today\n';
const work = mkdtempSync(join(tmpdir(), 'cc-stream-'));

function dirWith(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(work, 'd-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

type Element = CliFinding & { file: string; skipped?: string; reason?: string };
const json = (args: string[], cwd?: string) => {
  const r = runCli(['check', ...args, ...common, '--format', 'json'], { cwd });
  return { ...r, out: JSON.parse(r.stdout) as Element[] };
};

test('a directory: every text file is checked whatever its extension (.837i, .json, .js, none); binary files are skipped with a note', () => {
  const x12 = 'ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *240110*1200*^*00501*000000001*0*P*:~';
  const dir = dirWith({
    'claim.837i': `${x12}\nGS*HC*S*R*20240110*1200*1*X*005010X223A2~\n`,
    'codes.json': '{"dx": "M79.64"}\n',
    'list.js': 'export const DX = ["M79.64"]; // Dx\n',
    'EXPORT': 'Dx: M79.64\n',
    'sub/deep.note': NOTE,
    'scan.pdf': new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]),
    '.hidden.txt': NOTE,
  });
  const r = runCli(['check', dir, ...common], { cwd: dir });
  assert.equal(r.code, 1);
  for (const f of ['codes.json:1:9', 'list.js:1:21', 'EXPORT:1:5', 'sub/deep.note:2:5']) assert.match(r.stdout, new RegExp(`^${f.replace('.', '\\.')} error icd10\\.header-not-billable`, 'm'));
  assert.match(r.stdout, /^claim\.837i:\d+:\d+ warning x12\.envelope/m, 'an .837i is read as X12');
  assert.doesNotMatch(r.stdout, /hidden/);
  assert.match(r.stderr, /clinical-codes: scan\.pdf: not checked: binary file \(a NUL byte in its first 8 KB\), not text/);
  assert.match(r.stderr, /^5 file\(s\) checked, 1 skipped \(1 binary\): \d+ finding\(s\), \d+ error\(s\)/m);
  // the same files in JSON: the skipped one is an element of the stream
  const j = json([dir], dir);
  assert.equal(j.code, 1);
  assert.deepEqual(
    j.out.filter((e) => e.skipped),
    [{ file: 'scan.pdf', skipped: 'binary', reason: 'binary file (a NUL byte in its first 8 KB), not text' }],
  );
  assert.deepEqual([...new Set(j.out.map((e) => e.file))], ['EXPORT', 'claim.837i', 'codes.json', 'list.js', 'scan.pdf', 'sub/deep.note'], 'input order: sorted paths');
});

test('a directory of binary files only: nothing checked, exit 2', () => {
  const dir = dirWith({ 'a.bin': new Uint8Array([0, 1, 2]), 'b.png': new Uint8Array([0x89, 0x50, 0, 0]) });
  const r = runCli(['check', dir, ...common]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /nothing could be checked: 2 file\(s\) skipped/);
});

test('a named file that cannot be checked: a message on stderr and exit 2, unless --skip-unreadable', () => {
  const dir = dirWith({ 'note.txt': NOTE, 'clean.txt': 'Dx: M79.642\n', 'scan.txt': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]), 'big.txt': 'x'.repeat(1100 * 1024) });
  // root can read a chmod 000 file: a dangling link, a FIFO and a directory-as-file fail for every user
  symlinkSync(join(dir, 'gone.txt'), join(dir, 'dangling.txt'));
  const fifo = join(dir, 'pipe.txt');
  const mk = spawnSync('mkfifo', [fifo]);
  const cases: [string, RegExp][] = [
    ['dangling.txt', /dangling\.txt: not checked: cannot read it: file not found \(or a dangling symbolic link\)/],
    ['scan.txt', /scan\.txt: not checked: binary file \(a NUL byte in its first 8 KB\), not text/],
    ['big.txt', /big\.txt: not checked: file is 1\.1 MB, over the 1 MB limit \(--max-file-size\)/],
  ];
  if (mk.status === 0) cases.push(['pipe.txt', /pipe\.txt: not checked: not a regular file \(a FIFO, socket or device\)/]);
  for (const [name, message] of cases) {
    let r = runCli(['check', join(dir, name), join(dir, 'clean.txt'), ...common, '--max-file-size', '1'], { cwd: dir });
    assert.equal(r.code, 2, name);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /1 file\(s\) could not be checked .*pass --skip-unreadable/);
    assert.match(r.stderr, /^1 file\(s\) checked, 1 skipped/m);
    r = runCli(['check', join(dir, name), join(dir, 'clean.txt'), ...common, '--max-file-size', '1', '--skip-unreadable'], { cwd: dir });
    assert.equal(r.code, 0, `${name} with --skip-unreadable: the status of what was checked`);
    assert.match(r.stderr, message);
    r = runCli(['check', join(dir, name), join(dir, 'note.txt'), ...common, '--max-file-size', '1', '--skip-unreadable'], { cwd: dir });
    assert.equal(r.code, 1);
    // alone, even --skip-unreadable cannot make a run that checked nothing succeed
    r = runCli(['check', join(dir, name), ...common, '--max-file-size', '1', '--skip-unreadable'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /nothing could be checked/);
  }
});

// root reads a chmod 000 file anyway (and CI runs as root): there the CLI runs as nobody, through setpriv
const asRoot = process.getuid?.() === 0;
const setpriv = asRoot && spawnSync('setpriv', ['--version']).status === 0;
test('a file without read permission: a message naming it and exit 2', { skip: asRoot && !setpriv && 'root ignores file permissions and setpriv is not available' }, () => {
  const dir = dirWith({ 'secret.txt': NOTE, 'clean.txt': 'Dx: M79.642\n' });
  chmodSync(join(dir, 'secret.txt'), 0o000);
  const args = [CLI, 'check', join(dir, 'secret.txt'), join(dir, 'clean.txt'), ...common];
  if (asRoot) for (const d of [work, dir, data]) chmodSync(d, 0o755); // mkdtemp makes them 0700: nobody must reach the rest
  const r = asRoot
    ? spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...args], { encoding: 'utf8' })
    : spawnSync(process.execPath, args, { encoding: 'utf8' });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /secret\.txt: not checked: cannot read it: permission denied \(EACCES\)/);
  assert.match(r.stderr, /^1 file\(s\) checked, 1 skipped/m);
});

test('in a directory, a file over the size limit fails the run too (only binary files are expected there)', () => {
  const dir = dirWith({ 'note.txt': NOTE, 'huge.txt': 'Dx: M79.64\n'.repeat(110_000) });
  const r = json([dir, '--max-file-size', '1'], dir);
  assert.equal(r.code, 2);
  assert.deepEqual(r.out.find((e) => e.skipped), { file: 'huge.txt', skipped: 'too-large', reason: 'file is 1.2 MB, over the 1 MB limit (--max-file-size)' });
  assert.ok(r.out.some((e) => e.ruleId === 'icd10.header-not-billable'));
  assert.equal(json([dir, '--max-file-size', '1', '--skip-unreadable']).code, 1);
});

test('JSON is one array streamed element by element; no findings is []', () => {
  const dir = dirWith({ 'a.txt': NOTE, 'b.txt': 'Dx: M79.642\n', 'c.txt': NOTE });
  const r = runCli(['check', dir, ...common, '--format', 'json'], { cwd: dir });
  assert.match(r.stdout, /^\[\n {2}\{\n {4}"file": "a\.txt",/);
  assert.match(r.stdout, /\}\n\]\n$/);
  const out = JSON.parse(r.stdout) as Element[];
  assert.deepEqual(out.map((e) => [e.file, e.ruleId]), [
    ['a.txt', 'icd10.header-not-billable'],
    ['c.txt', 'icd10.header-not-billable'],
  ]);
  const clean = runCli(['check', join(dir, 'b.txt'), ...common, '--format', 'json']);
  assert.equal(clean.stdout, '[]\n');
  assert.equal(clean.code, 0);
});

test('SARIF: results streamed, skipped files as tool execution notifications, executionSuccessful false on exit 2', () => {
  const dir = dirWith({ 'a.txt': NOTE, 'b.bin': new Uint8Array([0, 0, 1]) });
  let r = runCli(['check', dir, ...common, '--format', 'sarif'], { cwd: dir });
  assert.equal(r.code, 1);
  let s = JSON.parse(r.stdout);
  assert.equal(s.version, '2.1.0');
  assert.equal(s.runs.length, 1);
  const run = s.runs[0];
  assert.equal(run.tool.driver.name, 'clinical-codes');
  assert.equal(run.results.length, 1);
  assert.equal(run.tool.driver.rules[run.results[0].ruleIndex].id, run.results[0].ruleId);
  assert.deepEqual(run.results[0].locations[0].physicalLocation, { artifactLocation: { uri: 'a.txt' }, region: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 11 } });
  assert.deepEqual(run.invocations, [
    {
      executionSuccessful: true,
      toolExecutionNotifications: [
        { level: 'note', message: { text: 'b.bin: not checked: binary file (a NUL byte in its first 8 KB), not text' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'b.bin' } } }], properties: { skipped: 'binary' } },
      ],
    },
  ]);
  r = runCli(['check', join(dir, 'b.bin'), join(dir, 'a.txt'), ...common, '--format', 'sarif'], { cwd: dir });
  assert.equal(r.code, 2);
  s = JSON.parse(r.stdout);
  assert.equal(s.runs[0].invocations[0].executionSuccessful, false);
  assert.equal(s.runs[0].invocations[0].toolExecutionNotifications[0].level, 'error');
  assert.equal(s.runs[0].results.length, 1);
});

test('worker threads (--jobs 2, 3, auto) write the same output in the same order as one thread', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 12; i++) files[`n${String(i).padStart(2, '0')}.txt`] = i % 3 ? NOTE.repeat(1 + ((i * 37) % 50)) : 'Dx: M79.642\n';
  // a binary file in the middle: skipped with a note, in its place
  files['n05b.bin'] = 'PNG\u0000\u0000\u0001binary';
  const dir = dirWith(files);
  for (const format of ['text', 'json', 'sarif']) {
    const one = runCli(['check', dir, ...common, '--format', format, '--jobs', '1'], { cwd: dir });
    assert.ok(one.stdout.length > 1000);
    assert.match(one.stderr, /n05b\.bin: not checked/);
    for (const jobs of ['2', '3', 'auto']) {
      const many = runCli(['check', dir, ...common, '--format', format, '--jobs', jobs], { cwd: dir });
      assert.equal(many.code, one.code, `${format} --jobs ${jobs}`);
      assert.equal(many.stdout, one.stdout, `${format} --jobs ${jobs}`);
      assert.equal(many.stderr, one.stderr, `${format} --jobs ${jobs}`);
    }
  }
  const bad = runCli(['check', dir, ...common, '--jobs', '2', '--data', join(work, 'nowhere')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /Code data bundle not found/);
  assert.doesNotMatch(bad.stderr, /\n\s+at /);
  assert.match(runCli(['check', dir, ...common, '--jobs', 'two']).stderr, /--jobs must be auto or a whole number/);
});

/** Runs check with stdout on a pipe, closes the pipe after the first output and waits for the exit. */
function closedEarly(args: string[]): Promise<{ code: number | null; stderr: string; got: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'check', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let got = 0;
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', (d: Buffer) => {
      got = d.length;
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, got }));
  });
}

test('check … | head: when the reader closes the pipe, check stops quietly with the status of what it wrote', async () => {
  // ~3 MB of output: far more than a pipe holds, so writes are still going when the reader leaves
  const files: Record<string, string> = {};
  for (let i = 0; i < 60; i++) files[`n${String(i).padStart(2, '0')}.txt`] = NOTE.repeat(200);
  const dir = dirWith(files);
  for (const format of ['text', 'json', 'sarif']) {
    for (const jobs of ['1', '2']) {
      const r = await closedEarly([dir, ...common, '--format', format, '--jobs', jobs]);
      assert.ok(r.got > 0);
      assert.equal(r.code, 1, `${format} --jobs ${jobs}: an error-level finding was written before the pipe closed`);
      assert.equal(r.stderr, '', `${format} --jobs ${jobs}: no EPIPE, no stack trace, no summary of files never written`);
    }
  }
});

test('CR-only, CRLF and mixed line ends give the same findings on the same lines as LF', () => {
  const lines = ['Assessment', 'Dx: M79.64 pain', 'CPT 99213-25 today', '', 'Dx: M79.65'];
  const dir = dirWith({
    'lf.txt': lines.join('\n'),
    'cr.txt': lines.join('\r'),
    'crlf.txt': lines.join('\r\n'),
    'mixed.txt': lines.map((l, i) => l + ['\r', '\n', '\r\n', '\r', ''][i]).join(''),
  });
  const at = (f: string) => json([join(dir, f)]).out.map((e) => `${e.ruleId} ${e.code} ${e.start.line}:${e.start.character}-${e.end.line}:${e.end.character}`);
  const lf = at('lf.txt');
  assert.ok(lf.some((x) => x.startsWith('icd10.header-not-billable M79.65 4:4')));
  for (const f of ['cr.txt', 'crlf.txt', 'mixed.txt']) assert.deepEqual(at(f), lf, f);
  const text = runCli(['check', join(dir, 'cr.txt'), ...common], { cwd: dir });
  assert.match(text.stdout, /^cr\.txt:5:5 error icd10\.header-not-billable M79\.65/m);
});

test('UTF-16 with a byte order mark (LE and BE) is decoded and checked like UTF-8; without a BOM it is binary', () => {
  const le = Buffer.from('\ufeff' + NOTE, 'utf16le');
  const be = Buffer.from(le).swap16();
  const dir = dirWith({ 'utf8.txt': NOTE, 'le.txt': le, 'be.txt': be, 'nobom.txt': Buffer.from(NOTE, 'utf16le') });
  const brief = (f: string) => json([join(dir, f)]).out.map((e) => [e.ruleId, e.start, e.end, e.message]);
  assert.ok(brief('utf8.txt').length > 0);
  assert.deepEqual(brief('le.txt'), brief('utf8.txt'));
  assert.deepEqual(brief('be.txt'), brief('utf8.txt'));
  const r = json([join(dir, 'nobom.txt')]);
  assert.equal(r.code, 2);
  assert.equal(r.out[0].skipped, 'binary');
});

test('an empty directory: nothing to check, exit 2; output that cannot be written (a full disk): exit 2 with why', () => {
  const empty = dirWith({ '.only-hidden.txt': NOTE });
  const r = runCli(['check', empty, ...common]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /nothing to check: the directories given hold no files/);
  if (!existsSync('/dev/full')) return;
  const dir = dirWith({ 'a.txt': NOTE.repeat(2000) });
  const fd = openSync('/dev/full', 'w');
  try {
    const full = spawnSync(process.execPath, [CLI, 'check', dir, ...common], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
    assert.equal(full.status, 2);
    assert.match(full.stderr, /cannot write the output \(ENOSPC\); the results are incomplete/);
    assert.doesNotMatch(full.stderr, /\n\s+at /);
  } finally {
    closeSync(fd);
  }
});

test('one thread by default; --jobs auto: threads only for several files with a few MB each, one core left over; --jobs N as asked', async () => {
  const { chooseJobs, BYTES_PER_WORKER } = await import('../../server/src/cli/check.js');
  const files = (n: number, size: number) => Array.from({ length: n }, (_, i) => ({ path: `/x/${i}`, shown: `${i}`, named: false, size }));
  const MB = 1024 * 1024;
  const js = 'dist/cli.js';
  assert.equal(chooseJobs(files(1, 50 * MB), 'auto', js, 2), 0, 'one file, however large: this thread');
  assert.equal(chooseJobs(files(170, 14 * MB / 170), 'auto', js, 2), 0, 'the 14 MB bench corpus on 2 cores: this thread (V8 takes the other core)');
  assert.equal(chooseJobs(files(170, 14 * MB / 170), 'auto', js, 3), 2, 'on 3 cores: two threads');
  assert.equal(chooseJobs(files(170, 14 * MB / 170), 'auto', js, 8), 4, 'a thread per BYTES_PER_WORKER');
  assert.equal(chooseJobs(files(40, (2 * BYTES_PER_WORKER - 1) / 40), 'auto', js, 2), 0, 'too little input');
  assert.equal(chooseJobs(files(3, 100 * MB), 'auto', js, 16), 3, 'no more threads than files');
  assert.equal(chooseJobs(files(500, MB), 'auto', js, 1), 0, 'one core: this thread');
  assert.equal(chooseJobs(files(500, MB), undefined, js, 2), 0, 'one thread is the default (the 200 MB peak-RSS cap)');
  assert.equal(chooseJobs(files(500, MB), 1, js, 2), 0);
  assert.equal(chooseJobs(files(500, MB), 3, js, 2), 3);
  assert.equal(chooseJobs(files(500, MB), 9, js, 2), 4, 'at most twice the cores');
  assert.equal(chooseJobs(files(500, MB), 'auto', 'server/src/cli/main.ts', 2), 0, 'from source a worker cannot start');
});
