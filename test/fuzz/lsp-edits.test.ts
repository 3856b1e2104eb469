// Fuzzing the language server's document state (protocol, over stdio): random incremental didChange edits — codes,
// labels, line breaks of every kind, deletions across lines, up to 60 changes per notification, notifications sent
// back to back — to a note, a claim export and an X12 file; at checkpoints the diagnostics published for the edited
// document (and its semantic tokens) must equal those of a fresh document opened with the same text, and lie inside
// the document. FUZZ_EDITS edits in all (CI 10,000; `npm run fuzz` 100,000).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DidChangeTextDocumentNotification, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../protocol/lsp-client';
import { codePools, csvArb, editArb, noteArb, x12Arb, type CodePools, type Edit } from './generators';
import { realData } from './invariants';
import { fuzzAsync } from './harness';

const FILE = 'test/fuzz/lsp-edits.test.ts';
const EDITS = Number(process.env.FUZZ_EDITS ?? 10_000);
const PER_RUN = 1000;
// a checkpoint costs two analyses and three round trips; edits between checkpoints cost little, so most of them
// travel in large notifications (the server applies each change in turn, as it must for any client)
const CHECK_EVERY = 100;
/** changes in one notification, less one: a few single edits, mostly batches */
const batchSize = fc.oneof({ weight: 1, arbitrary: fc.nat({ max: 3 }) }, { weight: 2, arbitrary: fc.nat({ max: 59 }) });

let client: LspClient;
let pools: CodePools;
before(async () => {
  pools = codePools(await realData());
  client = await LspClient.start({ settings: { debounceMs: 0, dateOfService: '2024-06-01' } });
});
after(async () => {
  await client?.shutdown();
});

const FORMATS = [
  { ext: 'md', languageId: 'markdown', doc: (p: CodePools) => noteArb(p) },
  { ext: 'csv', languageId: 'csv', doc: (p: CodePools) => csvArb(p) },
  { ext: 'x12', languageId: 'x12', doc: (p: CodePools) => x12Arb(p) },
] as const;

const plain = (ds: Diagnostic[]) => JSON.stringify(ds.map((d) => [d.range, d.severity, d.code, d.source, d.message, d.relatedInformation?.map((r) => [r.location.range, r.message]), d.tags, d.data]));

function checkInside(doc: TextDocument, ds: Diagnostic[]): void {
  for (const d of ds) {
    const { start, end } = d.range;
    for (const p of [start, end]) {
      assert.ok(p.line >= 0 && p.line < doc.lineCount && p.character >= 0, `diagnostic ${String(d.code)} at ${JSON.stringify(d.range)} outside the document (${doc.lineCount} lines)`);
      assert.deepEqual(doc.positionAt(doc.offsetAt(p)), p, `diagnostic ${String(d.code)} position ${JSON.stringify(p)} is not in the document`);
    }
    assert.ok(doc.offsetAt(start) <= doc.offsetAt(end), `diagnostic ${String(d.code)} ends before it starts`);
  }
}

let session = 0;
let fresh = 0;
let edits = 0;

async function compareWithFresh(uri: string, doc: TextDocument, languageId: string, ext: string): Promise<void> {
  const edited = await client.waitForDiagnostics(uri, doc.version);
  checkInside(doc, edited);
  const freshUri = await client.open(`fuzz-fresh-${fresh++}.${ext}`, doc.getText(), languageId);
  const got = await client.waitForDiagnostics(freshUri, 1);
  // semantic tokens come from the same cached analysis: they must not be a stale version's
  const [tokensEdited, tokensFresh] = await Promise.all([client.semanticTokens(uri), client.semanticTokens(freshUri)]);
  await client.close(freshUri);
  assert.equal(plain(edited), plain(got), `diagnostics after edits differ from a fresh document with the same text (version ${doc.version}): ${JSON.stringify(doc.getText())}`);
  assert.deepEqual(tokensEdited.data, tokensFresh.data, `semantic tokens after edits differ from a fresh document's (version ${doc.version})`);
}

test('fuzz: incremental edits through the language server match a fresh open', async () => {
  const runs = Math.max(1, Math.ceil(EDITS / PER_RUN));
  const arb = fc.nat({ max: FORMATS.length - 1 }).chain((f) =>
    fc.tuple(fc.constant(f), FORMATS[f].doc(pools), fc.array(fc.tuple(editArb(pools), batchSize), { minLength: PER_RUN, maxLength: PER_RUN })),
  );
  await fuzzAsync('incremental edits (LSP didChange vs fresh didOpen)', FILE, arb, async ([f, initial, steps]) => {
    const { ext, languageId } = FORMATS[f];
    const uri = await client.open(`fuzz-edited-${session++}.${ext}`, initial, languageId);
    let doc = TextDocument.create(uri, languageId, 1, initial);
    try {
      for (let i = 0; i < steps.length; ) {
        // one to sixty changes per notification, each against the text the previous one left (as clients send them)
        const batch = steps.slice(i, i + 1 + steps[i][1]);
        const changes = batch.map(([e]: [Edit, number]) => {
          const text = doc.getText();
          const start = Math.floor(e.at * text.length);
          const range = { start: doc.positionAt(start), end: doc.positionAt(Math.min(text.length, start + e.remove)) };
          doc = TextDocument.update(doc, [{ range, text: e.insert }], doc.version);
          return { range, text: e.insert };
        });
        doc = TextDocument.update(doc, [], doc.version + 1);
        await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: doc.version }, contentChanges: changes });
        const before = Math.floor(i / CHECK_EVERY);
        i += batch.length;
        edits += batch.length;
        if (Math.floor(i / CHECK_EVERY) > before || i >= steps.length) await compareWithFresh(uri, doc, languageId, ext);
      }
    } finally {
      await client.close(uri);
    }
  }, { ms: 30_000, runs, timeout: 120_000 });
  console.log(`incremental edits: ${edits} edits in ${session} documents, ${fresh} fresh documents compared`);
  assert.ok(edits > 0);
});
