import { unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';

/**
 * Minimal read-only xlsx reader: the first worksheet as rows of cells keyed by column letter.
 * Cells are sparse in xlsx (empty cells are simply absent), so positions must come from each cell's `r="C5"`
 * reference, never from its index within the row.
 */
export interface XlsxRow {
  /** 1-based row number from `<row r="…">` */
  row: number;
  /** column letter(s) → cell text ('' cells omitted) */
  cells: Record<string, string>;
}

const ARRAY_TAGS = new Set(['si', 'r', 'row', 'c', 'sheet', 'Relationship']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // `r` is both an element (rich-text run) and an attribute (cell ref): only the element is an array.
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && ARRAY_TAGS.has(name),
});

type Node = Record<string, unknown>;

function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  const n = node as Node;
  return typeof n['#text'] === 'string' || typeof n['#text'] === 'number' ? String(n['#text']) : '';
}

/** OOXML escapes control characters as _xHHHH_ (e.g. _x000D_ for CR). */
function unescapeOoxml(s: string): string {
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Text of a shared-string item or inline string: plain `<t>` or rich-text runs `<r><t>`. */
function stringItem(si: Node | undefined): string {
  if (!si) return '';
  if (si.t !== undefined) return unescapeOoxml(textOf(si.t));
  const runs = (si.r as Node[] | undefined) ?? [];
  return unescapeOoxml(runs.map((r) => textOf(r.t)).join(''));
}

function read(files: Record<string, Uint8Array>, name: string): string | undefined {
  const bytes = files[name];
  return bytes === undefined ? undefined : new TextDecoder('utf-8').decode(bytes);
}

function resolveFirstSheet(files: Record<string, Uint8Array>): string {
  const wb = read(files, 'xl/workbook.xml');
  const rels = read(files, 'xl/_rels/workbook.xml.rels');
  if (wb && rels) {
    const sheets = (((parser.parse(wb) as Node).workbook as Node)?.sheets as Node)?.sheet as Node[] | undefined;
    const rid = sheets?.[0]?.['@r:id'];
    const relList = ((parser.parse(rels) as Node).Relationships as Node)?.Relationship as Node[] | undefined;
    const target = relList?.find((r) => r['@Id'] === rid)?.['@Target'];
    if (typeof target === 'string') {
      const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      if (files[path]) return path;
    }
  }
  if (files['xl/worksheets/sheet1.xml']) return 'xl/worksheets/sheet1.xml';
  throw new Error('xlsx: no worksheet found (xl/workbook.xml / xl/worksheets/sheet1.xml missing)');
}

/** Splits "AB12" into ["AB", 12]. */
export function splitCellRef(ref: string): [string, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) throw new Error(`xlsx: bad cell reference "${ref}"`);
  return [m[1], Number(m[2])];
}

export function readXlsxFirstSheet(xlsx: Uint8Array): XlsxRow[] {
  const files = unzipSync(xlsx, {
    filter: (f) => f.name.startsWith('xl/') && (f.name.endsWith('.xml') || f.name.endsWith('.rels')),
  });
  const sstXml = read(files, 'xl/sharedStrings.xml');
  const shared: string[] = sstXml
    ? (((parser.parse(sstXml) as Node).sst as Node)?.si as Node[] | undefined ?? []).map(stringItem)
    : [];
  const sheetXml = read(files, resolveFirstSheet(files));
  if (sheetXml === undefined) throw new Error('xlsx: worksheet unreadable');
  const sheetData = ((parser.parse(sheetXml) as Node).worksheet as Node)?.sheetData as Node | undefined;
  const rows = (sheetData?.row as Node[] | undefined) ?? [];
  const out: XlsxRow[] = [];
  let lastRow = 0;
  for (const row of rows) {
    const rowNum = row['@r'] !== undefined ? Number(row['@r']) : lastRow + 1;
    lastRow = rowNum;
    const cells: Record<string, string> = {};
    let lastCol = 0;
    for (const c of (row.c as Node[] | undefined) ?? []) {
      // r is optional in the spec: then the cell follows the previous one
      const letter = typeof c['@r'] === 'string' ? splitCellRef(c['@r'])[0] : columnLetter(lastCol + 1);
      lastCol = columnIndex(letter);
      const type = (c['@t'] as string | undefined) ?? 'n';
      let value: string;
      if (type === 's') value = shared[Number(textOf(c.v))] ?? '';
      else if (type === 'inlineStr') value = stringItem(c.is as Node | undefined);
      else if (type === 'b') value = textOf(c.v) === '1' ? 'TRUE' : 'FALSE';
      else value = unescapeOoxml(textOf(c.v));
      if (value !== '') cells[letter] = value;
    }
    out.push({ row: rowNum, cells });
  }
  return out;
}

export function columnIndex(letter: string): number {
  let n = 0;
  for (const ch of letter) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
