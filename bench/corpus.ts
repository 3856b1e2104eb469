import { mkdirSync, existsSync, statSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { rng } from './random';

/**
 * A deterministic synthetic corpus of clinical notes (~50 MB by default): prose with dates, vitals, doses,
 * phone numbers and citations, code tables and "CPT … / Dx …" lines — the mix the scanner meets in practice.
 */
const PROSE = [
  'Patient is a {age}-year-old presenting with chronic pain in the left hand for {n} weeks.',
  'Seen on {date}; follow-up scheduled. Call 401-{p3}-{p4} with questions.',
  'Labs: A1C {dec}%, B12 {n3} pg/mL, vitamin D3 {n4} IU daily. BP {n3}/{n2}, HR {n2}.',
  'MRI shows degenerative change at L4-L5 and C5-C6 without cord compression.',
  'Administered {n4} units heparin; WBC {n5} cells/uL.',
  'Plan: continue therapy, physical therapy twice weekly, reassess in {n} weeks.',
  'Reference: Smith J, et al. J Vasc Surg. 2019; 69({n}): {n4}-{n2}. PMID {n8}',
  'Discussed risks, benefits and alternatives; the patient agrees with the plan.',
];
const CODED = [
  'CPT {cpt}-{mod} performed; Dx {icd}.',
  'Dx: {icd}, {icd}; HCPCS {hcpcs}.',
  '{cpt} | Office visit | 1 |',
  'ICD-10: {icd} — documented in assessment.',
];
const ICD = ['M79.642', 'M79.641', 'I10', 'E11.9', 'M79.64', 'S52.521A', 'W21.89XA', 'J45.909', 'K21.9', 'Z00.00', 'R51.9', 'M54.50'];
const CPT = ['99213', '99214', '27447', '96409', '0264T', '36415', '71046', '20610'];
const MODS = ['25', '59', 'RT', 'LT', '50', 'XS', '26'];
const HCPCS = ['G0008', 'J3490', 'J1100', 'A4206'];

export async function ensureCorpus(dir: string, megabytes = 50): Promise<string> {
  const file = join(dir, `notes-${megabytes}mb.txt`);
  if (existsSync(file) && statSync(file).size >= megabytes * 1e6) return file;
  mkdirSync(dir, { recursive: true });
  const r = rng(42);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const num = (digits: number) => String(Math.floor(r() * 10 ** digits)).padStart(digits, '1');
  const fill = (t: string) =>
    t
      .replace(/\{age\}/g, () => String(20 + Math.floor(r() * 70)))
      .replace(/\{date\}/g, () => `2026-${num(1)}-1${num(1)}`)
      .replace(/\{dec\}/g, () => `${5 + Math.floor(r() * 5)}.${num(1)}`)
      .replace(/\{p3\}/g, () => num(3))
      .replace(/\{p4\}/g, () => num(4))
      .replace(/\{n(\d)\}/g, (_, d) => num(Number(d)))
      .replace(/\{n\}/g, () => String(1 + Math.floor(r() * 12)))
      .replace(/\{icd\}/g, () => pick(ICD))
      .replace(/\{cpt\}/g, () => pick(CPT))
      .replace(/\{mod\}/g, () => pick(MODS))
      .replace(/\{hcpcs\}/g, () => pick(HCPCS));
  const out = createWriteStream(file);
  let written = 0;
  while (written < megabytes * 1e6) {
    const lines: string[] = [];
    for (let i = 0; i < 200; i++) lines.push(fill(r() < 0.85 ? pick(PROSE) : pick(CODED)));
    const chunk = lines.join('\n') + '\n';
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return file;
}
