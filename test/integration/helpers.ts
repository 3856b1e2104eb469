import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUNDLE_FORMAT_VERSION, DATASET_FILES, encodeIcd, encodeRowsBundle, type Bundles, type Manifest } from '../../server/src/engine';
import { bundleDigest } from '../../server/src/engine/data/load';
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
    const gz = gzipSync(body);
    writeFileSync(join(dir, DATASET_FILES[key]), gz);
    datasets[key] = { file: DATASET_FILES[key], sha256: bundleDigest(gz), bytes: gz.length, uncompressedBytes: Buffer.byteLength(body), edition: 'fixture', records: 0, sources: {}, licence: 'test fixture' };
  }
  const manifest: Manifest = { formatVersion: BUNDLE_FORMAT_VERSION, builtAt: new Date().toISOString(), cptDescriptorsIncluded: true, datasets, warnings: [] };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', env: { ...process.env, ...opts.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A finding as `clinical-codes check --format json` writes it. */
export interface CliFinding {
  start: { line: number; character: number };
  end: { line: number; character: number };
  ruleId: string;
  severity: string;
  code: string;
  system?: string;
  message: string;
  claim?: { id: string; line?: number };
}

/** The built CLI's JSON findings for one file (exit 0 or 1 expected). */
export function checkJson(file: string, ...args: string[]): CliFinding[] {
  const r = runCli(['check', file, '--format', 'json', ...args]);
  if (r.code !== 0 && r.code !== 1) throw new Error(`clinical-codes check ${file} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as CliFinding[];
}

/** "rule code @line:col [claim/line]": 1-based line:col, as an editor shows them. */
export const brief = (o: CliFinding[]) =>
  o.map((f) => `${f.ruleId} ${f.code} @${f.start.line + 1}:${f.start.character + 1}${f.claim ? ` [${f.claim.id}${f.claim.line !== undefined ? `/${f.claim.line}` : ''}]` : ''}`);
