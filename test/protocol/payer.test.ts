import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType, type Diagnostic, type Hover, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { EXPLAIN_REQUEST, PAYERS_REQUEST, SET_PAYER_REQUEST, type ExplainResult, type PayersResult, type SetPayerParams } from '../../server/src/protocol';
import { LspClient, messageOf, positionOf } from './lsp-client';

// The payer picker's requests (clinicalCodes/payers, clinicalCodes/setPayer), payer coverage in the hover, and
// diagnostics inside invalid payer policy pack files, over a real stdio connection to the built server.
const folder = mkdtempSync(join(tmpdir(), 'cc-ws-payer-'));
const dir = join(folder, '.clinical-codes', 'policies');
mkdirSync(dir, { recursive: true });
const pack = { format: 1, id: 'other', title: 'Other policy', source: 'https://example.org/other', effective: '2026-01-01', payer: { name: 'Other Health' }, plans: [{ id: 'ppo', name: 'PPO' }], rules: [{ kind: 'prior-auth', codes: ['0264T'], message: 'Authorize first.' }] };
writeFileSync(join(dir, 'other.json'), JSON.stringify(pack, null, 2));
const badPath = join(dir, 'bad.json');
const badText = JSON.stringify({ ...pack, id: 'bad', payer: { name: 'Bad Health' }, rules: [{ kind: 'refused', codes: ['0264T'], plans: ['hmo'], message: 'x' }] }, null, 2);
writeFileSync(badPath, badText);
const badUri = pathToFileURL(badPath).href;

const MA = 'Payer: Blue Cross & Blue Shield of Rhode Island\nPlan: Medicare Advantage\nDate of service: 2026-03-02\n\nCPT 0264T\n';
const coverage = (ds: Diagnostic[]) => ds.filter((d) => /^coverage\.(?!medicare)/.test(String(d.code))).map((d) => String(d.code));
const uriIn = (name: string) => pathToFileURL(join(folder, name)).href;
const hoverText = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');

/** The first publish for `uri` (already received or next) that satisfies `ok`. */
async function published(c: LspClient, uri: string, ok: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
  for (;;) {
    const next = c.nextDiagnostics(uri);
    const have = [...c.published].reverse().find((p) => p.uri === uri);
    if (have && ok(have)) return have;
    const p = await next;
    if (ok(p)) return p;
  }
}

describe('payer picker, coverage hover and pack-file diagnostics (server)', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({
      workspaceFolder: folder,
      initializationOptions: { workspaceTrusted: true, payerOverrides: { [uriIn('kept.txt')]: { payer: 'Other Health', plan: 'PPO' }, [uriIn('junk.txt')]: 42 } },
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    await c.waitForMessage((m) => m.message.includes('payer policy packs:'));
  });
  after(async () => assert.equal(await c.shutdown(), 0));

  it('clinicalCodes/payers lists every loaded pack\'s payer and plans, and the payer the document is judged by', async () => {
    const uri = await c.open(uriIn('ma.txt'), MA);
    assert.deepEqual(coverage(await c.waitForDiagnostics(uri)), ['coverage.not-covered']);
    const r = (await c.connection.sendRequest(PAYERS_REQUEST, { uri })) as PayersResult;
    assert.deepEqual(
      r.payers.map((p) => [p.name, p.plans, p.packs.map((x) => x.id)]),
      [
        ['Blue Cross & Blue Shield of Rhode Island', ['Medicare Advantage', 'Commercial'], ['bcbsri-stem-cell-pad']],
        ['Other Health', ['PPO'], ['other']],
      ],
    );
    const active = { payer: 'Blue Cross & Blue Shield of Rhode Island', plan: 'Medicare Advantage', source: 'document' };
    assert.deepEqual(r.document, { active, fromDocument: active, otherClaims: 0 });
    // no document: the payers only; a note naming no payer: no active payer
    assert.equal(((await c.connection.sendRequest(PAYERS_REQUEST, {})) as PayersResult).document, undefined);
    const bare = await c.open(uriIn('bare.txt'), 'Date of service: 2026-03-02\nCPT 0264T\n');
    await c.waitForDiagnostics(bare);
    assert.deepEqual(((await c.connection.sendRequest(PAYERS_REQUEST, { uri: bare })) as PayersResult).document, { otherClaims: 0 });
  });

  it('clinicalCodes/setPayer overrides the document\'s payer and re-publishes its diagnostics at once; null goes back to the document', async () => {
    const uri = uriIn('ma.txt');
    const set = async (override: SetPayerParams['override']) => {
      const next = c.nextDiagnostics(uri);
      const r = (await c.connection.sendRequest(SET_PAYER_REQUEST, { uri, override } satisfies SetPayerParams)) as PayersResult;
      return { r, ds: (await next).diagnostics };
    };
    const none = await set('none');
    assert.deepEqual(coverage(none.ds), []);
    assert.equal(none.r.document?.active, undefined);
    assert.equal(none.r.document?.override, 'none');
    assert.equal(none.r.document?.fromDocument?.plan, 'Medicare Advantage');
    const commercial = await set({ payer: 'Blue Cross & Blue Shield of Rhode Island', plan: 'Commercial' });
    assert.deepEqual(coverage(commercial.ds), ['coverage.not-medically-necessary']);
    assert.deepEqual(commercial.r.document?.active, { payer: 'Blue Cross & Blue Shield of Rhode Island', plan: 'Commercial', source: 'override' });
    const other = await set({ payer: 'Other Health', plan: 'PPO' });
    assert.deepEqual(coverage(other.ds), ['coverage.prior-auth']);
    const back = await set(null);
    assert.deepEqual(coverage(back.ds), ['coverage.not-covered']);
    assert.equal(back.r.document?.active?.source, 'document');
    // bad input is a clear error, and changes nothing
    await assert.rejects(c.connection.sendRequest(SET_PAYER_REQUEST, { uri, override: { plan: 'PPO' } }), /override must be null \(from the document\), "none", or \{ payer/);
    await assert.rejects(c.connection.sendRequest(SET_PAYER_REQUEST, { override: 'none' }), /needs the document uri/);
    assert.equal(((await c.connection.sendRequest(PAYERS_REQUEST, { uri })) as PayersResult).document?.active?.source, 'document');
  });

  it('initializationOptions.payerOverrides apply from the first check (a malformed entry is ignored)', async () => {
    const kept = await c.open(uriIn('kept.txt'), MA);
    assert.deepEqual(coverage(await c.waitForDiagnostics(kept)), ['coverage.prior-auth']);
    const junk = await c.open(uriIn('junk.txt'), MA);
    assert.deepEqual(coverage(await c.waitForDiagnostics(junk)), ['coverage.not-covered']);
  });

  it('hover on a procedure code: its coverage under the active payer and plan first, then every other pack', async () => {
    const uri = uriIn('ma.txt');
    const h = hoverText(await c.hover(uri, positionOf(MA, '0264T', 1)));
    const active = h.indexOf('**Payer coverage: Blue Cross & Blue Shield of Rhode Island · Medicare Advantage, named in the document**');
    const others = h.indexOf('**Other payer policies**');
    assert.ok(active > 0 && others > active, h);
    assert.match(h.slice(active, others), /- Blue Cross & Blue Shield of Rhode Island · Medicare Advantage · not covered · Treatment of Peripheral Arterial Disease with Stem Cell Therapy · effective 2026-01-01 · /);
    assert.match(h.slice(others), /- Blue Cross & Blue Shield of Rhode Island · Commercial · not medically necessary · /);
    assert.match(h.slice(others), /- Other Health · all plans · prior auth · Other policy · effective 2026-01-01 · <https:\/\/example\.org\/other>$/m);
    // the explain request at a position says the same
    const e = (await c.connection.sendRequest(EXPLAIN_REQUEST, { uri, position: positionOf(MA, '0264T', 1) })) as ExplainResult;
    assert.ok(e.markdown.includes('Payer coverage: Blue Cross & Blue Shield of Rhode Island · Medicare Advantage'));
    // with the override "none" the hover says no payer is judged
    const next = c.nextDiagnostics(uri);
    await c.connection.sendRequest(SET_PAYER_REQUEST, { uri, override: 'none' });
    await next;
    assert.match(hoverText(await c.hover(uri, positionOf(MA, '0264T', 1))), /No payer chosen for this document: payer policies are not judged/);
    const back = c.nextDiagnostics(uri);
    await c.connection.sendRequest(SET_PAYER_REQUEST, { uri, override: null });
    await back;
  });

  it('an invalid pack gets diagnostics in its own file at the offending JSON path; fixed and saved, they clear and the pack loads', async () => {
    const p = await published(c, badUri, (x) => x.diagnostics.length > 0);
    const lines = badText.split('\n');
    const at = (d: Diagnostic) => lines[d.range.start.line].slice(d.range.start.character, d.range.start.line === d.range.end.line ? d.range.end.character : undefined);
    assert.deepEqual(
      p.diagnostics.map((d) => [d.code, d.severity, at(d)]),
      [
        ['policy-pack.invalid', 1, '"kind": "refused"'],
        ['policy-pack.invalid', 1, '"hmo"'],
      ],
    );
    assert.match(messageOf(p.diagnostics[0]), /^\$\.rules\[0\]\.kind: must be one of not-covered, not-medically-necessary, prior-auth, diagnosis-required\. This payer policy pack is not loaded until it is fixed; the other packs still apply\.$/);
    assert.match(messageOf(p.diagnostics[1]), /^\$\.rules\[0\]\.plans\[0\]: "hmo" is not a plan id of \$\.plans \(ppo\)/);
    // the other workspace pack loaded regardless
    assert.ok(((await c.connection.sendRequest(PAYERS_REQUEST, {})) as PayersResult).payers.some((x) => x.name === 'Other Health'));

    // a note for the bad pack's payer: nothing until the pack is fixed
    const note = await c.open(uriIn('bad-health.txt'), 'Payer: Bad Health\nDate of service: 2026-03-02\nCPT 0264T\n');
    assert.deepEqual(coverage(await c.waitForDiagnostics(note)), []);
    const fixed = JSON.parse(readFileSync(badPath, 'utf8'));
    fixed.rules = [{ kind: 'not-covered', codes: ['0264T'], message: 'Not covered.' }];
    writeFileSync(badPath, JSON.stringify(fixed, null, 2));
    const noteAgain = c.nextDiagnostics(note);
    await c.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: badUri, type: FileChangeType.Changed }] });
    await published(c, badUri, (x) => x.diagnostics.length === 0);
    assert.deepEqual(coverage((await noteAgain).diagnostics), ['coverage.not-covered']);

    // broken JSON: one diagnostic where the scan stopped
    writeFileSync(badPath, '{\n  "format": 1,\n  "id" "x"\n}\n');
    await c.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: badUri, type: FileChangeType.Changed }] });
    const broken = await published(c, badUri, (x) => x.diagnostics.length > 0);
    assert.equal(broken.diagnostics.length, 1);
    assert.deepEqual(broken.diagnostics[0].range.start, { line: 2, character: 7 });
    assert.match(messageOf(broken.diagnostics[0]), /^\$: not JSON/);
  });

  it('an open pack file is checked as it is typed; closed, its saved state\'s problems come back', async () => {
    const otherUri = pathToFileURL(join(dir, 'other.json')).href;
    const typed = JSON.stringify({ ...pack, rules: [{ ...pack.rules[0], kind: 'nope' }] }, null, 2);
    const live = await c.waitForDiagnostics(await c.open(otherUri, typed, 'json'));
    assert.deepEqual(live.map((d) => [d.code, typed.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character)]), [['policy-pack.invalid', '"kind": "nope"']]);
    await c.change(otherUri, JSON.stringify(pack, null, 2));
    assert.deepEqual(await c.waitForDiagnostics(otherUri), []);
    // the saved bad.json is broken JSON (previous test): valid while open, its problem again once closed
    assert.deepEqual(await c.waitForDiagnostics(await c.open(badUri, JSON.stringify(pack), 'json')), []);
    const back = c.nextDiagnostics(badUri);
    await c.close(badUri);
    let p = await back;
    if (!p.diagnostics.length) p = await c.nextDiagnostics(badUri);
    assert.match(messageOf(p.diagnostics[0]), /^\$: not JSON/);
    await c.close(otherUri);
  });
  it('a pack in a nested .clinical-codes/policies is not loaded, and its file says so and where packs load from', async () => {
    const nestedDir = join(folder, 'sub', '.clinical-codes', 'policies');
    mkdirSync(nestedDir, { recursive: true });
    const nested = { ...pack, id: 'nested', payer: { name: 'Nested Health' }, rules: [{ kind: 'not-covered', codes: ['0264T'], message: 'Not covered.' }] };
    const nestedPath = join(nestedDir, 'nested.json');
    writeFileSync(nestedPath, JSON.stringify(nested, null, 2));
    const nestedUri = pathToFileURL(nestedPath).href;
    await c.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: nestedUri, type: FileChangeType.Created }] });
    const ds = await c.waitForDiagnostics(await c.open(nestedUri, JSON.stringify(nested, null, 2), 'json'));
    assert.deepEqual(ds.map((d) => [d.code, d.severity, d.range.start.line]), [['policy-pack.not-loaded', 2, 0]]);
    assert.match(messageOf(ds[0]), /^This payer policy pack is not loaded: packs load from \.clinical-codes\/policies\/\*\.json at the root of a workspace folder \(.*policies\), not from a folder below it\. Move it there, or name it in clinicalCodes\.policyFiles\.$/);
    // typed invalid: still "not loaded", not problems that suggest it loads once fixed
    await c.change(nestedUri, JSON.stringify({ ...nested, rules: [{ kind: 'nope' }] }));
    assert.deepEqual((await c.waitForDiagnostics(nestedUri)).map((d) => d.code), ['policy-pack.not-loaded']);
    await c.close(nestedUri);
    // and it does not judge a note for its payer
    assert.deepEqual(coverage(await c.waitForDiagnostics(await c.open(uriIn('nested-health.txt'), 'Payer: Nested Health\nDate of service: 2026-03-02\nCPT 0264T\n'))), []);
    assert.ok(!((await c.connection.sendRequest(PAYERS_REQUEST, {})) as PayersResult).payers.some((x) => x.name === 'Nested Health'));
  });
});
