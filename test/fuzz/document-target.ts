// One fuzz target of analyze() (documents*.test.ts): realistic documents of one kind (test/fuzz/generators.ts) on the
// full bundle. No exception, every range inside the document and ordered, and the same result when the same text is
// analysed again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, formatFor, type CodeData, type DocumentFormat } from '../../server/src/engine';
import { codePools, type CodePools } from './generators';
import { checkAnalysis, realData, snapshot } from './invariants';
import { fuzz } from './harness';

let ready: Promise<{ data: CodeData; pools: CodePools }> | undefined;
const setup = () => (ready ??= realData().then((data) => ({ data, pools: codePools(data) })));

const SLOW_OFF = { 'description.mismatch': 'off' } as const;
const dateArb = fc.constantFrom(undefined, '2024-02-01', '2015-09-30', '2020-06-15', '2026-11-01');

/** Most documents small, a minority large: a large one costs several small ones and finds what needs length. */
export const mostlySmall = (small: fc.Arbitrary<string>, large: fc.Arbitrary<string>) => fc.oneof({ weight: 3, arbitrary: small }, { weight: 1, arbitrary: large });

export function documentTarget(file: string, name: string, format: DocumentFormat, doc: (p: CodePools) => fc.Arbitrary<string>, ms: number): void {
  test(`fuzz: ${name}`, async () => {
    const { data, pools } = await setup();
    const report = fuzz(`${name} (analyze, ${format})`, file, fc.tuple(doc(pools), dateArb, fc.nat({ max: 15 })), ([text, dateOfService, every]) => {
      // description.mismatch searches the whole ICD-10-CM table once per new description (tens of ms): it runs in
      // one case in sixteen, so the budget holds more cases
      const rules = every === 0 ? undefined : SLOW_OFF;
      const a = analyze(text, format, { data, dateOfService, rules });
      checkAnalysis(text, a);
      // the sniffers (looksX12, looksDelimited) read any text
      assert.ok(['note', 'csv', 'x12'].includes(formatFor({ path: 'export.txt', languageId: 'plaintext', text })));
      // deterministic: the same text gives the same tokens, claims and findings (one case in four: it doubles the cost)
      if (every % 4 === 1) assert.equal(snapshot(analyze(text, format, { data, dateOfService, rules })), snapshot(a));
    }, { ms });
    assert.ok(report.runs > 0);
  });
}
