import { writeFile } from 'node:fs/promises';
import { draftPolicyPack, validatePolicyPack, type CodeData } from '../engine';
import { readDocument } from '../shared/documents';

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
  if (out) await writeFile(out, json);
  else process.stdout.write(json);
  const valid = validatePolicyPack(pack, file).ok;
  const codes = pack.rules.reduce((n, r) => n + r.codes.length, 0);
  process.stderr.write(
    `clinical-codes: drafted ${pack.rules.length} rule(s) with ${codes} code or range entr${codes === 1 ? 'y' : 'ies'} for ${pack.payer.name} (${pack.plans.map((p) => p.name).join(', ')}), effective ${pack.effective}${out ? `, written to ${out}` : ''}.\n` +
      `Review before use${valid ? '' : ' (it is not yet a valid pack)'}:\n${review.map((r) => `  - ${r}\n`).join('')}`,
  );
  return valid ? 0 : 1;
}
