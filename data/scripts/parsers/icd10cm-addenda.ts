import { decodeText, splitLines } from '../lib/text.js';
import { parseIcdFields, type IcdOrderRecord, type IcdRecordLayout } from './icd10cm-order.js';

/**
 * CMS ICD-10-CM order-file addenda (icd10cm_order_addenda_YYYY.txt): each change line is a 13-character action
 * field ("Add:", "Delete:", "Revise from:", "Revise to:") followed by the record without an order number and with
 * flag and code swapped relative to the order file: action[0:13] flag[13] code[15:22] short[23:83] long[84:].
 * The file ends with a summary block ("Headers" / "Codes" with counts) which is not a change; its counts are
 * returned so the build can check the derived edition against them.
 */
export type IcdAddendaAction = 'add' | 'delete' | 'reviseFrom' | 'reviseTo';

export interface IcdAddendaRecord extends Omit<IcdOrderRecord, 'order'> {
  action: IcdAddendaAction;
  /** 1-based line number, for error messages */
  line: number;
}

export interface IcdAddendaCounts {
  previousFile?: string;
  previousCount?: number;
  nextFile?: string;
  nextCount?: number;
  additions?: number;
  deletions?: number;
  revisions?: number;
}

export interface IcdAddenda {
  records: IcdAddendaRecord[];
  summary: { headers?: IcdAddendaCounts; codes?: IcdAddendaCounts };
  /** non-blank lines that are neither records nor recognised summary lines */
  unrecognized: { line: number; text: string }[];
}

const ACTIONS: [RegExp, IcdAddendaAction][] = [
  [/^Add:/, 'add'],
  [/^Delete:/, 'delete'],
  [/^Revise from:/, 'reviseFrom'],
  [/^Revise to:/, 'reviseTo'],
];
/** flag comes before the code here, unlike the order file */
export const ADDENDA_LAYOUT: IcdRecordLayout = { flag: 13, code: [15, 22], short: [23, 83], long: 84 };

export function parseIcdOrderAddenda(input: string | Uint8Array, fileName = 'addenda'): IcdAddenda {
  const text = decodeText(input, 'windows-1252');
  const result: IcdAddenda = { records: [], summary: {}, unrecognized: [] };
  let section: IcdAddendaCounts | undefined;
  splitLines(text).forEach((raw, i) => {
    const line = raw.trimEnd();
    if (line.trim() === '') return;
    const action = ACTIONS.find(([re]) => re.test(line))?.[1];
    if (action) {
      const where = `${fileName} line ${i + 1}`;
      result.records.push({ action, line: i + 1, ...parseIcdFields(line, ADDENDA_LAYOUT, where) });
      return;
    }
    const trimmed = line.trim();
    if (trimmed === 'Headers' || trimmed === 'Codes') {
      section = {};
      result.summary[trimmed === 'Headers' ? 'headers' : 'codes'] = section;
      return;
    }
    let m: RegExpExecArray | null;
    if (section && (m = /^(\d+) (?:headers|codes) in (\S+)$/.exec(trimmed))) {
      if (section.previousFile === undefined) {
        section.previousFile = m[2];
        section.previousCount = Number(m[1]);
      } else {
        section.nextFile = m[2];
        section.nextCount = Number(m[1]);
      }
      return;
    }
    if (section && (m = /^(\d+) (additions|deletions|revisions)$/.exec(trimmed))) {
      section[m[2] as 'additions' | 'deletions' | 'revisions'] = Number(m[1]);
      return;
    }
    // breakdown lines ("of which", "4 revisions to both long and short titles") carry nothing we use
    if (section && (trimmed === 'of which' || /^\d+ revisions to /.test(trimmed))) return;
    result.unrecognized.push({ line: i + 1, text: trimmed });
  });
  return result;
}
