import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, runCli, writeFixtureBundle } from './helpers';
import { RELAUNCH_BYTES } from '../../server/src/cli/relaunch';

// The built CLI checks a large file in a node started again with the server's memory settings (cli/relaunch.ts):
// seen from inside both processes by a preload that writes down each one's flags and environment.
const linux = process.platform === 'linux';
const work = mkdtempSync(join(tmpdir(), 'cc-relaunch-'));
const data = writeFixtureBundle();
const common = ['--data', data, '--date-of-service', '2026-11-23', '--format', 'json', '--max-findings', '20'];
const preload = join(work, 'record.cjs');
writeFileSync(
  preload,
  `require('node:fs').appendFileSync(process.env.CC_RECORD, JSON.stringify({ pid: process.pid, ppid: process.ppid, execArgv: process.execArgv, trim: process.env.MALLOC_TRIM_THRESHOLD_, relaunched: process.env.CLINICAL_CODES_RELAUNCHED }) + '\\n');
if (process.env.CC_HOLD && process.env.CLINICAL_CODES_RELAUNCHED) setInterval(() => {}, 1 << 30);\n`,
);
const LINE = 'Assessment: Dx M79.64 (hand pain), follow-up in two weeks as discussed with the patient today.\n';
const large = join(work, 'large.txt');
writeFileSync(large, LINE.repeat(Math.ceil((RELAUNCH_BYTES + 1) / LINE.length)));
const small = join(work, 'small.txt');
writeFileSync(small, LINE.repeat(10));

type Run = { pid: number; ppid: number; execArgv: string[]; trim?: string; relaunched?: string };
let n = 0;
const recordFile = () => join(work, `runs-${n++}.jsonl`);
const records = (file: string): Run[] => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Run) : []);
const envFor = (file: string, extra: NodeJS.ProcessEnv = {}) => ({ NODE_OPTIONS: `--require ${preload}`, CC_RECORD: file, MALLOC_TRIM_THRESHOLD_: undefined, ...extra });

test('a file of RELAUNCH_BYTES or more is checked in a child with the settings; its output and status are the run\'s own', { skip: !linux && 'glibc settings: Linux only' }, () => {
  const rec = recordFile();
  const r = runCli(['check', large, ...common], { env: envFor(rec) });
  const plain = runCli(['check', large, ...common], { env: { CLINICAL_CODES_RELAUNCH: '0' } });
  assert.equal(r.code, plain.code);
  assert.equal(r.stdout, plain.stdout);
  assert.ok(JSON.parse(r.stdout).length > 0, 'the large file has findings');
  const [launcher, child, ...more] = records(rec);
  assert.equal(more.length, 0);
  assert.equal(launcher.relaunched, undefined);
  assert.equal(child.ppid, launcher.pid);
  assert.equal(child.relaunched, '1');
  assert.ok(child.execArgv.includes('--max-semi-space-size=8'), child.execArgv.join(' '));
  assert.equal(child.trim, '131072');
});

test('small files, settings the user gave, and CLINICAL_CODES_RELAUNCH=0 run in the one process', { skip: !linux && 'Linux only' }, () => {
  for (const [file, extra] of [
    [small, {}],
    [large, { CLINICAL_CODES_RELAUNCH: '0' }],
    [large, { MALLOC_TRIM_THRESHOLD_: '65536', NODE_OPTIONS: `--require ${preload} --max-semi-space-size=4` }],
  ] as const) {
    const rec = recordFile();
    const r = runCli(['check', file, ...common], { env: envFor(rec, extra) });
    assert.ok(r.code === 0 || r.code === 1, `${r.code} ${r.stderr}`);
    assert.equal(records(rec).length, 1, `${file} ${JSON.stringify(extra)}`);
  }
});

test('a SIGTERM sent to the CLI alone ends the child too, and the CLI ends by it', { skip: !linux && 'Linux only' }, async () => {
  const rec = recordFile();
  const p = spawn(process.execPath, [CLI, 'check', large, ...common], { env: { ...process.env, ...envFor(rec, { CC_HOLD: '1' }) }, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => p.on('exit', (_code, signal) => resolve(signal)));
  // the child holds itself open once it has started (CC_HOLD): wait until it says so
  while (records(rec).length < 2) await new Promise((r) => setTimeout(r, 20));
  const child = records(rec)[1];
  p.kill('SIGTERM');
  assert.equal(await exited, 'SIGTERM');
  const alive = () => {
    try {
      process.kill(child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  while (alive()) await new Promise((r) => setTimeout(r, 20));
});
