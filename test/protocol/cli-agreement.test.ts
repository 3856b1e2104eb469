import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeDocument } from '../../server/src/engine';
import { LspClient, REPO_ROOT, runCliJson } from './lsp-client';

// The CLI reads a file from disk, the server gets the text an editor decoded: the same findings at the same
// positions for CR-only, CRLF and mixed line ends and for UTF-16 with a BOM, and the same "binary, not checked"
// decision for a NUL in the first 8 KB (the engine's decodeDocument / binaryReason, used by both).
const dir = mkdtempSync(join(tmpdir(), 'cc-agree-'));
const LINES = ['Coding summary', 'Dx: M79.64 Pain in left hand', 'CPT 99213-25 office visit', '', 'Dx: M79.65 Pain in right hand', 'Modifier 00'];

describe('CLI and server agree', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ settings: { dateOfService: '2026-11-23' } });
  });
  after(async () => {
    await c.shutdown();
  });

  const cases: [string, Uint8Array][] = [
    ['cr.txt', Buffer.from(LINES.join('\r'))],
    ['crlf.txt', Buffer.from(LINES.join('\r\n') + '\r\n')],
    ['mixed.txt', Buffer.from(LINES.map((l, i) => l + ['\r', '\n', '\r\n', '\r', '\n', ''][i]).join(''))],
    ['utf16le.txt', Buffer.from('\ufeff' + LINES.join('\r\n'), 'utf16le')],
    ['utf16be.txt', Buffer.from('\ufeff' + LINES.join('\r'), 'utf16le').swap16()],
  ];
  for (const [name, bytes] of cases) {
    it(`${name}: the server's diagnostics are the CLI's findings, at the same lines and columns`, async () => {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const decoded = decodeDocument(bytes);
      assert.ok(decoded.ok);
      // what an editor opens: the decoded text, line ends as they are
      const uri = await c.open(name, decoded.text);
      const ds = await c.waitForDiagnostics(uri);
      const cli = runCliJson(['check', file, '--date-of-service', '2026-11-23']) as { ruleId: string; start: unknown; end: unknown; message: string }[];
      assert.ok(cli.length >= 3);
      assert.deepEqual(
        ds.map((d) => [d.code, d.range.start, d.range.end, d.message]),
        cli.map((f) => [f.ruleId, f.start, f.end, f.message]),
      );
      assert.ok(ds.some((d) => d.code === 'icd10.header-not-billable' && d.range.start.line === 4));
    });
  }

  it('a NUL in the first 8 KB: the server does not check the document, the CLI skips the file', async () => {
    const text = `Dx: M79.64\n\0\n${'x'.repeat(100)}`;
    const file = join(dir, 'nul.txt');
    writeFileSync(file, text);
    const uri = await c.open('nul.txt', text);
    const ds = await c.waitForDiagnostics(uri);
    assert.deepEqual(ds.map((d) => [d.code, d.message]), [['file-binary', 'Not checked: binary file (a NUL byte in its first 8 KB), not text. Clinical Codes checks text documents (UTF-8, or UTF-16 with a byte order mark).']]);
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'clinical-codes.js'), 'check', file, '--format', 'json'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.deepEqual(JSON.parse(r.stdout).map((e: { skipped?: string }) => e.skipped), ['binary']);
    // past the first 8 KB a NUL does not make a document binary, for either
    const late = `Dx: M79.64\n${'x'.repeat(9000)}\0\n`;
    writeFileSync(file, late);
    const lateUri = await c.open('late-nul.txt', late);
    const lateDs = await c.waitForDiagnostics(lateUri);
    const cli = runCliJson(['check', file]) as { ruleId: string }[];
    assert.deepEqual(lateDs.map((d) => d.code), cli.map((f) => f.ruleId));
    assert.ok(cli.some((f) => f.ruleId === 'icd10.header-not-billable'));
  });
});
