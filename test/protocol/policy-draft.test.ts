import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DRAFT_POLICY_REQUEST, type DraftPolicyResult } from '../../server/src/protocol';
import { validatePolicyPack } from '../../server/src/engine';
import { LspClient, seed } from './lsp-client';

describe('clinicalCodes/draftPolicy', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start();
  });
  after(async () => {
    assert.equal(await c.shutdown(), 0);
  });

  it('drafts the seed policy as an open document, naming it by file name only', async () => {
    const uri = await c.open('file:///home/coder/Patients%20Jane%20Roe/002_c6c3683f7fda1044.txt', seed('002_c6c3683f7fda1044.txt'));
    const r = await c.connection.sendRequest<DraftPolicyResult>(DRAFT_POLICY_REQUEST, { uri });
    assert.equal(r.error, undefined);
    assert.equal(r.valid, true);
    const pack = JSON.parse(r.json);
    assert.ok(validatePolicyPack(pack, 'draft').ok);
    assert.equal(r.id, pack.id);
    assert.deepEqual(pack.rules.map((x: { kind: string; plans: string[]; codes: string[] }) => `${x.kind} ${x.plans} ${x.codes}`), [
      'not-covered medicare-advantage 0263T-0265T',
      'not-medically-necessary commercial 0263T-0265T',
    ]);
    assert.match(pack.source, /drafted from 002_c6c3683f7fda1044\.txt$/);
    assert.doesNotMatch(r.json, /Jane|Roe|home/);
    assert.ok(r.review.length > 0);
  });

  it('answers a document that is not open, or not a policy, with what is wrong', async () => {
    const gone = await c.connection.sendRequest<DraftPolicyResult>(DRAFT_POLICY_REQUEST, { uri: 'file:///nowhere.txt' });
    assert.equal(gone.error, 'The document is not open.');
    const uri = await c.open('visit.txt', 'Seen today. CPT 99213.\n');
    const r = await c.connection.sendRequest<DraftPolicyResult>(DRAFT_POLICY_REQUEST, { uri });
    assert.equal(r.valid, false);
    assert.ok(r.review.some((x) => /No coding section/.test(x)));
  });
});
