import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MarkupContent } from 'vscode-languageserver-protocol/node';
import type { StatusResult } from '../../server/src/protocol';
import { LspClient, REPO_ROOT, positionOf } from './lsp-client';

describe('server lifecycle and transports', () => {
  it('initializes over stdio with the advertised capabilities', async () => {
    const c = await LspClient.start();
    const caps = c.initializeResult.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 1 });
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual(caps.completionProvider?.triggerCharacters, ['-', '.']);
    assert.equal(caps.completionProvider?.resolveProvider, true);
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.ok(caps.inlayHintProvider && caps.documentSymbolProvider && caps.semanticTokensProvider);
    assert.equal(c.initializeResult.serverInfo?.name, 'clinical-codes');
    assert.equal(await c.shutdown(), 0);
  });

  it('runs over node IPC (the VS Code transport)', async () => {
    const c = await LspClient.start({ transport: 'ipc' });
    const uri = await c.open('ipc.txt', 'Dx: M79.64');
    const ds = await c.waitForDiagnostics(uri);
    assert.equal(ds[0].code, 'icd10.header-not-billable');
    assert.equal(await c.shutdown(), 0);
  });

  it('bin/clinical-codes-lsp.js speaks stdio by default', async () => {
    const c = await LspClient.start({ serverPath: join(REPO_ROOT, 'bin', 'clinical-codes-lsp.js'), rawArgs: true, args: [] });
    const uri = await c.open('bin.txt', 'Dx: M79.64');
    assert.equal((await c.waitForDiagnostics(uri)).length, 1);
    assert.equal(await c.shutdown(), 0);
  });

  it('announces its status when the data is loaded', async () => {
    const statuses: StatusResult[] = [];
    const c = await LspClient.start();
    const ready = new Promise<StatusResult>((resolve) =>
      c.onNotification('clinicalCodes/statusChanged', (s) => {
        statuses.push(s as StatusResult);
        if ((s as StatusResult).state === 'ready') resolve(s as StatusResult);
      }),
    );
    const s = await c.request<StatusResult>('clinicalCodes/status', {});
    // either it is already loaded or the notification says so
    const final = s.state === 'ready' ? s : await ready;
    assert.equal(final.state, 'ready');
    assert.ok(final.editions.length >= 3);
    await c.shutdown();
  });

  it('keeps running without a bundle: one error message, nothing served', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-nodata-'));
    try {
      const c = await LspClient.start({ env: { CLINICAL_CODES_DATA: dir } });
      const a = await c.open('a.txt', 'Dx: M79.64');
      const b = await c.open('b.txt', 'CPT 0264T-00');
      assert.deepEqual(await c.waitForDiagnostics(a), []);
      assert.deepEqual(await c.waitForDiagnostics(b), []);
      assert.equal(await c.hover(a, { line: 0, character: 5 }), null);
      assert.deepEqual((await c.complete(b, { line: 0, character: 10 })).items, []);
      const status = await c.request<StatusResult>('clinicalCodes/status', {});
      assert.equal(status.state, 'error');
      assert.match(status.error!, /Code data bundle not found: cannot read .*manifest\.json/);
      const errors = c.shownMessages.filter((m) => m.type === 1);
      assert.equal(errors.length, 1, 'the bundle error is shown once');
      assert.match(errors[0].message, /^Clinical Codes: Code data bundle not found/);
      assert.ok(c.logs.some((m) => m.type === 1 && /Code data bundle not found/.test(m.message)));
      assert.equal(await c.shutdown(), 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a corrupt bundle the same way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-corrupt-'));
    try {
      writeFileSync(join(dir, 'manifest.json'), '{ not json');
      const c = await LspClient.start({ env: { CLINICAL_CODES_DATA: dir } });
      await c.waitForMessage((m, kind) => kind === 'show' && m.type === 1 && /not valid JSON/.test(m.message));
      const uri = await c.open('a.txt', 'Dx: M79.64');
      assert.deepEqual(await c.waitForDiagnostics(uri), []);
      await c.shutdown();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes settings from initializationOptions when the client has no workspace/configuration', async () => {
    const c = await LspClient.start({ pullConfiguration: false, settings: { rules: { 'icd10.header-not-billable': 'off' } } });
    const uri = await c.open('push.txt', 'Dx: M79.64\n0264T-00');
    assert.deepEqual((await c.waitForDiagnostics(uri)).map((d) => d.code), ['modifier.unknown']);
    await c.setSettings({ rules: { 'modifier.unknown': 'off' } }); // pushed in didChangeConfiguration
    // the publish after the change, not one the server had under way before it (the next one was, once, in CI-like load)
    const codes = (ds: { code?: string | number }[]) => ds.map((d) => d.code).join();
    await c.diagnosticsWhere(uri, (ds) => codes(ds) === 'icd10.header-not-billable', 'the diagnostics under the pushed settings');
    assert.equal(c.configurationRequests.length, 0);
    await c.shutdown();
  });

  it('uses the licensed CPT descriptors of clinicalCodes.cptDescriptorsFile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-cpt-'));
    try {
      writeFileSync(join(dir, 'cpt.csv'), 'code,descriptor\n27447,Arthroplasty knee condyle&plateau medial&lat compartments\n');
      // relative to the workspace folder
      const c = await LspClient.start({ workspaceFolder: dir, initializationOptions: { workspaceTrusted: true }, settings: { cptDescriptorsFile: 'cpt.csv' } });
      const text = 'CPT 27447 today';
      const uri = await c.open(join(dir, 'note.txt'), text);
      await c.waitForMessage((m, kind) => kind === 'log' && /CPT descriptors: 1 loaded/.test(m.message));
      const h = await c.hover(uri, positionOf(text, '27447', 1));
      assert.match((h!.contents as MarkupContent).value, /27447 — Arthroplasty knee condyle&plateau medial&lat compartments \(your CPT descriptor file\)/);
      const s = await c.request<StatusResult>('clinicalCodes/status', {});
      assert.equal(s.userCptDescriptors, 1);
      await c.shutdown();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
