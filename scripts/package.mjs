#!/usr/bin/env node
// `npm run package`: a VSIX for public distribution. Stages only what the extension needs into .package/
// (production bundles, a code data bundle built WITHOUT the AMA-licensed CPT descriptors, README, CHANGELOG,
// LICENSE, icon, language files) and runs vsce there. Pass --with-cpt-descriptors only for a licensed, private build.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stage = join(root, '.package');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const withCpt = process.argv.includes('--with-cpt-descriptors');
const run = (cmd, args, cwd = root) => {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
run(process.execPath, ['scripts/build.mjs', '--production', `--outdir=${join(stage, 'dist')}`]);
run(process.execPath, ['--import', 'tsx', 'data/scripts/build-data.ts', '--out', join(stage, 'dist', 'data'), ...(withCpt ? [] : ['--no-cpt-descriptors'])]);
for (const f of ['README.md', 'CHANGELOG.md', 'LICENSE', 'images/icon.png', 'language-configuration.json', 'syntaxes', 'walkthrough']) {
  cpSync(join(root, f), join(stage, f), { recursive: true });
}
// the manifest as published: no dev tooling, no bins (the CLI ships as dist/cli.js)
const { devDependencies: _d, scripts: _s, bin: _b, ...published } = pkg;
writeFileSync(join(stage, 'package.json'), JSON.stringify(published, null, 2) + '\n');
writeFileSync(join(stage, '.vscodeignore'), '**/*.map\n');
const out = join(root, `${pkg.name}-${pkg.version}.vsix`);
run(join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--out', out], stage);
const mb = statSync(out).size / 1048576;
console.log(`${out}: ${mb.toFixed(2)} MB${withCpt ? ' (WITH CPT descriptors: do not publish)' : ''}`);
if (mb > 10) {
  console.error('VSIX is over the 10 MB budget');
  process.exit(1);
}
