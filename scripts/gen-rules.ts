// Writes what the docs and the extension manifest say about rules from the rule list (server/src/engine/rules/index.ts)
// and the severities (server/src/engine/findings.ts):
//   package.json  contributes.configuration.properties["clinicalCodes.rules"]: one property per rule, the severity enum
//   README.md     the rules table between <!-- rules:start --> and <!-- rules:end -->, and the severity lists of the
//                 clinicalCodes.rules settings row and the CLI --rule usage
// Usage: npm run gen:rules [-- --check]   (--check: change nothing, exit 1 when a file is out of date)
// test/protocol/manifest.test.ts fails when the files differ from what this script writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_IDS, RULES, SEVERITY_SETTINGS } from '../server/src/engine';

export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';
/** the rule the settings description uses as its example */
const EXAMPLE_RULE = 'description.mismatch';

const code = (s: string) => `\`${s}\``;
/** "a, b or c" */
const orList = (xs: string[]) => `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`;

/** The generated parts of the `clinicalCodes.rules` setting (its type, default and scope stay as written). */
export function ruleSettings(): { markdownDescription: string; properties: Record<string, unknown>; additionalProperties: false } {
  if (!RULE_IDS.includes(EXAMPLE_RULE)) throw new Error(`gen-rules: the example rule ${EXAMPLE_RULE} is not a rule any more; pick another in scripts/gen-rules.ts`);
  return {
    markdownDescription:
      `Severity per rule: ${orList(SEVERITY_SETTINGS.map((s) => code(JSON.stringify(s))))}. ` +
      `For example ${code(`{ ${JSON.stringify(EXAMPLE_RULE)}: "off" }`)}. ` +
      'A single line or a whole file can also be excluded with a comment: `clinical-codes: disable-next-line <rule-id>` / `clinical-codes: disable <rule-id>`.',
    properties: Object.fromEntries(
      RULES.map((r) => [r.id, { type: 'string', enum: [...SEVERITY_SETTINGS], markdownDescription: `${r.description} Default: ${code(r.defaultSeverity)}.` }]),
    ),
    additionalProperties: false,
  };
}

/** package.json with the generated rule settings; everything else (key order, 2-space JSON) as it was. */
export function renderPackageJson(text: string): string {
  const pkg = JSON.parse(text);
  const setting = pkg.contributes?.configuration?.properties?.['clinicalCodes.rules'];
  if (!setting) throw new Error('gen-rules: package.json has no contributes.configuration.properties["clinicalCodes.rules"]');
  // assigning existing keys keeps their place in the object
  Object.assign(setting, ruleSettings());
  return JSON.stringify(pkg, null, 2) + '\n';
}

export function rulesTable(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| rule id | default | what it reports |',
    '|---|---|---|',
    ...RULES.map((r) => `| ${code(r.id)} | ${r.defaultSeverity} | ${cell(r.summary)} |`),
  ].join('\n');
}

/** Replaces exactly one match of `re` (throws when there is none, so a reworded README is noticed). */
function replaceOnce(text: string, re: RegExp, replacement: string, what: string): string {
  const n = text.match(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))?.length ?? 0;
  if (n !== 1) throw new Error(`gen-rules: README.md: expected one ${what}, found ${n}`);
  return text.replace(re, replacement);
}

/** README.md with the generated rules table and severity lists. */
export function renderReadme(text: string): string {
  const start = text.indexOf(RULES_START);
  const end = text.indexOf(RULES_END);
  if (start < 0 || end < start) throw new Error(`gen-rules: README.md needs ${RULES_START} … ${RULES_END} around the rules table`);
  let out = `${text.slice(0, start + RULES_START.length)}\n${rulesTable()}\n${text.slice(end)}`;
  out = replaceOnce(
    out,
    /^(\| `clinicalCodes\.rules` \|.*\| severity per rule id: ).*( \|)$/m,
    `$1${SEVERITY_SETTINGS.map(code).join(', ')}$2`,
    'clinicalCodes.rules row in the settings table',
  );
  out = replaceOnce(out, /--rule <id>=[a-z|]+\]/, `--rule <id>=${SEVERITY_SETTINGS.join('|')}]`, '"--rule <id>=…" in the CLI usage');
  return out;
}

const FILES: [string, (text: string) => string][] = [
  ['package.json', renderPackageJson],
  ['README.md', renderReadme],
];

function main(args: string[]): number {
  const root = join(__dirname, '..');
  const checkOnly = args.includes('--check');
  let stale = 0;
  for (const [name, render] of FILES) {
    const file = join(root, name);
    const before = readFileSync(file, 'utf8');
    const after = render(before);
    if (after === before) {
      console.log(`${name}: up to date`);
      continue;
    }
    stale++;
    if (checkOnly) console.log(`${name}: out of date (run npm run gen:rules)`);
    else {
      writeFileSync(file, after);
      console.log(`${name}: rewritten`);
    }
  }
  return checkOnly && stale ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
