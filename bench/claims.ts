import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { CodeData } from '../server/src/engine';
import { rng, spread } from './random';

/**
 * A deterministic synthetic claim export (100,000 service lines by default) for `npm run bench`: rows grouped by
 * claim_id (1-6 lines per claim), each claim with a patient, a date of service between 2016 and 2026 and 1-4
 * diagnoses repeated on every line (as flat exports do), procedure codes drawn from the CPT and HCPCS codes of the
 * bundle, modifiers, units, diagnosis pointers ("1", quoted "1,3", "ABC"), NPI, ZIP and charge columns. About 1% of the lines carry a mistake a
 * payer would reject (an ICD-10-CM header, an unknown code, a pointer past the diagnoses, units of 0 or 1.5).
 * The codes come from the loaded bundle, so the file is written next to its bundle's checksum and rebuilt when either
 * changes; it is never committed (.bench/ is ignored).
 */

export interface ClaimsFile {
  file: string;
  rows: number;
  claims: number;
  bytes: number;
}

const HEADER = [
  'claim_id',
  'patient_id',
  'service_date',
  'procedure_code',
  'modifier_1',
  'modifier_2',
  'units',
  'dx_pointer',
  'diagnosis_code_1',
  'diagnosis_code_2',
  'diagnosis_code_3',
  'diagnosis_code_4',
  'rendering_npi',
  'service_zip',
  'charge_amount',
];
// E/M and other everyday codes, weighted up so the mix looks like a practice's claims rather than a uniform draw
const COMMON = ['99213', '99214', '99212', '99215', '99203', '99204', '36415', '85025', '80053', '93000', '71046', '97110', '97140', '20610', '90471', 'G0439', 'J1100', 'J3301'];
// everyday diagnoses, kept only where billable in every bundled edition (M54.5 and R51 split during the range)
const COMMON_DX = ['I10', 'E11.9', 'E78.5', 'J06.9', 'Z00.00', 'K21.9', 'M25.561', 'F41.1', 'N39.0', 'Z23', 'J45.909', 'E03.9', 'M17.11', 'R10.9', 'G44.209'];
const MODIFIERS = ['25', '59', 'RT', 'LT', '26', 'TC', 'XS', '95', 'GT', '76', '91', 'GA', 'KX', 'QW'];
// ICD-10-CM headers (not billable) and codes no edition has: the mistakes the rules should find
const HEADERS = ['M79.6', 'E11', 'S52.52', 'I50', 'J45.90', 'M54'];
const INVALID = ['M79.99Z', 'E11.999', 'Z99.999', 'R51.X', 'K21.99', 'I10.1'];


export async function ensureClaims(dir: string, data: CodeData, rows = 100_000, seed = 7): Promise<ClaimsFile> {
  const stamp = createHash('sha256').update(JSON.stringify(data.manifest ?? null)).digest('hex').slice(0, 16);
  const file = join(dir, `claims-${rows}-s${seed}.csv`);
  const meta = `${file}.json`;
  if (existsSync(file) && existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8')) as ClaimsFile & { stamp: string };
    if (m.stamp === stamp && m.rows === rows) return { file, rows: m.rows, claims: m.claims, bytes: m.bytes };
  }
  mkdirSync(dir, { recursive: true });
  const r = rng(seed);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');

  // code pools from the bundle: CPT and HCPCS codes the CMS files list, ICD-10-CM codes billable in every edition
  const cpt = spread(data.procedures.codes('cpt'), 1500);
  const hcpcs = spread(data.procedures.codes('hcpcs'), 400);
  const icd = data.icd10;
  const last = icd.current;
  const icdPool = spread(
    icd
      .allCodes(0)
      .filter((c) => c.billable && icd.isBillable(c.code, last))
      .map((c) => c.dotted),
    4000,
  );
  const everyEdition = (code: string) => icd.editions.every((_, e) => icd.isBillable(code.replace('.', ''), e));
  const commonDx = COMMON_DX.filter(everyEdition);
  if (!cpt.length || !icdPool.length) throw new Error('the bundle has no CPT or ICD-10-CM codes to draw claims from');

  const start = Date.UTC(2016, 0, 1);
  const span = Date.UTC(2026, 11, 31) - start;
  const out = createWriteStream(file);
  let written = 0;
  let bytes = 0;
  let claims = 0;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(HEADER.join(',') + '\n');
  while (written < rows) {
    claims++;
    const claimId = `CLM${String(claims).padStart(9, '0')}`;
    const patient = `P${digits(7)}`;
    const day = new Date(start + Math.floor(r() * (span / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
    const dotless = r() < 0.5; // CMS-style exports write codes without the dot
    const dx: string[] = [];
    const nDx = 1 + Math.floor(r() * 4);
    for (let i = 0; i < nDx; i++) {
      const x = r();
      const code = x < 0.004 ? pick(HEADERS) : x < 0.007 ? pick(INVALID) : x < 0.4 && commonDx.length ? pick(commonDx) : pick(icdPool);
      dx.push(dotless ? code.replace('.', '') : code);
    }
    const npi = `1${digits(9)}`;
    const zip = digits(5);
    const nLines = Math.min(rows - written, 1 + Math.floor(r() * 6));
    for (let l = 0; l < nLines; l++) {
      const y = r();
      const proc = y < 0.35 ? pick(COMMON) : y < 0.85 ? pick(cpt) : y < 0.997 ? pick(hcpcs) : `${digits(4)}9`;
      const m1 = r() < 0.3 ? pick(MODIFIERS) : '';
      let m2 = m1 && r() < 0.15 ? pick(MODIFIERS) : '';
      if (m2 === m1) m2 = '';
      const u = r();
      const units = u < 0.003 ? '0' : u < 0.005 ? '1.5' : u < 0.85 ? '1' : String(2 + Math.floor(r() * 4));
      const p = r();
      const pointer = p < 0.004 ? String(nDx + 1) : nDx === 1 || p < 0.5 ? '1' : p < 0.8 ? `"1,${2 + Math.floor(r() * (nDx - 1))}"` : dx.slice(0, Math.min(nDx, 4)).map((_, i) => 'ABCD'[i]).join('');
      const charge = (20 + r() * 980).toFixed(2);
      const cells = [claimId, patient, day, proc, m1, m2, units, pointer, dx[0] ?? '', dx[1] ?? '', dx[2] ?? '', dx[3] ?? '', npi, zip, charge];
      await write(cells.join(',') + '\n');
      written++;
    }
  }
  out.end();
  await once(out, 'finish');
  const result: ClaimsFile = { file, rows, claims, bytes };
  writeFileSync(meta, JSON.stringify({ ...result, stamp }));
  return result;
}
