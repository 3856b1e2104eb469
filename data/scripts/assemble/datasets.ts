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
  MpfsYear,
  MueBundle,
  NuccBundle,
  PosBundle,
} from '../../../server/src/engine/data/bundle-types.js';
import { BuildError, EXIT_DATA, type DerivedEntry, type LoadedSource } from '../lib/sources.js';
import { readZipMember } from '../lib/zip.js';
import { parseAocXlsx } from '../parsers/aoc.js';
import { parseCptModifierTable } from '../parsers/cpt-modifiers.js';
import { parseHcpcsFile } from '../parsers/hcpcs.js';
import { parseIcdOrderAddenda } from '../parsers/icd10cm-addenda.js';
import { parseIcdOrderFile, type IcdOrderRecord } from '../parsers/icd10cm-order.js';
import { parseIcdTabularXml } from '../parsers/icd10cm-tabular.js';
import { parseMpfsCsv } from '../parsers/mpfs.js';
import { mergeMpfsYears, mpfsYearChanges } from './mpfs.js';
import { parseMueCsv } from '../parsers/mue.js';
import { parseNuccCsv } from '../parsers/nucc.js';
import { parsePosFsh } from '../parsers/pos.js';
import {
  applyIcdAddenda,
  checkAddendaTally,
  checkAgainstSummary,
  compareChanges,
  countIcd,
  dayBefore,
  deriveIcdEdition,
  checkIcdStructure,
  diffIcdEditions,
  icdChangesFromAddenda,
  mergeIcdEditions,
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

interface IcdPlan {
  id: string;
  /** codes a derivation added, removed or flipped: their hierarchy is checked */
  touched?: string[];
  edition: string;
  start: string;
  end?: string;
  source: string;
  records: IcdOrderRecord[];
  expect?: Record<string, number>;
  /** the counts in `expect` apply (every file it was built from is checksum-verified) */
  verified: boolean;
  src?: LoadedSource;
}

/**
 * Every ICD-10-CM edition: order files, FY2027 (FY2026 + addenda) and the derived mid-year windows, sorted by start
 * date. Fails (exit 4) on counts that differ from sources.json or from an addenda summary, on a derived edition whose
 * hierarchy is broken, and on windows that do not follow each other; differences between an order-file diff and the
 * official addenda in the same zip are warnings.
 */
export function buildIcd10(srcs: LoadedSource[], derived: DerivedEntry[] = []): BuiltDataset<Icd10Bundle> {
  const log: string[] = [];
  const warnings: string[] = [];
  const plans = new Map<string, IcdPlan>();
  const plan = (id: string, of: string) => plans.get(id) ?? fail(`${of}: ${id} is not a loaded ICD-10-CM source`);
  const guard = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof BuildError) throw e;
      throw new BuildError((e as Error).message, EXIT_DATA);
    }
  };
  const fromFile = (src: LoadedSource, records: IcdOrderRecord[], source: string): IcdPlan => {
    const e = src.entry;
    return { id: e.id, edition: e.edition, start: e.effective ?? '', end: e.end, source, records, expect: e.expect, verified: src.verified, src };
  };
  for (const src of srcs) {
    const order = src.entry.members?.order;
    if (order) plans.set(src.entry.id, fromFile(src, parseIcdOrderFile(member(src, 'order'), order), order));
    else if (!src.entry.basedOn) fail(`sources.json: ICD-10-CM source ${src.entry.id} needs members.order or basedOn`);
  }
  for (const src of srcs.filter((x) => !x.entry.members?.order)) {
    const e = src.entry;
    const base = plan(e.basedOn!, e.id);
    const name = basename(e.path);
    const addenda = parseIcdOrderAddenda(src.bytes, name);
    for (const u of addenda.unrecognized) warnings.push(`${name} line ${u.line}: unrecognised line ignored: "${u.text}"`);
    const records = guard(() => applyIcdAddenda(base.records, addenda, name));
    const problems = [
      ...checkAgainstSummary(countIcd(base.records), addenda.summary, 'previous', base.edition),
      ...checkAgainstSummary(countIcd(records), addenda.summary, 'next', e.edition),
      ...checkAddendaTally(addenda, name),
    ];
    if (problems.length) fail(`${e.id}: derived edition disagrees with the addenda's own summary: ${problems.join('; ')}`);
    if (!addenda.summary.codes && !addenda.summary.headers) warnings.push(`${name}: no summary block, derived counts unchecked`);
    const diff = compareChanges(icdChangesFromAddenda(addenda, e.edition), diffIcdEditions(base.records, records, e.edition));
    if (diff.length) fail(`${e.id}: addenda change list and applied result disagree: ${diff.join('; ')}`);
    log.push(`  ${e.edition}: ${base.edition} + ${name} agrees with the addenda summary ✓`);
    const touched = addenda.records.map((r) => r.code);
    plans.set(e.id, { ...fromFile(src, records, `${base.source} + ${name}`), verified: src.verified && base.verified, touched });
  }
  for (const d of derived) {
    const base = plan(d.basedOn, d.id);
    const from = d.recordsFrom ? plan(d.recordsFrom, d.id) : undefined;
    const records = guard(() => deriveIcdEdition(base.records, { add: d.add, recordsFrom: from?.records, remove: d.remove, billable: d.billable }, d.id));
    const parts = [
      d.add?.length ? `+ ${d.add.join(', ')} from ${from!.source}` : '',
      d.remove?.length ? `- ${d.remove.join(', ')}` : '',
      d.billable?.length ? `${d.billable.join(', ')} billable` : '',
    ].filter(Boolean);
    const touched = [...(d.add ?? []), ...(d.remove ?? []), ...(d.billable ?? [])];
    plans.set(d.id, { id: d.id, edition: d.edition, start: d.effective, end: d.end, source: `${base.source} ${parts.join('; ')}`, records, expect: d.expect, verified: base.verified && (from?.verified ?? true), touched });
  }

  const editions = [...plans.values()].sort((a, b) => a.start.localeCompare(b.start));
  editions.forEach((ed, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(ed.start)) fail(`sources.json: ICD-10-CM ${ed.id} needs an "effective" date`);
    const next = editions[i + 1];
    if (next && next.start === ed.start) fail(`sources.json: ICD-10-CM ${ed.id} and ${next.id} both start on ${ed.start}`);
    const end = next ? dayBefore(next.start) : ed.end ?? '';
    if (ed.end && ed.end !== end) fail(`sources.json: ICD-10-CM ${ed.id} says it ends ${ed.end}, but ${next ? `${next.id} starts ${next.start}` : 'it is the newest edition'}`);
    ed.end = end;
  });
  const problems = editions.flatMap((ed) => (ed.touched ? checkIcdStructure(ed.records, ed.touched, ed.edition) : []));
  if (problems.length) fail(`ICD-10-CM hierarchy: ${problems.join('; ')}`);

  const changes: IcdChange[] = [];
  editions.forEach((ed, i) => {
    const c = countIcd(ed.records);
    log.push(`  ICD-10-CM ${ed.edition} (${ed.start}..${ed.end || 'open'}): ${fmt(c.rows)} rows = ${fmt(c.billable)} billable + ${fmt(c.headers)} headers`);
    expectIcdCounts(ed, c, log);
    if (i > 0) changes.push(diffIcdEditions(editions[i - 1].records, ed.records, ed.edition));
    const addendaName = ed.src?.entry.members?.addenda;
    if (ed.src && addendaName) {
      // the official addenda in the same zip must describe exactly the difference between the order files
      const from = ed.src.entry.addendaFrom ? plan(ed.src.entry.addendaFrom, ed.id) : editions[i - 1];
      if (!from) fail(`${ed.id}: addenda ${addendaName} but no earlier edition to compare with (set "addendaFrom")`);
      const addenda = parseIcdOrderAddenda(member(ed.src, 'addenda'), addendaName);
      const counts = [
        ...checkAgainstSummary(countIcd(from.records), addenda.summary, 'previous', from.edition),
        ...checkAgainstSummary(c, addenda.summary, 'next', ed.edition),
        ...checkAddendaTally(addenda, addendaName),
      ];
      if (counts.length && ed.verified) fail(`${ed.id}: counts differ from the official addenda summary: ${counts.join('; ')}`);
      if (counts.length) warnings.push(`${ed.edition}: counts differ from ${addendaName}: ${counts.join('; ')}`);
      const diff = compareChanges(diffIcdEditions(from.records, ed.records, ed.edition), icdChangesFromAddenda(addenda, ed.edition));
      // title corrections present in the order files but not listed in the addenda (FY2018, FY2022) are only noted
      const editorial = diff.filter((d) => /^revised: only in first \[.*\], only in second \[\]$/.test(d));
      const real = diff.filter((d) => !editorial.includes(d));
      if (real.length) warnings.push(`${ed.edition}: order-file diff vs ${addendaName} (from ${from.edition}): ${real.join('; ')}`);
      else log.push(`    change list ${from.edition} -> ${ed.edition} matches ${addendaName}${counts.length ? '' : ' and its summary counts'} ✓`);
      if (editorial.length) log.push(`    note: ${editorial.join('; ')} (order-file title corrections the addenda do not list)`);
    }
  });
  for (const ch of changes) {
    log.push(`  ${ch.edition} changes: +${ch.added.length} added, -${ch.deleted.length} deleted, ${ch.revised.length} revised, ${ch.becameHeader?.length ?? 0} became header, ${ch.becameBillable?.length ?? 0} became billable`);
  }
  const bundle = guard(() => mergeIcdEditions(editions.map((e) => ({ id: e.edition, start: e.start, end: e.end ?? '', source: e.source, records: e.records })), changes));
  const titled = bundle.rows.filter((r) => r[3]).length;
  log.push(`  ICD-10-CM merged: ${fmt(bundle.rows.length)} codes over ${editions.length} editions; ${fmt(titled)} keep older titles`);
  const newest = editions[editions.length - 1];
  const files = srcs.filter((x) => plans.has(x.entry.id)).sort((a, b) => (a.entry.effective ?? '').localeCompare(b.entry.effective ?? ''));
  return {
    id: 'icd10cm',
    bundle,
    edition: editions.length > 1 ? `${editions[0].edition}-${newest.edition}` : newest.edition,
    effective: newest.start,
    records: bundle.rows.length,
    sources: sourceMap(...files),
    licence: files[0].entry.licence,
    log,
    warnings,
  };
}

/** sources.json `expect` for one ICD-10-CM edition, asserted only when every file it comes from is checksum-verified. */
function expectIcdCounts(ed: IcdPlan, actual: Record<string, number>, log: string[]): void {
  if (!ed.expect) return;
  if (!ed.verified) {
    log.push(`    ${ed.id}: counts not asserted (checksum differs from sources.json)`);
    return;
  }
  const bad = Object.entries(ed.expect).filter(([k, v]) => actual[k] !== undefined && actual[k] !== v);
  if (bad.length) {
    fail(`${ed.id}: record counts differ from data/sources.json "expect": ${bad.map(([k, v]) => `${k} ${fmt(actual[k])} (expected ${fmt(v)})`).join(', ')}. The parser or the file changed; investigate before shipping.`);
  }
  log.push(`    ${ed.id}: ${Object.keys(ed.expect).map((k) => `${k} ${fmt(actual[k])}`).join(', ')} = expected ✓`);
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

/**
 * Every MPFS year (one January relative value file each) merged into one table with year masks. Fails (exit 4) on
 * counts that differ from sources.json, on a file whose title names another year than its entry, and on two files
 * for one year.
 */
export function buildMpfs(srcs: LoadedSource[], includeCptDescriptors: boolean): BuiltDataset<MpfsBundle> {
  const log: string[] = [];
  const warnings: string[] = [];
  const inputs = srcs.map((src) => {
    const e = src.entry;
    const year = Number(/^(\d{4})-01-01$/.exec(e.effective ?? '')?.[1]);
    if (!year) fail(`sources.json: MPFS ${e.id} needs "effective": "YYYY-01-01" (its calendar year)`);
    const name = e.members?.rvu ?? '';
    let r: ReturnType<typeof parseMpfsCsv>;
    try {
      r = parseMpfsCsv(member(src, 'rvu'), { includeCptDescriptors });
    } catch (err) {
      if (err instanceof BuildError) throw err;
      fail(`${e.id} (${name}): ${(err as Error).message}`);
    }
    if (r.titleYear !== undefined && r.titleYear !== year) fail(`${e.id}: ${name} says "${r.title}", but sources.json gives it the year ${year}`);
    if (r.titleYear === undefined) warnings.push(`${e.id}: ${name} has no "… Physician Fee Schedule …" title line; its year (${year}) is taken from sources.json`);
    log.push(
      `  MPFS ${e.edition}: ${fmt(r.rows.length)} code/modifier rows (${fmt(new Set(r.rows.map((x) => x[0])).size)} codes); licensed (CPT/CDT) descriptors ${includeCptDescriptors ? 'kept' : `removed from ${fmt(r.descriptorsRemoved)} rows`}` +
        (r.skipped.length ? `; skipped non-data line(s) ${r.skipped.map((s) => `${s.line} ${JSON.stringify(s.text.slice(0, 12))}`).join(', ')}` : ''),
    );
    expectCounts(src, { rows: r.rows.length }, log);
    const y: MpfsYear = { id: `CY${year}`, year, edition: e.edition, start: `${year}-01-01`, end: `${year}-12-31`, rows: r.rows.length, source: name };
    return { year: y, rows: r.rows };
  });
  let bundle: MpfsBundle;
  try {
    bundle = mergeMpfsYears(inputs);
  } catch (err) {
    fail((err as Error).message);
  }
  for (const c of mpfsYearChanges(bundle)) {
    log.push(`  MPFS ${c.id}: ${fmt(c.codes)} codes${c.id === bundle.years[0].id ? '' : ` (+${fmt(c.added)} added, -${fmt(c.dropped)} dropped, ${fmt(c.changed)} with changed indicators vs the year before)`}`);
  }
  const sum = bundle.years.reduce((n, y) => n + y.rows, 0);
  log.push(`  MPFS merged: ${fmt(bundle.rows.length)} distinct code/modifier/indicator rows for ${fmt(sum)} rows over ${bundle.years.length} years`);
  const newest = bundle.years[bundle.years.length - 1];
  const files = [...srcs].sort((a, b) => (a.entry.effective ?? '').localeCompare(b.entry.effective ?? ''));
  return {
    id: 'mpfs',
    bundle,
    edition: bundle.edition,
    effective: newest.start,
    records: bundle.rows.length,
    sources: sourceMap(...files),
    licence: files[files.length - 1].entry.licence,
    log,
    warnings,
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
