import {
  DATASET_FILES,
  type AocBundle,
  type CptModifiersBundle,
  type HcpcsBundle,
  type HcpcsModifierRow,
  type Icd10Bundle,
  type Icd10NotesBundle,
  type Manifest,
  type MpfsBundle,
  type MpfsYear,
  type MueBundle,
  type NuccBundle,
  type PosBundle,
} from './data/bundle-types';
import { BundleError, REBUILD_HINT, datasetPath, diskSource, readBytes, readDataset, readManifest, readText, type BundleSource } from './data/load';
import { PtpTable, type PtpBundle } from './data/ptp-codec';
import { PtpEdits } from './systems/ptp';
import { IcdStore } from './data/icd-codec';
import { TableStore, type Cell } from './data/table-codec';
import { Icd10System } from './systems/icd10cm';
import { ProcedureSystem } from './systems/procedures';
import { ModifierSystem } from './systems/modifiers';
import { PlaceOfServiceSystem } from './systems/pos';
import { TaxonomySystem } from './systems/taxonomy';

type Table<H> = TableStore<H>;
type EditionHead = { edition: string };

/** In-memory bundles (tests) or decoded tables (loaded from disk). */
export interface Bundles {
  manifest?: Manifest;
  icd10cm: IcdStore | Icd10Bundle;
  icd10cmNotes?: Icd10NotesBundle;
  hcpcs?: HcpcsBundle | Table<EditionHead & { modifiers: HcpcsModifierRow[] }>;
  mpfs?: MpfsBundle | Table<EditionHead & { years: MpfsYear[] }>;
  mue?: MueBundle | Table<EditionHead>;
  aoc?: AocBundle | Table<EditionHead>;
  /** NCCI PTP edits given in memory (tests); a bundle directory's are read lazily (`CodeData.ptp.load()`) */
  ptp?: PtpBundle | PtpTable;
  nucc?: NuccBundle | Table<EditionHead>;
  pos?: PosBundle | Table<EditionHead>;
  cptModifiers?: CptModifiersBundle;
}

function table<H extends object>(b: ({ rows: readonly (readonly Cell[])[] } & H) | Table<H> | undefined): Table<H> | undefined {
  if (!b || b instanceof TableStore) return b;
  const { rows, ...head } = b;
  return TableStore.fromRows(head as unknown as H, rows);
}

/** The datasets stored as tables on disk (the others are JSON). */
type TableId = 'hcpcs' | 'mpfs' | 'mue' | 'aoc' | 'nucc' | 'pos';

/** Every code system the engine judges against, built from loaded bundles. */
export class CodeData {
  readonly icd10: Icd10System;
  readonly procedures: ProcedureSystem;
  readonly modifiers: ModifierSystem;
  readonly taxonomy: TaxonomySystem;
  readonly pos: PlaceOfServiceSystem;
  readonly ptp: PtpEdits;
  readonly manifest: Manifest | undefined;

  constructor(b: Bundles, ptpLoader?: { edition: string; load: () => Promise<PtpTable> }) {
    this.manifest = b.manifest;
    this.icd10 = new Icd10System(b.icd10cm instanceof IcdStore ? b.icd10cm : IcdStore.fromBundle(b.icd10cm));
    if (b.icd10cmNotes) this.icd10.attachNotes(b.icd10cmNotes);
    const hcpcs = table<EditionHead & { modifiers: HcpcsModifierRow[] }>(b.hcpcs as never);
    this.procedures = new ProcedureSystem({ hcpcs, mpfs: table<EditionHead & { years: MpfsYear[] }>(b.mpfs as never), mue: table<EditionHead>(b.mue as never), aoc: table<EditionHead>(b.aoc as never) });
    this.modifiers = new ModifierSystem({ cpt: b.cptModifiers, hcpcs: hcpcs?.head.modifiers });
    this.taxonomy = new TaxonomySystem(table<EditionHead>(b.nucc as never));
    this.pos = new PlaceOfServiceSystem(table<EditionHead>(b.pos as never));
    const ptp = b.ptp instanceof PtpTable ? b.ptp : b.ptp ? PtpTable.fromBundle(b.ptp) : undefined;
    this.ptp = new PtpEdits(ptp, ptp?.edition ?? ptpLoader?.edition, ptpLoader?.load);
  }

  /**
   * Loads a built bundle directory: every file is read and decompressed concurrently (async, thread pool);
   * tables only have their line starts indexed. The tabular notes (hover only) are left for `loadNotes`
   * unless `withNotes` is true.
   */
  static load(dir: string, opts: { withNotes?: boolean } = {}): Promise<CodeData> {
    return CodeData.loadFrom(diskSource(dir), opts);
  }

  /** `load` from any source: `memorySource` loads a bundle's bytes without the disk (tests, the fuzz suite). */
  static async loadFrom(src: BundleSource, opts: { withNotes?: boolean } = {}): Promise<CodeData> {
    const { dir } = src;
    const manifest = await readManifest(src);
    const has = (id: keyof Manifest['datasets']) => manifest.datasets[id] !== undefined;
    const tableOf = (id: TableId) =>
      has(id) ? readText(src, manifest, id).then((text) => decodeTable(dir, id, text)) : Promise.resolve(undefined);
    const [icd10cm, icd10cmNotes, hcpcs, mpfs, mue, aoc, nucc, pos, cptModifiers] = await Promise.all([
      readText(src, manifest, 'icd10cm').then((text) => decode(dir, 'icd10cm', () => IcdStore.decode(text))),
      opts.withNotes && has('icd10cmNotes') ? readDataset<Icd10NotesBundle>(src, manifest, 'icd10cmNotes') : Promise.resolve(undefined),
      tableOf('hcpcs'),
      tableOf('mpfs'),
      tableOf('mue'),
      tableOf('aoc'),
      tableOf('nucc'),
      tableOf('pos'),
      has('cptModifiers') ? readDataset<CptModifiersBundle>(src, manifest, 'cptModifiers') : Promise.resolve(undefined),
    ]);
    const ptp = manifest.datasets.ptp;
    const ptpLoader = ptp && { edition: ptp.edition, load: () => readBytes(src, manifest, 'ptp').then(({ bytes }) => decode(dir, 'ptp', () => PtpTable.decode(bytes))) };
    try {
      return new CodeData({ manifest, icd10cm, icd10cmNotes, hcpcs: hcpcs as never, mpfs: mpfs as never, mue, aoc, nucc, pos, cptModifiers }, ptpLoader);
    } catch (e) {
      // every file matched its digest, yet the data does not fit together: a build of another version
      throw new BundleError(`Code data bundle ${dir} is inconsistent (${(e as Error).message}). ${REBUILD_HINT}`, dir);
    }
  }

  /** Loads the tabular notes after start-up (hover needs them, diagnostics do not) and attaches them. */
  async loadNotes(dir: string): Promise<void> {
    if (this.icd10.notesEdition || !this.manifest?.datasets.icd10cmNotes) return;
    this.icd10.attachNotes(await readDataset<Icd10NotesBundle>(dir, this.manifest, 'icd10cmNotes'));
  }
}

function decode<T>(dir: string, id: keyof typeof DATASET_FILES, f: () => T): T {
  try {
    return f();
  } catch (e) {
    const file = datasetPath(dir, id);
    throw new BundleError(`Code data file ${file} is corrupt (${(e as Error).message}). ${REBUILD_HINT}`, file);
  }
}

function decodeTable(dir: string, id: keyof typeof DATASET_FILES, text: string): Table<EditionHead> {
  return decode(dir, id, () => TableStore.decode<EditionHead>(text, id));
}
