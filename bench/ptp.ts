/**
 * NCCI PTP figures (part of `npm run bench`, BENCH_ONLY=ptp): the real CMS tables are not obtainable here, so a
 * full-size table is generated — 2.5 million edits over the bundle's own procedure codes, shaped like the CMS
 * files (about 13,000 column 1 codes with a heavy-tailed number of partners, half of them neighbours in the code
 * list and the rest common column 2 codes: E/M, injections, lines, nerve blocks, anesthesia; added in batches of
 * neighbouring codes sharing a quarter, rationale and indicator as the real files show; quarterly dates since
 * 1996, a third of the batches deleted, indicators ~87% 1 / 8% 0 / 5% 9, a dozen rationales). Measured: build (encode + gzip -6, as the data build writes it)
 * against the tab-delimited text of the same rows gzipped (-9); the file size against that text; the main bundle's load
 * with the PTP file in it (lazy: untouched), the PTP load itself (fresh process), and lookups.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CodeData, Manifest } from '../server/src/engine';
import { encodePtp, type PtpRow } from '../server/src/engine/data/ptp-codec';
import { parsePtpTxt } from '../data/scripts/parsers/ncci-ptp';
import { bundleDigest } from '../server/src/engine/data/load';
import { median } from './stats';

type Report = (what: string, value: string, baseline?: string) => void;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

/** mulberry32: a small seeded PRNG, so every run generates the same table. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RATIONALES: [string, number][] = [
  ['Standards of medical / surgical practice', 30],
  ['Misuse of Column Two code with Column One code', 22],
  ['CPT Manual or CMS manual coding instruction', 18],
  ['Mutually exclusive procedures', 10],
  ['More extensive procedure', 6],
  ['Anesthesia service included in surgical procedure', 4],
  ['HCPCS/CPT procedure code definition', 3],
  ['Laboratory panel', 2],
  ['Sequential procedure', 2],
  ['Gender-specific procedures', 1],
  ['Medical Necessity', 1],
  ['Deleted/Not Used', 1],
];

export function generatePtpRows(codes: readonly string[], target = 2_500_000, seed = 20260401): PtpRow[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const total = RATIONALES.reduce((n, [, w]) => n + w, 0);
  const rationale = () => {
    let x = r() * total;
    for (const [s, w] of RATIONALES) if ((x -= w) < 0) return s;
    return RATIONALES[0][0];
  };
  const quarters: string[] = [];
  for (let y = 1996; y <= 2026; y++) for (const m of ['01', '04', '07', '10']) quarters.push(`${y}-${m}-01`);
  const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const hubs = codes.filter((c) => /^(99[2-4]\d\d|3640\d|3641\d|3600\d|9636\d|9637\d|6440\d|6441\d|6445\d|6448\d|0\d{4}|9300\d|9304\d|69990|9400\d|J\d{4}|G04\d\d)$/.test(c));
  const col1 = codes.filter(() => r() < 13_000 / codes.length);
  const indexOf = new Map(codes.map((c, i) => [c, i]));
  const rows: PtpRow[] = [];
  // a little over the target per code: the heavy tail and duplicate partners leave some codes short
  const mean = (target / col1.length) * 1.15;
  for (let i = 0; i < col1.length && rows.length < target; i++) {
    const c1 = col1[i];
    const at = indexOf.get(c1)!;
    // heavy tail: most codes have tens of partners, surgical families thousands
    const want = Math.min(4000, Math.max(1, Math.round(-Math.log(1 - r()) * mean * (0.3 + r() * 1.4))));
    const seen = new Set<string>([c1]);
    // as in the CMS files, edits come in batches added in one quarter with one rationale and indicator, often
    // runs of neighbouring codes (99202-99215, a family of the same procedure), some later deleted together
    let made = 0;
    const first = Math.floor(r() ** 0.7 * (quarters.length - 1));
    while (made < want && rows.length < target) {
      const q = Math.min(quarters.length - 1, first + Math.floor(r() * (quarters.length - first)));
      const eff = quarters[q];
      const prior = eff === '1996-01-01' ? 1 : 0;
      const m = r();
      const mod = m < 0.05 ? 9 : m < 0.13 ? 0 : 1;
      const later = quarters.slice(q + 1);
      const del = mod === 9 ? eff : later.length && r() < 0.33 ? dayBefore(pick(later)) : '';
      const why = rationale();
      const size = Math.min(want - made, 1 + Math.floor(-Math.log(1 - r()) * 25));
      const hub = r() < 0.45;
      let p = hub ? indexOf.get(pick(hubs))! : Math.min(codes.length - 1, Math.max(0, at + Math.round((r() - 0.5) * 2 * Math.min(3000, want * 2))));
      for (let k = 0; k < size && p < codes.length; k++, p += r() < 0.7 ? 1 : 1 + Math.floor(r() * 8)) {
        const c2 = codes[p];
        if (seen.has(c2)) continue;
        seen.add(c2);
        // now and then one edit of a batch has its own indicator (as revisions leave them)
        rows.push([c1, c2, prior, eff, del, r() < 0.03 ? (mod === 1 ? 0 : mod) : mod, why]);
        made++;
        if (rows.length >= target) break;
      }
      if (seen.size > codes.length / 2) break;
    }
  }
  return rows;
}

export async function ptpBench(report: Report, root: string, dataDir: string, data: CodeData): Promise<void> {
  const codes = [...new Set([...data.procedures.codes('cpt'), ...data.procedures.codes('hcpcs')])].sort();
  let t = performance.now();
  const rows = generatePtpRows(codes);
  const genMs = performance.now() - t;
  const col1 = new Set(rows.map((x) => x[0])).size;
  report('PTP: generated edits (full size)', rows.length.toLocaleString('en-US'), `${col1.toLocaleString('en-US')} column 1 codes over ${codes.length.toLocaleString('en-US')} bundle codes; generated in ${(genMs / 1000).toFixed(1)} s`);

  // build: the codec + gzip -6, as build-data.ts writes it; baseline: the same rows as tab-delimited text, gzip -9
  const builds: number[] = [];
  let gz: Uint8Array = new Uint8Array();
  let raw: Uint8Array = new Uint8Array();
  for (let i = 0; i < Number(process.env.BENCH_PTP_RUNS ?? 1); i++) {
    t = performance.now();
    raw = encodePtp({ edition: 'generated', parts: ['f1', 'f2', 'f3', 'f4'], rows });
    gz = gzipSync(raw, { level: 6 }); // as build-data.ts writes it
    builds.push(performance.now() - t);
  }
  t = performance.now();
  const text = rows.map((x) => `${x[0]}\t${x[1]}\t${x[2] ? '*' : ''}\t${x[3].replace(/-/g, '')}\t${x[4] ? x[4].replace(/-/g, '') : '*'}\t${x[5]}\t${x[6]}`).join('\n');
  const textGz = gzipSync(text, { level: 9 });
  const textMs = performance.now() - t;
  // the parser on the same rows as four TXT parts in the CMS layout (notice, title, wrapped header), one at a time
  const HEADER = 'CPT only copyright 2025 American Medical Association.  All rights reserved.\nColumn1/Column2 Edits\nColumn 1\tColumn 2\t*=in existence\tEffective\tDeletion\tModifier\tPTP Edit Rationale\n\t\tprior to 1996\tDate\tDate\t0=not allowed\t\n\t\t\t\t*=no data\t1=allowed\t\n\t\t\t\t\t9=not applicable\t\n';
  const lines = text.split('\n');
  let parseMs = 0;
  let parsed = 0;
  for (let part = 0; part < 4; part++) {
    const chunk = HEADER + lines.slice((part * lines.length) >> 2, ((part + 1) * lines.length) >> 2).join('\r\n') + '\r\n';
    const t0 = performance.now();
    parsed += parsePtpTxt(chunk, `f${part + 1}`).rows.length;
    parseMs += performance.now() - t0;
  }
  if (parsed !== rows.length) throw new Error(`parsed ${parsed} edits of ${rows.length}`);
  report('PTP: parse the four TXT parts', `${(parseMs / 1000).toFixed(2)} s`, `${mb(text.length)} of text, ${(rows.length / (parseMs / 1000) / 1e6).toFixed(2)} M edits/s`);
  report('PTP: build (encode + gzip -6)', `${(median(builds) / 1000).toFixed(2)} s`, `tab-delimited text + gzip -9: ${(textMs / 1000).toFixed(2)} s`);
  report('PTP: ncci-ptp.bin.gz', mb(gz.length), `same rows as tab-delimited text, gzip -9: ${mb(textGz.length)} (${(textGz.length / gz.length).toFixed(1)}×); raw ${mb(raw.length)} vs ${mb(text.length)}`);
  report('PTP: bytes per edit (gz)', (gz.length / rows.length).toFixed(2), `text: ${(textGz.length / rows.length).toFixed(2)}`);

  // a copy of the bundle with the PTP file: its load must not change (lazy), then the PTP load alone
  const dir = join(root, '.bench', 'ptp-bundle');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(dataDir, dir, { recursive: true });
  writeFileSync(join(dir, 'ncci-ptp.bin.gz'), gz);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  manifest.datasets.ptp = { file: 'ncci-ptp.bin.gz', sha256: bundleDigest(gz), bytes: gz.length, uncompressedBytes: raw.length, edition: 'generated (bench)', records: rows.length, sources: {}, licence: 'generated' };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  const once = (d: string, ptp: boolean) =>
    JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'ptp-load-once.ts'), d, ptp ? 'ptp' : ''], { encoding: 'utf8' }).trim().split('\n').pop()!) as { ms: number; ptpMs?: number; rssMb: number; ptpRssMb?: number; ptpBuffersMb?: number; lookupNs?: number; hits?: number };
  const plain = Array.from({ length: 5 }, () => once(dataDir, false));
  const withPtp = Array.from({ length: 5 }, () => once(dir, true));
  report('bundle load with the PTP file in it (lazy)', `${median(withPtp.map((x) => x.ms)).toFixed(0)} ms`, `without it: ${median(plain.map((x) => x.ms)).toFixed(0)} ms (fresh processes, median of 5)`);
  report('PTP: load on first need (read + gunzip + decode)', `${median(withPtp.map((x) => x.ptpMs!)).toFixed(0)} ms`, `typed arrays +${median(withPtp.map((x) => x.ptpBuffersMb!)).toFixed(1)} MB; RSS ${median(withPtp.map((x) => x.rssMb)).toFixed(0)} → ${median(withPtp.map((x) => x.ptpRssMb!)).toFixed(0)} MB`);
  report('PTP: lookup (pair + date, both orders)', `${median(withPtp.map((x) => x.lookupNs!)).toFixed(0)} ns`, `1,000,000 pairs: half of them edits of the table, half random pairs of its codes; ${withPtp[0].hits!.toLocaleString('en-US')} in force`);
  rmSync(dir, { recursive: true, force: true });
}
