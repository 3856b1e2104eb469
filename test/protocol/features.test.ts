import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ExplainResult, SearchResult, StatusResult } from '../../server/src/protocol';
import { LspClient, decodeSemanticTokens, fixture, positionOf, seed } from './lsp-client';

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

describe('symbols, semantic tokens, inlay hints and custom requests', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start();
  });
  after(async () => {
    await c.shutdown();
  });

  it('outlines the code tables of seed 004 and the codes outside them', async () => {
    const uri = await c.open('seed-004.md', seed('004_905ab25da1828483.txt'), 'markdown');
    const symbols = await c.documentSymbols(uri);
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('Modifier · Description · When to Use'), names.join(' / '));
    assert.ok(names.includes('ICD-10 Code · Description · Clinical Relevance'));
    const icd = symbols.find((s) => s.name.startsWith('ICD-10 Code'))!;
    const m7964 = icd.children!.find((s) => s.name === 'M79.64')!;
    assert.equal(m7964.detail, 'Pain in hand and fingers');
    assert.ok(names.includes('CPT codes'), 'codes outside tables are grouped by system');
    for (const s of symbols) for (const ch of s.children ?? []) assert.ok(ch.range.start.line >= s.range.start.line && ch.range.end.line <= s.range.end.line);
  });

  it('marks recognised codes with semantic tokens typed by code system', async () => {
    const text = 'Dx: M79.642 and M79.64\nCPT 27447-RT\nTaxonomy: 207Q00000X\n';
    const uri = await c.open('tokens.txt', text);
    const legend = c.initializeResult.capabilities.semanticTokensProvider!.legend;
    const tokens = decodeSemanticTokens((await c.semanticTokens(uri)).data, legend);
    const at = (needle: string) => {
      const p = positionOf(text, needle);
      return tokens.find((t) => t.line === p.line && t.character === p.character);
    };
    assert.deepEqual(at('M79.642'), { line: 0, character: 4, length: 7, type: 'icdCode', modifiers: ['billable'] });
    assert.deepEqual(at('M79.64\n'), { line: 0, character: 16, length: 6, type: 'icdCode', modifiers: ['header'] });
    assert.equal(at('27447')?.type, 'procedureCode');
    assert.equal(at('RT')?.type, 'modifierCode');
    assert.equal(at('207Q00000X')?.type, 'taxonomyCode');
  });

  it('shows inlay hints only when clinicalCodes.inlayHints is on', async () => {
    const uri = await c.open('hints.txt', 'Dx: M79.642\nCPT 27447-RT-59 today\nM79.641 | Pain in right hand\n');
    assert.deepEqual(await c.inlayHints(uri, WHOLE), []);
    const republished = c.nextDiagnostics(uri);
    await c.setSettings({ inlayHints: true });
    await republished;
    const hints = await c.inlayHints(uri, WHOLE);
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.position.character, h.label]),
      [
        [0, 11, 'Pain in left hand'],
        [1, 15, 'Total knee arthroplasty'],
      ],
      'after the code (and its modifiers); none where a description is written',
    );
    await c.setSettings({});
  });

  it('answers clinicalCodes/search by words and by code prefix', async () => {
    const words = await c.request<SearchResult>('clinicalCodes/search', { query: 'pain left hand', limit: 5 });
    assert.equal(words.items[0].display, 'M79.642');
    assert.equal(words.items[0].systemLabel, 'ICD-10-CM');
    assert.equal(words.items[0].billable, true);
    const prefix = await c.request<SearchResult>('clinicalCodes/search', { query: 'M79.6', limit: 3 });
    assert.equal(prefix.items.length, 3);
    assert.equal(prefix.incomplete, true);
    assert.ok(prefix.items.every((i) => i.display.startsWith('M79.6')));
    const hcpcs = await c.request<SearchResult>('clinicalCodes/search', { query: 'wheelchair', systems: ['hcpcs'], limit: 5 });
    assert.ok(hcpcs.items.length > 0 && hcpcs.items.every((i) => i.system === 'hcpcs'));
    assert.deepEqual(await c.request<SearchResult>('clinicalCodes/search', { query: '   ' }), { items: [], incomplete: false });
  });

  it('answers clinicalCodes/explain for the code at a position or a code given', async () => {
    const f = fixture('sample.note');
    const uri = await c.open('sample.note', f.text, 'clinical-note');
    const at = await c.request<ExplainResult>('clinicalCodes/explain', { uri, position: positionOf(f.text, 'M79.642', 3) });
    assert.equal(at.found, true);
    assert.match(at.markdown, /^\*\*M79\.642 — Pain in left hand\*\*/);
    const given = await c.request<ExplainResult>('clinicalCodes/explain', { code: '0264T' });
    assert.match(given.markdown, /^\*\*0264T — /);
    const none = await c.request<ExplainResult>('clinicalCodes/explain', { code: 'ZZZ99' });
    assert.equal(none.found, false);
  });

  it('reports status: editions, problems and the search index', async () => {
    const s = await c.request<StatusResult>('clinicalCodes/status', {});
    assert.equal(s.state, 'ready');
    assert.ok(s.editions.some((e) => /^ICD-10-CM FY\d{4}/.test(e)), s.editions.join(' · '));
    assert.ok(s.editions.some((e) => e.startsWith('HCPCS ')));
    assert.match(s.icdEdition ?? '', /^FY\d{4}$/);
    assert.ok(s.documents >= 1 && s.problems >= 1);
    assert.equal(s.searchIndexReady, true);
  });
});
