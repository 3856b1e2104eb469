/**
 * Data build: raw official code files → gzip-compressed bundles + manifest.json (types and file names in
 * server/src/engine/data/bundle-types.ts; ICD-10-CM uses the runtime's text codec, icd-codec.ts). Usage:
 *
 *   tsx data/scripts/build-data.ts [--sources DIR] [--out DIR] [--ncci-ptp PATH …] [--no-cpt-descriptors] [--allow-checksum-mismatch]
 *
 * Sources dir: --sources, else $CLINICAL_CODES_SOURCES, else <repo>/../shared/codesets. Out dir: <repo>/dist/data.
 * NCCI PTP edits (not in sources.json): --ncci-ptp PATH (repeatable), else $CLINICAL_CODES_NCCI_PTP (paths joined
 * by the path delimiter): directories, zips, TXT or xlsx files of the ccipra-*-f1..f4 parts; none: no PTP data.
 * Exit codes: 0 ok, 1 unexpected error (bug: stack trace printed), 2 required source missing, 3 checksum mismatch,
 * 4 data check failed (counts, cross-checks, malformed records), 64 bad command line.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUNDLE_FORMAT_VERSION, DATASET_FILES, type DatasetId, type Icd10Bundle, type Manifest } from '../../server/src/engine/data/bundle-types.js';
import { encodeIcd } from '../../server/src/engine/data/icd-codec.js';
import { bundleDigest } from '../../server/src/engine/data/load.js';
import { encodeRowsBundle } from '../../server/src/engine/data/table-codec.js';
import { encodePtp, type PtpBundle } from '../../server/src/engine/data/ptp-codec.js';
import { buildPtp, findPtpParts } from './assemble/ptp.js';
import {
  buildAoc,
  buildCptModifiers,
  buildHcpcs,
  buildIcd10,
  buildIcd10Notes,
  buildMpfs,
  buildMue,
  buildNucc,
  buildPos,
  member,
  type BuiltDataset,
  type TabularInput,
} from './assemble/datasets.js';
import { buildWordIndexDataset } from './assemble/word-index.js';
import { BuildError, EXIT_DATA, loadSources, loadSourcesConfig, sha256, walkFiles, type LoadedSource } from './lib/sources.js';
import { listZip, readZipMember } from './lib/zip.js';
import { tabularEditionFromName } from './parsers/icd10cm-tabular.js';

export interface BuildOptions {
  sourcesDir: string;
  outDir: string;
  /** keep CMS short descriptors of CPT (and CDT) codes in mpfs.json.gz; false for public packaging */
  includeCptDescriptors: boolean;
  allowChecksumMismatch: boolean;
  /** NCCI PTP part files or directories holding them (none: the bundle has no PTP edits) */
  ptpPaths?: string[];
  /** default <repo>/data/sources.json */
  configFile?: string;
  /** default <repo>/data/tables/cpt-modifiers.json */
  modifiersFile?: string;
  /** default <repo>/data/tables/word-synonyms.json */
  synonymsFile?: string;
  log?: (line: string) => void;
  /** build timestamp (default now, or $SOURCE_DATE_EPOCH for reproducible builds) */
  now?: Date;
}

export interface BuildResult {
  manifest: Manifest;
  /** rawBytes = before gzip */
  files: { dataset: DatasetId; file: string; edition: string; records: number; rawBytes: number; bytes: number }[];
  totalBytes: number;
  ms: number;
}

/** Repo root: two levels above this script when run as a CLI, else the nearest ancestor of cwd with data/sources.json. */
export function findRepoRoot(): string {
  const script = process.argv[1];
  if (script && /build-data\.ts$/.test(script)) return resolve(dirname(script), '..', '..');
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'data', 'sources.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** Datasets with a non-JSON on-disk form (the runtime's codec); everything else is JSON.stringify. */
const asTable = (b: unknown) => encodeRowsBundle(b as { rows: (string | number)[][] });
const ENCODERS: Partial<Record<DatasetId, (bundle: unknown) => string | Uint8Array>> = {
  icd10cm: (b) => encodeIcd(b as Icd10Bundle),
  hcpcs: asTable,
  mpfs: asTable,
  mue: asTable,
  aoc: asTable,
  nucc: asTable,
  pos: asTable,
  ptp: (b) => encodePtp(b as PtpBundle),
};

const TABULAR_RE = /icd10cm[-_]tabular[-_](\d{4})\.xml$/i;

/**
 * Picks the ICD-10-CM tabular XML: the newest icd10cm_tabular_YYYY.xml found anywhere under the sources dir,
 * loose or inside a zip; the configured (checksum-checked) fallback wins ties.
 */
function selectTabular(sourcesDir: string, fallback: LoadedSource | undefined, warnings: string[]): TabularInput | undefined {
  type Candidate = { year: number; file: string; member?: string };
  const candidates: Candidate[] = [];
  const fallbackPath = fallback ? resolve(fallback.file) : undefined;
  for (const rel of existsSync(sourcesDir) ? walkFiles(sourcesDir) : []) {
    const file = join(sourcesDir, rel);
    const m = TABULAR_RE.exec(rel);
    if (m) candidates.push({ year: Number(m[1]), file });
    else if (/\.zip$/i.test(rel) && resolve(file) !== fallbackPath) {
      const bytes = new Uint8Array(readFileSync(file));
      for (const name of listZip(bytes)) {
        const mm = TABULAR_RE.exec(name);
        if (mm) candidates.push({ year: Number(mm[1]), file, member: name });
      }
    }
  }
  const fallbackMember = fallback?.entry.members?.tabular;
  const fallbackYear = fallbackMember ? Number(TABULAR_RE.exec(fallbackMember)?.[1] ?? 0) : 0;
  const best = candidates.sort((a, b) => b.year - a.year)[0];
  if (fallback && (!best || best.year <= fallbackYear)) {
    const edition = fallback.entry.edition;
    warnings.push(`ICD-10-CM instructional notes come from the ${edition} tabular XML (${basename(fallback.entry.path)}): they may be outdated for current codes`);
    return {
      fileName: fallbackMember ?? basename(fallback.entry.path),
      xml: member(fallback, 'tabular'),
      edition,
      effective: fallback.entry.effective,
      sources: { [basename(fallback.entry.path)]: fallback.sha256 },
      licence: fallback.entry.licence,
    };
  }
  if (!best) return undefined;
  const bytes = new Uint8Array(readFileSync(best.file));
  const xml = best.member ? readZipMember(bytes, best.member) : bytes;
  if (!xml) throw new BuildError(`${best.file}: cannot read member ${best.member}`, EXIT_DATA);
  const fileName = best.member ?? basename(best.file);
  const edition = tabularEditionFromName(fileName) ?? `FY${best.year}`;
  warnings.push(`ICD-10-CM tabular XML ${basename(best.file)}${best.member ? ` (${best.member})` : ''} found and used (${edition}); it has no checksum in data/sources.json`);
  return {
    fileName,
    xml,
    edition,
    effective: `${best.year - 1}-10-01`,
    sources: { [basename(best.file)]: sha256(bytes) },
    licence: fallback?.entry.licence ?? 'ICD-10-CM is published by CDC NCHS and CMS; a U.S. Government work that may be used and redistributed freely.',
  };
}

export function buildData(opts: BuildOptions): BuildResult {
  const started = performance.now();
  const log = opts.log ?? ((line: string) => console.log(line));
  const root = findRepoRoot();
  const configFile = opts.configFile ?? join(root, 'data', 'sources.json');
  const modifiersFile = opts.modifiersFile ?? join(root, 'data', 'tables', 'cpt-modifiers.json');
  const synonymsFile = opts.synonymsFile ?? join(root, 'data', 'tables', 'word-synonyms.json');
  const cfg = loadSourcesConfig(configFile);
  log(`sources: ${opts.sourcesDir}`);
  const { loaded, warnings } = loadSources(cfg, opts.sourcesDir, opts.allowChecksumMismatch);
  const ofDataset = (id: DatasetId) => cfg.sources.filter((s) => s.dataset === id).flatMap((s) => loaded.get(s.id) ?? []);
  const one = (id: DatasetId) => ofDataset(id)[0];

  const built: BuiltDataset[] = [];
  const run = (make: () => BuiltDataset) => {
    const d = make();
    built.push(d);
    d.log.forEach((l) => log(l));
    warnings.push(...d.warnings);
  };
  run(() => buildIcd10(ofDataset('icd10cm'), cfg.derived ?? []));
  const tabular = selectTabular(opts.sourcesDir, one('icd10cmNotes'), warnings);
  if (tabular) run(() => buildIcd10Notes(tabular));
  const hcpcs = one('hcpcs');
  if (hcpcs) run(() => buildHcpcs(hcpcs));
  const mpfs = ofDataset('mpfs');
  if (mpfs.length) run(() => buildMpfs(mpfs, opts.includeCptDescriptors));
  const mue = one('mue');
  if (mue) run(() => buildMue(mue));
  const aoc = one('aoc');
  if (aoc) run(() => buildAoc(aoc));
  const nucc = one('nucc');
  if (nucc) run(() => buildNucc(nucc));
  const pos = one('pos');
  if (pos) run(() => buildPos(pos));
  if (opts.ptpPaths?.length) {
    const paths = opts.ptpPaths;
    run(() => buildPtp(findPtpParts(paths)));
  } else log('  NCCI PTP: no files given (CLINICAL_CODES_NCCI_PTP or --ncci-ptp): the bundle has no PTP edits');
  const modJson = readFileSync(modifiersFile);
  run(() => buildCptModifiers(modJson.toString('utf8'), basename(modifiersFile), sha256(modJson)));
  // last: it indexes the titles of the datasets above
  const synJson = readFileSync(synonymsFile);
  run(() => buildWordIndexDataset(built, synJson.toString('utf8'), basename(synonymsFile), sha256(synJson)));

  mkdirSync(opts.outDir, { recursive: true });
  // a dataset dropped this time must not leave last build's file behind
  for (const [id, file] of Object.entries(DATASET_FILES)) {
    if (!built.some((d) => d.id === id)) rmSync(join(opts.outDir, file), { force: true });
  }
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const now = opts.now ?? (epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date());
  const manifest: Manifest = {
    formatVersion: BUNDLE_FORMAT_VERSION,
    builtAt: now.toISOString(),
    cptDescriptorsIncluded: opts.includeCptDescriptors && built.some((d) => d.id === 'mpfs'),
    datasets: {},
    warnings,
  };
  const files: BuildResult['files'] = [];
  for (const d of built) {
    const file = DATASET_FILES[d.id];
    const encoded = d.bundle instanceof Uint8Array ? d.bundle : (ENCODERS[d.id]?.(d.bundle) ?? JSON.stringify(d.bundle));
    const raw = typeof encoded === 'string' ? Buffer.from(encoded, 'utf8') : Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
    // PTP: level 9 takes ~10× as long on its 10 MB of repetitive columns for 4% less
    const gz = gzipSync(raw, { level: d.id === 'ptp' ? 6 : 9 });
    writeFileSync(join(opts.outDir, file), gz);
    manifest.datasets[d.id] = { file, sha256: bundleDigest(gz), bytes: gz.length, uncompressedBytes: raw.length, edition: d.edition, ...(d.effective ? { effective: d.effective } : {}), records: d.records, sources: d.sources, licence: d.licence };
    files.push({ dataset: d.id, file, edition: d.edition, records: d.records, rawBytes: raw.length, bytes: gz.length });
  }
  writeFileSync(join(opts.outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, files, totalBytes: files.reduce((n, f) => n + f.bytes, 0), ms: performance.now() - started };
}

export function formatSummary(r: BuildResult, outDir: string): string {
  const rows = r.files.map((f) => [f.dataset, f.edition, f.records.toLocaleString('en-US'), f.bytes.toLocaleString('en-US'), f.rawBytes.toLocaleString('en-US')]);
  rows.push(['total', '', '', r.totalBytes.toLocaleString('en-US'), r.files.reduce((n, f) => n + f.rawBytes, 0).toLocaleString('en-US')]);
  const head = ['dataset', 'edition', 'records', 'bytes (gz)', 'uncompressed'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  ');
  return [
    line(head),
    line(w.map((n) => '-'.repeat(n))),
    ...rows.map(line),
    '',
    `CPT descriptors included: ${r.manifest.cptDescriptorsIncluded ? 'yes (local build: do not redistribute)' : 'no'}`,
    ...(r.manifest.warnings.length ? ['warnings:', ...r.manifest.warnings.map((x) => `  - ${x}`)] : []),
    `wrote ${r.files.length} datasets + manifest.json to ${outDir} in ${(r.ms / 1000).toFixed(1)} s`,
  ].join('\n');
}

const USAGE = 'usage: tsx data/scripts/build-data.ts [--sources DIR] [--out DIR] [--ncci-ptp PATH ...] [--no-cpt-descriptors] [--allow-checksum-mismatch]';

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv, root: string): BuildOptions | 'help' {
  const opts: BuildOptions = {
    sourcesDir: env.CLINICAL_CODES_SOURCES || resolve(root, '..', 'shared', 'codesets'),
    outDir: join(root, 'dist', 'data'),
    includeCptDescriptors: true,
    allowChecksumMismatch: false,
    ptpPaths: env.CLINICAL_CODES_NCCI_PTP ? env.CLINICAL_CODES_NCCI_PTP.split(delimiter).filter(Boolean).map((p) => resolve(p)) : undefined,
  };
  let ptpFromArgs: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new BuildError(`${a} needs a ${a === '--ncci-ptp' ? 'directory or file' : 'directory'}\n${USAGE}`, 64);
      return resolve(v);
    };
    if (a === '--sources') opts.sourcesDir = value();
    else if (a === '--out') opts.outDir = value();
    else if (a === '--ncci-ptp') (ptpFromArgs ??= []).push(value());
    else if (a === '--no-cpt-descriptors') opts.includeCptDescriptors = false;
    else if (a === '--allow-checksum-mismatch') opts.allowChecksumMismatch = true;
    else if (a === '--help' || a === '-h') return 'help';
    else throw new BuildError(`unknown argument "${a}"\n${USAGE}`, 64);
  }
  if (ptpFromArgs) opts.ptpPaths = ptpFromArgs;
  return opts;
}

function main(): void {
  try {
    const opts = parseArgs(process.argv.slice(2), process.env, findRepoRoot());
    if (opts === 'help') {
      console.log(USAGE);
      return;
    }
    const result = buildData(opts);
    console.log(`\n${formatSummary(result, opts.outDir)}`);
  } catch (e) {
    if (e instanceof BuildError) {
      console.error(`build-data: ${e.message}`);
      process.exitCode = e.exitCode;
    } else {
      console.error(e);
      process.exitCode = 1;
    }
  }
}

if (process.argv[1] && /build-data\.ts$/.test(process.argv[1])) main();
