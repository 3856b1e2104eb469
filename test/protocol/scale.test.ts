import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, messageOf } from './lsp-client';
import { x12Claims } from '../../bench/scale-shapes';

/**
 * Huge documents in the server: analysed in slices with the event loop in between, so requests for other documents
 * are answered meanwhile (asserted by the order of events, never by the clock), a newer version cancels the stale
 * analysis, and the sizes that used to crash or block for half a minute complete.
 */
/** Waits for a condition the client's own message handlers make true (each turn of the event loop lets them run). */
async function until(condition: () => boolean, turns = 1_000_000): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.fail('condition not met');
}

describe('large documents', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ settings: { maxFileSize: 64 } });
  });
  after(async () => {
    assert.equal(await c.shutdown(), 0, 'server exits cleanly after shutdown/exit');
  });

  it('a hover in a small document is answered while a huge one is being analysed', async () => {
    const small = await c.open('scale-small.txt', 'Dx: M79.642 pain in left hand');
    await c.waitForDiagnostics(small);
    const events: string[] = [];
    const big = await c.open('scale-big.txt', 'M79.64 '.repeat(300_000));
    const bigDone = c.waitForDiagnostics(big, 1, 300_000).then((ds) => (events.push('big diagnostics'), ds));
    // its analysis starts right after the server has its settings: from then on the server is busy with it
    await until(() => c.configurationRequests.includes(big));
    const hover = await c.hover(small, { line: 0, character: 6 });
    events.push('hover');
    // a document opened after the huge one is analysed between its slices
    const other = await c.open('scale-other.txt', 'CPT 9921');
    const completion = await c.complete(other, { line: 0, character: 8 });
    events.push('completion');
    const ds = await bigDone;
    assert.deepEqual(events, ['hover', 'completion', 'big diagnostics']);
    assert.ok(completion.items.some((i) => i.label === '99213'), 'completion answered from its own analysis');
    assert.match(JSON.stringify(hover?.contents), /M79\.642/);
    assert.equal(ds.length, 10_001);
    assert.equal(ds.at(-1)?.code, 'analysis.truncated');
    assert.match(messageOf(ds.at(-1)!), /^290,000 more findings not shown/);
    await c.close(big);
  });

  it('an 837P of 20,000 claims is read and analysed in slices: a small document is answered meanwhile', async () => {
    const small = await c.open('scale-x12-small.txt', 'Dx: M79.642 pain in left hand');
    await c.waitForDiagnostics(small);
    const events: string[] = [];
    const text = x12Claims(20_000);
    const big = await c.open('scale-claims.837p', text, 'x12');
    const bigDone = c.waitForDiagnostics(big, 1, 300_000).then((ds) => (events.push('big diagnostics'), ds));
    await until(() => c.configurationRequests.includes(big));
    const hover = await c.hover(small, { line: 0, character: 6 });
    events.push('hover');
    const ds = await bigDone;
    assert.deepEqual(events, ['hover', 'big diagnostics']);
    assert.match(JSON.stringify(hover?.contents), /M79\.642/);
    // every claim read: the envelope is whole (no x12.envelope finding), nothing failed
    assert.ok(!ds.some((d) => d.code === 'x12.envelope'), JSON.stringify(ds.find((d) => d.code === 'x12.envelope')));
    assert.doesNotMatch(c.stderr, /RangeError|analysis failed/);
    // the outline of a huge interchange names every claim in its count and shows the first 1,000
    const [isa] = await c.documentSymbols(big);
    const st = isa.children![0].children![0];
    assert.equal(st.children!.length, 1000);
    assert.match(st.detail!, /20000 claims \(the first 1,000 shown\)/);
    await c.close(big);
    await c.close(small);
  });

  it('semantic tokens and the outline of a huge note are computed in slices: a small hover sent after them is answered first', async () => {
    const small = await c.open('scale-sym-small.txt', 'Dx: M79.642 pain in left hand');
    await c.waitForDiagnostics(small);
    const big = await c.open('scale-sym-big.txt', 'Dx: M79.642; CPT 99213-25, POS 11\n'.repeat(100_000));
    await c.waitForDiagnostics(big, 1, 300_000);
    const events: string[] = [];
    // in this order on the wire: both big requests are being worked on when the hover arrives
    const tokens = c.semanticTokens(big).then((t) => (events.push('semantic tokens'), t));
    const symbols = c.documentSymbols(big).then((s) => (events.push('symbols'), s));
    const hover = c.hover(small, { line: 0, character: 6 }).then((h) => (events.push('hover'), h));
    const [t, sym, h] = await Promise.all([tokens, symbols, hover]);
    assert.equal(events[0], 'hover', `answered in the order ${events.join(', ')}`);
    assert.match(JSON.stringify(h?.contents), /M79\.642/);
    assert.equal(t.data.length / 5, 400_000, 'a semantic token for every code, modifier and POS');
    assert.deepEqual(
      sym.map((s) => [s.name, s.children?.length]),
      [['ICD-10-CM codes', 1000], ['CPT codes', 1000], ['Modifier codes', 1000], ['Place of service codes', 1000]].filter(([n]) => sym.some((s) => s.name === n)),
    );
    await c.close(big);
    await c.close(small);
  });

  it('a CSV of 10,000 columns completes, with a semantic token for every cell', async () => {
    const wide = await c.open('scale-wide.csv', `${Array(10_000).fill('Dx').join(',')}\n${Array(10_000).fill('M79.642').join(',')}\n`, 'csv');
    const ds = await c.waitForDiagnostics(wide, 1, 300_000);
    assert.ok(ds.length <= 10_001);
    assert.equal((await c.semanticTokens(wide)).data.length / 5, 10_000);
    await c.close(wide);
  });

  it('a newer version of a huge document cancels the analysis of the stale one', async () => {
    const uri = await c.open('scale-edit.txt', 'M79.64 '.repeat(300_000));
    const v2 = await c.change(uri, 'Dx: M79.642 pain in left hand');
    const ds = await c.waitForDiagnostics(uri, v2, 300_000);
    assert.deepEqual(ds, []);
    assert.ok(!c.published.some((p) => p.uri === uri && p.version === 1), 'nothing published for the stale version');
    await c.close(uri);
  });

  it('a million findings, a 150,000-row charge CSV and a 20 MB note complete', async () => {
    const million = await c.open('scale-million.txt', 'M79.64 '.repeat(1_000_000));
    const ds = await c.waitForDiagnostics(million, 1, 300_000);
    assert.equal(ds.length, 10_001);
    assert.match(messageOf(ds.at(-1)!), /^990,000 more findings not shown \(990,000 errors\)/);
    await c.close(million);
    const csv = await c.open('scale-charges.csv', `CPT,Modifier,POS,Dx\n${'99213,25,11,M79.642\n'.repeat(150_000)}`, 'csv');
    assert.deepEqual(await c.waitForDiagnostics(csv, 1, 300_000), []);
    await c.close(csv);
    const note = await c.open('scale-note.txt', 'Dx: M79.642 pain in left hand; CPT 99213-25 office visit, POS 11. Seen 2026-01-02.\n'.repeat(250_000));
    assert.deepEqual(await c.waitForDiagnostics(note, 1, 300_000), []);
    await c.close(note);
    assert.doesNotMatch(c.stderr, /RangeError|Maximum call stack/);
  });
});
