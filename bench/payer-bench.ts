/**
 * Payer policy figures (part of `npm run bench`, BENCH_ONLY=payer): what the packs and a payer override add to
 * analyze() on a claim export whose rows name BCBSRI plans (baseline: the same file without packs), and what the
 * coverage section adds to a hover's describeCode (baseline: describeCode without packs). Median of 5 runs.
 */
import { analyze, describeCode, resolveCoverage, type CodeData, type PolicyPack, type ResolvedCoverage } from '../server/src/engine';
import { bundledPolicies } from '../server/src/shared/bundled-policies';
import { median } from './stats';

type Report = (what: string, value: string, baseline?: string) => void;
const time = (fn: () => void) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

export async function payerBench(report: Report, data: CodeData): Promise<void> {
  const packs = bundledPolicies();
  const ROWS = 20_000;
  const plans = ['Medicare Advantage', 'Commercial', 'PPO'];
  const codes = ['0263T', '0264T', '0265T', '99213', '20610'];
  const lines = ['claim_id,payer,plan,date_of_service,cpt,diagnosis_code_1'];
  for (let i = 0; i < ROWS; i++) lines.push(`C${i},${i % 4 ? 'BCBSRI' : 'Aetna'},${plans[i % 3]},2026-03-02,${codes[i % 5]},I70.221`);
  const csv = lines.join('\n') + '\n';
  const aetna = csv.replace(/,BCBSRI,/g, ',Aetna,');
  const run = (opts: Partial<Parameters<typeof analyze>[2]>, text = csv) => median(Array.from({ length: 5 }, () => time(() => analyze(text, 'csv', { data, ...opts }))));
  const findings = (opts: Partial<Parameters<typeof analyze>[2]>) => analyze(csv, 'csv', { data, ...opts }).findings.filter((f) => /^coverage\.(?!medicare)/.test(f.ruleId)).length;
  const none = run({});
  const noMatch = run({ policies: packs }, aetna);
  const withPacks = run({ policies: packs });
  const overridden = run({ policies: packs, payerOverride: { payer: 'BCBSRI', plan: 'Commercial' } });
  const rows = `${ROWS.toLocaleString('en-US')}-row claim CSV`;
  report(`analyze ${rows}, packs, no row's payer has one`, `${noMatch.toFixed(0)} ms`, `${none.toFixed(0)} ms without packs (×${(noMatch / none).toFixed(2)})`);
  report(`analyze ${rows}, BCBSRI rows`, `${withPacks.toFixed(0)} ms`, `×${(withPacks / none).toFixed(2)}; ${findings({ policies: packs }).toLocaleString('en-US')} coverage findings`);
  report('  … with a payer override (BCBSRI Commercial)', `${overridden.toFixed(0)} ms`, `×${(overridden / none).toFixed(2)}; ${findings({ policies: packs, payerOverride: { payer: 'BCBSRI', plan: 'Commercial' } }).toLocaleString('en-US')} coverage findings`);

  const active = resolveCoverage({ setting: 'BCBSRI/Medicare Advantage' }, packs);
  const N = 5_000;
  const hover = (coverage?: { packs: PolicyPack[]; active?: ResolvedCoverage }) =>
    median(Array.from({ length: 5 }, () => time(() => {
      for (let i = 0; i < N; i++) describeCode(data, 'cpt', '0264T', { dateOfService: '2026-03-02', coverage });
    })));
  const plain = hover();
  const covered = hover({ packs, active });
  report('describeCode 0264T with payer coverage (hover)', `${((covered / N) * 1000).toFixed(1)} µs`, `${((plain / N) * 1000).toFixed(1)} µs without packs`);
}
