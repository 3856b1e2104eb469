import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUNDLE_FORMAT_VERSION, DATASET_FILES, encodeIcd, encodeRowsBundle, type Bundles, type Manifest } from '../../server/src/engine';
import { fixtureBundles } from '../unit/engine/fixture-data';

export const ROOT = resolve(__dirname, '..', '..');
export const SEEDS = resolve(ROOT, '..', 'shared', 'seeds');
export const CLI = join(ROOT, 'bin', 'clinical-codes.js');

/** Writes the hand-written fixture code data as a real bundle directory (same files the build writes). */
export function writeFixtureBundle(overrides: Partial<Bundles> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bundle-'));
  const b = { ...fixtureBundles(), ...overrides };
  const datasets: Manifest['datasets'] = {};
  for (const [id, value] of Object.entries(b)) {
    if (id === 'manifest' || value === undefined) continue;
    const key = id as keyof typeof DATASET_FILES;
    const body = key === 'icd10cm' ? encodeIcd(value as never) : DATASET_FILES[key].endsWith('.tsv.gz') ? encodeRowsBundle(value as never) : JSON.stringify(value);
    writeFileSync(join(dir, DATASET_FILES[key]), gzipSync(body));
    datasets[key] = { file: DATASET_FILES[key], edition: 'fixture', records: 0, sources: {}, licence: 'test fixture' };
  }
  const manifest: Manifest = { formatVersion: BUNDLE_FORMAT_VERSION, builtAt: new Date().toISOString(), cptDescriptorsIncluded: true, datasets, warnings: [] };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', env: { ...process.env, ...opts.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
