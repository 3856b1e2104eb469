import { basename } from 'node:path';
import type {
  AocBundle,
  CptModifiersBundle,
  DatasetId,
  HcpcsBundle,
  Icd10Bundle,
  Icd10NotesBundle,
  IcdChange,
  MpfsBundle,
  MueBundle,
  NuccBundle,
  PosBundle,
} from '../../../server/src/engine/data/bundle-types.js';
import { BuildError, EXIT_DATA, type LoadedSource } from '../lib/sources.js';
import { readZipMember } from '../lib/zip.js';
import { parseAocXlsx } from '../parsers/aoc.js';
import { parseCptModifierTable } from '../parsers/cpt-modifiers.js';
import { parseHcpcsFile } from '../parsers/hcpcs.js';
import { parseIcdOrderAddenda } from '../parsers/icd10cm-addenda.js';
import { parseIcdOrderFile, type IcdOrderRecord } from '../parsers/icd10cm-order.js';
import { parseIcdTabularXml } from '../parsers/icd10cm-tabular.js';
import { parseMpfsCsv } from '../parsers/mpfs.js';
import { parseMueCsv } from '../parsers/mue.js';
import { parseNuccCsv } from '../parsers/nucc.js';
import { parsePosFsh } from '../parsers/pos.js';
import {
  applyIcdAddenda,
  checkAddendaTally,
  checkAgainstSummary,
  compareChanges,
  countIcd,
  diffIcdEditions,
  icdChangesFromAddenda,
  mergeIcdEditions,
  type IcdEditionInput,
} from './icd10cm.js';

/**
 * Turns loaded source files into bundles (no file system access here: bytes in, bundle out), plus the facts the
 * manifest needs. Each builder also returns log lines and warnings for the build summary.
 */
export interface BuiltDataset<T = unknown> {
  id: DatasetId;
  bundle: T;
  edition: string;
  effective?: string;
  records: number;
  /** file name → sha256 */
  sources: Record<string, string>;
  licence: string;
  log: string[];
  warnings: string[];
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function member(src: LoadedSource, role: string): Uint8Array {
  const name = src.entry.members?.[role];
  if (!name) throw new BuildError(`sources.json: ${src.entry.id} has no members.${role}`, EXIT_DATA);
  const bytes = readZipMember(src.bytes, name);
  if (!bytes) throw new BuildError(`${src.file}: zip has no member "${name}" (members.${role} in data/sources.json)`, EXIT_DATA);
  return bytes;
}

/** Asserts sources.json `expect` counts, only for the checksum-verified official file. */
function expectCounts(src: LoadedSource, actual: Record<string, number>, log: string[]): void {
  const exp = src.entry.expect;
  if (!exp) return;
  if (!src.verified) {
    log.push(`  ${src.entry.id}: counts not asserted (checksum differs from sources.json)`);
    return;
  }
  const bad = Object.entries(exp).filter(([k, v]) => actual[k] !== undefined && actual[k] !== v);
  if (bad.length) {
    throw new BuildError(
      `${src.entry.id}: record counts differ from data/sources.json "expect": ${bad.map(([k, v]) => `${k} ${fmt(actual[k])} (expected ${fmt(v)})`).join(', ')}. ` +
        `The parser or the file changed; investigate before shipping.`,
      EXIT_DATA,
    );
  }
  log.push(`  ${src.entry.id}: ${Object.keys(exp).map((k) => `${k} ${fmt(actual[k])}`).join(', ')} = expected ✓`);
}

const sourceMap = (...srcs: LoadedSource[]) => Object.fromEntries(srcs.map((s) => [basename(s.entry.path), s.sha256]));

function fail(msg: string): never {
  throw new BuildError(msg, EXIT_DATA);
}

export function buildIcd10(srcs: LoadedSource[]): BuiltDataset<Icd10Bundle> {
  const log: string[] = [];
  const warnings: string[] = [];
  const ordered = [...srcs].sort((a, b) => (a.entry.effective ?? '').localeCompare(b.entry.effective ?? ''));
  const byId = new Map<string, IcdOrderRecord[]>();
  const editions: IcdEditionInput[] = [];
  const changes: IcdChange[] = [];
  for (const src of ordered) {
    const e = src.entry;
    const base = { id: e.edition, start: e.effective ?? '', end: e.end ?? '' };
    let records: IcdOrderRecord[];
    let source: string;
    if (e.members?.order) {
      records = parseIcdOrderFile(member(src, 'order'), e.members.order);
      source = e.members.order;
      const prev = editions[editions.length - 1];
      if (prev) {
        const change = diffIcdEditions(prev.records, records, e.edition);
        changes.push(change);
        if (e.members.addenda) {
          // the official addenda in the same zip must describe exactly the difference we computed
          const addenda = parseIcdOrderAddenda(member(src, 'addenda'), e.members.addenda);
          const diff = compareChanges(change, icdChangesFromAddenda(addenda, e.edition));
          const counts = [
            ...checkAgainstSummary(countIcd(prev.records), addenda.summary, 'previous', prev.id),
            ...checkAgainstSummary(countIcd(records), addenda.summary, 'next', e.edition),
            ...checkAddendaTally(addenda, e.members.addenda),
          ];
          if (diff.length || counts.length) warnings.push(`${e.edition}: order-file diff vs ${e.members.addenda}: ${[...diff, ...counts].join('; ')}`);
          else log.push(`  ${e.edition}: change list matches ${e.members.addenda} ✓`);
        }
      }
    } else if (e.basedOn) {
      const baseRecords = byId.get(e.basedOn) ?? fail(`${e.id}: basedOn ${e.basedOn} is not an earlier ICD-10-CM source`);
      const baseEdition = editions.find((x) => x.records === baseRecords);
      const name = basename(e.path);
      const addenda = parseIcdOrderAddenda(src.bytes, name);
      for (const u of addenda.unrecognized) warnings.push(`${name} line ${u.line}: unrecognised line ignored: "${u.text}"`);
      records = applyIcdAddenda(baseRecords, addenda, name);
      source = `${baseEdition?.source ?? e.basedOn} + ${name}`;
      const problems = [
        ...checkAgainstSummary(countIcd(baseRecords), addenda.summary, 'previous', e.basedOn),
        ...checkAgainstSummary(countIcd(records), addenda.summary, 'next', e.edition),
        ...checkAddendaTally(addenda, name),
      ];
      if (problems.length) fail(`${e.id}: derived edition disagrees with the addenda's own summary: ${problems.join('; ')}`);
      if (!addenda.summary.codes && !addenda.summary.headers) warnings.push(`${name}: no summary block, derived counts unchecked`);
      const change = icdChangesFromAddenda(addenda, e.edition);
      const diff = compareChanges(change, diffIcdEditions(baseRecords, records, e.edition));
      if (diff.length) fail(`${e.id}: addenda change list and applied result disagree: ${diff.join('; ')}`);
      changes.push(change);
    } else {
      fail(`sources.json: ICD-10-CM source ${e.id} needs members.order or basedOn`);
    }
    const c = countIcd(records);
    log.push(`  ICD-10-CM ${e.edition}: ${fmt(c.rows)} rows = ${fmt(c.billable)} billable + ${fmt(c.headers)} headers`);
    expectCounts(src, c, log);
    byId.set(e.id, records);
    editions.push({ ...base, source, records });
  }
  for (const ch of changes) {
    log.push(`  ${ch.edition} changes: +${ch.added.length} added, -${ch.deleted.length} deleted, ${ch.revised.length} revised, ${ch.becameHeader?.length ?? 0} became header, ${ch.becameBillable?.length ?? 0} became billable`);
  }
  const bundle = mergeIcdEditions(editions, changes);
  const newest = editions[editions.length - 1];
  return {
    id: 'icd10cm',
    bundle,
    edition: editions.length > 1 ? `${editions[0].id}-${newest.id}` : newest.id,
    effective: newest.start,
    records: bundle.rows.length,
    sources: sourceMap(...ordered),
    licence: ordered[0].entry.licence,
    log,
    warnings,
  };
}

/** A tabular XML to use: either the configured (checksum-checked) fallback or a newer file found in the sources dir. */
export interface TabularInput {
  fileName: string;
  xml: Uint8Array;
  edition: string;
  sources: Record<string, string>;
  licence: string;
  effective?: string;
}

export function buildIcd10Notes(input: TabularInput): BuiltDataset<Icd10NotesBundle> {
  const bundle = parseIcdTabularXml(input.xml, input.edition);
  const notes = Object.keys(bundle.notes).length;
  return {
    id: 'icd10cmNotes',
    bundle,
    edition: input.edition,
    effective: input.effective,
    records: notes,
    sources: input.sources,
    licence: input.licence,
    log: [`  tabular ${input.fileName} (${input.edition}): ${bundle.chapters.length} chapters, ${bundle.sections.length} sections, ${fmt(notes)} coded note sets, ${Object.keys(bundle.seventh).length} 7th-character definitions`],
    warnings: [],
  };
}

export function buildHcpcs(src: LoadedSource): BuiltDataset<HcpcsBundle> {
  const name = src.entry.members?.records ?? '';
  const r = parseHcpcsFile(member(src, 'records'), name);
  const log = [`  HCPCS ${src.entry.edition}: ${fmt(r.rows.length)} procedure codes, ${r.modifiers.length} Level II modifiers`];
  expectCounts(src, { rows: r.rows.length, modifiers: r.modifiers.length }, log);
  // blank over-long lines are cosmetic (log only); data past column 320 could mean a layout change (manifest warning)
  const warnings = r.warnings.filter((w) => w.includes('data past'));
  log.push(...r.warnings.filter((w) => !w.includes('data past')).map((w) => `  note: ${w}`));
  return {
    id: 'hcpcs',
    bundle: { edition: src.entry.edition, rows: r.rows, modifiers: r.modifiers },
    edition: src.entry.edition,
    effective: src.entry.effective,
    records: r.rows.length + r.modifiers.length,
    sources: sourceMap(src),
    licence: src.entry.licence,
    log,
    warnings,
  };
}

export function buildMpfs(src: LoadedSource, includeCptDescriptors: boolean): BuiltDataset<MpfsBundle> {
  const r = parseMpfsCsv(member(src, 'rvu'), { includeCptDescriptors });
  const log = [
    `  MPFS ${src.entry.edition}: ${fmt(r.rows.length)} code/modifier rows; licensed (CPT/CDT) descriptors ${includeCptDescriptors ? 'kept' : `removed from ${fmt(r.descriptorsRemoved)} rows`}` +
      (r.skipped.length ? `; skipped non-data line(s) ${r.skipped.map((s) => `${s.line} ${JSON.stringify(s.text.slice(0, 12))}`).join(', ')}` : ''),
  ];
  expectCounts(src, { rows: r.rows.length }, log);
  return {
    id: 'mpfs',
    bundle: { edition: src.entry.edition, rows: r.rows },
    edition: src.entry.edition,
    effective: src.entry.effective,
    records: r.rows.length,
    sources: sourceMap(src),
    licence: src.entry.licence,
    log,
    warnings: [],
  };
}

export function buildMue(src: LoadedSource): BuiltDataset<MueBundle> {
  const r = parseMueCsv(src.bytes);
  const log = [`  MUE ${src.entry.edition}: ${fmt(r.rows.length)} codes`];
  expectCounts(src, { rows: r.rows.length }, log);
  return simple('mue', src, { edition: src.entry.edition, rows: r.rows }, r.rows.length, log);
}

export function buildAoc(src: LoadedSource): BuiltDataset<AocBundle> {
  const r = parseAocXlsx(src.bytes);
  const addOns = new Set(r.rows.map((x) => x[0])).size;
  const log = [`  AOC ${src.entry.edition}: ${fmt(r.rows.length)} edits for ${fmt(addOns)} add-on codes`];
  expectCounts(src, { rows: r.rows.length }, log);
  return simple('aoc', src, { edition: src.entry.edition, rows: r.rows }, r.rows.length, log);
}

export function buildNucc(src: LoadedSource): BuiltDataset<NuccBundle> {
  const rows = parseNuccCsv(src.bytes);
  const log = [`  NUCC ${src.entry.edition}: ${fmt(rows.length)} taxonomy codes`];
  expectCounts(src, { rows: rows.length }, log);
  return simple('nucc', src, { edition: src.entry.edition, rows }, rows.length, log);
}

export function buildPos(src: LoadedSource): BuiltDataset<PosBundle> {
  const rows = parsePosFsh(src.bytes);
  const log = [`  POS: ${rows.length} assigned place-of-service codes`];
  expectCounts(src, { rows: rows.length }, log);
  return simple('pos', src, { edition: src.entry.edition, rows }, rows.length, log);
}

export function buildCptModifiers(json: string, fileName: string, sha: string): BuiltDataset<CptModifiersBundle> {
  const bundle = parseCptModifierTable(json);
  return {
    id: 'cptModifiers',
    bundle,
    edition: bundle.edition,
    records: bundle.rows.length,
    sources: { [fileName]: sha },
    licence: 'Clinical Codes project table (MIT): our own short wording based on public CMS material; not AMA CPT descriptor text.',
    log: [`  CPT modifier table: ${bundle.rows.length} modifiers`],
    warnings: [],
  };
}

function simple<T>(id: DatasetId, src: LoadedSource, bundle: T, records: number, log: string[]): BuiltDataset<T> {
  return { id, bundle, edition: src.entry.edition, effective: src.entry.effective, records, sources: sourceMap(src), licence: src.entry.licence, log, warnings: [] };
}
