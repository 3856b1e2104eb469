import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { CodeData } from '../server/src/engine';
import { rng, spread } from './random';

/**
 * A deterministic synthetic 837P interchange (10,000 claims by default) for `npm run bench`: one ISA/GS/ST with a
 * billing provider (2000A), then per claim a subscriber level (2000B: SBR, NM1*IL, DMG, NM1*PR), a CLM with POS 11,
 * an HI with 1-8 diagnoses (ABK then ABF, dotless) and 1-6 service lines (LX, SV1 HC:code:modifiers with pointers,
 * DTP*472). Dates between 2016 and 2026. About 1% of claims carry a mistake: an ICD-10-CM header, a repeated
 * diagnosis, a line with no DTP*472, an ICD-9-CM qualifier (BF), a pointer past the diagnoses, an unknown modifier.
 * Codes come from the loaded bundle, so the file is keyed by its checksum; never committed (.bench/ is ignored).
 */

export interface X12File {
  file: string;
  claims: number;
  lines: number;
  segments: number;
  bytes: number;
}

const COMMON = ['99213', '99214', '99212', '99215', '99203', '99204', '36415', '85025', '80053', '93000', '71046', '97110', '97140', '20610', '90471', 'G0439', 'J1100'];
const COMMON_DX = ['I10', 'E119', 'E785', 'J069', 'Z0000', 'K219', 'M25561', 'F411', 'N390', 'Z23', 'J45909', 'E039', 'M1711', 'R109', 'G44209'];
const MODIFIERS = ['25', '59', 'RT', 'LT', '26', 'TC', 'XS', '95', 'GT', '76', '91', 'GA', 'KX', 'QW'];
const HEADERS = ['M796', 'E11', 'S5252', 'I50', 'J4590'];

const compact = (ms: number) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');

export async function ensureX12(dir: string, data: CodeData, claims = 10_000, seed = 11): Promise<X12File> {
  const stamp = createHash('sha256').update(JSON.stringify(data.manifest ?? null)).digest('hex').slice(0, 16);
  const file = join(dir, `claims-${claims}-s${seed}.837p`);
  const meta = `${file}.json`;
  if (existsSync(file) && existsSync(meta)) {
    const m = JSON.parse(readFileSync(meta, 'utf8')) as X12File & { stamp: string };
    if (m.stamp === stamp && m.claims === claims) return { file, claims: m.claims, lines: m.lines, segments: m.segments, bytes: m.bytes };
  }
  mkdirSync(dir, { recursive: true });
  const r = rng(seed);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
  const cpt = spread(data.procedures.codes('cpt'), 1500);
  const hcpcs = spread(data.procedures.codes('hcpcs'), 400);
  const icd = data.icd10;
  const everyEdition = (code: string) => icd.editions.every((_, e) => icd.isBillable(code, e));
  const icdPool = spread(icd.allCodes(0).filter((c) => c.billable && everyEdition(c.code)).map((c) => c.code), 4000);
  const commonDx = COMMON_DX.filter(everyEdition);

  const out = createWriteStream(file);
  let bytes = 0;
  let segments = 0;
  let lines = 0;
  let inSt = 0;
  const buf: string[] = [];
  const seg = (s: string) => {
    buf.push(s, '~\n');
    segments++;
    inSt++;
  };
  const flush = async () => {
    const s = buf.join('');
    buf.length = 0;
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  const isa = ['ISA', '00', ' '.repeat(10), '00', ' '.repeat(10), 'ZZ', 'NORTHWIND01'.padEnd(15), 'ZZ', 'ACMECH01'.padEnd(15), '240115', '1200', '^', '00501', '000000101', '0', 'T', ':'].join('*');
  seg(isa);
  seg('GS*HC*NORTHWIND01*ACMECH01*20240115*1200*101*X*005010X222A1');
  inSt = 0;
  seg('ST*837*0001*005010X222A1');
  seg('BHT*0019*00*BATCH0001*20240115*1200*CH');
  seg('NM1*41*2*NORTHWIND CLINIC*****46*27447');
  seg('PER*IC*BILLING OFFICE*TE*4015550100');
  seg('NM1*40*2*ACME CLEARINGHOUSE*****46*ACMECH01');
  seg('HL*1**20*1');
  seg('PRV*BI*PXC*207Q00000X');
  seg('NM1*85*2*NORTHWIND CLINIC*****XX*1234567893');
  seg('N3*100 MAIN ST');
  seg('N4*PROVIDENCE*RI*02903');
  seg('REF*EI*273456789');
  const start = Date.UTC(2016, 0, 1);
  const days = (Date.UTC(2026, 11, 31) - start) / 86_400_000;
  for (let c = 1; c <= claims; c++) {
    const mistake = r() < 0.01 ? Math.floor(r() * 6) : -1;
    seg(`HL*${c + 1}*1*22*0`);
    seg(`SBR*P*18*GRP${digits(5)}******CI`);
    seg(`NM1*IL*1*DOE${c}*JANE****MI*W${digits(9)}`);
    seg(`N3*${1 + Math.floor(r() * 999)} ELM ST`);
    seg(`N4*SPOKANE*WA*${digits(5)}`);
    seg(`DMG*D8*19${10 + Math.floor(r() * 89)}0${1 + Math.floor(r() * 9)}1${Math.floor(r() * 9)}*${r() < 0.5 ? 'F' : 'M'}`);
    seg(`NM1*PR*2*BLUE PAYER*****PI*${digits(5)}`);
    const nDx = 1 + Math.floor(r() * 8);
    const dx: string[] = [];
    while (dx.length < nDx) {
      const code = r() < 0.4 && commonDx.length ? pick(commonDx) : pick(icdPool);
      if (!dx.includes(code)) dx.push(code);
    }
    if (mistake === 0) dx[dx.length - 1] = pick(HEADERS);
    if (mistake === 1) dx.push(dx[0]);
    const nLines = 1 + Math.floor(r() * 6);
    const procs = Array.from({ length: nLines }, () => {
      const y = r();
      return y < 0.4 ? pick(COMMON) : y < 0.9 ? pick(cpt) : pick(hcpcs);
    });
    const charges = procs.map(() => 20 + Math.floor(r() * 480));
    const day = start + Math.floor(r() * days) * 86_400_000;
    seg(`CLM*PCN${String(c).padStart(7, '0')}*${charges.reduce((a, b) => a + b, 0)}***11:B:1*Y*A*Y*Y`);
    seg(`REF*D9*${digits(10)}`);
    seg(`HI*${dx.map((d, i) => `${i === 0 ? 'ABK' : mistake === 3 && i === dx.length - 1 ? 'BF' : 'ABF'}:${d}`).join('*')}`);
    for (let l = 0; l < nLines; l++) {
      lines++;
      seg(`LX*${l + 1}`);
      const mods = r() < 0.3 ? `:${mistake === 5 && l === 0 ? 'ZZ' : pick(MODIFIERS)}` : mistake === 5 && l === 0 ? ':ZZ' : '';
      const p = Math.min(dx.length, 1 + Math.floor(r() * 4));
      const pointers = mistake === 4 && l === 0 ? String(dx.length + 1) : Array.from({ length: p }, (_, i) => i + 1).join(':');
      seg(`SV1*HC:${procs[l]}${mods}*${charges[l]}*UN*${1 + (r() < 0.15 ? Math.floor(r() * 3) : 0)}***${pointers}`);
      if (!(mistake === 2 && l === nLines - 1)) seg(`DTP*472*D8*${compact(day)}`);
      if (r() < 0.3) seg(`REF*6R*${digits(8)}`);
    }
    if (buf.length > 4096) await flush();
  }
  seg(`SE*${inSt + 1}*0001`);
  seg('GE*1*101');
  seg('IEA*1*000000101');
  await flush();
  out.end();
  await once(out, 'finish');
  const result: X12File = { file, claims, lines, segments, bytes };
  writeFileSync(meta, JSON.stringify({ ...result, stamp }));
  return result;
}
