import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BundleError, CodeData, analyze, type Manifest } from '../../../server/src/engine';
import { bundleDigest, memorySource } from '../../../server/src/engine/data/load';
import { writeFixtureBundle } from '../../integration/helpers';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function bundle(): string {
  const d = writeFixtureBundle();
  dirs.push(d);
  return d;
}
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
const writeManifest = (dir: string, m: unknown) => writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
/** Replaces a dataset file and, when `rehash`, records its new digest and sizes (a consistent but wrong bundle). */
function replaceFile(dir: string, file: string, text: string | Buffer, rehash: boolean, uncompressed?: number): void {
  const gz = typeof text === 'string' ? gzipSync(text) : text;
  writeFileSync(join(dir, file), gz);
  if (!rehash) return;
  const m = manifestOf(dir);
  const id = Object.entries(m.datasets).find(([, d]) => d.file === file)![0] as keyof Manifest['datasets'];
  m.datasets[id] = { ...m.datasets[id]!, sha256: bundleDigest(gz), bytes: gz.length, uncompressedBytes: uncompressed ?? Buffer.byteLength(text as string) };
  writeManifest(dir, m);
}
const icdText = (dir: string) => gunzipSync(readFileSync(join(dir, 'icd10cm.tsv.gz'))).toString('utf8');

/** CodeData.load must reject with a BundleError naming `file` whose message matches `why` and says what to do. */
async function refuses(dir: string, file: string, why: RegExp): Promise<void> {
  await assert.rejects(CodeData.load(dir, { withNotes: true }), (e: unknown) => {
    assert.ok(e instanceof BundleError, `a BundleError, not ${(e as Error)?.stack ?? e}`);
    assert.equal(e.file, join(dir, file));
    assert.ok(e.message.includes(join(dir, file)), e.message);
    assert.match(e.message, why);
    assert.match(e.message, /npm run build:data/);
    return true;
  });
}

test('a fixture bundle as the build writes it loads and judges', async () => {
  const data = await CodeData.load(bundle(), { withNotes: true });
  const f = analyze('Dx: M79.64', 'note', { data, dateOfService: '2024-01-01' }).findings;
  assert.deepEqual(f.map((x) => x.ruleId), ['icd10.header-not-billable']);
});

test('rows of the ICD-10-CM table shuffled inside valid gzip are refused (the findings would differ silently)', async () => {
  const dir = bundle();
  const [head, ...rows] = icdText(dir).trimEnd().split('\n');
  replaceFile(dir, 'icd10cm.tsv.gz', `${[head, ...rows.reverse()].join('\n')}\n`, false);
  await refuses(dir, 'icd10cm.tsv.gz', /(changed|replaced) or damaged after the build/);
});

test('0.1% of the bytes changed inside valid gzip is refused', async () => {
  const dir = bundle();
  const text = Buffer.from(icdText(dir), 'utf8');
  const size = readFileSync(join(dir, 'icd10cm.tsv.gz')).length;
  // one digit in a thousand bytes (at least one), in the rows after the header line
  const digits = [...text.keys()].filter((i) => i > text.indexOf(10) && text[i] >= 0x30 && text[i] <= 0x39);
  const n = Math.max(1, Math.round(text.length / 1000));
  for (let k = 0; k < n; k++) {
    const at = digits[Math.floor(((k + 0.5) * digits.length) / n)];
    text[at] = 0x30 + ((text[at] - 0x30 + 1) % 10);
  }
  // regzipped at the same level it may even keep its size: the digest still tells
  replaceFile(dir, 'icd10cm.tsv.gz', gzipSync(text), false);
  const now = readFileSync(join(dir, 'icd10cm.tsv.gz')).length;
  await refuses(dir, 'icd10cm.tsv.gz', now === size ? /does not match the sha256 its manifest records/ : /bytes, but the manifest records/);
});

test('a manifest that is null, has no datasets or a string format version names the manifest and the problem', async () => {
  const dir = bundle();
  const m = manifestOf(dir);
  writeManifest(dir, null);
  await refuses(dir, 'manifest.json', /not usable: it holds null, not a manifest object/);
  writeManifest(dir, { ...m, datasets: undefined });
  await refuses(dir, 'manifest.json', /"datasets" is missing, not an object/);
  writeManifest(dir, { ...m, datasets: {} });
  await refuses(dir, 'manifest.json', /lists no ICD-10-CM dataset/);
  writeManifest(dir, { ...m, formatVersion: String(m.formatVersion) });
  await refuses(dir, 'manifest.json', new RegExp(`"formatVersion" is the string "${m.formatVersion}", not the number ${m.formatVersion}`));
  writeManifest(dir, { ...m, formatVersion: 3 });
  await refuses(dir, 'manifest.json', /has format version 3; this version of Clinical Codes needs \d+/);
  writeManifest(dir, { ...m, datasets: { ...m.datasets, hcpcs: { ...m.datasets.hcpcs, sha256: undefined } } });
  await refuses(dir, 'manifest.json', /"datasets\.hcpcs"\.sha256 is missing, not a sha256 digest/);
  writeManifest(dir, { ...m, datasets: { ...m.datasets, hcpcs: { ...m.datasets.hcpcs, file: '../../etc/passwd' } } });
  await refuses(dir, 'manifest.json', /"datasets\.hcpcs"\.file is the string "\.\.\/\.\.\/etc\/passwd", expected "hcpcs\.tsv\.gz"/);
});

test('an ICD-10-CM header with an empty edition list is refused at load, not by every later request', async () => {
  const dir = bundle();
  const text = icdText(dir);
  const nl = text.indexOf('\n');
  const head = JSON.parse(text.slice(0, nl));
  replaceFile(dir, 'icd10cm.tsv.gz', `${JSON.stringify({ ...head, editions: [] })}${text.slice(nl)}`, true);
  await refuses(dir, 'icd10cm.tsv.gz', /corrupt \(ICD-10-CM data header lists no editions\)/);
});

test('a FIFO or a directory in place of a bundle file is refused without opening it', async (t) => {
  const dir = bundle();
  const fifo = join(dir, 'hcpcs.tsv.gz');
  unlinkSync(fifo);
  if (spawnSync('mkfifo', [fifo]).status !== 0) return t.skip('mkfifo is not available');
  // opening a FIFO with no writer would block a thread-pool thread (and the load) for ever
  await refuses(dir, 'hcpcs.tsv.gz', /not a regular file/);
  const m = join(dir, 'manifest.json');
  const kept = readFileSync(m);
  unlinkSync(m);
  spawnSync('mkfifo', [m]);
  await refuses(dir, 'manifest.json', /not a regular file/);
  unlinkSync(m);
  writeFileSync(m, kept);
});

test('a gzip bomb in place of a bundle file is refused before it is decompressed, or at the recorded size', async () => {
  const dir = bundle();
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  replaceFile(dir, 'mpfs.tsv.gz', bomb, false);
  await refuses(dir, 'mpfs.tsv.gz', /bytes, but the manifest records/);
  // even with a manifest that matches the bomb's digest, decompression stops at the size the build recorded
  replaceFile(dir, 'mpfs.tsv.gz', bomb, true, 4096);
  await refuses(dir, 'mpfs.tsv.gz', /decompresses to more than the 4096 bytes the manifest records/);
});

test('a truncated file and a file that is not gzip are refused, naming the file', async () => {
  const dir = bundle();
  const gz = readFileSync(join(dir, 'nucc.tsv.gz'));
  replaceFile(dir, 'nucc.tsv.gz', gz.subarray(0, gz.length - 10), false);
  await refuses(dir, 'nucc.tsv.gz', /bytes, but the manifest records/);
  replaceFile(dir, 'nucc.tsv.gz', Buffer.from('not gzip at all'), true, 10);
  await refuses(dir, 'nucc.tsv.gz', /not valid gzip/);
  rmSync(join(dir, 'nucc.tsv.gz'));
  await refuses(dir, 'nucc.tsv.gz', /missing.*ENOENT/);
});

test('a bundle held in memory (memorySource) loads and judges as the same bundle on disk does, with the same checks', async () => {
  const dir = bundle();
  const bytes = new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
  const note = 'Dx: M79.64, E11.40, S52.521A\nCPT 99213-25 0264T-QK\nPOS 11';
  const judge = (data: CodeData) => JSON.stringify(analyze(note, 'note', { data, dateOfService: '2024-01-01' }).findings);
  assert.equal(judge(await CodeData.loadFrom(memorySource(dir, bytes), { withNotes: true })), judge(await CodeData.load(dir, { withNotes: true })));
  // a changed byte under the recorded digest, and a missing file: refused naming the file, as on disk
  const hcpcs = Buffer.from(bytes.get('hcpcs.tsv.gz')!);
  hcpcs[hcpcs.length - 9] ^= 1;
  for (const [files, why] of [[new Map([...bytes, ['hcpcs.tsv.gz', hcpcs]]), /does not match the sha256/], [new Map([...bytes].filter(([f]) => f !== 'hcpcs.tsv.gz')), /missing/]] as const) {
    await assert.rejects(CodeData.loadFrom(memorySource(dir, files)), (e: unknown) => e instanceof BundleError && e.file === join(dir, 'hcpcs.tsv.gz') && why.test(e.message));
  }
});
