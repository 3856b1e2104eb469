import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { LspClient, positionOf, seed } from './lsp-client';

const markdown = (h: Hover | null): string => {
  assert.ok(h, 'a hover');
  const c = h.contents as MarkupContent;
  assert.equal(c.kind, 'markdown');
  return c.value;
};

describe('hover', () => {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start();
  });
  after(async () => {
    await c.shutdown();
  });

  it('explains the header M79.64 in seed 004: title, status, billable children, hierarchy', async () => {
    const text = seed('004_905ab25da1828483.txt');
    const uri = await c.open('seed-004.txt', text);
    const at = positionOf(text, 'M79.64 |', 3);
    const h = await c.hover(uri, at);
    const md = markdown(h);
    assert.match(md, /^\*\*M79\.64 — Pain in hand and fingers\*\*/);
    assert.match(md, /_Header — not billable · ICD-10-CM FY\d{4}_/);
    assert.match(md, /\*\*Billable codes \(6\)\*\*/);
    assert.match(md, /- M79\.642 Pain in left hand/);
    assert.match(md, /M79\.6 Pain in limb, hand, foot, fingers and toes/);
    // chapter and instructional notes come from the tabular notes, loaded after start-up
    assert.match(md, /- Chapter 13: Diseases of the musculoskeletal system and connective tissue/);
    assert.match(md, /\*\*Excludes1 \(M79, tabular FY\d{4}\)\*\*/);
    // the range is the token
    assert.deepEqual(h!.range, { start: { line: at.line, character: 0 }, end: { line: at.line, character: 6 } });
    // the cursor right after the code still hovers it
    assert.match(markdown(await c.hover(uri, positionOf(text, 'M79.64 |', 6))), /M79\.64 — Pain in hand and fingers/);
  });

  it('explains a modifier with the code it applies to and whether the MPFS indicator allows it', async () => {
    const text = seed('000_1a9bef2bf7e5c883.txt');
    const uri = await c.open('seed-000.txt', text);
    const md80 = markdown(await c.hover(uri, positionOf(text, '80 | Assistant at surgery', 1)));
    assert.match(md80, /^\*\*Modifier 80 — /);
    assert.match(md80, /Applies to 0264T \(the code this document is about, line 2\)/);
    assert.match(md80, /Allowed on 0264T: MPFS assistant at surgery indicator 0/);
    const md62 = markdown(await c.hover(uri, positionOf(text, '62 | Two surgeons', 0)));
    assert.match(md62, /Does not fit 0264T: .*co-surgeon indicator 0/);
    const md00 = markdown(await c.hover(uri, positionOf(text, '00 | No modifier', 0)));
    assert.equal(md00, '**00** — not a CPT or HCPCS Level II modifier');
  });

  it('judges CPT codes and modifiers at the MPFS year of the date of service the document states', async () => {
    const text = 'Date of service: 2022-06-01\nCPT 30468-50\nCPT 99441\n\nDate of service: 2026-02-01\nCPT 30468-50\nCPT 99441\n';
    const uri = await c.open('mpfs-years.txt', text);
    const old50 = markdown(await c.hover(uri, positionOf(text, '50', 0)));
    assert.match(old50, /Allowed on 30468: MPFS bilateral surgery indicator 1 for 30468 \(MPFS CY2022\)/);
    const new50 = markdown(await c.hover(uri, positionOf(text, '30468-50\nCPT 99441\n', 6, 1)));
    assert.match(new50, /Does not fit 30468: MPFS bilateral surgery indicator 2/);
    const gone = markdown(await c.hover(uri, positionOf(text, '99441', 0, 1)));
    assert.match(gone, /_CPT Category I · not in the MPFS CY2025: last in CY2024 \(deleted or replaced\)_/);
    assert.match(gone, /CY2025 is the newest bundled MPFS year and judges the date of service 2026-02-01 \(MPFS 2026 is not bundled: 2026 values may differ\)/);
    assert.match(markdown(await c.hover(uri, positionOf(text, '99441', 0))), /\*\*Medicare fee schedule \(MPFS CY2022, for 2022-06-01\)\*\*/);
  });

  it('explains CPT, HCPCS, taxonomy codes and returns null off codes', async () => {
    const text = 'CPT 27447-RT today\nHCPCS: K0001 wheelchair\nTaxonomy: 207Q00000X\nNothing here.';
    const uri = await c.open('mixed.txt', text);
    assert.match(markdown(await c.hover(uri, positionOf(text, '27447', 2))), /^\*\*27447 — .*\*\*\n\n_CPT Category I · MPFS status A_/);
    const rt = markdown(await c.hover(uri, positionOf(text, 'RT', 1)));
    assert.match(rt, /Modifier RT/);
    assert.match(rt, /Applies to 27447 \(written 27447-RT\)/);
    assert.match(markdown(await c.hover(uri, positionOf(text, 'K0001', 1))), /K0001 — Standard wheelchair/);
    assert.match(markdown(await c.hover(uri, positionOf(text, '207Q00000X', 1))), /207Q00000X — /);
    assert.equal(await c.hover(uri, positionOf(text, 'Nothing', 2)), null);
  });
});
