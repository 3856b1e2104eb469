import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DatasetId } from '../../../server/src/engine/data/bundle-types.js';

/** One entry of data/sources.json (see the $comment there). */
export interface SourceEntry {
  id: string;
  dataset: DatasetId;
  title: string;
  publisher: string;
  edition: string;
  effective?: string;
  end?: string;
  url: string;
  path: string;
  format: 'zip' | 'txt' | 'csv' | 'xlsx' | 'fsh' | 'xml';
  sha256: string;
  bytes?: number;
  required: boolean;
  members?: Record<string, string>;
  basedOn?: string;
  /** source id the addenda member is relative to, when not the chronologically previous edition */
  addendaFrom?: string;
  memberOf?: string;
  expect?: Record<string, number>;
  licence: string;
  notes?: string;
}

/**
 * An ICD-10-CM date window with no official file of its own (data/sources.json "derived"): the records of
 * `basedOn`, plus `add` (records taken from `recordsFrom`), minus `remove`, with `billable` headers turned back
 * into billable codes.
 */
export interface DerivedEntry {
  id: string;
  dataset: 'icd10cm';
  title: string;
  edition: string;
  effective: string;
  end?: string;
  basedOn: string;
  add?: string[];
  recordsFrom?: string;
  remove?: string[];
  billable?: string[];
  expect?: Record<string, number>;
  notes?: string;
}

export interface SourcesConfig {
  formatVersion: number;
  sources: SourceEntry[];
  derived?: DerivedEntry[];
}

/** An expected failure: printed as a message without a stack trace, with its own exit code. */
export class BuildError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'BuildError';
  }
}

export const EXIT_MISSING_SOURCE = 2;
export const EXIT_CHECKSUM = 3;
export const EXIT_DATA = 4;

export function loadSourcesConfig(file: string): SourcesConfig {
  const cfg = JSON.parse(readFileSync(file, 'utf8')) as SourcesConfig;
  if (!Array.isArray(cfg.sources)) throw new Error(`${file}: "sources" must be an array`);
  const ids = new Set<string>();
  for (const s of cfg.sources) {
    for (const k of ['id', 'dataset', 'path', 'url', 'sha256', 'licence', 'edition'] as const) {
      if (typeof s[k] !== 'string' || !s[k]) throw new Error(`${file}: source ${s.id ?? '?'} lacks "${k}"`);
    }
    if (ids.has(s.id)) throw new Error(`${file}: duplicate source id ${s.id}`);
    ids.add(s.id);
  }
  for (const d of cfg.derived ?? []) {
    for (const k of ['id', 'edition', 'effective', 'basedOn'] as const) {
      if (typeof d[k] !== 'string' || !d[k]) throw new Error(`${file}: derived edition ${d.id ?? '?'} lacks "${k}"`);
    }
    if (d.dataset !== 'icd10cm') throw new Error(`${file}: derived edition ${d.id}: only ICD-10-CM windows can be derived`);
    if (d.add?.length && !d.recordsFrom) throw new Error(`${file}: derived edition ${d.id}: "add" needs "recordsFrom"`);
    for (const ref of [d.basedOn, d.recordsFrom]) {
      if (ref !== undefined && !ids.has(ref)) throw new Error(`${file}: derived edition ${d.id} refers to unknown source ${ref}`);
    }
    if (ids.has(d.id)) throw new Error(`${file}: duplicate source id ${d.id}`);
    ids.add(d.id);
  }
  return cfg;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface LoadedSource {
  entry: SourceEntry;
  file: string;
  bytes: Uint8Array;
  sha256: string;
  /** sha256 equals the value in sources.json (so `expect` counts apply) */
  verified: boolean;
}

export interface LoadResult {
  loaded: Map<string, LoadedSource>;
  warnings: string[];
}

/**
 * Reads every source: all missing required files are reported together (exit 2), then checksums are compared
 * (exit 3 unless allowed). Optional missing files only add a warning.
 */
export function loadSources(cfg: SourcesConfig, sourcesDir: string, allowChecksumMismatch: boolean): LoadResult {
  const loaded = new Map<string, LoadedSource>();
  const warnings: string[] = [];
  const missing: string[] = [];
  for (const entry of cfg.sources) {
    const file = join(sourcesDir, entry.path);
    if (!existsSync(file)) {
      const how = `${entry.title}\n    expected at: ${file}\n    download:    ${entry.url}${entry.memberOf ? `\n    note:        ${entry.memberOf}` : ''}`;
      if (entry.required) missing.push(`  - ${entry.path}: ${how}`);
      else warnings.push(`optional source ${entry.id} (${entry.path}) not found in ${sourcesDir}: dataset "${entry.dataset}" omitted. Download: ${entry.url}`);
      continue;
    }
    const bytes = new Uint8Array(readFileSync(file));
    loaded.set(entry.id, { entry, file, bytes, sha256: sha256(bytes), verified: false });
  }
  if (missing.length) {
    throw new BuildError(
      `missing required source file(s) in ${sourcesDir}:\n${missing.join('\n')}\n` +
        `Put the official files there (or pass --sources DIR / set CLINICAL_CODES_SOURCES). Never copy them into the repo.`,
      EXIT_MISSING_SOURCE,
    );
  }
  const mismatched: string[] = [];
  for (const s of loaded.values()) {
    s.verified = s.sha256 === s.entry.sha256.toLowerCase();
    if (!s.verified) {
      mismatched.push(`  - ${s.file}\n    expected sha256 ${s.entry.sha256}\n    actual   sha256 ${s.sha256}`);
    }
  }
  if (mismatched.length && !allowChecksumMismatch) {
    throw new BuildError(
      `checksum mismatch for ${mismatched.length} source file(s):\n${mismatched.join('\n')}\n` +
        `The file is not the one data/sources.json was written for (corrupt download, or a newer release). ` +
        `Re-download it from the official URL in data/sources.json; if it is a deliberate update, put the new sha256 (and edition/expect counts) ` +
        `into data/sources.json, or build anyway with --allow-checksum-mismatch.`,
      EXIT_CHECKSUM,
    );
  }
  for (const s of loaded.values()) {
    if (!s.verified) warnings.push(`checksum mismatch accepted for ${s.entry.path} (expected ${s.entry.sha256.slice(0, 16)}…, got ${s.sha256.slice(0, 16)}…); record counts not asserted`);
  }
  return { loaded, warnings };
}

/** All files under dir (relative paths), skipping dot-directories. */
export function walkFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walkFiles(p, base));
    else out.push(relative(base, p));
  }
  return out.sort();
}
