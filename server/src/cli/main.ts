import { parseArgs } from 'node:util';
import { lstat, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { mergePacks, resolveCoverage, columnOverrides, BundleError, ICD10_START, isIsoDate, isMaxFindings, MAX_FINDINGS, MAX_FINDINGS_LIMIT, CodeData, RULE_IDS, SEVERITY_SETTINGS, SEVERITY_SETTINGS_TEXT, describeCode, guessSystems, isSeveritySetting, renderText, CodeSearch, officialTitle } from '../engine';
import type { ColumnOverrides, PolicyPack, SeveritySetting } from '../engine';
import { bundledPolicies } from '../shared/bundled-policies';
import { readPolicyFile } from '../shared/policy-files';
import { DEFAULT_MAX_FILE_SIZE } from '../shared/documents';
import { defaultDataDir } from '../shared/paths';
import { isCheckWorker, loadCodeData, runCheck, runCheckWorker, UsageError, type InputFile } from './check';
import type { OutputFormat } from './output';
import { policyDraft } from './policy';
import { largestInput, relaunch, RELAUNCH_BYTES, relaunchSettings } from './relaunch';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

const USAGE = `clinical-codes ${VERSION}: checks ICD-10-CM, CPT/HCPCS, modifier and NUCC taxonomy codes against official data, offline.

Usage:
  clinical-codes check <files|dirs|globs...> [options]
  clinical-codes explain <code> [--date-of-service YYYY-MM-DD] [--payer NAME[/PLAN]] [--policy FILE]
  clinical-codes search <words...> [--limit N]
  clinical-codes policy draft <policy-document> [--out FILE|DIR]
                               drafts a payer policy pack (JSON) from a payer's medical policy text, to review

explain shows what each payer policy pack (bundled and --policy) says about a CPT/HCPCS code, under the --payer
first, at the date of service (default today).

Options for check:
  --format text|json|sarif     output format (default text)
  --date-of-service YYYY-MM-DD selects the ICD-10-CM edition (default: today; explain: the newest);
                               before ${ICD10_START} ICD-9-CM applies and ICD-10-CM codes are not judged
  --rule <id>=<severity>       ${SEVERITY_SETTINGS.join('|')} (repeatable)
  --column <header>=<kind>     what a delimited file's column holds, where its header does not say (repeatable):
                               procedure, modifier, diagnosis, pointer, units, date, claim-id, ignore, …
  --payer NAME[/PLAN]          the payer (and plan) where a claim and its document name none, for payer policy packs
  --policy FILE                a payer policy pack (JSON, data/policies/policy-pack.schema.json) besides the bundled
                               ones (repeatable); an invalid pack is reported and skipped
  --max-file-size <MB>         skip larger files (default ${DEFAULT_MAX_FILE_SIZE / 1048576})
  --max-findings N             findings reported per file (default ${MAX_FINDINGS}, at most ${MAX_FINDINGS_LIMIT}); the rest
                               are counted in one analysis.truncated finding
  --skip-unreadable            a file that cannot be checked (unreadable, too large, not a regular file, or a
                               named binary file) is reported but does not make the exit status 2
  --jobs N|auto                check on N threads (default 1: this thread alone). auto: one per core but one
                               when there are several files and a few MB each (faster on an idle machine of 3+
                               cores, each extra thread ~60 MB more memory)
  --quiet                      only errors

Common options:
  --data DIR                   built code data bundle (default: bundled; env CLINICAL_CODES_DATA)
  --cpt-descriptors FILE       your licensed CPT descriptors (CSV: code,descriptor)
  --no-color, --version, --help

Directories are walked for every file not starting with "." whatever its extension; a file's content decides
(binary files found in a directory are skipped with a note; UTF-16 with a byte order mark is read as text).

Exit status: 0 no error-level findings, 1 error-level findings, 2 usage or data error, a file that could not be
checked (see --skip-unreadable), or nothing checked.`;

/**
 * The files to check, sorted: a named file as it is (even one that cannot be read: it is reported, not dropped), every
 * file under a directory (content decides, not the extension; dot files and dot directories are left out), glob
 * matches. A name that does not exist and matches nothing is a usage error.
 */
async function expandInputs(inputs: string[]): Promise<InputFile[]> {
  const found = new Map<string, boolean>();
  for (const input of inputs) {
    const st = await stat(input).catch((e: NodeJS.ErrnoException) => e);
    if (!(st instanceof Error) && st.isDirectory()) {
      for (const f of await glob('**/*', { cwd: input, absolute: true, dot: false })) if (!found.has(f)) found.set(f, false);
      continue;
    }
    // a FIFO, a device, a dangling link or a file in a directory we may not search: named, so reported
    const named = !(st instanceof Error) || (st.code !== 'ENOENT' ? true : await lstat(input).then(() => true, () => false));
    if (named) {
      found.set(resolve(input), true);
      continue;
    }
    const matched = /[*?[{]/.test(input) ? await glob(input, { absolute: true, dot: false }) : [];
    if (!matched.length) throw new UsageError(/[*?[{]/.test(input) ? `no files match ${input}` : `file not found: ${input}`);
    for (const f of matched) if (!found.has(f)) found.set(f, false);
  }
  return [...found.keys()].sort().map((path) => ({ path, shown: relative(process.cwd(), path) || path, named: found.get(path)! }));
}

async function loadData(values: { data?: string; 'cpt-descriptors'?: string }, opts: { withNotes?: boolean } = {}): Promise<CodeData> {
  const { data, notes } = await loadCodeData(values.data, values['cpt-descriptors'], opts);
  for (const n of notes) process.stderr.write(`clinical-codes: ${n}\n`);
  return data;
}

function parseRules(specs: string[] | undefined): Record<string, SeveritySetting> {
  const rules: Record<string, SeveritySetting> = {};
  for (const s of specs ?? []) {
    const [id, sev] = s.split('=');
    if (!RULE_IDS.includes(id)) throw new UsageError(`unknown rule "${id}"; rules: ${RULE_IDS.join(', ')}`);
    if (!isSeveritySetting(sev)) throw new UsageError(`--rule ${s}: severity must be ${SEVERITY_SETTINGS_TEXT}`);
    rules[id] = sev;
  }
  return rules;
}

function parseColumns(specs: string[] | undefined): ColumnOverrides | undefined {
  if (!specs?.length) return undefined;
  const malformed = specs.find((s) => s.lastIndexOf('=') <= 0);
  if (malformed !== undefined) throw new UsageError(`--column ${malformed}: expected HEADER=kind, e.g. --column PROC=procedure`);
  const setting = Object.fromEntries(specs.map((s) => [s.slice(0, s.lastIndexOf('=')), s.slice(s.lastIndexOf('=') + 1)]));
  const { columns, problems } = columnOverrides(setting);
  if (problems.length) throw new UsageError(`--column: ${problems[0]}`);
  return columns;
}

function dateOfService(values: Record<string, unknown>): string | undefined {
  const dos = values['date-of-service'] as string | undefined;
  if (dos && !isIsoDate(dos)) throw new UsageError(`--date-of-service ${dos} is not a date: use YYYY-MM-DD`);
  return dos;
}

/** The bundled packs and the --policy files; an invalid or unreadable file is reported on stderr and skipped. */
async function loadPolicies(files: string[] | undefined): Promise<PolicyPack[]> {
  const packs: PolicyPack[] = [];
  for (const file of files ?? []) {
    const r = await readPolicyFile(file);
    if (r.ok) packs.push(r.pack);
    else if ('unreadable' in r) process.stderr.write(`clinical-codes: --policy ${file}: ${r.unreadable}; skipped\n`);
    else process.stderr.write(`clinical-codes: policy pack ${file} is invalid and was skipped: ${r.problems.join('; ')}\n`);
  }
  // a --policy pack replaces the bundled pack of the same id
  return mergePacks(bundledPolicies(), packs);
}

/** --payer that no loaded pack knows is a typo or a missing --policy: said once, on stderr, and the command goes on. */
function warnUnknownPayer(payer: string | undefined, packs: readonly PolicyPack[], active = payer ? resolveCoverage({ setting: payer }, packs) : undefined): void {
  if (!payer || active) return;
  process.stderr.write(`clinical-codes: --payer ${payer} names no payer of the loaded policy packs (${[...new Set(packs.map((p) => p.payer.name))].join('; ')})\n`);
}

async function check(positionals: string[], values: Record<string, unknown>, argv: readonly string[], options: MainOptions): Promise<number> {
  if (!positionals.length) throw new UsageError('check needs at least one file, directory or glob');
  const format = (values.format as string) ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif`);
  const dos = dateOfService(values);
  const maxMb = values['max-file-size'] ? Number(values['max-file-size']) : DEFAULT_MAX_FILE_SIZE / 1048576;
  if (!(maxMb > 0)) throw new UsageError('--max-file-size must be a positive number of megabytes');
  const maxFindings = values['max-findings'] !== undefined ? Number(values['max-findings']) : undefined;
  if (maxFindings !== undefined && !isMaxFindings(maxFindings)) throw new UsageError(`--max-findings must be a whole number from 1 to ${MAX_FINDINGS_LIMIT}`);
  const jobs = values.jobs === undefined ? 1 : values.jobs === 'auto' ? 'auto' : Number(values.jobs);
  if (jobs !== 'auto' && !(Number.isInteger(jobs) && jobs >= 1)) throw new UsageError('--jobs must be auto or a whole number of at least 1 (1: no worker threads)');
  const rules = parseRules(values.rule as string[] | undefined);
  const columns = parseColumns(values.column as string[] | undefined);
  const files = await expandInputs(positionals);
  // a large file is checked in a node started with the memory settings only a start can make (cli/relaunch.ts)
  const relaunchWith = options.relaunchScript ? relaunchSettings() : undefined;
  if (relaunchWith && (await largestInput(files)) >= RELAUNCH_BYTES) {
    const status = await relaunch(options.relaunchScript!, argv, relaunchWith);
    if (status !== undefined) return status;
  }
  // --jobs auto weighs the input: a stat per file (a file that cannot be read is reported when it is checked)
  if (jobs === 'auto') await Promise.all(files.map((f) => stat(f.path).then((st) => void (f.size = st.isFile() ? st.size : 0), () => {})));
  const policies = await loadPolicies(values.policy as string[] | undefined);
  warnUnknownPayer(values.payer as string | undefined, policies);
  return runCheck({
    files,
    jobs,
    skipUnreadable: values['skip-unreadable'] === true,
    version: VERSION,
    script: __filename,
    settings: {
      data: values.data as string | undefined,
      cptDescriptors: values['cpt-descriptors'] as string | undefined,
      dateOfService: dos,
      rules,
      columns,
      policies,
      payer: values.payer as string | undefined,
      quiet: values.quiet === true,
      format: format as OutputFormat,
      color: process.stdout.isTTY && values['no-color'] !== true,
      maxBytes: maxMb * 1048576,
      maxFindings,
    },
  });
}

async function explain(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('explain takes exactly one code');
  const data = await loadData(values as { data?: string }, { withNotes: true });
  const raw = positionals[0];
  const found = guessSystems(data, raw);
  // a procedure code's explanation tells its NCCI PTP edits
  if (found.some((f) => f.system === 'cpt' || f.system === 'hcpcs')) await data.ptp.load();
  if (!found.length) {
    process.stdout.write(`${raw}: not found in ICD-10-CM, CPT/HCPCS (CMS files), modifiers, NUCC taxonomy or place-of-service codes.\n`);
    return 1;
  }
  const dos = dateOfService(values);
  const edition = dos ? data.icd10.editionFor(dos) : undefined;
  const packs = await loadPolicies(values.policy as string[] | undefined);
  const payer = values.payer as string | undefined;
  const active = payer ? resolveCoverage({ setting: payer }, packs) : undefined;
  warnUnknownPayer(payer, packs, active);
  for (const f of found) {
    const d = describeCode(data, f.system, f.code, { edition, dateOfService: dos, coverage: { packs, active } });
    if (d) process.stdout.write(`[${officialTitle(f.system)}] ${renderText(d)}\n\n`);
  }
  return 0;
}

async function search(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (!positionals.length) throw new UsageError('search needs words or a code prefix');
  const data = await loadData(values as { data?: string });
  const limit = values.limit ? Number(values.limit) : 20;
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive whole number');
  const index = await CodeSearch.readBundled(defaultDataDir((values as { data?: string }).data), data);
  const hits = new CodeSearch(data, index).search(positionals.join(' '), { limit });
  for (const h of hits) {
    const header = h.system === 'icd10cm' && h.billable === false ? ' (header, not billable)' : '';
    process.stdout.write(`${officialTitle(h.system).padEnd(15)} ${h.display.padEnd(10)} ${h.description}${header}\n`);
  }
  if (!hits.length) process.stdout.write('no matches\n');
  return hits.length ? 0 : 1;
}

export interface MainOptions {
  /** the script that runs `main` (bin/clinical-codes.js): `check` may run it again to check a large file (cli/relaunch.ts) */
  relaunchScript?: string;
}

export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        'date-of-service': { type: 'string' },
        rule: { type: 'string', multiple: true },
        column: { type: 'string', multiple: true },
        'max-file-size': { type: 'string' },
        'max-findings': { type: 'string' },
        payer: { type: 'string' },
        policy: { type: 'string', multiple: true },
        quiet: { type: 'boolean', short: 'q' },
        'skip-unreadable': { type: 'boolean' },
        jobs: { type: 'string', short: 'j' },
        data: { type: 'string' },
        'cpt-descriptors': { type: 'string' },
        limit: { type: 'string' },
        out: { type: 'string', short: 'o' },
        'no-color': { type: 'boolean' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`clinical-codes: ${(e as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE + '\n');
    return command || values.help ? 0 : 2;
  }
  try {
    switch (command) {
      case 'check':
        return await check(rest, values, argv, options);
      case 'explain':
        return await explain(rest, values);
      case 'search':
        return await search(rest, values);
      case 'policy': {
        const [sub, file, ...extra] = rest;
        if (sub !== 'draft' || !file || extra.length) throw new UsageError('policy takes: policy draft <policy-document> [--out FILE|DIR]');
        return await policyDraft(file, values.out, await loadData(values));
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`clinical-codes: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof BundleError) {
      process.stderr.write(`clinical-codes: ${e.message}\n`);
      return 2;
    }
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`clinical-codes: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

if (isCheckWorker()) runCheckWorker();
else if (require.main === module) {
  main(process.argv.slice(2), { relaunchScript: __filename }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`clinical-codes: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
