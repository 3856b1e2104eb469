// Fuzzing the bundle loader (server/src/engine/data/load.ts, the codecs, CodeData.load) on mutated copies of a
// small bundle (the hand-written fixture data, written as the build writes it): bytes of a gzip file flipped,
// inserted, deleted or cut; the decompressed table text garbled (a header line, a row, a tab, a line break) and
// compressed again; the manifest edited. Loading must either succeed or fail with a BundleError — never another
// exception — and data that loads must answer a note without throwing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { BundleError, CodeData, analyze, type Bundles } from '../../server/src/engine';
import { IcdStore } from '../../server/src/engine/data/icd-codec';
import { TableStore } from '../../server/src/engine/data/table-codec';
import { writeFixtureBundle } from '../integration/helpers';
import { fuzz, fuzzAsync } from './harness';

const FILE = 'test/fuzz/bundle.test.ts';
const dir = writeFixtureBundle();
after(() => rmSync(dir, { recursive: true, force: true }));
const files = readdirSync(dir).sort();
const original = new Map(files.map((f) => [f, readFileSync(join(dir, f))]));
const texts = new Map(files.map((f) => [f, f.endsWith('.gz') ? gunzipSync(original.get(f)!).toString('utf8') : original.get(f)!.toString('utf8')]));

/** What a case does to one file of the bundle. */
type Damage =
  | { kind: 'bytes'; file: string; ops: { at: number; op: number; byte: number }[] }
  | { kind: 'text'; file: string; ops: { at: number; op: number; s: string }[] };

const byte = fc.nat({ max: 255 });
const textPiece = fc.constantFrom('\t', '\n', '', '{', '}', '"', ']', 'x', '-1', 'NaN', '1e99', '\u0000', '\x1e', '\x1f', '{"edition":"x"}', '[]', 'null', '{}');
const textOps = fc.array(fc.record({ at: fc.nat(), op: fc.nat({ max: 5 }), s: textPiece }), { minLength: 1, maxLength: 3 });
const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('bytes' as const), file: fc.constantFrom(...files.filter((f) => f.endsWith('.gz'))), ops: fc.array(fc.record({ at: fc.nat(), op: fc.nat({ max: 3 }), byte }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('text' as const), file: fc.constantFrom(...files), ops: textOps }),
);

function apply(d: Damage): Buffer {
  if (d.kind === 'bytes') {
    let b = Buffer.from(original.get(d.file)!);
    for (const { at, op, byte: v } of d.ops) {
      const i = at % (b.length + 1);
      if (op === 0 && i < b.length) b[i] ^= v || 1;
      else if (op === 1) b = Buffer.concat([b.subarray(0, i), Buffer.from([v]), b.subarray(i)]);
      else if (op === 2) b = Buffer.concat([b.subarray(0, i), b.subarray(i + 1)]);
      else b = b.subarray(0, i);
    }
    return b;
  }
  const t = garble(texts.get(d.file)!, d.ops);
  return d.file.endsWith('.gz') ? gzipSync(t, { level: 1 }) : Buffer.from(t);
}

function garble(text: string, ops: { at: number; op: number; s: string }[]): string {
  let t = text;
  for (const { at, op, s } of ops) {
    const i = at % (t.length + 1);
    if (op === 0) t = t.slice(0, i) + s + t.slice(i + 1); // replace a character
    else if (op === 1) t = t.slice(0, i) + s + t.slice(i); // insert
    else if (op === 2) t = t.slice(0, i); // cut
    else if (op === 3) t = t.slice(0, t.lastIndexOf('\n', i) + 1) + t.slice(t.indexOf('\n', i) + 1 || t.length); // drop the line
    else if (op === 4) t = t.replace(/"(\w+)":/, `"${s}":`); // rename the first key of a JSON header or manifest
    else t = s + t.slice(t.indexOf('\n') < 0 ? t.length : t.indexOf('\n')); // replace the header line (or a JSON file)
  }
  return t;
}

const NOTE = 'Dx: M79.64, E11.40, S52.521A, W21.89A, Q87.81, I10\nCPT 99213-25 0264T-QK 27447-50 97014 99292\nHCPCS G0008 J3490\nPOS 11 taxonomy 207Q00000X';

test('fuzz: bundle loader on mutated bundles', async () => {
  let loaded = 0;
  let rejected = 0;
  await fuzzAsync('bundle loader (CodeData.load, mutated files)', FILE, damage, async (d) => {
    writeFileSync(join(dir, d.file), apply(d));
    try {
      let data: CodeData;
      try {
        data = await CodeData.load(dir, { withNotes: true });
      } catch (e) {
        if (!(e instanceof BundleError)) throw new Error(`loading a damaged ${d.file} threw ${(e as Error)?.name}: ${(e as Error)?.message}`, { cause: e });
        assert.match(e.message, /\S/);
        rejected++;
        return;
      }
      loaded++;
      analyze(NOTE, 'note', { data, dateOfService: '2024-06-01' });
    } finally {
      writeFileSync(join(dir, d.file), original.get(d.file)!);
    }
  }, { ms: 6_000, timeout: 10_000 });
  console.log(`bundle loader: ${loaded} damaged bundles loaded, ${rejected} rejected with a BundleError`);
  assert.ok(rejected > 0);
});

// The same damage without the disk: one table's decompressed text garbled and decoded as the loader decodes it
// (its decode errors are BundleErrors by then, see above); data that decodes must answer notes without throwing.
const TABLES = { icd10cm: 'icd10cm.tsv.gz', hcpcs: 'hcpcs.tsv.gz', mpfs: 'mpfs.tsv.gz', mue: 'mue.tsv.gz', aoc: 'aoc.tsv.gz', nucc: 'nucc.tsv.gz', pos: 'pos.tsv.gz' } as const;
type TableId = keyof typeof TABLES;
const decodeAs = (id: TableId, text: string) => (id === 'icd10cm' ? IcdStore.decode(text) : TableStore.decode(text, id));
const intact = Object.fromEntries(Object.entries(TABLES).map(([id, f]) => [id, decodeAs(id as TableId, texts.get(f)!)])) as Record<TableId, IcdStore | TableStore>;
const json = (f: string) => JSON.parse(texts.get(f)!) as never;

test('fuzz: decoded damaged tables answer notes', () => {
  let decoded = 0;
  fuzz('damaged tables in memory (decode, CodeData, analyze)', FILE, fc.tuple(fc.constantFrom(...(Object.keys(TABLES) as TableId[])), textOps), ([id, ops]) => {
    let data: CodeData;
    try {
      const bundles = { ...intact, icd10cmNotes: json('icd10cm-notes.json.gz'), cptModifiers: json('cpt-modifiers.json.gz'), [id]: decodeAs(id, garble(texts.get(TABLES[id])!, ops)) };
      data = new CodeData(bundles as unknown as Bundles);
    } catch {
      return; // CodeData.load reports these as a BundleError (the test above)
    }
    decoded++;
    analyze(NOTE, 'note', { data, dateOfService: '2024-06-01' });
  }, { ms: 5_000 });
  console.log(`damaged tables: ${decoded} decoded and answered a note`);
});
