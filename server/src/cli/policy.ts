import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { draftPolicyPack, validatePolicyPack, type CodeData } from '../engine';
import { unwritableReason } from '../shared/bounded-file';
import { readDocument } from '../shared/documents';

/** --out an existing directory: the pack goes in it as <id>.json, as `cp` would put a file (the id is a slug). */
async function outFile(out: string, id: string): Promise<string> {
  const st = await stat(out).catch(() => undefined);
  return st?.isDirectory() ? join(out, `${id}.json`) : out;
}

/**
 * `clinical-codes policy draft <file> [--out FILE]`: a draft payer policy pack from a payer's policy document, for a
 * person to review. The pack goes to stdout (or the file), what to review to stderr.
 */
export async function policyDraft(file: string, out: string | undefined, data: CodeData): Promise<number> {
  const read = await readDocument(file);
  if (!read.ok) {
    process.stderr.write(`clinical-codes: ${file}: ${read.reason}\n`);
    return 2;
  }
  const { pack, review } = draftPolicyPack(read.text, { name: file, knownProcedure: (c) => data.procedures.known(c) });
  const json = `${JSON.stringify(pack, null, 2)}\n`;
  const target = out === undefined ? undefined : await outFile(out, pack.id);
  if (target === undefined) process.stdout.write(json);
  else {
    const failed = await writeFile(target, json).then(() => undefined, unwritableReason);
    if (failed) {
      process.stderr.write(`clinical-codes: --out ${target}: ${failed}\n`);
      return 2;
    }
  }
  const valid = validatePolicyPack(pack, file).ok;
  const codes = pack.rules.reduce((n, r) => n + r.codes.length, 0);
  process.stderr.write(
    `clinical-codes: drafted ${pack.rules.length} rule(s) with ${codes} code or range entr${codes === 1 ? 'y' : 'ies'} for ${pack.payer.name} (${pack.plans.map((p) => p.name).join(', ')}), effective ${pack.effective}${target ? `, written to ${target}` : ''}.\n` +
      `Review before use${valid ? '' : ' (it is not yet a valid pack)'}:\n${review.map((r) => `  - ${r}\n`).join('')}`,
  );
  return valid ? 0 : 1;
}
