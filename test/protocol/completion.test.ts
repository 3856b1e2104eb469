import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, MarkupContent } from 'vscode-languageserver-protocol/node';
import { LspClient, applyEdits, fixture, withCursor } from './lsp-client';

/** Items in the order the client shows them (sortText, then label). */
const ordered = (l: CompletionList): CompletionItem[] =>
  [...l.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) || a.label.localeCompare(b.label));
const labels = (l: CompletionList, n = Infinity) => ordered(l).slice(0, n).map((i) => i.label);

describe('completion', () => {
  let c: LspClient;
  let n = 0;
  before(async () => {
    c = await LspClient.start();
  });
  after(async () => {
    await c.shutdown();
  });

  /** Opens text with a $0 cursor and completes there. */
  async function completeAt(textWithCursor: string, languageId = 'plaintext', name = `complete-${n++}.txt`) {
    const f = withCursor(textWithCursor);
    const uri = await c.open(name, f.text, languageId);
    return { list: await c.complete(uri, f.position), text: f.text, uri };
  }

  it('offers modifiers after "0264T-", ranked by what its MPFS indicators allow, never "00"', async () => {
    const f = fixture('modifier-suffix.txt');
    const uri = await c.open('modifier-suffix.txt', f.text);
    const list = await c.complete(uri, f.position);
    const top = labels(list, 4);
    // 0264T: assistant indicator 0 (allowed with documentation) → 80/81/82/AS first
    assert.deepEqual(top, ['80', '81', '82', 'AS']);
    const all = list.items.map((i) => i.label);
    for (const never of ['00', '50', '62', '66', '25', '57', 'QK', 'QX', 'AA', '26', 'TC']) assert.ok(!all.includes(never), `${never} offered for 0264T`);
    const i80 = list.items.find((i) => i.label === '80')!;
    assert.equal(i80.labelDetails?.description, 'Assistant surgeon');
    assert.match(i80.detail!, /assistant at surgery indicator 0 for 0264T/);
    // inserting replaces only what was typed after the hyphen
    assert.equal(applyEdits(f.text, [i80.textEdit as { range: never; newText: string }]), 'Procedure performed: CPT 0264T-80\n');
    assert.equal(list.isIncomplete, true, 'the full modifier list is cut at 50');
    assert.ok(list.items.length <= 50);
  });

  it('ranks 50 and 62 for 27447 (bilateral 1, co-surgeon 1) and leaves out 66 (team 0)', async () => {
    const { list } = await completeAt('27447-$0');
    const all = labels(list);
    assert.ok(all.indexOf('50') >= 0 && all.indexOf('50') < 10, `50 near the top: ${all.slice(0, 12).join(' ')}`);
    assert.ok(all.includes('62'));
    assert.ok(!all.includes('66'));
    // narrowing by the typed character is done by the server too
    const { list: q } = await completeAt('27447-Q$0');
    assert.ok(q.items.length > 0 && q.items.every((i) => i.label.startsWith('Q')));
  });

  it('offers anesthesia modifiers first on an anesthesia code', async () => {
    const { list } = await completeAt('Anesthesia 00100-$0');
    const top = labels(list, 6);
    for (const m of top) assert.ok(['23', '47', 'AA', 'AD', 'G8', 'G9', 'QK', 'QS', 'QX', 'QY', 'QZ'].includes(m), `top: ${top.join(' ')}`);
  });

  it('offers modifiers in a modifier column of a markdown table, for the code of the row', async () => {
    const f = fixture('modifier-column.md');
    const uri = await c.open('modifier-column.md', f.text, 'markdown');
    const list = await c.complete(uri, f.position);
    const all = labels(list);
    assert.ok(all.includes('50') && !all.includes('66'), all.slice(0, 10).join(' '));
    const { list: after } = await completeAt('Procedure 27447 with modifier $0');
    assert.ok(labels(after).includes('50'));
  });

  it('completes ICD-10-CM prefixes billable first with headers marked', async () => {
    const { list } = await completeAt('Dx: M79.6$0');
    const items = ordered(list);
    const firstHeader = items.findIndex((i) => i.labelDetails?.detail === ' (header)');
    assert.ok(firstHeader > 0, 'there are headers, after the billable codes');
    assert.ok(items.slice(0, firstHeader).every((i) => /billable/.test(i.detail ?? '') && !/not billable/.test(i.detail ?? '')));
    assert.ok(items.slice(firstHeader).every((i) => i.labelDetails?.detail === ' (header)'));
    assert.equal(items[0].label, 'M79.601');
    assert.ok(items.some((i) => i.label === 'M79.64' && /not billable/.test(i.labelDetails?.description ?? '')));
    assert.equal(list.isIncomplete, false);
  });

  it('completes 7th characters after a stem that needs one (S52.521)', async () => {
    const f = fixture('seventh.note');
    const uri = await c.open('seventh.note', f.text, 'clinical-note');
    const list = await c.complete(uri, f.position);
    const top = ordered(list).slice(0, 6);
    assert.deepEqual(
      top.map((i) => i.label),
      ['S52.521A', 'S52.521D', 'S52.521G', 'S52.521K', 'S52.521P', 'S52.521S'],
    );
    assert.equal(top[0].labelDetails?.description, 'initial encounter for closed fracture');
    assert.equal(top[5].labelDetails?.description, 'sequela');
    // placeholder X: S09.8 → S09.8XXA
    const { list: x } = await completeAt('Dx: S09.8$0');
    assert.equal(ordered(x)[0].label, 'S09.8XXA');
  });

  it('finds ICD-10-CM codes by description words: "pain left hand" → M79.642 first', async () => {
    const f = fixture('words-dx.txt');
    const uri = await c.open('words-dx.txt', f.text);
    const list = await c.complete(uri, f.position);
    const items = ordered(list);
    assert.equal(items[0].label, 'M79.642');
    assert.equal(items[0].labelDetails?.description, 'Pain in left hand');
    assert.equal(list.isIncomplete, true, 'word results are recomputed as the user types');
    // the typed words are replaced by the code; filterText is the typed text so the client keeps the order
    assert.equal(items[0].filterText, 'pain left hand');
    assert.equal(applyEdits(f.text, [items[0].textEdit as never]), 'Assessment\nDx: M79.642\n');
    // leading words that match nothing are kept
    const { list: l2, text } = await completeAt('Dx: reports pain left hand$0');
    assert.equal(applyEdits(text, [ordered(l2)[0].textEdit as never]), 'Dx: reports M79.642');
  });

  it('does not pop up code suggestions while writing prose (wordSearch "codeContexts"), but does with "always"', async () => {
    const { list, uri } = await completeAt('The patient reports pain left hand$0');
    assert.equal(list.items.length, 0);
    c.settingsByUri = { [uri]: { completion: { wordSearch: 'always' } } };
    await c.setSettings(c.settings); // didChangeConfiguration: settings are read again
    const again = await c.complete(uri, { line: 0, character: 'The patient reports pain left hand'.length });
    assert.equal(ordered(again)[0].label, 'M79.642');
    c.settingsByUri = {};
    await c.setSettings(c.settings);
  });

  it('completes HCPCS by prefix and words, and CPT prefixes in a procedure context only', async () => {
    const { list: k } = await completeAt('HCPCS: K000$0');
    assert.equal(ordered(k)[0].label, 'K0001');
    assert.equal(ordered(k)[0].labelDetails?.description, 'Standard wheelchair');
    const { list: w } = await completeAt('HCPCS: standard wheelchair$0');
    assert.equal(ordered(w)[0].label, 'K0001');
    const { list: cpt } = await completeAt('CPT: 2744$0');
    assert.ok(labels(cpt).includes('27447'));
    const { list: prose } = await completeAt('Seen on 2744$0');
    assert.equal(prose.items.length, 0, 'numbers in prose are not completed');
  });

  it('caps long lists and marks them incomplete', async () => {
    const { list } = await completeAt('Dx: S52$0');
    assert.equal(list.items.length, 50);
    assert.equal(list.isIncomplete, true);
  });

  it('resolves documentation lazily (completionItem/resolve)', async () => {
    const { list } = await completeAt('Dx: M79.64$0');
    const item = list.items.find((i) => i.label === 'M79.642')!;
    assert.equal(item.documentation, undefined, 'no documentation in the list itself');
    const resolved = await c.resolve(item);
    const doc = resolved.documentation as MarkupContent;
    assert.equal(doc.kind, 'markdown');
    assert.match(doc.value, /^\*\*M79\.642 — Pain in left hand\*\*\n\n_Billable · ICD-10-CM/);
    // description-word items are sent lean (a list per keystroke, at most 25): detail and documentation on resolve
    const { list: words } = await completeAt('Dx: pain left hand$0');
    assert.ok(words.items.length > 0 && words.items.length <= 25, `${words.items.length} word items`);
    const top = ordered(words)[0];
    assert.equal(top.label, 'M79.642');
    assert.equal(top.detail, undefined, 'no detail in the word list itself');
    assert.equal(top.documentation, undefined);
    const full = await c.resolve(top);
    assert.equal(full.detail, 'ICD-10-CM, billable — Pain in left hand');
    assert.match((full.documentation as MarkupContent).value, /^\*\*M79\.642 — Pain in left hand\*\*/);
    const { list: hcpcs } = await completeAt('HCPCS: standard wheelchair$0');
    assert.equal((await c.resolve(ordered(hcpcs)[0])).detail, 'HCPCS Level II — Standard wheelchair');
    const { list: mods } = await completeAt('0264T-8$0');
    const r80 = (await c.resolve(mods.items.find((i) => i.label === '80')!)).documentation as MarkupContent;
    assert.match(r80.value, /Allowed on 0264T/);
  });
});
