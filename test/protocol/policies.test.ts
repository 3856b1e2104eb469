import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { STATUS_REQUEST, type StatusResult } from '../../server/src/protocol';
import { LspClient, messageOf } from './lsp-client';

// Payer policy packs in the server: the bundled BCBSRI pack, .clinical-codes/policies in a trusted workspace,
// clinicalCodes.policyFiles, clinicalCodes.payer; an invalid pack is logged with its path and the others load.
const folder = mkdtempSync(join(tmpdir(), 'cc-ws-policies-'));
const dir = join(folder, '.clinical-codes', 'policies');
mkdirSync(dir, { recursive: true });
const pack = (id: string, kind: string) => ({ format: 1, id, title: `${id} policy`, source: 'https://example.org/p', effective: '2026-01-01', payer: { name: 'Test Health' }, plans: [{ id: 'p', name: 'PPO' }], rules: [{ kind, codes: ['0263T-0265T'], message: 'Authorize first.' }] });
writeFileSync(join(dir, 'good.json'), JSON.stringify(pack('good', 'prior-auth')));
const bad = join(dir, 'bad.json');
writeFileSync(bad, JSON.stringify(pack('bad', 'refused')));
const extra = join(folder, 'extra.json');
writeFileSync(extra, JSON.stringify({ ...pack('extra', 'not-covered'), payer: { name: 'Other Health' } }));

const TEST_HEALTH = 'Payer: Test Health\nDate of service: 2026-03-02\nCPT 0264T\n';
const OTHER = 'Insurance: Other Health\nDate of service: 2026-03-02\nCPT 0264T\n';
const BCBSRI_MA = 'Payer: Blue Cross & Blue Shield of Rhode Island\nPlan: Medicare Advantage\nDate of service: 2026-03-02\n\nProcedures: 0263T, 0264T, 0265T\n';
const coverage = (ds: Diagnostic[]) => ds.filter((d) => /^coverage\.(?!medicare)/.test(String(d.code))).map((d) => String(d.code));
const uriIn = (name: string) => pathToFileURL(join(folder, name)).href;

describe('payer policy packs (server)', () => {
  let trusted: LspClient;
  let untrusted: LspClient;
  before(async () => {
    trusted = await LspClient.start({ workspaceFolder: folder, initializationOptions: { workspaceTrusted: true }, settings: { policyFiles: ['extra.json'] } });
    untrusted = await LspClient.start({ workspaceFolder: folder, settings: { policyFiles: ['extra.json'], payer: 'BCBSRI/Commercial' } });
    await trusted.waitForMessage((m) => m.message.includes('payer policy packs:'));
  });
  after(async () => {
    assert.equal(await trusted.shutdown(), 0);
    assert.equal(await untrusted.shutdown(), 0);
  });

  it('trusted: the workspace packs and clinicalCodes.policyFiles apply; the invalid pack is logged once with its path', async () => {
    const warned = trusted.logs.filter((m) => m.message.startsWith('payer policy pack skipped:'));
    assert.equal(warned.length, 1);
    assert.match(warned[0].message, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\$\\.rules\\[0\\]\\.kind: must be one of`));
    const ds = await trusted.waitForDiagnostics(await trusted.open(uriIn('th.txt'), TEST_HEALTH));
    assert.deepEqual(coverage(ds), ['coverage.prior-auth']);
    assert.match(messageOf(ds.find((d) => d.code === 'coverage.prior-auth')!), /0264T needs prior authorization for Test Health on 2026-03-02: policy "good policy"/);
    assert.deepEqual(coverage(await trusted.waitForDiagnostics(await trusted.open(uriIn('other.txt'), OTHER))), ['coverage.not-covered']);
    assert.deepEqual(coverage(await trusted.waitForDiagnostics(await trusted.open(uriIn('ma.txt'), BCBSRI_MA))), ['coverage.not-covered', 'coverage.not-covered', 'coverage.not-covered']);
    const status = (await trusted.connection.sendRequest(STATUS_REQUEST)) as StatusResult;
    assert.deepEqual(status.policies?.packs.map((p) => p.split(/[/\\]/).pop()), ['bundled:bcbsri-stem-cell-pad.json', 'good.json', 'extra.json']);
    assert.equal(status.policies?.problems.length, 1);
  });

  it('untrusted (the default): bundled packs only; clinicalCodes.payer names the payer where the note names none', async () => {
    assert.deepEqual(coverage(await untrusted.waitForDiagnostics(await untrusted.open(uriIn('th.txt'), TEST_HEALTH))), []);
    assert.deepEqual(coverage(await untrusted.waitForDiagnostics(await untrusted.open(uriIn('other.txt'), OTHER))), []);
    assert.deepEqual(coverage(await untrusted.waitForDiagnostics(await untrusted.open(uriIn('bare.txt'), 'Date of service: 2026-03-02\nCPT 0263T\n'))), ['coverage.not-medically-necessary']);
    assert.ok(!untrusted.logs.some((m) => m.message.startsWith('payer policy pack skipped:')));
  });
});
