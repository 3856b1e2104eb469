import type { Rule, RuleFinding } from './rule';
import { CODE_COLUMN_KINDS } from '../scanner/columns';

/**
 * A delimited file is judged by its columns. When no column header names a code column, guessing would turn IDs,
 * ZIPs and amounts into codes, so nothing is judged and the header says so once; a column directive entry that
 * cannot be read is reported where it is written.
 */
export const tableColumns: Rule = {
  id: 'table.columns',
  defaultSeverity: 'info',
  description: 'A delimited file whose header names no code column (nothing in it is judged), or a column directive entry that cannot be read.',
  summary: 'a delimited file with no code column detected (nothing judged), or an unreadable column directive entry',
  docs: 'Cells of a delimited file are judged by their column: procedure, modifier, diagnosis, taxonomy and place-of-service columns are recognised from header names in the common styles (procedure_code, HCPCS_CD, 1st Modifier, ICD_DGNS_CD1, Dx Pointer …). When none is recognised, name the columns with the clinicalCodes.csv.columns setting or a directive before the header: `# clinical-codes: columns PROC=procedure, DX_A=diagnosis`.',
  tags: [],
  fixable: false,
  checkDocument(ctx) {
    if (ctx.format !== 'csv') return;
    const out: RuleFinding[] = ctx.layout.columnProblems.map((p) => ({ start: p.start, end: p.end, message: p.message }));
    const header = ctx.layout.headers[0];
    if (header && !header.kinds.some((k) => CODE_COLUMN_KINDS.has(k))) {
      const named = header.names.filter(Boolean);
      out.push({
        start: header.start,
        end: header.end,
        message:
          `No code column found in this file's header (${named.slice(0, 6).join(', ')}${named.length > 6 ? ', …' : ''}), so nothing in it is judged. ` +
          'Name the code columns with the clinicalCodes.csv.columns setting or a first line such as "# clinical-codes: columns PROC=procedure, DX1=diagnosis".',
      });
    }
    return out;
  },
};
