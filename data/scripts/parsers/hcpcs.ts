import type { HcpcsModifierRow, HcpcsRow } from '../../../server/src/engine/data/bundle-types.js';
import { col, decodeText, splitLines } from '../lib/text.js';

/**
 * CMS HCPCS Level II annual alpha-numeric file (HCPC20YY_*_ANWEB_*.txt), 320-character fixed-width records,
 * Windows-1252. Layout (1-based inclusive, HCPC2026_recordlayout.txt): code 1-5 (modifier records: 3 blanks + 2-char
 * modifier), sequence 6-10, record id 11 (3/4 procedure first/continuation, 7/8 modifier first/continuation),
 * long description 12-91, short description 92-119, cross-reference 205-229 (5 × 5), coverage 230,
 * date added 269-276, action effective date 277-284, termination date 285-292, action code 293.
 */
export const HCPCS_RECORD_LENGTH = 320;

export interface HcpcsParseResult {
  rows: HcpcsRow[];
  modifiers: HcpcsModifierRow[];
  /** oddities worth surfacing in the build log (over-long lines, non-blank filler …) */
  warnings: string[];
}

const DATE_RE = /^(\d{8})?$/;

function date(line: string, from: number, to: number, where: string): string {
  const v = col(line, from, to).trim();
  if (!DATE_RE.test(v)) throw new Error(`${where}: bad date "${v}" in columns ${from}-${to}`);
  return v;
}

export function parseHcpcsFile(input: string | Uint8Array, fileName = 'HCPCS file'): HcpcsParseResult {
  const text = decodeText(input, 'windows-1252');
  const result: HcpcsParseResult = { rows: [], modifiers: [], warnings: [] };
  const seen = new Set<string>();
  // long-description parts of the record being continued
  let current: { kind: 'proc' | 'mod'; key: string; parts: string[]; row: HcpcsRow | HcpcsModifierRow } | undefined;
  const flush = () => {
    if (current) current.row[1] = current.parts.join(' ');
    current = undefined;
  };

  splitLines(text).forEach((raw, i) => {
    const where = `${fileName} line ${i + 1}`;
    if (raw.trim() === '') return;
    if (raw.length > HCPCS_RECORD_LENGTH && raw.slice(HCPCS_RECORD_LENGTH).trim() !== '') {
      result.warnings.push(`${where}: ${raw.length} characters with data past column ${HCPCS_RECORD_LENGTH} (ignored)`);
    } else if (raw.length > HCPCS_RECORD_LENGTH) {
      result.warnings.push(`${where}: ${raw.length} characters (blank padding past column ${HCPCS_RECORD_LENGTH})`);
    }
    const line = raw.padEnd(HCPCS_RECORD_LENGTH, ' ');
    const recId = col(line, 11, 11);
    const longPart = col(line, 12, 91).trim();
    const code = col(line, 1, 5);

    if (recId === '3' || recId === '7') {
      flush();
      const isMod = recId === '7';
      const key = isMod ? col(line, 4, 5) : code;
      if (isMod ? col(line, 1, 3) !== '   ' || !/^[A-Z0-9]{2}$/.test(key) : !/^[A-Z][0-9]{4}$/.test(key)) {
        throw new Error(`${where}: record id ${recId} with malformed ${isMod ? 'modifier' : 'code'} "${code}"`);
      }
      const dupKey = `${recId}:${key}`;
      if (seen.has(dupKey)) result.warnings.push(`${where}: ${isMod ? 'modifier' : 'code'} ${key} appears twice (later record kept)`);
      seen.add(dupKey);
      const short = col(line, 92, 119).trim();
      const added = date(line, 269, 276, where);
      const actionEff = date(line, 277, 284, where);
      const term = date(line, 285, 292, where);
      const action = col(line, 293, 293).trim();
      let row: HcpcsRow | HcpcsModifierRow;
      if (isMod) {
        row = [key, '', short, added, actionEff, term, action];
        result.modifiers.push(row);
      } else {
        const xrefs: string[] = [];
        for (let c = 205; c < 230; c += 5) {
          const x = col(line, c, c + 4).trim();
          if (x) xrefs.push(x);
        }
        row = [key, '', short, col(line, 230, 230).trim(), action, added, actionEff, term, xrefs.join(',')];
        result.rows.push(row);
      }
      current = { kind: isMod ? 'mod' : 'proc', key, parts: longPart ? [longPart] : [], row };
    } else if (recId === '4' || recId === '8') {
      const kind = recId === '8' ? 'mod' : 'proc';
      const key = kind === 'mod' ? col(line, 4, 5) : code;
      if (!current || current.kind !== kind || current.key !== key) {
        throw new Error(`${where}: continuation record for ${key.trim()} does not follow its first record`);
      }
      if (longPart) current.parts.push(longPart);
    } else {
      throw new Error(`${where}: unknown record id "${recId}" (expected 3, 4, 7 or 8)`);
    }
  });
  flush();
  if (result.rows.length === 0) throw new Error(`${fileName}: no procedure records found`);
  return result;
}
