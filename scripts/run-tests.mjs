#!/usr/bin/env node
// Runs the unit and protocol tests with node's built-in test runner (TypeScript through tsx).
// Node 20's --test does not expand globs, so the file list is collected here.
// Usage: node scripts/run-tests.mjs [dir-or-file ...]   (default: test/unit test/protocol test/integration test/fuzz)
// The fuzz files run after the others, FUZZ_CONCURRENCY (default 2) at a time.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

// Protocol and integration tests run the built server and the built data bundle: build what is missing or stale.
function newestMtime(dir) {
  let newest = 0;
  const visit = (p) => {
    const st = statSync(p);
    if (st.isDirectory()) readdirSync(p).forEach((n) => visit(join(p, n)));
    else newest = Math.max(newest, st.mtimeMs);
  };
  if (existsSync(dir)) visit(dir);
  return newest;
}
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
if (!existsSync('dist/data/manifest.json')) run('npm', ['run', 'build:data']);
const codeOut = ['dist/cli.js', 'dist/server.js', 'dist/server-main.js', 'dist/client.js'];
const builtAt = Math.min(...codeOut.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
if (builtAt < Math.max(newestMtime('server/src'), newestMtime('client/src'))) run('node', ['scripts/build.mjs']);

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test/unit', 'test/protocol', 'test/integration', 'test/fuzz'];
const files = [];
function walk(p) {
  if (!existsSync(p)) return;
  if (statSync(p).isDirectory()) {
    for (const name of readdirSync(p).sort()) walk(join(p, name));
  } else if (/\.test\.ts$/.test(p)) {
    files.push(p);
  }
}
roots.forEach(walk);
if (files.length === 0) {
  console.error('no test files found under', roots.join(', '));
  process.exit(1);
}
// The fuzz files (time-bounded, no timed assertions) run two at a time once the other tests are done: on two cores
// that halves the suite's wall time, and the other tests (the linear-time test compares CPU times) never share the
// machine with a fuzzer. FUZZ_CONCURRENCY overrides the 2.
const isFuzz = (f) => /(^|[\\/])test[\\/]fuzz[\\/]/.test(f);
const fuzzFiles = files.filter(isFuzz);
const otherFiles = files.filter((f) => !isFuzz(f));
const runFiles = (list, extra = []) => spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...extra, ...list], { stdio: 'inherit' }).status ?? 1;
// a test that waits forever (a reply that never comes) fails after 5 minutes, named, instead of holding the run
// (the slowest test takes ~20 s; fuzz targets stop at their own time budgets)
const status = [
  otherFiles.length ? runFiles(otherFiles, [`--test-timeout=${process.env.TEST_TIMEOUT_MS || 300_000}`]) : 0,
  fuzzFiles.length ? runFiles(fuzzFiles, [`--test-concurrency=${process.env.FUZZ_CONCURRENCY || 2}`]) : 0,
];
process.exit(status.find((s) => s !== 0) ?? 0);
