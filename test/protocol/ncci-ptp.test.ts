import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { MarkupContent } from 'vscode-languageserver-protocol/node';
import type { Manifest } from '../../server/src/engine';
import { encodePtp } from '../../server/src/engine/data/ptp-codec';
import { bundleDigest } from '../../server/src/engine/data/load';
import { writeFixtureBundle } from '../integration/helpers';
import { fixturePtp } from '../unit/engine/fixture-data';
import { LspClient, positionOf } from './lsp-client';

// The server on a fixture bundle with NCCI PTP edits: they are read when a document needs them (two procedures on
// one date) or on a procedure hover, and the diagnostics of such a document include ncci.ptp.
describe('NCCI PTP edits in the server', () => {
  let c: LspClient;
  let dir = '';
  before(async () => {
    dir = writeFixtureBundle();
    const raw = encodePtp(fixturePtp());
    const gz = gzipSync(raw);
    writeFileSync(join(dir, 'ncci-ptp.bin.gz'), gz);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    manifest.datasets.ptp = { file: 'ncci-ptp.bin.gz', sha256: bundleDigest(gz), bytes: gz.length, uncompressedBytes: raw.length, edition: 'v32.1r0 (2026 Q2)', records: 11, sources: {}, licence: 'test fixture' };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    c = await LspClient.start({ env: { CLINICAL_CODES_DATA: dir } });
  });
  after(async () => {
    await c.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a claim with a PTP pair gets an ncci.ptp diagnostic with add-modifier fixes; hover tells the PTP edition and partners', async () => {
    const one = await c.open('one.csv', 'claim_id,service_date,procedure_code,modifier_1\nC1,2026-05-01,27447,\n', 'csv');
    assert.deepEqual((await c.waitForDiagnostics(one)).filter((d) => d.code === 'ncci.ptp'), []);
    assert.ok(!c.logs.some((m) => /NCCI PTP edits .* loaded in/.test(m.message)), 'one procedure: the edits are not read');

    const text = 'claim_id,service_date,procedure_code,modifier_1\nC1,2026-05-01,27447,\nC1,2026-05-01,20610,\n';
    const uri = await c.open('pair.csv', text, 'csv');
    const ptp = (await c.waitForDiagnostics(uri)).filter((d) => d.code === 'ncci.ptp');
    assert.equal(ptp.length, 1);
    assert.deepEqual(ptp[0].range, { start: { line: 2, character: 14 }, end: { line: 2, character: 19 } });
    assert.match(String(ptp[0].message), /^20610 on line 2 of claim C1 is bundled into 27447 \(line 1\) on 2026-05-01: NCCI PTP edit 27447\/20610/);
    assert.ok(c.logs.some((m) => /NCCI PTP edits v32\.1r0 \(2026 Q2\) loaded in \d+ ms \(11 edits\)/.test(m.message)));
    const actions = await c.codeActions(uri, ptp[0].range, ptp);
    assert.ok(actions.some((a) => a.title === 'Add modifier 59 to 20610'), actions.map((a) => a.title).join(' | '));

    const h = await c.hover(uri, positionOf(text, '27447', 1));
    const md = (h!.contents as MarkupContent).value;
    assert.match(md, /\*\*NCCI PTP edits \(v32\.1r0 \(2026 Q2\)\)\*\*\n- Column 1 of edits with 2 column 2 codes, 1 in force on 2026-05-01/);
  });
});
