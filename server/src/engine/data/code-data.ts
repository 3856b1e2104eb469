import type {
  AocBundle,
  CptModifiersBundle,
  HcpcsBundle,
  Icd10Bundle,
  Icd10NotesBundle,
  Manifest,
  MpfsBundle,
  MueBundle,
  NuccBundle,
  PosBundle,
} from './bundle-types';
import { BundleError, readDataset, readManifest, readText } from './load';
import { DATASET_FILES } from './bundle-types';
import { IcdStore } from './icd-codec';
import { Icd10System } from '../systems/icd10cm';
import { ProcedureSystem } from '../systems/procedures';
import { ModifierSystem } from '../systems/modifiers';
import { PlaceOfServiceSystem, TaxonomySystem } from '../systems/taxonomy';

export interface Bundles {
  manifest?: Manifest;
  /** decoded store, or rows in memory (tests) */
  icd10cm: IcdStore | Icd10Bundle;
  icd10cmNotes?: Icd10NotesBundle;
  hcpcs?: HcpcsBundle;
  mpfs?: MpfsBundle;
  mue?: MueBundle;
  aoc?: AocBundle;
  nucc?: NuccBundle;
  pos?: PosBundle;
  cptModifiers?: CptModifiersBundle;
}

/** Every code system the engine judges against, built from loaded bundles. */
export class CodeData {
  readonly icd10: Icd10System;
  readonly procedures: ProcedureSystem;
  readonly modifiers: ModifierSystem;
  readonly taxonomy: TaxonomySystem;
  readonly pos: PlaceOfServiceSystem;
  readonly manifest: Manifest | undefined;

  constructor(b: Bundles) {
    this.manifest = b.manifest;
    this.icd10 = new Icd10System(b.icd10cm instanceof IcdStore ? b.icd10cm : IcdStore.fromBundle(b.icd10cm));
    if (b.icd10cmNotes) this.icd10.attachNotes(b.icd10cmNotes);
    this.procedures = new ProcedureSystem({ hcpcs: b.hcpcs, mpfs: b.mpfs, mue: b.mue, aoc: b.aoc });
    this.modifiers = new ModifierSystem({ cpt: b.cptModifiers, hcpcs: b.hcpcs });
    this.taxonomy = new TaxonomySystem(b.nucc);
    this.pos = new PlaceOfServiceSystem(b.pos);
  }

  /**
   * Loads a built bundle directory. All files are read and decompressed concurrently; the tabular notes
   * (only needed for hover/explain) are loaded too unless `withNotes` is false, and can be attached later.
   */
  static async load(dir: string, opts: { withNotes?: boolean } = {}): Promise<CodeData> {
    const manifest = await readManifest(dir);
    const has = (id: keyof Manifest['datasets']) => manifest.datasets[id] !== undefined;
    const opt = <T>(id: keyof Manifest['datasets']) => (has(id) ? readDataset<T>(dir, id) : Promise.resolve(undefined));
    const [icd10cm, icd10cmNotes, hcpcs, mpfs, mue, aoc, nucc, pos, cptModifiers] = await Promise.all([
      readText(dir, 'icd10cm').then((text) => decodeIcdFile(dir, text)),
      opts.withNotes === false ? Promise.resolve(undefined) : opt<Icd10NotesBundle>('icd10cmNotes'),
      opt<HcpcsBundle>('hcpcs'),
      opt<MpfsBundle>('mpfs'),
      opt<MueBundle>('mue'),
      opt<AocBundle>('aoc'),
      opt<NuccBundle>('nucc'),
      opt<PosBundle>('pos'),
      opt<CptModifiersBundle>('cptModifiers'),
    ]);
    return new CodeData({ manifest, icd10cm, icd10cmNotes, hcpcs, mpfs, mue, aoc, nucc, pos, cptModifiers });
  }

  /** Loads the tabular notes after start-up (hover needs them, diagnostics do not). */
  static async loadNotes(dir: string): Promise<Icd10NotesBundle | undefined> {
    const manifest = await readManifest(dir);
    return manifest.datasets.icd10cmNotes ? readDataset<Icd10NotesBundle>(dir, 'icd10cmNotes') : undefined;
  }
}

function decodeIcdFile(dir: string, text: string): IcdStore {
  try {
    return IcdStore.decode(text);
  } catch (e) {
    throw new BundleError(`Code data file ${dir}/${DATASET_FILES.icd10cm} is corrupt (${(e as Error).message}). Run \`npm run build:data\` to rebuild it.`);
  }
}
