import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { StatusResult } from '../../server/src/protocol';
import { bundleDigest } from '../../server/src/engine/data/load';
import { writeFixtureBundle } from '../integration/helpers';
import { LspClient } from './lsp-client';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function bundle(): string {
  const d = writeFixtureBundle();
  dirs.push(d);
  return d;
}

/** Waits for the server's status to leave 'loading' (pushed on clinicalCodes/statusChanged, asked otherwise). */
async function settledStatus(c: LspClient): Promise<StatusResult> {
  const changed = new Promise<void>((resolve) => c.onNotification('clinicalCodes/statusChanged', (s) => (s as StatusResult).state !== 'loading' && resolve()));
  const now = await c.request<StatusResult>('clinicalCodes/status', {});
  if (now.state !== 'loading') return now;
  await changed;
  return c.request<StatusResult>('clinicalCodes/status', {});
}

/** The server on a damaged bundle: up, answering, the file named once in the log and once shown; status error. */
async function staysUp(dir: string, file: string, why: RegExp): Promise<void> {
  const c = await LspClient.start({ env: { CLINICAL_CODES_DATA: dir } });
  const status = await settledStatus(c);
  assert.equal(status.state, 'error', JSON.stringify(status));
  assert.ok(status.error!.includes(join(dir, file)), status.error);
  assert.match(status.error!, why);
  assert.match(status.error!, /npm run build:data/);
  const uri = await c.open('a.txt', 'Dx: M79.64');
  assert.deepEqual(await c.waitForDiagnostics(uri), []);
  assert.equal(await c.hover(uri, { line: 0, character: 5 }), null);
  assert.equal((await c.request<StatusResult>('clinicalCodes/status', {})).state, 'error');
  const errors = c.logs.filter((m) => m.type === 1);
  assert.equal(errors.length, 1, `logged once: ${JSON.stringify(errors)}`);
  assert.equal(c.shownMessages.filter((m) => m.type === 1).length, 1);
  assert.doesNotMatch(errors[0].message + c.stderr, /TypeError|\n\s+at /);
  assert.equal(await c.shutdown(), 0);
}

describe('a damaged code data bundle', () => {
  it('a manifest that is null: error naming it, the server answers every request', async () => {
    const dir = bundle();
    writeFileSync(join(dir, 'manifest.json'), 'null');
    await staysUp(dir, 'manifest.json', /it holds null/);
  });

  it('an ICD-10-CM header with no editions: refused at load, not failing every request', async () => {
    const dir = bundle();
    const text = gunzipSync(readFileSync(join(dir, 'icd10cm.tsv.gz'))).toString('utf8');
    const nl = text.indexOf('\n');
    const body = `${JSON.stringify({ ...JSON.parse(text.slice(0, nl)), editions: [] })}${text.slice(nl)}`;
    const gz = gzipSync(body);
    writeFileSync(join(dir, 'icd10cm.tsv.gz'), gz);
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    m.datasets.icd10cm = { ...m.datasets.icd10cm, sha256: bundleDigest(gz), bytes: gz.length, uncompressedBytes: Buffer.byteLength(body) };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    await staysUp(dir, 'icd10cm.tsv.gz', /lists no editions/);
  });

  it('a FIFO in place of a file: error, not "loading" for ever', async (t) => {
    const dir = bundle();
    unlinkSync(join(dir, 'mue.tsv.gz'));
    if (spawnSync('mkfifo', [join(dir, 'mue.tsv.gz')]).status !== 0) return t.skip('mkfifo is not available');
    await staysUp(dir, 'mue.tsv.gz', /not a regular file/);
  });

  it('the VS Code client shows the error itself (with Restart): the server does not pop it up too', async () => {
    const dir = bundle();
    writeFileSync(join(dir, 'manifest.json'), '{"formatVersion":"3"}');
    const c = await LspClient.start({ env: { CLINICAL_CODES_DATA: dir }, initializationOptions: { client: 'vscode-clinical-codes' } });
    const status = await settledStatus(c);
    assert.match(status.error!, /"formatVersion" is the string "3", not the number \d+/);
    assert.equal(c.logs.filter((m) => m.type === 1).length, 1);
    assert.equal(c.shownMessages.length, 0);
    await c.shutdown();
  });
});
