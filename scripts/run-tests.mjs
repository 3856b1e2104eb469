#!/usr/bin/env node
// Runs the unit and protocol tests with node's built-in test runner (TypeScript through tsx).
// Node 20's --test does not expand globs, so the file list is collected here.
// Usage: node scripts/run-tests.mjs [dir-or-file ...]   (default: test/unit test/protocol)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test/unit', 'test/protocol', 'test/integration'];
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
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
