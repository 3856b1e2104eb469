import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gunzip, gunzipSync, type ZlibOptions } from 'node:zlib';
import { promisify } from 'node:util';
import { BUNDLE_FORMAT_VERSION, DATASET_FILES, type DatasetId, type Manifest, type ManifestDataset } from './bundle-types';

const gunzipAsync = promisify(gunzip);

/** A bundle problem the user can act on: the message names the file and what to do. */
export class BundleError extends Error {
  constructor(message: string, readonly file?: string) {
    super(message);
    this.name = 'BundleError';
  }
}

export const REBUILD_HINT = 'Run `npm run build:data` (or reinstall the extension) to rebuild the code data bundle.';

/** The manifest is a few KB; a FIFO, a device or a huge file in its place must not hang or fill memory. */
const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Far above any dataset (the largest, ICD-10-CM, is ~1.2 MB compressed, ~10 MB decompressed). */
const MAX_DATASET_BYTES = 64 * 1024 * 1024;
const MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024;

/** sha256 of a bundle file as written: recorded by the build, compared on load. */
export function bundleDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

interface FileRead {
  what: string;
  /** the message when the file does not exist or cannot be stat'ed */
  missing: (file: string, code: string) => string;
  max: number;
  /** the size the manifest records: anything else is refused before reading */
  expected?: number;
}

/**
 * Where a bundle's files come from: its directory (`diskSource`, what CodeData.load reads), or bytes held in memory
 * (`memorySource`: tests and the fuzz suite load damaged bundles without the disk). Every check after the read
 * (sizes, digests, bounded decompression, decoding) is the same for both.
 */
export interface BundleSource {
  /** the directory messages name */
  readonly dir: string;
  /** a file's bytes, within `o`'s bounds (else a BundleError naming it) */
  read(file: string, o: FileRead): Promise<Buffer>;
  gunzip(raw: Buffer, o: ZlibOptions): Promise<Buffer>;
}

function checkSize(file: string, size: number, o: FileRead): void {
  if (o.expected !== undefined && size !== o.expected) {
    throw new BundleError(`${o.what} ${file} is ${size} bytes, but the manifest records ${o.expected}: it was replaced or damaged after the build. ${REBUILD_HINT}`, file);
  }
  if (size > o.max) throw new BundleError(`${o.what} ${file} is ${(size / 1048576).toFixed(1)} MB, more than a bundle file can be (${o.max / 1048576} MB). ${REBUILD_HINT}`, file);
}

/**
 * Reads a regular file of a bounded (or the expected) size; never blocks on a FIFO or a device. The file is opened
 * first (O_NONBLOCK: opening a FIFO does not wait for a writer) and its open descriptor checked: a check of the path
 * before the open would leave a window in which a FIFO put in the file's place blocks a thread-pool thread forever
 * (the fuzz suite replaced files while an earlier load's reads were still in flight, and hung).
 */
async function readBounded(file: string, o: FileRead): Promise<Buffer> {
  let h: FileHandle;
  try {
    h = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = String((e as NodeJS.ErrnoException).code ?? e);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new BundleError(o.missing(file, code), file);
    throw new BundleError(`${o.what} ${file} cannot be read (${code}). ${REBUILD_HINT}`, file);
  }
  try {
    let size: number;
    try {
      const s = await h.stat();
      if (!s.isFile()) throw new BundleError(`${o.what} ${file} is not a regular file (a directory, device or pipe is in its place). ${REBUILD_HINT}`, file);
      size = s.size;
    } catch (e) {
      if (e instanceof BundleError) throw e;
      throw new BundleError(o.missing(file, String((e as NodeJS.ErrnoException).code ?? e)), file);
    }
    checkSize(file, size, o);
    try {
      // exactly the size checked: a file that grows meanwhile does not grow the buffer (a shorter one fails its digest)
      const buf = Buffer.allocUnsafe(size);
      let got = 0;
      while (got < size) {
        const { bytesRead } = await h.read(buf, got, size - got, got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return buf.subarray(0, got);
    } catch (e) {
      throw new BundleError(`${o.what} ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? e}). ${REBUILD_HINT}`, file);
    }
  } finally {
    await h.close().catch(() => undefined);
  }
}

/** The bundle directory on disk: regular files only, read and decompressed asynchronously (thread pool). */
export function diskSource(dir: string): BundleSource {
  return { dir, read: readBounded, gunzip: (raw, o) => gunzipAsync(raw, o) };
}

/**
 * A bundle held in memory: file name → bytes, as the build writes them to `dir` (a name for messages). Decompressed
 * synchronously: a small bundle loads in tens of microseconds, so a fuzz target can load one per case.
 */
export function memorySource(dir: string, files: ReadonlyMap<string, Uint8Array>): BundleSource {
  return {
    dir,
    read: async (file, o) => {
      const bytes = files.get(basename(file)); // a bundle is one flat directory
      if (!bytes) throw new BundleError(o.missing(file, 'ENOENT'), file);
      checkSize(file, bytes.length, o);
      return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    gunzip: async (raw, o) => gunzipSync(raw, o),
  };
}

const sourceOf = (where: string | BundleSource): BundleSource => (typeof where === 'string' ? diskSource(where) : where);

export async function readManifest(where: string | BundleSource): Promise<Manifest> {
  const src = sourceOf(where);
  const file = join(src.dir, 'manifest.json');
  const text = (
    await src.read(file, {
      what: 'Code data manifest',
      max: MAX_MANIFEST_BYTES,
      missing: (f, code) => `Code data bundle not found: cannot read ${f} (${code}). ${REBUILD_HINT}`,
    })
  ).toString('utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new BundleError(`Code data manifest ${file} is not valid JSON (corrupt or truncated). ${REBUILD_HINT}`, file);
  }
  return validateManifest(raw, file);
}

const describeValue = (v: unknown): string =>
  v === undefined ? 'missing' : v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `the string ${JSON.stringify(v.slice(0, 40))}` : typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;

/** Checks the manifest's shape: every later step trusts it (file names, sizes, digests). */
function validateManifest(raw: unknown, file: string): Manifest {
  const bad = (why: string) => new BundleError(`Code data manifest ${file} is not usable: ${why}. ${REBUILD_HINT}`, file);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad(`it holds ${describeValue(raw)}, not a manifest object`);
  const m = raw as Record<string, unknown>;
  if (typeof m.formatVersion !== 'number') throw bad(`"formatVersion" is ${describeValue(m.formatVersion)}, not the number ${BUNDLE_FORMAT_VERSION}`);
  if (m.formatVersion !== BUNDLE_FORMAT_VERSION) {
    throw new BundleError(`Code data bundle ${file} has format version ${m.formatVersion}; this version of Clinical Codes needs ${BUNDLE_FORMAT_VERSION}. ${REBUILD_HINT}`, file);
  }
  const ds = m.datasets;
  if (typeof ds !== 'object' || ds === null || Array.isArray(ds)) throw bad(`"datasets" is ${describeValue(ds)}, not an object of datasets`);
  const datasets = ds as Record<string, unknown>;
  if (datasets.icd10cm === undefined) throw bad('it lists no ICD-10-CM dataset ("datasets.icd10cm"), which every check needs');
  for (const id of Object.keys(DATASET_FILES) as DatasetId[]) {
    const d = datasets[id];
    if (d === undefined) continue;
    const at = `"datasets.${id}"`;
    if (typeof d !== 'object' || d === null || Array.isArray(d)) throw bad(`${at} is ${describeValue(d)}, not an object`);
    const e = d as Record<string, unknown>;
    if (e.file !== DATASET_FILES[id]) throw bad(`${at}.file is ${describeValue(e.file)}, expected "${DATASET_FILES[id]}"`);
    if (typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256)) throw bad(`${at}.sha256 is ${describeValue(e.sha256)}, not a sha256 digest`);
    for (const k of ['bytes', 'uncompressedBytes'] as const) {
      if (typeof e[k] !== 'number' || !Number.isSafeInteger(e[k]) || (e[k] as number) < 0) throw bad(`${at}.${k} is ${describeValue(e[k])}, not a byte count`);
    }
    if (typeof e.edition !== 'string') throw bad(`${at}.edition is ${describeValue(e.edition)}, not a string`);
  }
  if (typeof m.cptDescriptorsIncluded !== 'boolean') throw bad(`"cptDescriptorsIncluded" is ${describeValue(m.cptDescriptorsIncluded)}, not true or false`);
  if (m.warnings !== undefined && !(Array.isArray(m.warnings) && m.warnings.every((w) => typeof w === 'string'))) throw bad('"warnings" is not a list of strings');
  return { ...(m as unknown as Manifest), warnings: (m.warnings as string[] | undefined) ?? [] };
}

export function datasetPath(dir: string, id: DatasetId): string {
  return join(dir, DATASET_FILES[id]);
}

/** Reads and decompresses one dataset asynchronously (no synchronous I/O on the request path). */
export async function readDataset<T>(where: string | BundleSource, manifest: Manifest, id: DatasetId): Promise<T> {
  const { file, text } = await readGz(where, manifest, id);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new BundleError(`Code data file ${file} is corrupt (not valid JSON after decompression). ${REBUILD_HINT}`, file);
  }
}

/** A text (non-JSON) dataset, decompressed. */
export async function readText(where: string | BundleSource, manifest: Manifest, id: DatasetId): Promise<string> {
  return (await readGz(where, manifest, id)).text;
}

/**
 * A dataset file exactly as the build wrote it: a regular file of the recorded size and sha256 (shuffled rows or a
 * changed byte inside valid gzip would otherwise load and give different findings), decompressed with its output
 * bounded by the recorded size (a gzip bomb stops there).
 */
export async function readBytes(where: string | BundleSource, manifest: Manifest, id: DatasetId): Promise<{ file: string; bytes: Uint8Array }> {
  const src = sourceOf(where);
  const { dir } = src;
  const file = datasetPath(dir, id);
  const entry: ManifestDataset | undefined = manifest.datasets[id];
  if (!entry) throw new BundleError(`Code data manifest ${join(dir, 'manifest.json')} does not list ${DATASET_FILES[id]}. ${REBUILD_HINT}`, file);
  const raw = await src.read(file, {
    what: 'Code data file',
    max: MAX_DATASET_BYTES,
    expected: entry.bytes,
    missing: (f, code) => `Code data file missing: ${f} (${code}). ${REBUILD_HINT}`,
  });
  if (bundleDigest(raw) !== entry.sha256) {
    throw new BundleError(`Code data file ${file} does not match the sha256 its manifest records: it was changed or damaged after the build. ${REBUILD_HINT}`, file);
  }
  let out: Buffer;
  try {
    // one chunk of the recorded size: the default 16 KB chunks cost a thread-pool round trip each, and a fixed
    // 16 MB chunk made every dataset (even the 13 KB POS table) a view of a 16 MB buffer — 160 MB of external
    // memory at start-up (full collections) and 16 MB kept alive by the word index's 2.4 MB
    const max = Math.max(1, Math.min(MAX_UNCOMPRESSED_BYTES, entry.uncompressedBytes));
    out = await src.gunzip(raw, { chunkSize: Math.min(1 << 24, Math.max(64, max + 1)), maxOutputLength: max });
  } catch (e) {
    const tooLarge = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError;
    throw new BundleError(`Code data file ${file} is corrupt (${tooLarge ? `decompresses to more than the ${entry.uncompressedBytes} bytes the manifest records` : 'not valid gzip'}). ${REBUILD_HINT}`, file);
  }
  // the promise resolves inside zlib's callback, where the Gunzip stream (and its output buffer, the whole dataset)
  // is a stack root: a caller that went on synchronously (the CLI checks every file that way) kept 14 MB of ICD-10-CM
  // bytes alive beside their decoded text for the whole run. Continue from a fresh macrotask.
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (out.length !== entry.uncompressedBytes) {
    throw new BundleError(`Code data file ${file} is corrupt (decompresses to ${out.length} bytes, the manifest records ${entry.uncompressedBytes}). ${REBUILD_HINT}`, file);
  }
  return { file, bytes: out };
}

async function readGz(where: string | BundleSource, manifest: Manifest, id: DatasetId): Promise<{ file: string; text: string }> {
  const { file, bytes } = await readBytes(where, manifest, id);
  return { file, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') };
}
