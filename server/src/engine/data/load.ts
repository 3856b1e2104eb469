import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { BUNDLE_FORMAT_VERSION, DATASET_FILES, type DatasetId, type Manifest } from './bundle-types';

const gunzipAsync = promisify(gunzip);

/** A bundle problem the user can act on: the message names the file and what to do. */
export class BundleError extends Error {
  constructor(message: string, readonly file?: string) {
    super(message);
    this.name = 'BundleError';
  }
}

const REBUILD_HINT = 'Run `npm run build:data` (or reinstall the extension) to rebuild the code data bundle.';

export async function readManifest(dir: string): Promise<Manifest> {
  const file = join(dir, 'manifest.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new BundleError(`Code data bundle not found: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? e}). ${REBUILD_HINT}`, file);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch {
    throw new BundleError(`Code data manifest ${file} is not valid JSON (corrupt or truncated). ${REBUILD_HINT}`, file);
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new BundleError(`Code data manifest ${file} is not a JSON object (corrupt). ${REBUILD_HINT}`, file);
  }
  if (manifest.formatVersion !== BUNDLE_FORMAT_VERSION) {
    throw new BundleError(
      `Code data bundle ${file} has format version ${manifest.formatVersion}; this version of Clinical Codes needs ${BUNDLE_FORMAT_VERSION}. ${REBUILD_HINT}`,
      file,
    );
  }
  if (typeof manifest.datasets !== 'object' || manifest.datasets === null) {
    throw new BundleError(`Code data manifest ${file} lists no datasets (corrupt). ${REBUILD_HINT}`, file);
  }
  return manifest;
}

/** Reads and decompresses one dataset asynchronously (no synchronous I/O on the request path). */
export async function readDataset<T>(dir: string, id: DatasetId): Promise<T> {
  const { file, json } = await readGz(dir, id);
  try {
    return JSON.parse(json) as T;
  } catch {
    throw new BundleError(`Code data file ${file} is corrupt (not valid JSON after decompression). ${REBUILD_HINT}`, file);
  }
}

/** A text (non-JSON) dataset, decompressed. */
export async function readText(dir: string, id: DatasetId): Promise<string> {
  return (await readGz(dir, id)).json;
}

async function readGz(dir: string, id: DatasetId): Promise<{ file: string; json: string }> {
  const file = join(dir, DATASET_FILES[id]);
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (e) {
    throw new BundleError(`Code data file missing: ${file} (${(e as NodeJS.ErrnoException).code ?? e}). ${REBUILD_HINT}`, file);
  }
  let json: string;
  try {
    // one large chunk: the default 16 KB chunks cost a thread-pool round trip each
    json = (await gunzipAsync(raw, { chunkSize: 1 << 24 })).toString('utf8');
  } catch {
    throw new BundleError(`Code data file ${file} is corrupt (not valid gzip). ${REBUILD_HINT}`, file);
  }
  return { file, json };
}
