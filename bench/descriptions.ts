/**
 * Coding-document figures (part of `npm run bench`, BENCH_ONLY=descriptions): analyze() on a generated coding summary
 * table whose rows pair ICD-10-CM codes with descriptions (the code's own title, a shortened one, a sibling's title,
 * a title with a word no code has), next to the same table without descriptions; and one "CPT Code(s):" list of
 * 5,000 items next to the same codes one per labelled line. Each pair is measured in the same run.
 */
import type { CodeData } from '../server/src/engine';
import { analyze } from '../server/src/engine';
import { median } from './stats';

type Report = (what: string, value: string, baseline?: string) => void;

function time(fn: () => void, runs = 3): number {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

export function descriptionsBench(report: Report, data: CodeData): void {
  const ed = data.icd10.editions.length - 1;
  const billable = data.icd10.allCodes(ed).filter((c) => c.billable);
  const rows = 5000;
  const step = Math.floor(billable.length / rows);
  const withDesc: string[] = ['| ICD-10-CM | Description |', '|---|---|'];
  const without: string[] = ['| ICD-10-CM | Description |', '|---|---|'];
  for (let i = 0; i < rows; i++) {
    const c = billable[i * step];
    const sibling = billable[i * step + 1] ?? c;
    const desc = [c.long, c.long.split(',')[0], sibling.long, `${c.long} with zymurgy`][i % 4];
    withDesc.push(`| ${c.dotted} | ${desc} |`);
    without.push(`| ${c.dotted} | |`);
  }
  const a = withDesc.join('\n');
  const b = without.join('\n');
  const date = '2026-11-23';
  analyze(a.slice(0, 20_000), 'note', { data, dateOfService: date }); // warm up
  let findings = 0;
  const ta = time(() => (findings = analyze(a, 'note', { data, dateOfService: date }).findings.filter((f) => f.ruleId === 'description.mismatch').length), 1);
  const tb = time(() => analyze(b, 'note', { data, dateOfService: date }));
  report(`coding table, ${rows} described ICD rows`, `${ta.toFixed(0)} ms (first run)`, `${tb.toFixed(0)} ms without descriptions; ${findings} mismatches`);
  const tc = time(() => analyze(a, 'note', { data, dateOfService: date }));
  report('  same table again (judgements cached)', `${tc.toFixed(0)} ms`);

  const cpts = Array.from({ length: 5000 }, (_, i) => String(10_000 + ((i * 37) % 89_999)).padStart(5, '0'));
  const list = `CPT Code(s): ${cpts.join(', ')}\n`;
  const lines = cpts.map((c) => `CPT ${c}`).join('\n');
  const tl = time(() => analyze(list, 'note', { data, dateOfService: date }));
  const tn = time(() => analyze(lines, 'note', { data, dateOfService: date }));
  report('one CPT list of 5,000 items', `${tl.toFixed(0)} ms`, `${tn.toFixed(0)} ms as 5,000 labelled lines`);
}
