import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompletionList } from 'vscode-languageserver-protocol/node';
import { SEARCH_REQUEST, STATUS_REQUEST, type SearchResult, type StatusResult } from '../../server/src/protocol';
import { LspClient, withTimeout } from './lsp-client';

/**
 * Issue 15: four notes opened in quick succession, completion at the end of each in turn — every request is
 * answered, whether it comes while the data loads, while the word index is opened, or after a CPT descriptor file
 * changed the index. A request that is never answered fails its wait, naming it.
 */
const NOTES: [text: string, top: RegExp][] = [
  ['Dx: pain in left hand', /^M79\.642$/],
  ['Dx: type 2 diabetes with neuropathy', /^E11\.4[02]$/],
  ['Dx: fracture of left radius shaft', /^S52\.3\d2A$/],
  ['Dx: chronic kidney disease stage 3', /^N18\.30$/],
];
const ANSWER_MS = 30_000;
const first = (l: CompletionList) => [...l.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))[0]?.label;

describe('word completion is answered from start-up on (issue 15)', () => {
  const clients: LspClient[] = [];
  after(async () => {
    for (const c of clients) await c.shutdown();
  });
  const start = async (opts: Parameters<typeof LspClient.start>[0] = {}) => {
    const c = await LspClient.start(opts);
    clients.push(c);
    return c;
  };
  const complete = (c: LspClient, uri: string, text: string, what: string) =>
    withTimeout(c.complete(uri, { line: 0, character: text.length }), ANSWER_MS, `completion ${what}`);

  it('the first word completion, sent right after initialized and a didOpen, is answered with results and resolves', async () => {
    const c = await start();
    const uri = await c.open('first-after-start.txt', NOTES[0][0]);
    const list = await complete(c, uri, NOTES[0][0], 'right after start');
    assert.ok(list.items.length > 0, 'answered with results, not an empty list');
    assert.match(first(list) ?? '(none)', NOTES[0][1]);
    const resolved = await withTimeout(c.resolve(list.items.find((i) => i.label === 'M79.642')!), ANSWER_MS, 'resolve');
    assert.match(String((resolved.documentation as { value: string }).value), /Pain in left hand/);
  });

  it('four notes opened right after initialize (the data still loading), completed in turn', async () => {
    const c = await start();
    const uris = [];
    for (const [i, [text]] of NOTES.entries()) uris.push(await c.open(`hang-turn-${i}.txt`, text));
    for (const [i, [text, top]] of NOTES.entries()) {
      const list = await complete(c, uris[i], text, `of "${text}"`);
      assert.match(first(list) ?? '(none)', top, `${text}: ${list.items.slice(0, 3).map((x) => x.label).join(' ')}`);
    }
  });

  it('the four requests sent at once, each right after its open, while the index is opened on first use', async () => {
    const c = await start({ initializationOptions: { searchIndexDelayMs: -1 } });
    const pending: Promise<CompletionList>[] = [];
    for (const [i, [text]] of NOTES.entries()) {
      const uri = await c.open(`hang-once-${i}.txt`, text);
      pending.push(complete(c, uri, text, `of "${text}"`));
    }
    const lists = await Promise.all(pending);
    lists.forEach((l, i) => assert.match(first(l) ?? '(none)', NOTES[i][1], NOTES[i][0]));
  });

  it('a CPT descriptor file applied while requests wait: every request answered, the new descriptors found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-cpt-'));
    const file = join(dir, 'cpt.csv');
    writeFileSync(file, '99213,Office or other outpatient visit for an established patient with zebra-striped complexity\n');
    // the user's own setting (pathScope 'user'): a workspace may not name a file outside its folders
    const c = await start({ settings: { cptDescriptorsFile: file }, initializationOptions: { pathScope: 'user' } });
    const texts = [...NOTES.map(([t]) => t), 'CPT: zebra-striped complexity'];
    const uris = await Promise.all(texts.map((t, i) => c.open(`hang-cpt-${i}.txt`, t)));
    const lists = await Promise.all(texts.map((t, i) => complete(c, uris[i], t, `of "${t}"`)));
    lists.slice(0, 4).forEach((l, i) => assert.match(first(l) ?? '(none)', NOTES[i][1], NOTES[i][0]));
    await c.waitForMessage((m) => /CPT descriptors: 1 loaded/.test(m.message));
    // descriptors applied: the next request sees them (the first may have come before the file was read)
    const again = await complete(c, uris[4], texts[4], 'of the CPT words');
    assert.equal(first(again), '99213');
    const search = await withTimeout(c.request<SearchResult>(SEARCH_REQUEST, { query: 'zebra striped', systems: ['cpt'] }), ANSWER_MS, 'clinicalCodes/search');
    assert.deepEqual(search.items.map((h) => h.code), ['99213']);
  });

  it('says when the index is prepared, and answers searches and completions the same before and after', async () => {
    const c = await start();
    const uri = await c.open('hang-status.txt', NOTES[0][0]);
    const before = await complete(c, uri, NOTES[0][0], 'before the index is prepared');
    await c.waitForMessage((m) => /word-search index prepared/.test(m.message));
    const status = await c.request<StatusResult>(STATUS_REQUEST, {});
    assert.equal(status.searchIndexReady, true);
    const afterList = await complete(c, uri, NOTES[0][0], 'after');
    assert.deepEqual(afterList.items.map((i) => i.label), before.items.map((i) => i.label));
  });
});
