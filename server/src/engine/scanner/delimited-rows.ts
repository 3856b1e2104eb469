import type { Cell } from './cell';
import type { ColumnKind } from './columns';
import { readRecord, type CellSpan, type Delimiter } from './delimited';
import { kindMask, LazyRows } from './lazy-rows';

/**
 * A delimited record's cells with their kinds. A row's own ICD version or coding-system cell decides for that row:
 * version 9 makes its diagnosis cells ICD-9-CM (not judged as ICD-10-CM); "CPT"/"HCPCS"/"ICD-10-CM" make its
 * "Code" cells procedure or diagnosis cells; any other system (LOINC, SNOMED, NDC …) takes them out of judgement.
 */
function rowCells(cells: CellSpan[], kinds: ColumnKind[], owners: (number | undefined)[], rowKinds: boolean): Cell[] {
  let icd: ColumnKind | undefined;
  let code: ColumnKind | undefined;
  if (rowKinds) {
    kinds.forEach((k, col) => {
      if (k !== 'icd-version' && k !== 'code-system') return;
      const v = cells[col]?.text.toUpperCase().replace(/[\s._-]/g, '') ?? '';
      if (!v) return;
      if (k === 'icd-version') icd = /^(?:9|09|ICD9(?:CM)?)$/.test(v) ? 'icd9' : icd;
      if (k === 'code-system') {
        if (/^(?:ICD9(?:CM)?|I9|9)$/.test(v)) code = 'icd9';
        else if (/^(?:ICD10(?:CM)?|I10|DX|DIAGNOSIS|ICD)$/.test(v)) code = 'icd10cm';
        else if (/^(?:CPT\d?|HCPCS(?:LEVEL(?:I|II|1|2))?|HC|PX|PROCEDURE|C4|CPT4)$/.test(v)) code = 'procedure';
        else code = 'other-code';
      }
    });
  }
  const out: Cell[] = new Array(cells.length);
  for (let col = 0; col < cells.length; col++) {
    const c = cells[col];
    let kind = kinds[col] ?? 'other';
    if (kind === 'icd10cm' && icd) kind = icd;
    else if (kind === 'code' && code) kind = code === 'icd10cm' && icd ? icd : code;
    // one object literal (one hidden class) per cell: a spread of the span cost ~3 µs a cell and made every later
    // pass over the cells slow
    out[col] = { start: c.start, end: c.end, text: c.text, from: c.from, to: c.to, col, kind, describes: owners[col] };
  }
  return out;
}

/**
 * A delimited file's records below its header, read again from the text when asked for: per record only where it
 * starts and its line are kept (8 bytes), where its cells (an object and a string each, ~15 a row in a claim
 * export) were most of the heap. Every record has the header's kinds, so a scanner stage that wants a kind the
 * header cannot give (after the rows' own version and code-system cells) skips the file.
 */
export class DelimitedRows extends LazyRows {
  private readonly starts: Uint32Array;
  private readonly mask: number;

  constructor(
    private readonly text: string,
    private readonly delimiter: Delimiter,
    starts: readonly number[],
    lines: readonly number[],
    private readonly kinds: ColumnKind[],
    private readonly owners: (number | undefined)[],
    private readonly rowKinds: boolean,
  ) {
    super(Uint32Array.from(lines), lines.length);
    this.starts = Uint32Array.from(starts);
    const possible = new Set(kinds);
    if (rowKinds && possible.has('icd10cm')) possible.add('icd9');
    if (rowKinds && possible.has('code')) for (const k of ['icd10cm', 'icd9', 'procedure', 'other-code'] as const) possible.add(k);
    this.mask = kindMask(possible);
  }

  protected build(k: number): Cell[] {
    return rowCells(readRecord(this.text, this.starts[k], this.delimiter).cells, this.kinds, this.owners, this.rowKinds);
  }

  protected mayHold(_k: number, mask: number): boolean {
    return (this.mask & mask) !== 0;
  }
}
