import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient, fileUri, fixture, messageOf, seed } from './lsp-client';

const SEED_000 = '000_1a9bef2bf7e5c883.txt';
const SEED_004 = '004_905ab25da1828483.txt';

const byRule = (ds: Diagnostic[], rule: string) => ds.filter((d) => d.code === rule);
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;

describe('diagnostics', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start();
  });
  after(async () => {
    assert.equal(await c.shutdown(), 0, 'server exits cleanly after shutdown/exit');
  });

  it('reports the bogus modifier "00" and the modifiers that do not fit 0264T in seed 000', async () => {
    const text = seed(SEED_000);
    const uri = await c.open('seed-000.txt', text);
    const ds = await c.waitForDiagnostics(uri);
    const unknown = byRule(ds, 'modifier.unknown');
    assert.equal(unknown.length, 1);
    assert.equal(unknown[0].severity, DiagnosticSeverity.Error);
    assert.equal(unknown[0].source, 'clinical-codes');
    assert.match(messageOf(unknown[0]), /"00" is not a modifier/);
    const row = lineOf(text, '00 | No modifier');
    assert.deepEqual(unknown[0].range, { start: { line: row, character: 0 }, end: { line: row, character: 2 } });

    const notApplicable = byRule(ds, 'modifier.not-applicable');
    assert.deepEqual(
      notApplicable.map((d) => text.split('\n')[d.range.start.line].slice(0, 2)).sort(),
      ['23', '62', '66', 'QK', 'QX'],
    );
    // relatedInformation points at the code the modifier applies to (0264T on line 2)
    const related = notApplicable[0].relatedInformation?.[0];
    assert.ok(related, 'related information present');
    assert.equal(related.location.uri, uri);
    assert.equal(related.location.range.start.line, 1);
    assert.equal(text.split('\n')[1].slice(related.location.range.start.character, related.location.range.end.character), '0264T');
    assert.equal(notApplicable[0].severity, DiagnosticSeverity.Warning);
  });

  it('reports the non-billable headers M79.64 and M79.65 in seed 004 with their billable children', async () => {
    const text = seed(SEED_004);
    const uri = await c.open('seed-004.txt', text);
    const ds = await c.waitForDiagnostics(uri);
    const headers = byRule(ds, 'icd10.header-not-billable');
    const codes = headers.map((d) => text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character));
    assert.ok(codes.includes('M79.64') && codes.includes('M79.65'), `headers reported: ${codes.join(', ')}`);
    const m7964 = headers.find((d) => messageOf(d).startsWith('M79.64 '))!;
    assert.match(messageOf(m7964), /M79\.642 Pain in left hand/);
    assert.equal(m7964.severity, DiagnosticSeverity.Error);
  });

  it('publishes for the version it analysed and drops superseded versions', async () => {
    const uri = fileUri('versions.txt');
    // three versions in quick succession: the debounce (200 ms) coalesces them into one check of version 3
    await c.open(uri, 'Dx: M79.64 first');
    await c.change(uri, 'Dx: M79.65 second');
    const v3 = await c.change(uri, 'Dx: M79.642 third\nProcedure 0264T-00');
    const ds = await c.waitForDiagnostics(uri, v3);
    assert.deepEqual(
      ds.map((d) => d.code),
      ['modifier.unknown'],
      'only version 3 content: the header codes of versions 1 and 2 are gone',
    );
    const forUri = c.published.filter((p) => p.uri === uri);
    assert.ok(forUri.every((p) => p.version === v3), `published versions: ${forUri.map((p) => p.version).join(', ')}`);
  });

  it('re-publishes when a rule is turned off or its severity changed in the settings, without reopening', async () => {
    const text = seed(SEED_004);
    const uri = await c.open('seed-004-settings.txt', text);
    const before = await c.waitForDiagnostics(uri);
    assert.ok(byRule(before, 'icd10.header-not-billable').length >= 2);

    let next = c.nextDiagnostics(uri);
    await c.setSettings({ rules: { 'icd10.header-not-billable': 'off', 'description.mismatch': 'hint' } });
    let after = (await next).diagnostics;
    assert.equal(byRule(after, 'icd10.header-not-billable').length, 0);
    assert.ok(byRule(after, 'description.mismatch').every((d) => d.severity === DiagnosticSeverity.Hint));
    assert.ok(byRule(after, 'description.mismatch').length > 0);

    next = c.nextDiagnostics(uri);
    await c.setSettings({});
    after = (await next).diagnostics;
    assert.equal(byRule(after, 'icd10.header-not-billable').length, byRule(before, 'icd10.header-not-billable').length);
  });

  it('falls back to defaults on invalid settings and logs a warning instead of failing', async () => {
    const uri = await c.open('invalid-settings.txt', 'Dx: M79.64 pain');
    await c.waitForDiagnostics(uri);
    const next = c.nextDiagnostics(uri);
    await c.setSettings({ rules: { 'icd10.header-not-billable': 'loud', 'no.such-rule': 'off' }, maxFileSize: 'big', debounceMs: -5, dateOfService: '2026-13-45' });
    const ds = (await next).diagnostics;
    assert.equal(byRule(ds, 'icd10.header-not-billable')[0]?.severity, DiagnosticSeverity.Error, 'default severity kept');
    await c.waitForMessage((m, kind) => kind === 'log' && m.type === 2 && /clinicalCodes\.rules\.icd10\.header-not-billable: "loud"/.test(m.message));
    await c.waitForMessage((m, kind) => kind === 'log' && m.type === 2 && /clinicalCodes\.maxFileSize/.test(m.message));
    await c.waitForMessage((m, kind) => kind === 'log' && m.type === 2 && /clinicalCodes\.dateOfService/.test(m.message));
    await c.waitForMessage((m, kind) => kind === 'log' && /unknown rule "no\.such-rule"/.test(m.message));
    const settled = c.nextDiagnostics(uri);
    await c.setSettings({});
    await settled;
  });

  it('publishes one information diagnostic instead of analysing a file over clinicalCodes.maxFileSize', async () => {
    const uri = fileUri('big.txt');
    c.settingsByUri = { [uri]: { maxFileSize: 0.001 } }; // 1 KB, for this document only (per-resource settings)
    const text = `Dx: M79.64\n${'x'.repeat(2000)}\n`;
    await c.open(uri, text);
    const ds = await c.waitForDiagnostics(uri);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].severity, DiagnosticSeverity.Information);
    assert.equal(ds[0].code, 'file-too-large');
    assert.match(messageOf(ds[0]), /over the 0\.001 MB limit \(clinicalCodes\.maxFileSize\)/);
    // the setting was asked for this document's URI (scopeUri)
    assert.ok(c.configurationRequests.includes(uri));
    // another document with the same text is analysed normally
    const other = await c.open('not-big.txt', text);
    assert.ok(byRule(await c.waitForDiagnostics(other), 'icd10.header-not-billable').length === 1);
    c.settingsByUri = {};
  });

  it('reports at most clinicalCodes.maxFindings findings per document (per-resource), the rest counted in analysis.truncated', async () => {
    const uri = fileUri('capped.txt');
    c.settingsByUri = { [uri]: { maxFindings: 3 } };
    const text = 'M79.64 '.repeat(8);
    await c.open(uri, text);
    const ds = await c.waitForDiagnostics(uri);
    assert.deepEqual(ds.map((d) => d.code), ['icd10.header-not-billable', 'icd10.header-not-billable', 'icd10.header-not-billable', 'analysis.truncated']);
    assert.deepEqual(ds.slice(0, 3).map((d) => d.range.start.character), [0, 7, 14], 'the first three in document order');
    assert.match(messageOf(ds[3]), /^5 more findings not shown \(5 errors\)/);
    // the same text in another document keeps the default cap
    const other = await c.open('not-capped.txt', text);
    assert.equal(byRule(await c.waitForDiagnostics(other), 'icd10.header-not-billable').length, 8);
    // an invalid value is reported and the default applies
    const bad = fileUri('bad-cap.txt');
    c.settingsByUri = { [bad]: { maxFindings: 0 } };
    await c.open(bad, text);
    assert.equal(byRule(await c.waitForDiagnostics(bad), 'icd10.header-not-billable').length, 8);
    await c.waitForMessage((m, kind) => kind === 'log' && m.type === 2 && /clinicalCodes\.maxFindings: 0 is not a whole number from 1 to 1,000,000/.test(m.message));
    c.settingsByUri = {};
  });

  it('checks only the languages in clinicalCodes.languages', async () => {
    const uri = await c.open('code.ts', 'const x = "M79.64";', 'typescript');
    assert.deepEqual(await c.waitForDiagnostics(uri), []);
    const md = await c.open('note.md', '- Dx: M79.64', 'markdown');
    assert.equal(byRule(await c.waitForDiagnostics(md), 'icd10.header-not-billable').length, 1);
  });

  it('checks CSV claims by column and clinical-note files', async () => {
    const csv = fixture('claim.csv');
    const uri = await c.open('claim.csv', csv.text, 'csv');
    const ds = await c.waitForDiagnostics(uri);
    assert.deepEqual(ds.map((d) => `${d.range.start.line}:${d.code}`).sort(), ['2:icd10.header-not-billable', '2:modifier.unknown']);
    const note = fixture('sample.note');
    const nuri = await c.open('sample.note', note.text, 'clinical-note');
    const nds = await c.waitForDiagnostics(nuri);
    assert.ok(nds.some((d) => d.code === 'icd10.header-not-billable' && d.range.start.line === 3));
  });

  it('clears diagnostics when a document is closed', async () => {
    const uri = await c.open('closing.txt', 'Dx: M79.64');
    assert.equal((await c.waitForDiagnostics(uri)).length, 1);
    const next = c.nextDiagnostics(uri);
    await c.close(uri);
    assert.deepEqual((await next).diagnostics, []);
  });

  it('never writes document text to the log', async () => {
    const secret = 'Zebulon Quagmire-Pettigrew DOB 1931';
    const uri = await c.open('private.txt', `Patient ${secret}\nDx: M79.64 and 0264T-00\n`);
    await c.waitForDiagnostics(uri);
    await c.hover(uri, { line: 1, character: 6 });
    await c.complete(uri, { line: 1, character: 21 });
    for (const m of [...c.logs, ...c.shownMessages]) assert.ok(!m.message.includes('Zebulon'), `log leaked text: ${m.message}`);
    assert.ok(!c.stderr.includes('Zebulon'));
  });
});
