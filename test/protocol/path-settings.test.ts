import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MarkupContent } from 'vscode-languageserver-protocol/node';
import type { StatusResult } from '../../server/src/protocol';
import { LspClient, positionOf } from './lsp-client';

// a workspace folder, and a "secret" file beside it that a workspace setting must not be able to read
const root = mkdtempSync(join(tmpdir(), 'cc-paths-'));
after(() => rmSync(root, { recursive: true, force: true }));
const folder = join(root, 'repo');
mkdirSync(folder);
const outside = join(root, 'outside.csv');
writeFileSync(outside, 'code,descriptor\n27447,OUTSIDE-SECRET-DESCRIPTOR\n');
writeFileSync(join(folder, 'cpt.csv'), 'code,descriptor\n27447,Inside descriptor of the workspace\n');
const text = 'CPT 27447 today';

/** The hover of 27447 and the status once the configuration has been applied. */
async function session(settings: Record<string, unknown>, init: Record<string, unknown>, waitFor: RegExp) {
  const c = await LspClient.start({ workspaceFolder: folder, settings, initializationOptions: init });
  const uri = await c.open(join(folder, 'note.txt'), text);
  await c.waitForDiagnostics(uri);
  await c.waitForMessage((m, kind) => kind === 'log' && waitFor.test(m.message));
  const hover = ((await c.hover(uri, positionOf(text, '27447', 1)))!.contents as MarkupContent).value;
  const status = await c.request<StatusResult>('clinicalCodes/status', {});
  return { c, uri, hover, status };
}

describe('path settings: what a workspace may make the server read', () => {
  it('a workspace setting naming a file outside the workspace (absolute or ../) is ignored, and the status says why', async () => {
    for (const value of [outside, '../outside.csv']) {
      const { c, hover, status } = await session({ cptDescriptorsFile: value }, { workspaceTrusted: true }, /cptDescriptorsFile .* is ignored/);
      assert.doesNotMatch(hover, /OUTSIDE-SECRET/);
      assert.equal(status.userCptDescriptors, 0);
      assert.match(status.ignoredSettings!.join('\n'), /may only name a file inside the workspace folders/);
      await c.shutdown();
    }
  });

  it('an untrusted workspace cannot set it at all; a file inside a trusted one is used', async () => {
    let s = await session({ cptDescriptorsFile: 'cpt.csv' }, {}, /is ignored: the workspace sets it and is not trusted/);
    assert.doesNotMatch(s.hover, /Inside descriptor/);
    assert.match(s.status.ignoredSettings!.join('\n'), /not trusted/);
    await s.c.shutdown();
    s = await session({ cptDescriptorsFile: 'cpt.csv' }, { workspaceTrusted: true }, /CPT descriptors: 1 loaded/);
    assert.match(s.hover, /Inside descriptor of the workspace \(your CPT descriptor file\)/);
    assert.deepEqual(s.status.ignoredSettings, []);
    await s.c.shutdown();
  });

  it('untrusted: what the VS Code client withheld and the workspace\'s packs are listed as ignored, none read', async () => {
    const packs = join(folder, '.clinical-codes', 'policies');
    mkdirSync(packs, { recursive: true });
    writeFileSync(join(packs, 'a.json'), '{ "not read": true }');
    writeFileSync(join(packs, 'b.json'), '{ "not read": true }');
    try {
      // restricted mode: VS Code hides the workspace values; the client names the keys and sends the user's (none)
      const s = await session({ untrustedWorkspaceValues: ['cptDescriptorsFile', 'policyFiles', 'bogus'] }, { client: 'vscode-clinical-codes' }, /2 payer policy packs in \.clinical-codes[/\\]policies not loaded/);
      const ignored = s.status.ignoredSettings!;
      assert.deepEqual(ignored.map((m) => m.split(':')[0]), ['clinicalCodes.cptDescriptorsFile is ignored', 'clinicalCodes.policyFiles is ignored', '2 payer policy packs in .clinical-codes/policies not loaded']);
      assert.match(ignored[0], /the workspace sets it and is not trusted/);
      assert.match(ignored[1], /the workspace is not trusted, so only the bundled payer policy packs apply/);
      assert.equal(s.status.policies?.problems.length, 0, 'the pack files were not read (they are not packs)');
      assert.deepEqual(s.status.policies?.packs, ['bundled:bcbsri-stem-cell-pad.json']);
      await s.c.shutdown();
      // trusted, nothing withheld: the same packs are read (and found invalid)
      const t = await session({}, { workspaceTrusted: true }, /payer policy pack skipped/);
      assert.deepEqual(t.status.ignoredSettings, []);
      assert.equal(t.status.policies?.problems.length, 2);
      await t.c.shutdown();
    } finally {
      rmSync(join(folder, '.clinical-codes'), { recursive: true, force: true });
    }
  });

  it('the user\'s own setting may name any absolute file, but not a relative one (a repository could supply it)', async () => {
    let s = await session({ cptDescriptorsFile: outside, pathScopes: { cptDescriptorsFile: 'user' } }, {}, /CPT descriptors: 1 loaded/);
    assert.match(s.hover, /OUTSIDE-SECRET-DESCRIPTOR/);
    await s.c.shutdown();
    s = await session({ cptDescriptorsFile: 'cpt.csv' }, { pathScope: 'user' }, /is ignored: set in your user settings, a relative path/);
    assert.doesNotMatch(s.hover, /Inside descriptor/);
    await s.c.shutdown();
  });

  it('/dev/zero or a FIFO as the file is refused at once; a later change of the setting still applies', async (t) => {
    const fifo = join(root, 'fifo.csv');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return t.skip('mkfifo is not available');
    const s = await session({ cptDescriptorsFile: '/dev/zero', pathScopes: { cptDescriptorsFile: 'user' } }, {}, /clinicalCodes\.cptDescriptorsFile \/dev\/zero: not a regular file \(a FIFO, socket or device\)/);
    await s.c.setSettings({ cptDescriptorsFile: fifo, pathScopes: { cptDescriptorsFile: 'user' } });
    await s.c.waitForMessage((m) => /clinicalCodes\.cptDescriptorsFile .*fifo\.csv: not a regular file \(a FIFO, socket or device\)/.test(m.message));
    await s.c.setSettings({ cptDescriptorsFile: outside, pathScopes: { cptDescriptorsFile: 'user' } });
    await s.c.waitForMessage((m) => /CPT descriptors: 1 loaded/.test(m.message));
    const hover = ((await s.c.hover(s.uri, positionOf(text, '27447', 1)))!.contents as MarkupContent).value;
    assert.match(hover, /OUTSIDE-SECRET-DESCRIPTOR/);
    assert.doesNotMatch([...s.c.logs.map((m) => m.message), s.c.stderr].join('\n'), /RangeError/);
    await s.c.shutdown();
  });
});
