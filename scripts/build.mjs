#!/usr/bin/env node
// Bundles the extension client, the language server and the CLI into dist/ with esbuild.
// The code data bundle (dist/data) is built separately by `npm run build:data`.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
const outdir = (process.argv.find((a) => a.startsWith('--outdir=')) ?? '--outdir=dist').slice('--outdir='.length);
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  // source maps must not carry absolute paths of the build machine
  sourceRoot: '',
  sourcesContent: false,
  minify: production,
  logLevel: 'warning',
  // ESM dependencies (fdir via tinyglobby) read import.meta.url, which a CommonJS bundle lacks
  define: { __VERSION__: JSON.stringify(pkg.version), 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: 'none',
};
const entries = [
  { in: 'client/src/extension.ts', out: `${outdir}/client.js`, external: ['vscode'] },
  // server.js only loads server-main.js through a V8 code cache (server/src/lsp/boot.ts)
  { in: 'server/src/lsp/boot.ts', out: `${outdir}/server.js` },
  { in: 'server/src/lsp/main.ts', out: `${outdir}/server-main.js` },
  { in: 'server/src/cli/main.ts', out: `${outdir}/cli.js` },
];
const t0 = Date.now();
await Promise.all(entries.map((e) => build({ ...common, entryPoints: [e.in], outfile: e.out, external: e.external ?? [] })));
// contributes.jsonValidation points VS Code's JSON support at the pack schema for .clinical-codes/policies/*.json
mkdirSync(outdir, { recursive: true });
copyFileSync(new URL('../data/policies/policy-pack.schema.json', import.meta.url), `${outdir}/policy-pack.schema.json`);
console.log(`built ${entries.map((e) => e.out).join(', ')} in ${Date.now() - t0} ms`);
