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
  writeFileSync(
    join(workspace, 'claims.csv'),
    [
      'claim_id,patient_id,payer,service_date,procedure_code,modifier_1,units,diagnosis_code_1',
      'C1001,P01,Medicare,2019-03-04,99213,25,1,R05',
      'C1002,P02,Aetna,2024-01-10,99213,,1,R05',
      'C1003,P03,Aetna,2024-02-01,99214,,1,E11.9',
      'C1003,P03,Aetna,2024-02-01,83036,,1,E11.9',
    ].join('\n') + '\n',
  );
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
