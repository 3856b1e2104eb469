// Fuzzing the bundle loader (server/src/engine/data/load.ts, the codecs, CodeData.load) on mutated copies of a
// small bundle (the hand-written fixture data, written as the build writes it): bytes of a gzip file flipped,
// inserted, deleted or cut; the decompressed table text garbled (a header line, a row, a tab, a line break) and
// compressed again; the manifest edited; and in most cases the damaged file's digest and sizes recorded in the
// manifest, as a build that wrote damaged data would, so the damage reaches decompression and the decoders.
// Loading must either succeed or fail with a BundleError naming the bundle — never another exception —, a changed
// file under its old digest must be refused, and data that loads must answer a note. The bundle's bytes are loaded
// from memory (CodeData.loadFrom + memorySource: the loader's own checks, no disk), so the target runs 100,000
// cases; a smaller target loads the same damage from disk, with FIFOs, directories, devices and missing files too.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { BundleError, CodeData, analyze, type Bundles, type Manifest } from '../../server/src/engine';
import { bundleDigest, memorySource, type BundleSource } from '../../server/src/engine/data/load';
import { IcdStore } from '../../server/src/engine/data/icd-codec';
import { TableStore } from '../../server/src/engine/data/table-codec';
import { writeFixtureBundle } from '../integration/helpers';
import { checkAnalysis } from './invariants';
import { fuzz, fuzzAsync } from './harness';

const FILE = 'test/fuzz/bundle.test.ts';
const dir = writeFixtureBundle();
after(() => rmSync(dir, { recursive: true, force: true }));
const files = readdirSync(dir).sort();
const original = new Map<string, Buffer>(files.map((f) => [f, readFileSync(join(dir, f))]));
const texts = new Map(files.map((f) => [f, f.endsWith('.gz') ? gunzipSync(original.get(f)!).toString('utf8') : original.get(f)!.toString('utf8')]));
const manifest = JSON.parse(texts.get('manifest.json')!) as Manifest;

/** What a case does to one file of the bundle; `record`: the manifest records the damaged file's digest and sizes. */
type Damage =
  | { kind: 'bytes'; file: string; ops: { at: number; op: number; byte: number }[]; record: boolean }
  | { kind: 'text'; file: string; ops: { at: number; op: number; s: string }[]; record: boolean };

const byte = fc.nat({ max: 255 });
const textPiece = fc.constantFrom('\t', '\n', '', '{', '}', '"', ']', 'x', '-1', 'NaN', '1e99', '\u0000', '\x1e', '\x1f', '{"edition":"x"}', '[]', 'null', '{}');
const textOps = fc.array(fc.record({ at: fc.nat(), op: fc.nat({ max: 5 }), s: textPiece }), { minLength: 1, maxLength: 3 });
// three cases in four record the damage: a digest mismatch is refused before any decoding
const record = fc.nat({ max: 3 }).map((n) => n > 0);
// damage to the text (re-compressed) twice as often as to the gzip bytes: bytes damage mostly ends at the gzip CRC
// ("not valid gzip", the dearest refusal: zlib formats the error's stack), text damage reaches the decoders
const damage: fc.Arbitrary<Damage> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bytes' as const), file: fc.constantFrom(...files.filter((f) => f.endsWith('.gz'))), ops: fc.array(fc.record({ at: fc.nat(), op: fc.nat({ max: 3 }), byte }), { minLength: 1, maxLength: 4 }), record }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('text' as const), file: fc.constantFrom(...files), ops: textOps, record }) },
);

/** The damaged bytes, and with damage to the text, the text's size (no need to inflate it back). */
function apply(d: Damage): { bytes: Buffer; textBytes?: number } {
  if (d.kind === 'bytes') {
    let b = Buffer.from(original.get(d.file)!);
    for (const { at, op, byte: v } of d.ops) {
      const i = at % (b.length + 1);
      if (op === 0 && i < b.length) b[i] ^= v || 1;
      else if (op === 1) b = Buffer.concat([b.subarray(0, i), Buffer.from([v]), b.subarray(i)]);
      else if (op === 2) b = Buffer.concat([b.subarray(0, i), b.subarray(i + 1)]);
      else b = b.subarray(0, i);
    }
    return { bytes: b };
  }
  const t = garble(texts.get(d.file)!, d.ops);
  // a small deflate state: a KB-sized table needs no 256 KB of it (valid gzip all the same)
  return { bytes: d.file.endsWith('.gz') ? gzipSync(t, { level: 1, memLevel: 1, windowBits: 10 }) : Buffer.from(t), textBytes: Buffer.byteLength(t) };
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

/**
 * The bundle's files with one damaged (and, when recorded, the manifest's entry for it updated). `keep`: a smaller
 * bundle of those files (the manifest lists only them; ICD-10-CM, which every bundle needs, and the damaged file
 * are always in it), when the manifest itself is not the damaged file.
 */
function damaged(d: Damage, keep?: readonly string[]): { files: Map<string, Buffer>; changed: boolean; recorded: boolean } {
  const { bytes, textBytes } = apply(d);
  const changed = !bytes.equals(original.get(d.file)!);
  let out = new Map(original);
  out.set(d.file, bytes);
  const entry = Object.entries(manifest.datasets).find(([, x]) => x.file === d.file);
  const recorded = d.record && !!entry && changed;
  if (!recorded && (!keep || d.file === 'manifest.json')) return { files: out, changed, recorded };
  let datasets = manifest.datasets;
  if (recorded) {
    // damaged gzip bytes that still inflate are damage to the header's free fields (the CRC catches any other
    // change): the recorded size stays
    const uncompressedBytes = textBytes ?? entry![1].uncompressedBytes;
    datasets = { ...datasets, [entry![0]]: { ...entry![1], sha256: bundleDigest(bytes), bytes: bytes.length, uncompressedBytes } };
  }
  if (keep && d.file !== 'manifest.json') {
    const names = new Set(['manifest.json', 'icd10cm.tsv.gz', d.file, ...keep]);
    out = new Map([...out].filter(([f]) => names.has(f)));
    datasets = Object.fromEntries(Object.entries(datasets).filter(([, x]) => names.has(x.file)));
  }
  out.set('manifest.json', Buffer.from(JSON.stringify({ ...manifest, datasets })));
  return { files: out, changed, recorded };
}

const NOTE = 'Dx: M79.64, E11.40, S52.521A, W21.89A, Q87.81, I10\nCPT 99213-25 0264T-QK 27447-50 97014 99292\nHCPCS G0008 J3490\nPOS 11 taxonomy 207Q00000X';

/** Loads, or refuses with a BundleError naming the bundle; a changed file under its old digest is always refused. */
async function loadOrRefuse(load: () => Promise<CodeData>, where: string, d: { file: string }, mustRefuse: boolean): Promise<CodeData | undefined> {
  let data: CodeData;
  try {
    data = await load();
  } catch (e) {
    if (!(e instanceof BundleError)) throw new Error(`loading a damaged ${d.file} threw ${(e as Error)?.name}: ${(e as Error)?.message}`, { cause: e });
    assert.ok(e.message.includes(where), `the BundleError does not name the bundle ${where}: ${e.message}`);
    return undefined;
  }
  assert.ok(!mustRefuse, `${d.file} was changed and its digest not recorded, yet the bundle loaded`);
  return data;
}

const MEMORY_DIR = '/fuzz/bundle';
/**
 * The loader's in-memory source, with the intact files' decompression done once (a pure function of the bytes and
 * the bound: repeating it every case adds nothing); the damaged file is new bytes every case and is inflated anew.
 */
const inflated = new Map<Buffer, { max: number | undefined; out: Buffer }>();
function source(bytes: Map<string, Buffer>): BundleSource {
  const mem = memorySource(MEMORY_DIR, bytes);
  return {
    ...mem,
    gunzip: async (raw, o) => {
      const known = inflated.get(raw);
      if (known && known.max === o.maxOutputLength) return known.out;
      const out = await mem.gunzip(raw, o);
      if ([...original.values()].includes(raw)) inflated.set(raw, { max: o.maxOutputLength, out });
      return out;
    },
  };
}

test('fuzz: bundle loader on mutated bundles (in memory)', async () => {
  let loaded = 0;
  let rejected = 0;
  // most bundles hold a few of the files (each file costs its digest, inflation and decoding; ICD-10-CM and the
  // damaged one are always there), one in six all of them
  const keep = fc.oneof({ weight: 5, arbitrary: fc.subarray(files.filter((f) => f !== 'manifest.json' && f !== 'icd10cm.tsv.gz'), { maxLength: 2 }) }, { weight: 1, arbitrary: fc.constant(undefined) });
  await fuzzAsync('bundle loader (CodeData.loadFrom, mutated bytes in memory)', FILE, fc.tuple(damage, keep), async ([d, k]) => {
    const { files: bytes, changed, recorded } = damaged(d, k);
    const data = await loadOrRefuse(() => CodeData.loadFrom(source(bytes), { withNotes: true }), MEMORY_DIR, d, changed && !recorded && d.file !== 'manifest.json');
    if (!data) {
      rejected++;
      return;
    }
    loaded++;
    checkAnalysis(NOTE, analyze(NOTE, 'note', { data, dateOfService: '2024-06-01' }));
  }, { ms: 120_000 });
  console.log(`bundle loader in memory: ${loaded} damaged bundles loaded, ${rejected} rejected with a BundleError`);
  assert.ok(rejected > 0 && loaded > 0);
});

/** Things in a bundle file's place that only a file system has (each must be refused, never block). */
const SPECIAL = ['fifo', 'directory', 'device', 'missing'] as const;
function putSpecial(file: string, what: (typeof SPECIAL)[number]): void {
  const p = join(dir, file);
  rmSync(p, { force: true });
  if (what === 'fifo') assert.equal(spawnSync('mkfifo', [p]).status, 0, 'mkfifo');
  else if (what === 'directory') mkdirSync(p);
  else if (what === 'device') symlinkSync('/dev/zero', p);
}

test('fuzz: bundle loader on mutated bundles (on disk)', async () => {
  let loaded = 0;
  let rejected = 0;
  const onDisk = fc.oneof({ weight: 4, arbitrary: damage }, { weight: 1, arbitrary: fc.record({ kind: fc.constant('special' as const), file: fc.constantFrom(...files), what: fc.constantFrom(...SPECIAL) }) });
  await fuzzAsync('bundle loader (CodeData.load, mutated files on disk)', FILE, onDisk, async (d) => {
    let mustRefuse = true;
    try {
      if (d.kind === 'special') putSpecial(d.file, d.what);
      else {
        const { files: bytes, changed, recorded } = damaged(d);
        for (const f of new Set([d.file, 'manifest.json'])) writeFileSync(join(dir, f), bytes.get(f)!);
        mustRefuse = changed && !recorded && d.file !== 'manifest.json';
      }
      const data = await loadOrRefuse(() => CodeData.load(dir, { withNotes: true }), dir, d, mustRefuse);
      if (!data) {
        rejected++;
        return;
      }
      loaded++;
      checkAnalysis(NOTE, analyze(NOTE, 'note', { data, dateOfService: '2024-06-01' }));
    } finally {
      for (const f of new Set([d.file, 'manifest.json'])) {
        rmSync(join(dir, f), { recursive: true, force: true });
        writeFileSync(join(dir, f), original.get(f)!);
      }
    }
  }, { ms: 3_000, timeout: 10_000 });
  console.log(`bundle loader on disk: ${loaded} damaged bundles loaded, ${rejected} rejected with a BundleError`);
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
  }, { ms: 30_000 });
  console.log(`damaged tables: ${decoded} decoded and answered a note`);
});
