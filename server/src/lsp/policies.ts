import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { mergePacks, type PolicyPack } from '../engine';
import { POLICY_PACK_DIR } from '../protocol';
import { bundledPolicies } from '../shared/bundled-policies';
import { readPolicyFile } from '../shared/policy-files';
import type { Logger } from './log';

/** Where the workspace's own packs live, in each workspace folder (protocol POLICY_PACK_DIR, in this system's separators). */
export const WORKSPACE_POLICY_DIR = join(...POLICY_PACK_DIR);

export interface PolicyLoad {
  packs: PolicyPack[];
  /** each pack that could not be read or is invalid: the validator's problems ("$.rules[0].kind: …") and the text they point into */
  invalid: InvalidPack[];
  /** the clinicalCodes.policyFiles paths that were read (trusted), to watch them */
  files: string[];
  /** untrusted: how many .clinical-codes/policies/*.json files were not loaded (listed, never read) */
  untrustedPackFiles: number;
}

export interface InvalidPack {
  path: string;
  problems: string[];
  /** absent when the file could not be read */
  text?: string;
}

/** "<path>: <problem>; …" for each pack that could not be read or is invalid (the log, the status request). */
export const packProblems = (invalid: readonly InvalidPack[]) => invalid.map((p) => `${p.path}: ${p.problems.join('; ')}`);

/**
 * Reads the payer policy packs: the bundled ones, and, only in a trusted workspace, each folder's
 * `.clinical-codes/policies/*.json` and the `clinicalCodes.policyFiles` paths (resolved and checked by
 * `path-settings.ts`: absolute already).
 * An unreadable or invalid pack is a problem naming its path; the others still load. A workspace pack replaces a
 * bundled pack of the same id.
 */
export async function loadPolicies(opts: { folders: string[]; trusted: boolean; files: string[] }): Promise<PolicyLoad> {
  const invalid: InvalidPack[] = [];
  const mine: PolicyPack[] = [];
  const files = opts.trusted ? opts.files : [];
  const paths: string[] = [];
  for (const folder of opts.folders) {
    const dir = join(folder, WORKSPACE_POLICY_DIR);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const n of names.sort()) if (n.endsWith('.json')) paths.push(join(dir, n));
  }
  const untrustedPackFiles = opts.trusted ? 0 : paths.length;
  if (opts.trusted) {
    paths.push(...files);
    for (const path of [...new Set(paths)]) {
      const r = await readPolicyFile(path);
      if (r.ok) mine.push(r.pack);
      else if ('unreadable' in r) invalid.push({ path, problems: [r.unreadable] });
      else invalid.push({ path, problems: r.problems, text: r.text });
    }
  }
  return { packs: mergePacks(bundledPolicies(), mine), invalid, files, untrustedPackFiles };
}

/** The packs the analyses use; reloaded on configuration changes. Each problem is logged once per distinct text. */
export class PolicyStore {
  packs: PolicyPack[] = bundledPolicies();
  invalid: InvalidPack[] = [];
  files: string[] = [];
  /** untrusted: workspace pack files not loaded */
  untrustedPackFiles = 0;
  private readonly reported = new Set<string>();

  constructor(private readonly log: Logger) {}

  get problems(): string[] {
    return packProblems(this.invalid);
  }

  async reload(opts: { folders: string[]; trusted: boolean; files: string[] }): Promise<boolean> {
    const before = JSON.stringify(this.packs.map((p) => [p.origin, p]));
    const r = await loadPolicies(opts);
    this.packs = r.packs;
    this.invalid = r.invalid;
    this.files = r.files;
    this.untrustedPackFiles = r.untrustedPackFiles;
    for (const p of this.problems) {
      if (this.reported.has(p)) continue;
      this.reported.add(p);
      this.log.warn(`payer policy pack skipped: ${p}`);
    }
    return JSON.stringify(this.packs.map((p) => [p.origin, p])) !== before;
  }
}
