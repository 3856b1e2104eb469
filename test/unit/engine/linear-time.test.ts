import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine';
import type { DocumentFormat } from '../../../server/src/engine/formats';
import { fixtureData } from './fixture-data';
import { interchange, PROFESSIONAL_BODY } from './x12-helpers';

/**
 * Adversarial inputs at two sizes, n and 4n, in the same run: linear work takes ~4× as long, a quadratic stage 16×
 * or more. The assertion is on that ratio of CPU times (the fastest of three runs each), never on a time limit. Each shape comes from
 * reading a regex or a loop of the scanner, the layout, the claim readers or the directives: a run of spaces
 * after a label, a line of spaces under a pipe table, one line of many codes, one row of many columns.
 */

const data = fixtureData();
const MAX_RATIO = 8;

interface Shape {
  name: string;
  format?: DocumentFormat;
  /** the document at size n */
  make(n: number): string;
  /** n for the smaller run: large enough (a run of ~30-60 ms) that caches, timers and garbage collection do not
   * dominate it, small enough that the file runs in seconds */
  n: number;
}

const spaces = (n: number) => ' '.repeat(n);
/** one line per adversary, each with a run of n spaces: a quadratic regex on any one of them shows in the ratio */
const lines = (...make: ((sp: string) => string)[]) => (n: number) => make.map((m) => m(spaces(n))).join('\n') + '\n';
const SHAPES: Shape[] = [
  {
    name: 'runs of spaces after labels (mod, modifier:, POS, place of service code, DOS)',
    make: lines((sp) => `mod${sp}!`, (sp) => `99213 modifier:${sp}!`, (sp) => `POS${sp}!`, (sp) => `Place of service code${sp}x`, (sp) => `DOS${sp}x`, (sp) => `Date of service (s)${sp}x`),
    n: 150_000,
  },
  {
    name: 'runs of spaces after codes (separator, label, citation-like year)',
    make: lines((sp) => `99213 -${sp}!`, (sp) => `CPT${spaces(30)}99213${sp}-`, (sp) => `99213 2020;1${sp}x`, (sp) => `99213 2020;1 (${sp}x`, (sp) => `- CPT 99213 ${sp}— x`),
    n: 150_000,
  },
  {
    name: 'runs of spaces in tables and reference sections',
    make: lines((sp) => `| a | b |\n${sp}`, (sp) => `| a | b |\n|--${sp}x`, (sp) => `| a | b |\n${'-'.repeat(sp.length)}x`, (sp) => `References${sp}x\n99213`, (sp) => `References\n${sp}x\nABC${sp}x`),
    n: 150_000,
  },
  { name: '"I10 " repeated on one line', make: (n) => `${'I10 '.repeat(n)}M79.642\n`, n: 2_000 },
  { name: '"99213 mod 25 " repeated on one line', make: (n) => `${'99213 mod 25 '.repeat(n)}\n`, n: 1_500 },
  { name: '"a 25 modifier" repeated on one line', make: (n) => `99213 ${'a 25 modifier '.repeat(n)}\n`, n: 8_000 },
  { name: 'one code with many suffix modifiers', make: (n) => `99213${'-25'.repeat(n)}\n`, n: 2_000 },
  { name: 'codes with units on one line', make: (n) => `${'96372 x2, '.repeat(n)}\n`, n: 1_500 },
  { name: 'one line of mixed codes', make: (n) => 'Dx M79.642 and 99213-25, mod 59 POS 11. '.repeat(n), n: 400 },
  { name: '"M79.64 " repeated (findings over the cap)', make: (n) => 'M79.64 '.repeat(n), n: 4_000 },
  { name: 'many disable/enable directive pairs', make: (n) => '# clinical-codes: disable icd10.unknown\nDx M79.64 Z99.999\n# clinical-codes: enable icd10.unknown\n'.repeat(n), n: 400 },
  { name: 'nested disable-all and enable-rule directives', make: (n) => '# clinical-codes: disable\nM79.64\n# clinical-codes: enable icd10.header-not-billable\nM79.64\n# clinical-codes: enable\n'.repeat(n), n: 1_000 },
  { name: 'a CSV row of many CPT columns', format: 'csv', make: (n) => `${Array(n).fill('CPT').join(',')}\n${Array(n).fill('99213').join(',')}\n`, n: 1_500 },
  { name: 'a CSV row of many diagnosis columns', format: 'csv', make: (n) => `${Array(n).fill('Dx').join(',')}\n${Array(n).fill('M79.642').join(',')}\n`, n: 1_000 },
  { name: 'a CSV row of many modifier and pointer columns', format: 'csv', make: (n) => `CPT,${Array(n).fill('Modifier').join(',')},${Array(n).fill('Pointer').join(',')}\n99213,${Array(n).fill('25').join(',')},${Array(n).fill('1').join(',')}\n`, n: 4_000 },
  { name: 'a CSV of many rows of one claim', format: 'csv', make: (n) => `Claim ID,CPT,Modifier,POS,Dx\n${'C1,99213,25,11,M79.642\n'.repeat(n)}`, n: 4_000 },
  { name: 'a CSV with a huge unclosed quoted cell', format: 'csv', make: (n) => `CPT,Dx\n99213,"${'x,'.repeat(n)}\n`, n: 300_000 },
  { name: 'a pipe table row of many columns', make: (n) => `| ${Array(n).fill('CPT').join(' | ')} |\n|${Array(n).fill('---').join('|')}|\n| ${Array(n).fill('99213').join(' | ')} |\n`, n: 800 },
  {
    name: 'a one-line 837P of many service lines with modifiers (every cell of the interchange on line 0)',
    format: 'x12',
    make: (n) => interchange([...PROFESSIONAL_BODY.slice(0, 15), ...Array.from({ length: n }, (_, i) => [`LX*${i + 1}`, 'SV1*HC:99213:25:59*60*UN*1*11**1', 'DTP*472*D8*20240110']).flat()], { newline: '' }),
    n: 1_500,
  },
  { name: 'many small pipe tables', make: (n) => '| CPT | Dx |\n|---|---|\n| 99213 | M79.642 |\n\n'.repeat(n), n: 2_000 },
];


/** CPU time of one analysis in ms: unlike wall-clock time, it does not grow while other processes have the CPU */
function time(text: string, format: DocumentFormat): number {
  const t0 = process.cpuUsage();
  analyze(text, format, { data, dateOfService: '2026-11-23' });
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

/** best-of-three CPU times of the document at n and at 4n, interleaved so a burst of load hits both sizes alike */
function measure(shape: Shape, format: DocumentFormat, n: number): number[] {
  const small = shape.make(n);
  const large = shape.make(4 * n);
  time(large, format); // warm up
  const runs: number[][] = [[], []];
  for (let i = 0; i < 3; i++) {
    runs[0].push(time(small, format));
    runs[1].push(time(large, format));
  }
  // the fastest of the runs: load on the machine and garbage collection only ever add time
  return runs.map((r) => Math.min(...r));
}

for (const shape of SHAPES) {
  test(`linear time: ${shape.name}`, () => {
    const format = shape.format ?? 'note';
    // a small run of a few ms is timer, JIT and GC noise, not growth: double n until the fastest of three small runs
    // costs at least 20 ms of CPU (one run can be slow by chance and stop the doubling too early)
    let n = shape.n;
    time(shape.make(n), format); // warm up
    const fastest = (text: string) => Math.min(time(text, format), time(text, format), time(text, format));
    while (n < shape.n * 32 && fastest(shape.make(n)) < 20) n *= 2;
    let best = measure(shape, format, n);
    // a floor of 5 ms keeps a tiny small run from turning timer and GC noise into a ratio
    let ratio = best[1] / Math.max(5, best[0]);
    // one more look at twice the size before failing: noise (a collection, a burst of load) does not repeat at
    // 2n, a quadratic stage does (16× at every size)
    if (ratio >= MAX_RATIO) {
      n *= 2;
      best = measure(shape, format, n);
      ratio = best[1] / Math.max(5, best[0]);
    }
    assert.ok(ratio < MAX_RATIO, `${shape.name}: 4× the input (n = ${n}) took ${ratio.toFixed(1)}× the time (${best[0].toFixed(1)} ms → ${best[1].toFixed(1)} ms)`);
  });
}
