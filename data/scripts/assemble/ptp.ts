import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PtpBundle, PtpRow } from '../../../server/src/engine/data/ptp-codec.js';
import { BuildError, EXIT_DATA, EXIT_MISSING_SOURCE, sha256, walkFiles } from '../lib/sources.js';
import { listZip, readZipMember } from '../lib/zip.js';
import { parsePtpTxt, parsePtpXlsx, ptpFileName } from '../parsers/ncci-ptp.js';
import type { BuiltDataset } from './datasets.js';

/**
 * NCCI PTP edits are not in data/sources.json: the CMS files are behind the AMA click-through and ~20 MB a part, so
 * the build reads them only where the user points it (CLINICAL_CODES_NCCI_PTP or --ncci-ptp: directories, zips,
 * TXT or xlsx files), and records their names and sha256 in the manifest.
 */

export interface PtpPart {
  /** "ccipra-v321r0-f1.TXT" (the member name for a zip) */
  name: string;
  /** the file given or found: the zip for a member */
  file: string;
  kind: 'txt' | 'xlsx';
  bytes: Uint8Array;
  /** sha256 of `file` */
  sha256: string;
}

const kindOf = (name: string): PtpPart['kind'] | undefined => (/\.txt$/i.test(name) ? 'txt' : /\.xlsx$/i.test(name) ? 'xlsx' : undefined);

/** Every PTP part file under the given paths; TXT is preferred to the xlsx of the same part. */
export function findPtpParts(paths: readonly string[]): PtpPart[] {
  const found: PtpPart[] = [];
  const add = (file: string) => {
    const name = basename(file);
    if (/\.zip$/i.test(name)) {
      const zip = new Uint8Array(readFileSync(file));
      const hash = sha256(zip);
      for (const member of listZip(zip)) {
        const kind = kindOf(member);
        if (!kind || !ptpFileName(member)) continue;
        const bytes = readZipMember(zip, member);
        if (bytes) found.push({ name: basename(member), file, kind, bytes, sha256: hash });
      }
      return;
    }
    const kind = kindOf(name);
    if (!kind || !ptpFileName(name)) return;
    const bytes = new Uint8Array(readFileSync(file));
    found.push({ name, file, kind, bytes, sha256: sha256(bytes) });
  };
  for (const p of paths) {
    if (!existsSync(p)) throw new BuildError(`NCCI PTP: ${p} does not exist (CLINICAL_CODES_NCCI_PTP / --ncci-ptp name directories or ccipra-*-f1..f4 TXT, xlsx or zip files)`, EXIT_MISSING_SOURCE);
    if (statSync(p).isDirectory()) for (const rel of walkFiles(p)) add(join(p, rel));
    else add(p);
  }
  if (!found.length) {
    throw new BuildError(`NCCI PTP: no practitioner PTP files (ccipra-vNNNrN-f1..f4 .TXT/.xlsx, loose or in a zip) in ${paths.join(', ')}`, EXIT_MISSING_SOURCE);
  }
  const byPart = new Map<string, PtpPart>();
  for (const f of found) {
    const part = ptpFileName(f.name)!.part;
    const had = byPart.get(part);
    if (!had || (had.kind === 'xlsx' && f.kind === 'txt')) byPart.set(part, f);
  }
  return [...byPart.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function buildPtp(parts: readonly PtpPart[]): BuiltDataset<PtpBundle> {
  const names = parts.map((p) => ({ p, n: ptpFileName(p.name)! }));
  const versions = [...new Set(names.map((x) => x.n.id))];
  if (versions.length > 1) throw new BuildError(`NCCI PTP: parts of different versions given (${names.map((x) => x.p.name).join(', ')}); give the four parts of one quarter`, EXIT_DATA);
  const { version, quarter } = names[0].n;
  const rows: PtpRow[] = [];
  const log: string[] = [];
  const warnings: string[] = [];
  const sources: Record<string, string> = {};
  for (const { p, n } of names) {
    let parsed;
    try {
      parsed = p.kind === 'txt' ? parsePtpTxt(p.bytes, p.name) : parsePtpXlsx(p.bytes, p.name);
    } catch (e) {
      throw new BuildError(`NCCI PTP ${p.file}: ${(e as Error).message}`, EXIT_DATA);
    }
    if (!parsed.rows.length) throw new BuildError(`NCCI PTP ${p.name}: no edits after the header`, EXIT_DATA);
    rows.push(...parsed.rows);
    sources[basename(p.file)] = p.sha256;
    log.push(`  NCCI PTP ${version} ${n.part}: ${parsed.rows.length.toLocaleString('en-US')} edits (${p.name}${p.file.endsWith(p.name) ? '' : ` in ${basename(p.file)}`})`);
  }
  const given = names.map((x) => x.n.part).sort();
  const missing = ['f1', 'f2', 'f3', 'f4'].filter((f) => !given.includes(f));
  if (missing.length) warnings.push(`NCCI PTP ${version}: part(s) ${missing.join(', ')} not given: edits whose column 1 code is in them are not judged`);
  const edition = quarter ? `${version} (${quarter})` : version;
  const m = quarter && /^(\d{4}) Q([1-4])$/.exec(quarter);
  const effective = m ? `${m[1]}-${String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')}-01` : undefined;
  return {
    id: 'ptp',
    bundle: { edition, parts: given, rows },
    edition,
    effective,
    records: rows.length,
    sources,
    licence: 'CMS NCCI practitioner PTP edits (U.S. Government work); the CPT codes in them are copyright American Medical Association (the files\' own notice): a bundle with them is for your own use, not for redistribution.',
    log,
    warnings,
  };
}
