/**
 * `npm run test:vscode`: the e2e scenarios through the extension API in desktop VS Code, with @vscode/test-electron.
 * For machines that have desktop VS Code (set VSCODE_EXECUTABLE_PATH) or can download it. CI here has neither and
 * runs the code-server route (test/e2e) instead.
 */
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..');
  const out = join(root, 'out', 'vscode-tests');
  // the suite runs inside the extension host, which loads JavaScript only
  await build({ entryPoints: [join(__dirname, 'suite.ts')], outfile: join(out, 'suite.js'), bundle: true, platform: 'node', format: 'cjs', external: ['vscode'], logLevel: 'warning' });
  const workspace = mkdtempSync(join(tmpdir(), 'cc-vscode-'));
  const seeds = resolve(root, '..', 'shared', 'seeds');
  const seed = readdirSync(seeds).find((f) => f.startsWith('004'))!;
  writeFileSync(join(workspace, 'seed-004.txt'), readFileSync(join(seeds, seed)));
  writeFileSync(join(workspace, 'new.note'), 'Procedure: CPT 0264T-\nDx: pain in left hand\n');
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(out, 'suite.js'),
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
    launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--disable-workspace-trust'],
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
