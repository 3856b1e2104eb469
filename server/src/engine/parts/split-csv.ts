import { claimKeyOf } from '../claims/from-table';
import type { Layout } from '../scanner/layout';
import type { DocumentPart } from './part';

/**
 * A claim export in parts of about `partBytes`, each a run of whole records after the header, cut only where no
 * claim read so far has a record further on (a claim's records may be anywhere in the file: grouped by claim id,
 * else by patient and date). Undefined when the file cannot be cut so that each part reads as it does in the whole:
 * no header, or a record spanning lines (a part's blank lines keep its lines' numbers).
 */
export function splitCsv(layout: Layout, partBytes: number): DocumentPart[] | undefined {
  const starts = layout.lineStarts;
  const recordLines: number[] = [];
  // per record, its claim's number (-1: a claim of its own); per claim, its last record
  const claimOf: number[] = [];
  const last: number[] = [];
  const ids = new Map<string, number>();
  for (const [line, cells] of layout.tableRows) {
    if (layout.lineAt(cells[cells.length - 1].to) !== line) return undefined;
    const key = claimKeyOf(cells);
    let id = -1;
    if (key !== undefined) {
      id = ids.get(key) ?? -1;
      if (id < 0) ids.set(key, (id = ids.size));
      last[id] = recordLines.length;
    }
    claimOf.push(id);
    recordLines.push(line);
  }
  if (!recordLines.length) return undefined;
  const header = { from: 0, to: starts[recordLines[0]] };
  const parts: DocumentPart[] = [];
  let from = header.to;
  let reach = -1;
  for (let k = 0; k + 1 < recordLines.length; k++) {
    if (claimOf[k] >= 0) reach = Math.max(reach, last[claimOf[k]]);
    const next = starts[recordLines[k + 1]];
    if (reach > k || next - from < partBytes) continue;
    parts.push(part(parts.length, header, from, next));
    from = next;
  }
  parts.push(part(parts.length, header, from, layout.text.length));
  return parts;
}

/** The first part starts at the top of the file (its header is its own); the others repeat the header as context. */
const part = (k: number, header: { from: number; to: number }, from: number, to: number): DocumentPart =>
  k === 0 ? { context: [], body: { from: 0, to } } : { context: [header], body: { from, to } };
