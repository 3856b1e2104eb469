import type { Icd10Bundle, IcdChange, IcdEdition, IcdRow } from '../../../server/src/engine/data/bundle-types.js';
import { encodeOlderTitles, type OlderTitles } from '../../../server/src/engine/data/icd-codec.js';
import type { IcdOrderRecord } from '../parsers/icd10cm-order.js';
import type { IcdAddenda, IcdAddendaCounts } from '../parsers/icd10cm-addenda.js';

/** Pure assembly of the ICD-10-CM bundle from parsed order files and addenda. */

export interface IcdEditionInput extends IcdEdition {
  records: IcdOrderRecord[];
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Applies order-file addenda to the previous edition's records. Deletes are applied before adds so that a
 * Delete+Add pair of one code (e.g. D691 going from billable to header) works in either line order.
 * Every record is checked against the base so a mismatched base file fails loudly instead of drifting.
 */
export function applyIcdAddenda(base: IcdOrderRecord[], addenda: IcdAddenda, fileName = 'addenda'): IcdOrderRecord[] {
  const map = new Map(base.map((r) => [r.code, { ...r }]));
  const fail = (line: number, msg: string) => {
    throw new Error(`${fileName} line ${line}: ${msg}`);
  };
  for (const r of addenda.records.filter((x) => x.action === 'delete')) {
    const cur = map.get(r.code);
    if (!cur) fail(r.line, `Delete of ${r.code}, which is not in the base edition`);
    else if (cur.billable !== r.billable) fail(r.line, `Delete of ${r.code} with flag ${r.billable ? 1 : 0}, base has ${cur.billable ? 1 : 0}`);
    map.delete(r.code);
  }
  for (const r of addenda.records.filter((x) => x.action === 'add')) {
    if (map.has(r.code)) fail(r.line, `Add of ${r.code}, which is already in the edition`);
    map.set(r.code, { order: null, code: r.code, billable: r.billable, short: r.short, long: r.long });
  }
  for (const r of addenda.records.filter((x) => x.action === 'reviseFrom')) {
    const cur = map.get(r.code);
    if (!cur) fail(r.line, `Revise from: ${r.code} is not in the base edition`);
    else if (cur.long !== r.long) fail(r.line, `Revise from: long title of ${r.code} does not match the base ("${cur.long}")`);
  }
  for (const r of addenda.records.filter((x) => x.action === 'reviseTo')) {
    const cur = map.get(r.code);
    if (!cur) fail(r.line, `Revise to: ${r.code} is not in the edition`);
    else {
      cur.short = r.short;
      cur.long = r.long;
      cur.billable = r.billable;
    }
  }
  return [...map.values()].sort((a, b) => byCode(a.code, b.code));
}

function emptyChange(edition: string): Required<IcdChange> {
  return { edition, added: [], deleted: [], revised: [], becameHeader: [], becameBillable: [] };
}

function finish(c: Required<IcdChange>): IcdChange {
  const out: IcdChange = { edition: c.edition, added: c.added.sort(byCode), deleted: c.deleted.sort(byCode), revised: c.revised.sort(byCode) };
  if (c.becameHeader.length) out.becameHeader = c.becameHeader.sort(byCode);
  if (c.becameBillable.length) out.becameBillable = c.becameBillable.sort(byCode);
  return out;
}

/**
 * Change list between two complete editions. added/deleted = the code (header or billable) appears/disappears;
 * a code that stays but flips billable↔header is reported in becameHeader/becameBillable, not as deleted.
 * revised = short or long title changed.
 */
export function diffIcdEditions(prev: IcdOrderRecord[], next: IcdOrderRecord[], edition: string): IcdChange {
  const c = emptyChange(edition);
  const before = new Map(prev.map((r) => [r.code, r]));
  const after = new Map(next.map((r) => [r.code, r]));
  for (const [code, r] of after) {
    const old = before.get(code);
    if (!old) {
      c.added.push(code);
      continue;
    }
    if (old.short !== r.short || old.long !== r.long) c.revised.push(code);
    if (old.billable && !r.billable) c.becameHeader.push(code);
    if (!old.billable && r.billable) c.becameBillable.push(code);
  }
  for (const code of before.keys()) if (!after.has(code)) c.deleted.push(code);
  return finish(c);
}

/** The same change list read straight from an addenda file (used for FY2027, and to cross-check FY2026). */
export function icdChangesFromAddenda(addenda: IcdAddenda, edition: string): IcdChange {
  const c = emptyChange(edition);
  const deleted = new Map(addenda.records.filter((r) => r.action === 'delete').map((r) => [r.code, r]));
  const added = new Map(addenda.records.filter((r) => r.action === 'add').map((r) => [r.code, r]));
  for (const [code, a] of added) {
    const d = deleted.get(code);
    if (!d) c.added.push(code);
    else {
      if (d.billable && !a.billable) c.becameHeader.push(code);
      if (!d.billable && a.billable) c.becameBillable.push(code);
      if (d.short !== a.short || d.long !== a.long) c.revised.push(code);
    }
  }
  for (const code of deleted.keys()) if (!added.has(code)) c.deleted.push(code);
  for (const r of addenda.records) if (r.action === 'reviseTo' && !c.revised.includes(r.code)) c.revised.push(r.code);
  return finish(c);
}

export function countIcd(records: IcdOrderRecord[]): { rows: number; billable: number; headers: number } {
  const billable = records.filter((r) => r.billable).length;
  return { rows: records.length, billable, headers: records.length - billable };
}

/** Problems (empty = fine) comparing an edition's counts with an addenda summary block. */
export function checkAgainstSummary(
  counts: { billable: number; headers: number },
  summary: { headers?: IcdAddendaCounts; codes?: IcdAddendaCounts },
  which: 'previous' | 'next',
  label: string,
): string[] {
  const problems: string[] = [];
  const key = which === 'previous' ? 'previousCount' : 'nextCount';
  const h = summary.headers?.[key];
  const b = summary.codes?.[key];
  if (h !== undefined && h !== counts.headers) problems.push(`${label}: ${counts.headers} headers, addenda summary says ${h}`);
  if (b !== undefined && b !== counts.billable) problems.push(`${label}: ${counts.billable} billable codes, addenda summary says ${b}`);
  return problems;
}

/**
 * Problems comparing the summary's additions/deletions/revisions with the parsed records (headers = flag 0,
 * codes = flag 1, as CMS counts them): catches records the parser skipped or misread.
 */
export function checkAddendaTally(addenda: IcdAddenda, label: string): string[] {
  const problems: string[] = [];
  const tally = (action: string, billable: boolean) => addenda.records.filter((r) => r.action === action && r.billable === billable).length;
  for (const [part, billable] of [['headers', false], ['codes', true]] as const) {
    const s = addenda.summary[part];
    if (!s) continue;
    const got = { additions: tally('add', billable), deletions: tally('delete', billable), revisions: tally('reviseTo', billable) };
    for (const k of ['additions', 'deletions', 'revisions'] as const) {
      if (s[k] !== undefined && s[k] !== got[k]) problems.push(`${label}: ${got[k]} ${part} ${k} parsed, summary says ${s[k]}`);
    }
  }
  return problems;
}

/** Compares two change lists; returns human-readable differences (empty = identical). */
export function compareChanges(a: IcdChange, b: IcdChange): string[] {
  const out: string[] = [];
  for (const k of ['added', 'deleted', 'revised', 'becameHeader', 'becameBillable'] as const) {
    const x = new Set(a[k] ?? []);
    const y = new Set(b[k] ?? []);
    const onlyA = [...x].filter((v) => !y.has(v));
    const onlyB = [...y].filter((v) => !x.has(v));
    if (onlyA.length || onlyB.length) out.push(`${k}: only in first [${onlyA.slice(0, 10).join(' ')}${onlyA.length > 10 ? ' …' : ''}], only in second [${onlyB.slice(0, 10).join(' ')}${onlyB.length > 10 ? ' …' : ''}]`);
  }
  return out;
}

/**
 * A date window with no official file: `base` plus `add` (records from another edition), minus `remove`, with the
 * `billable` headers flipped back to billable. Each listed code must fit (added codes new, removed and flipped ones
 * present) so a changed base file fails loudly.
 */
export function deriveIcdEdition(
  base: IcdOrderRecord[],
  spec: { add?: string[]; recordsFrom?: IcdOrderRecord[]; remove?: string[]; billable?: string[] },
  label: string,
): IcdOrderRecord[] {
  const map = new Map(base.map((r) => [r.code, { ...r }]));
  const from = new Map((spec.recordsFrom ?? []).map((r) => [r.code, r]));
  const fail = (msg: string): never => {
    throw new Error(`${label}: ${msg}`);
  };
  for (const code of spec.remove ?? []) if (!map.delete(code)) fail(`remove ${code}: not in the base edition`);
  for (const code of spec.add ?? []) {
    const r = from.get(code) ?? fail(`add ${code}: not in the edition the records come from`);
    if (map.has(code)) fail(`add ${code}: already in the base edition`);
    map.set(code, { ...r, order: null });
  }
  for (const code of spec.billable ?? []) {
    const r = map.get(code) ?? fail(`billable ${code}: not in the edition`);
    if (r.billable) fail(`billable ${code}: already billable`);
    r.billable = true;
  }
  return [...map.values()].sort((a, b) => byCode(a.code, b.code));
}

/**
 * Problems with the hierarchy around the codes a derivation touched (the codes and their ancestors): a header must
 * have a code below it and a billable code must not. Holds in every official order file FY2016-FY2026, so a
 * derived edition that breaks it was derived wrongly (e.g. a header left without the codes that were removed).
 */
export function checkIcdStructure(records: IcdOrderRecord[], touched: readonly string[], label: string): string[] {
  const around = new Set(touched.flatMap((c) => Array.from({ length: c.length - 2 }, (_, i) => c.slice(0, i + 3))));
  const sorted = [...records].sort((a, b) => byCode(a.code, b.code));
  const problems: string[] = [];
  sorted.forEach((r, i) => {
    if (!around.has(r.code)) return;
    const hasChild = i + 1 < sorted.length && sorted[i + 1].code.startsWith(r.code);
    if (r.billable && hasChild) problems.push(`${r.code} is billable but has codes below it`);
    if (!r.billable && !hasChild) problems.push(`${r.code} is a header with no codes below it`);
  });
  return problems.length ? [`${label}: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`] : [];
}

/** yyyy-mm-dd of the day before an ISO date (the end of the edition that `start` replaces). */
export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** 31 editions: bit 31 would make `1 << i` negative. */
export const MAX_ICD_EDITIONS = 31;

/**
 * Merges editions (oldest first) into one row per code: bit i of presentMask/billableMask = editions[i];
 * titles from the newest edition containing the code, with older titles kept only where they differ (olderTitles).
 * Rows are sorted by code (plain string order) so the runtime can binary-search and prefix-scan for children.
 */
export function mergeIcdEditions(editions: IcdEditionInput[], changes: IcdChange[]): Icd10Bundle {
  if (editions.length > MAX_ICD_EDITIONS) throw new Error(`${editions.length} ICD-10-CM editions: the masks hold at most ${MAX_ICD_EDITIONS}`);
  for (let i = 1; i < editions.length; i++) {
    if (!(editions[i - 1].start < editions[i].start)) throw new Error(`ICD-10-CM editions out of order: ${editions[i - 1].id} (${editions[i - 1].start}) before ${editions[i].id} (${editions[i].start})`);
  }
  const rows = new Map<string, { row: IcdRow; older: OlderTitles[]; last: number }>();
  editions.forEach((ed, i) => {
    const bit = 1 << i;
    for (const r of ed.records) {
      const x = rows.get(r.code);
      if (x) {
        x.row[1] |= bit;
        if (r.billable) x.row[2] |= bit;
        if (x.row[4] !== r.short || x.row[5] !== r.long) x.older.push({ until: x.last, short: x.row[4], long: x.row[5] });
        x.row[4] = r.short;
        x.row[5] = r.long;
        x.last = i;
      } else {
        rows.set(r.code, { row: [r.code, bit, r.billable ? bit : 0, '', r.short, r.long], older: [], last: i });
      }
    }
  });
  return {
    editions: editions.map(({ id, start, end, source }) => ({ id, start, end, source })),
    rows: [...rows.values()].map(({ row, older }) => {
      row[3] = encodeOlderTitles(older);
      return row;
    }).sort((a, b) => byCode(a[0], b[0])),
    changes,
  };
}
