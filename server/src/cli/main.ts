import { parseArgs } from 'node:util';
import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import { analyze, mergePacks, BEFORE_ICD10, columnOverrides, formatFor, today, BundleError, ICD10_START, isIsoDate, CodeData, RULE_IDS, SEVERITY_SETTINGS, SEVERITY_SETTINGS_TEXT, describeCode, guessSystems, isSeveritySetting, renderText, CodeSearch, officialTitle } from '../engine';
import type { ColumnOverrides, PolicyPack, SeveritySetting } from '../engine';
import { bundledPolicies } from '../shared/bundled-policies';
import { readPolicyFile } from '../shared/policy-files';
import { defaultDataDir } from '../shared/paths';
import { readCptDescriptors } from '../shared/cpt-descriptors';
import { DEFAULT_MAX_FILE_SIZE, readDocument } from '../shared/documents';
import { formatJson, formatSarif, formatText, type FileResult } from './output';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

const USAGE = `clinical-codes ${VERSION}: checks ICD-10-CM, CPT/HCPCS, modifier and NUCC taxonomy codes against official data, offline.

Usage:
  clinical-codes check <files|dirs|globs...> [options]
  clinical-codes explain <code> [--date-of-service YYYY-MM-DD]
  clinical-codes search <words...> [--limit N]

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
  --quiet                      only errors

Common options:
  --data DIR                   built code data bundle (default: bundled; env CLINICAL_CODES_DATA)
  --cpt-descriptors FILE       your licensed CPT descriptors (CSV: code,descriptor)
  --no-color, --version, --help

Exit status: 0 no error-level findings, 1 error-level findings, 2 usage or data error.`;

class UsageError extends Error {}

const TEXT_EXTENSIONS = '{txt,md,markdown,csv,tsv,psv,tab,dat,note,text,x12,837,837p,837i,edi}';

async function expandInputs(inputs: string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const input of inputs) {
    let st;
    try {
      st = await stat(input);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) {
      for (const f of await glob(`**/*.${TEXT_EXTENSIONS}`, { cwd: input, absolute: true, dot: false })) files.add(f);
      // plain files without an extension are common for exported notes
      for (const f of await glob('**/*', { cwd: input, absolute: true, dot: false })) if (!/\.[^/\\]+$/.test(f.split(/[/\\]/).pop()!)) files.add(f);
    } else if (st?.isFile()) {
      files.add(resolve(input));
    } else {
      const matched = /[*?[{]/.test(input) ? await glob(input, { absolute: true, dot: false }) : [];
      if (!matched.length) throw new UsageError(/[*?[{]/.test(input) ? `no files match ${input}` : `file not found: ${input}`);
      matched.forEach((f) => files.add(f));
    }
  }
  return [...files].sort();
}

async function loadData(values: { data?: string; 'cpt-descriptors'?: string }, opts: { withNotes?: boolean } = {}): Promise<CodeData> {
  const data = await CodeData.load(defaultDataDir(values.data), opts);
  if (values['cpt-descriptors']) {
    const file = values['cpt-descriptors'];
    const { map, skipped } = await readCptDescriptors(file).catch((e: NodeJS.ErrnoException) => {
      throw new UsageError(`--cpt-descriptors ${file}: cannot read it (${e.code ?? e.message}); give a CSV file of code,descriptor rows`);
    });
    data.procedures.setUserDescriptors(map);
    if (skipped) process.stderr.write(`clinical-codes: ${skipped} row(s) of ${values['cpt-descriptors']} were not "code,descriptor" and were ignored\n`);
  }
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
    else if ('unreadable' in r) process.stderr.write(`clinical-codes: policy pack ${file}: cannot read it (${r.unreadable}); skipped\n`);
    else process.stderr.write(`clinical-codes: policy pack ${file} is invalid and was skipped: ${r.problems.join('; ')}\n`);
  }
  // a --policy pack replaces the bundled pack of the same id
  return mergePacks(bundledPolicies(), packs);
}

async function check(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (!positionals.length) throw new UsageError('check needs at least one file, directory or glob');
  const format = (values.format as string) ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif`);
  const dos = dateOfService(values);
  const maxMb = values['max-file-size'] ? Number(values['max-file-size']) : DEFAULT_MAX_FILE_SIZE / 1048576;
  if (!(maxMb > 0)) throw new UsageError('--max-file-size must be a positive number of megabytes');
  const rules = parseRules(values.rule as string[] | undefined);
  const columns = parseColumns(values.column as string[] | undefined);
  const files = await expandInputs(positionals);
  const policies = await loadPolicies(values.policy as string[] | undefined);
  const payer = values.payer as string | undefined;
  const data = await loadData(values as { data?: string });
  const first = data.icd10.editions[0];
  if (dos && dos >= ICD10_START && dos < first.start) process.stderr.write(`clinical-codes: ${dos} is before the oldest bundled ICD-10-CM edition (${first.id}, from ${first.start}); checking against ${first.id}\n`);
  const progress = process.stderr.isTTY && files.length > 20 && format === 'text';
  const results: FileResult[] = [];
  const datesJudged = new Set<string>();
  let errors = 0;
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const shown = relative(process.cwd(), file) || file;
    if (progress) process.stderr.write(`\rchecking ${i + 1}/${files.length} files…`);
    const doc = await readDocument(file, maxMb * 1048576);
    if (!doc.ok) {
      results.push({ file: shown, findings: [], skipped: doc.reason });
      continue;
    }
    const docFormat = formatFor({ path: file, text: doc.text });
    const options = { data, dateOfService: dos, rules, columns, policies, payer };
    let a = analyze(doc.text, docFormat, options);
    if (a.pendingData) {
      // a claim with two procedures on one date: read the NCCI PTP edits (once) and judge the file with them
      await data.ptp.load();
      const st = data.ptp.status;
      if (st.state === 'error') process.stderr.write(`clinical-codes: the NCCI PTP edits (${st.edition}) could not be read, so ncci.ptp judges nothing: ${st.message}\n`);
      a = analyze(doc.text, docFormat, options);
    }
    for (const t of a.tokens) if (t.system === 'icd10cm') datesJudged.add(t.service?.date ?? a.dateOfService);
    const findings = values.quiet ? a.findings.filter((f) => f.severity === 'error') : a.findings;
    errors += findings.filter((f) => f.severity === 'error').length;
    results.push({ file: shown, findings, layout: a.layout });
  }
  if (progress) process.stderr.write('\r\x1b[K');
  if (format === 'json') process.stdout.write(formatJson(results) + '\n');
  else if (format === 'sarif') process.stdout.write(formatSarif(results, VERSION, (f) => (f.startsWith('..') || f.startsWith(sep) ? pathToFileURL(resolve(f)).href : f.split(sep).join('/'))) + '\n');
  else {
    const out = formatText(results, process.stdout.isTTY && values['no-color'] !== true);
    if (out) process.stdout.write(out + '\n');
    const total = results.reduce((n, r) => n + r.findings.length, 0);
    const skipped = results.filter((r) => r.skipped).length;
    process.stderr.write(
      `${files.length} file(s) checked${skipped ? `, ${skipped} skipped` : ''}: ${total} finding(s), ${errors} error(s) · ${editionsSummary(data, datesJudged, dos)}\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}

/** "ICD-10-CM FY2027", or the editions the codes were judged at when their dates of service differ. */
function editionsSummary(data: CodeData, dates: Set<string>, dos: string | undefined): string {
  const icd = data.icd10;
  const editions = new Set([...dates].sort().map((d) => icd.editionFor(d)));
  if (editions.size <= 1) return icd.editionLabel(icd.editionFor([...dates][0] ?? dos ?? today()));
  const ids = [...editions].filter((e) => e >= 0).map((e) => icd.editions[e].id);
  return `ICD-10-CM ${ids.join(', ')} (by date of service)${editions.has(BEFORE_ICD10) ? '; ICD-9-CM dates not judged' : ''}`;
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
  for (const f of found) {
    const d = describeCode(data, f.system, f.code, { edition, dateOfService: dos });
    if (d) process.stdout.write(`[${officialTitle(f.system)}] ${renderText(d)}\n\n`);
  }
  return 0;
}

async function search(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (!positionals.length) throw new UsageError('search needs words or a code prefix');
  const data = await loadData(values as { data?: string });
  const limit = values.limit ? Number(values.limit) : 20;
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive whole number');
  const hits = new CodeSearch(data).search(positionals.join(' '), { limit });
  for (const h of hits) {
    const header = h.system === 'icd10cm' && h.billable === false ? ' (header, not billable)' : '';
    process.stdout.write(`${officialTitle(h.system).padEnd(15)} ${h.display.padEnd(10)} ${h.description}${header}\n`);
  }
  if (!hits.length) process.stdout.write('no matches\n');
  return hits.length ? 0 : 1;
}

export async function main(argv: string[]): Promise<number> {
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
        payer: { type: 'string' },
        policy: { type: 'string', multiple: true },
        quiet: { type: 'boolean', short: 'q' },
        data: { type: 'string' },
        'cpt-descriptors': { type: 'string' },
        limit: { type: 'string' },
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
        return await check(rest, values);
      case 'explain':
        return await explain(rest, values);
      case 'search':
        return await search(rest, values);
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

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`clinical-codes: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
