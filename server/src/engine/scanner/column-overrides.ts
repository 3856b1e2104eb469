import type { ColumnKind } from './columns';

/**
 * Column kinds named by the user where the header words do not say (or say wrong): the `clinicalCodes.csv.columns`
 * setting, and an in-file directive before the header row:
 *
 *   # clinical-codes: columns PROC=procedure, DX_A=diagnosis, DX_B=diagnosis, ACCT=ignore
 */

/** Header name (lower case) → kind. */
export type ColumnOverrides = Map<string, ColumnKind>;

const KINDS: Record<string, ColumnKind> = {
  diagnosis: 'icd10cm', dx: 'icd10cm', icd10cm: 'icd10cm', 'icd-10-cm': 'icd10cm',
  procedure: 'procedure', cpt: 'procedure', hcpcs: 'procedure', code: 'code', modifier: 'modifier',
  taxonomy: 'taxonomy', pos: 'pos', 'place-of-service': 'pos', revenue: 'revenue', icd9: 'icd9', icd10pcs: 'other-code', 'other-code': 'other-code',
  pointer: 'pointer', 'diagnosis-pointer': 'pointer', 'icd-version': 'icd-version', 'code-system': 'code-system',
  units: 'units', charge: 'charge', amount: 'charge', date: 'date-service', dos: 'date-service', 'date-service': 'date-service',
  'from-date': 'date-from', 'date-from': 'date-from', 'through-date': 'date-through', 'date-through': 'date-through',
  'claim-id': 'claim-id', 'line-number': 'line-number', 'patient-id': 'patient-id', sex: 'patient-sex', 'patient-sex': 'patient-sex',
  'birth-date': 'birth-date', dob: 'birth-date', payer: 'payer', 'payer-id': 'payer-id', plan: 'plan', npi: 'npi', id: 'identifier',
  identifier: 'identifier', zip: 'zip', description: 'description', ignore: 'other', other: 'other',
};

/** The kind names a user may write, for messages and the settings schema. */
export const COLUMN_KIND_NAMES = Object.keys(KINDS);

export function columnKindNamed(name: string): ColumnKind | undefined {
  const key = name.trim().toLowerCase();
  // own keys only: "constructor" or "__proto__" are not kinds
  return Object.prototype.hasOwnProperty.call(KINDS, key) ? KINDS[key] : undefined;
}

/** The setting's object (header → kind name): the valid entries, and a message for each invalid one. */
export function columnOverrides(setting: Record<string, unknown> | undefined): { columns: ColumnOverrides; problems: string[] } {
  const columns: ColumnOverrides = new Map();
  const problems: string[] = [];
  for (const [header, kind] of Object.entries(setting ?? {})) {
    const k = typeof kind === 'string' ? columnKindNamed(kind) : undefined;
    if (k) columns.set(header.trim().toLowerCase(), k);
    else problems.push(`column "${header}": ${typeof kind === 'string' ? `"${kind}"` : (JSON.stringify(kind) ?? String(kind))} is not a column kind (${COLUMN_KIND_NAMES.slice(0, 8).join(', ')}, …)`);
  }
  return { columns, problems };
}

const DIRECTIVE = /clinical-codes:\s*columns\s+(.*)$/i;

/** Parses a `# clinical-codes: columns A=kind, B=kind` line at `lineStart`; undefined when the line is no such directive. */
export function parseColumnsDirective(
  line: string,
  lineStart: number,
): { columns: ColumnOverrides; problems: { start: number; end: number; message: string }[] } | undefined {
  const m = DIRECTIVE.exec(line);
  if (!m) return undefined;
  const columns: ColumnOverrides = new Map();
  const problems: { start: number; end: number; message: string }[] = [];
  const listStart = m.index + m[0].length - m[1].length;
  for (const part of m[1].matchAll(/[^,;]+/g)) {
    const entry = part[0];
    const at = lineStart + listStart + part.index + (entry.length - entry.trimStart().length);
    const eq = entry.lastIndexOf('=');
    const header = eq > 0 ? entry.slice(0, eq).trim() : '';
    const kind = eq > 0 ? columnKindNamed(entry.slice(eq + 1)) : undefined;
    if (header && kind) columns.set(header.toLowerCase(), kind);
    else if (entry.trim()) {
      problems.push({
        start: at,
        end: at + entry.trim().length,
        message: `"${entry.trim()}" is not HEADER=kind with a known kind (${COLUMN_KIND_NAMES.slice(0, 8).join(', ')}, …); this column keeps the kind its header says`,
      });
    }
  }
  return { columns, problems };
}
