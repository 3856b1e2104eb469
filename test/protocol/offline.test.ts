import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, REPO_ROOT, SEEDS_DIR, positionOf, seed } from './lsp-client';

/** `unshare -n` (a network namespace with no interfaces) needs root or user namespaces; CI runs as root. */
const noNetwork = spawnSync('unshare', ['-n', 'true']).status === 0 ? ['unshare', '-n'] : undefined;
const skip = noNetwork ? false : 'unshare -n is not available here (needs root or user namespaces)';

describe('without any network', { skip }, () => {
  it('the CLI gives the same findings on the seeds', () => {
    const args = [join(REPO_ROOT, 'bin', 'clinical-codes.js'), 'check', SEEDS_DIR, '--format', 'json', '--date-of-service', '2026-03-01'];
    const online = spawnSync(process.execPath, args, { encoding: 'utf8' });
    const offline = spawnSync(noNetwork![0], [...noNetwork!.slice(1), process.execPath, ...args], { encoding: 'utf8' });
    assert.equal(offline.status, online.status, offline.stderr);
    assert.ok(JSON.parse(online.stdout).length > 10);
    assert.equal(offline.stdout, online.stdout);
  });

  it('a server session gives the same diagnostics, hover and completion', async () => {
    const name = readdirSync(SEEDS_DIR).sort()[0];
    const text = seed(name);
    const session = async (wrap?: string[]) => {
      const c = await LspClient.start({ wrap, settings: { dateOfService: '2026-03-01' } });
      const uri = await c.open(join(SEEDS_DIR, name), text);
      const diagnostics = await c.waitForDiagnostics(uri);
      const code = /\b\d{4}[0-9T]\b/.exec(text)![0];
      const hover = await c.hover(uri, positionOf(text, code, 1));
      const completion = (await c.complete(uri, positionOf(text, code, code.length))).items.map((i) => i.label);
      const status = await c.request<{ state: string }>('clinicalCodes/status', {});
      await c.shutdown();
      return { diagnostics, hover, completion, state: status.state, stderr: c.stderr };
    };
    const online = await session();
    const offline = await session(noNetwork);
    assert.ok(online.diagnostics.length > 0);
    assert.deepEqual(offline, online);
  });
});
