import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient } from './lsp-client';

/**
 * dist/server.js compiles the server bundle with a V8 code cache (server/src/lsp/boot.ts): written when the server
 * exits, used by the next start; a bad cache or a directory that is not the user's own never stops the server.
 */
const TEXT = 'Dx: pain in left hand';

async function firstCompletion(args: string[]): Promise<{ top: string | undefined; stderr: string; code: number | null }> {
  const c = await LspClient.start({ args });
  const uri = await c.open('code-cache.txt', TEXT);
  const list = await c.complete(uri, { line: 0, character: TEXT.length });
  const top = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))[0]?.label;
  const code = await c.shutdown();
  return { top, stderr: c.stderr, code };
}
const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.v8')) : []);

describe('the V8 code cache of the server bundle', () => {
  it('is written on exit into <dir>/v8-cache (0700, the file 0600), then used by the next start', async () => {
    const given = mkdtempSync(join(tmpdir(), 'cc-v8-'));
    const dir = join(given, 'v8-cache');
    const first = await firstCompletion([`--v8-cache-dir=${given}`]);
    assert.equal(first.top, 'M79.642');
    assert.equal(first.code, 0);
    const files = cacheFiles(dir);
    assert.equal(files.length, 1, `one cache file in ${dir}`);
    if (process.platform !== 'win32') {
      assert.equal(statSync(dir).mode & 0o777, 0o700);
      assert.equal(statSync(join(dir, files[0])).mode & 0o777, 0o600);
    }
    const size = statSync(join(dir, files[0])).size;
    assert.ok(size > 100_000, `the cache holds compiled code (${size} bytes)`);
    const written = statSync(join(dir, files[0])).mtimeMs;
    const second = await firstCompletion([`--v8-cache-dir=${given}`]);
    assert.equal(second.top, 'M79.642');
    assert.deepEqual(cacheFiles(dir), files, 'the same file, not another');
    // a cache is written only when there was none or V8 rejected it: untouched means it was used
    assert.equal(statSync(join(dir, files[0])).mtimeMs, written, 'accepted, not rewritten');
  });

  it('a corrupt cache is rejected by V8 and replaced; the server answers as without one', async () => {
    const given = mkdtempSync(join(tmpdir(), 'cc-v8-'));
    const dir = join(given, 'v8-cache');
    await firstCompletion([`--v8-cache-dir=${given}`]);
    const [name] = cacheFiles(dir);
    writeFileSync(join(dir, name), Buffer.alloc(4096, 7));
    const r = await firstCompletion([`--v8-cache-dir=${given}`]);
    assert.equal(r.top, 'M79.642');
    assert.equal(r.code, 0);
    assert.ok(statSync(join(dir, name)).size > 100_000, 'rewritten with real data');
  });

  it('a cache directory writable by others, or not a directory, is not used and the server starts', { skip: process.platform === 'win32' }, async () => {
    const open = mkdtempSync(join(tmpdir(), 'cc-v8-'));
    mkdirSync(join(open, 'v8-cache'));
    chmodSync(join(open, 'v8-cache'), 0o777);
    const a = await firstCompletion([`--v8-cache-dir=${open}`]);
    assert.equal(a.top, 'M79.642');
    assert.deepEqual(cacheFiles(join(open, 'v8-cache')), [], 'nothing written into a world-writable directory');
    const notDir = mkdtempSync(join(tmpdir(), 'cc-v8-'));
    writeFileSync(join(notDir, 'v8-cache'), 'a file');
    const b = await firstCompletion([`--v8-cache-dir=${notDir}`]);
    assert.equal(b.top, 'M79.642');
    assert.equal(b.code, 0);
  });

  it('--no-v8-cache reads and writes none', async () => {
    const given = mkdtempSync(join(tmpdir(), 'cc-v8-'));
    const r = await firstCompletion([`--v8-cache-dir=${given}`, '--no-v8-cache']);
    assert.equal(r.top, 'M79.642');
    assert.deepEqual(cacheFiles(join(given, 'v8-cache')), []);
  });
});
