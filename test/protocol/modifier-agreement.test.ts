import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CodeData } from '../../server/src/engine';
import { LspClient, REPO_ROOT } from './lsp-client';

/**
 * Completion and diagnostics ask the same engine table (engine/systems/modifier-fit.ts): every modifier that
 * completion offers after "CODE-" gets no modifier.not-applicable diagnostic on "CODE-MOD", and every one it
 * withholds does. Checked over the real server for every modifier in the bundle.
 */
const PARENTS = ['99213', '27447', '93000', '0264T', '00790'];

describe('modifier fit: completion and diagnostics agree', () => {
  let c: LspClient;
  let modifiers: string[];
  before(async () => {
    c = await LspClient.start();
    const data = await CodeData.load(join(REPO_ROOT, 'dist', 'data'));
    // discontinued ones are withheld by completion and reported by modifier.unknown instead; "00" is no modifier
    modifiers = data.modifiers.all().filter((m) => !m.termDate && m.code !== '00').map((m) => m.code);
    assert.ok(modifiers.length > 300, `only ${modifiers.length} modifiers in the bundle`);
  });
  after(async () => {
    await c.shutdown();
  });

  /** Modifiers completion offers after "parent-", one request per two-character prefix (each list is short). */
  async function offered(parent: string): Promise<Set<string>> {
    const uri = await c.open(`agree-${parent}.txt`, `CPT ${parent}-`);
    const out = new Set<string>();
    for (const first of new Set(modifiers.map((m) => m[0]))) {
      await c.change(uri, `CPT ${parent}-${first}`);
      const list = await c.complete(uri, { line: 0, character: `CPT ${parent}-${first}`.length });
      assert.equal(list.isIncomplete, false, `completion after ${parent}-${first} was cut off`);
      for (const i of list.items) out.add(i.label);
    }
    return out;
  }

  /** Modifiers the diagnostics flag as not applicable on "CPT parent-MOD", one per line. */
  async function flagged(parent: string): Promise<Set<string>> {
    const uri = await c.open(`flag-${parent}.txt`, modifiers.map((m) => `CPT ${parent}-${m}`).join('\n'));
    const diags = await c.waitForDiagnostics(uri);
    return new Set(diags.filter((d) => d.code === 'modifier.not-applicable').map((d) => modifiers[d.range.start.line]));
  }

  for (const parent of PARENTS) {
    it(`${parent}: offered exactly when not flagged`, async () => {
      const [yes, no] = [await offered(parent), await flagged(parent)];
      const both = modifiers.filter((m) => yes.has(m) && no.has(m));
      const neither = modifiers.filter((m) => !yes.has(m) && !no.has(m));
      assert.deepEqual(both, [], `offered by completion and flagged by diagnostics on ${parent}`);
      assert.deepEqual(neither, [], `neither offered nor flagged on ${parent}`);
      assert.ok(no.size > 0 && yes.size > 0);
    });
  }

  it('the verdicts are the expected ones on these codes', async () => {
    const on = async (parent: string) => ({ yes: await offered(parent), no: await flagged(parent) });
    const em = await on('99213');
    for (const m of ['50', '26', 'TC', '59', 'XS', 'QK', '62', '66']) assert.ok(em.no.has(m), `${m} on 99213`);
    assert.ok(em.yes.has('25'));
    const ecg = await on('93000'); // PC/TC indicator 4: global test only
    for (const m of ['26', 'TC', '25', 'QK']) assert.ok(ecg.no.has(m), `${m} on 93000`);
    const knee = await on('27447'); // bilateral indicator 1, assistant 2, co-surgeon 1
    for (const m of ['50', '80', '62', 'RT', 'LT']) assert.ok(knee.yes.has(m), `${m} on 27447`);
    for (const m of ['25', 'QK', '26', 'TC']) assert.ok(knee.no.has(m), `${m} on 27447`);
    const anesthesia = await on('00790');
    for (const m of ['QK', 'AA', 'QX', 'QS']) assert.ok(anesthesia.yes.has(m), `${m} on 00790`);
  });
});
