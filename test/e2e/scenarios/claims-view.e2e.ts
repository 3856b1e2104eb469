/**
 * Claims view and date-of-service status item on a claim export: R05 is billable on the 2019-03-04 row (FY2019) and
 * a header on the 2024-01-10 row (FY2024). The view lists claims › lines with the date and edition of each line and
 * the finding under the 2024 line; the status bar shows the date and edition of the row under the cursor; clicking a
 * line selects it in the editor. A note shows its one implicit claim ("document"); a text without codes shows the
 * welcome message; a document the extension does not check shows neither.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { StatusBarItemState, ViewRow, VSCode } from '../harness.js';

export const name = 'Claims view and date-of-service status bar: R05 judged per row (FY2019 billable, FY2024 header)';

const CSV = [
  'claim_id,patient_id,payer,service_date,procedure_code,modifier_1,units,diagnosis_code_1',
  'C1001,P01,Medicare,2019-03-04,99213,25,1,R05',
  'C1002,P02,Aetna,2024-01-10,99213,,1,R05',
  'C1003,P03,Aetna,2024-02-01,99214,,1,E11.9',
  'C1003,P03,Aetna,2024-02-01,83036,,1,E11.9',
].join('\n') + '\n';

export const files = {
  'claims/export.csv': CSV,
  'claims/visit.note': 'Date of service: 2019-03-04\nDx: R05 cough\nCPT 99213\n',
  'claims/notes.txt': 'Nothing to bill here.\n',
  'claims/other.json': '{ "claims": [] }\n',
};
export const timeout = 150_000;

const STATUS = 'clinicalCodes.dateOfService';
const VIEW = 'Claims';
type Row = [number, string | RegExp, string, string];
const rowsOf = (rows: ViewRow[]) => rows.map((r) => [r.level, r.label, r.description, r.icon]);

/** Wait until the view's rows are exactly `want` ([level, label or label pattern, description, icon]); a diff when not. */
async function waitForRows(vs: VSCode, want: Row[], what: string): Promise<ViewRow[]> {
  const matches = (rows: ViewRow[]) =>
    rows.length === want.length &&
    rows.every((r, i) => {
      const [level, label, description, icon] = want[i];
      return r.level === level && (typeof label === 'string' ? r.label === label : label.test(r.label)) && r.description === description && r.icon === icon;
    });
  try {
    return (await vs.waitForView(VIEW, (v) => matches(v.rows), { timeout: 20_000 })).rows;
  } catch {
    const rows = (await vs.view(VIEW))?.rows ?? [];
    assert.deepEqual(rowsOf(rows), want.map(([l, label, d, i]) => [l, String(label), d, i]), `${what}: Claims view rows`);
    throw new Error(`${what}: Claims view rows did not match`);
  }
}

async function statusFor(vs: VSCode, line: number, text: string): Promise<StatusBarItemState> {
  await vs.goToLine(line);
  return vs.waitForStatusBarItem(STATUS, (s) => s.visible && s.text === text, { timeout: 10_000 });
}

export async function fn(vs: VSCode): Promise<void> {
  await vs.openFile('claims/export.csv');
  // the FY2024 row's R05 is a header (error); the FY2019 row's R05 is billable: no squiggle of any kind on that row
  await vs.waitForSquiggles('error', (s) => s.some((x) => x.text === 'R05' && x.lineText.includes('2024-01-10')), { timeout: 60_000 });
  for (const kind of ['error', 'warning', 'info', 'hint'] as const) {
    const on2019 = (await vs.squiggles(kind)).filter((x) => x.lineText.includes('2019-03-04'));
    assert.deepEqual(on2019, [], `no ${kind} squiggle on the 2019-03-04 row`);
  }

  // room for the whole tree (it is virtualised): collapse the files section, expand Claims (the Explorer starts it collapsed)
  const folder = path.basename(vs.workspaceDir);
  await vs.setViewExpanded(folder, false);
  await vs.showView(VIEW);
  await waitForRows(vs, [
    [1, 'C1001', '2019-03-04 · Medicare · patient P01', 'pass'],
    [2, 'Line 1 · 99213-25 × 1', '2019-03-04 · ICD-10-CM FY2019', 'pass'],
    [2, 'Diagnoses', '1', 'list-ordered'],
    [1, 'C1002', '2024-01-10 · Aetna · patient P02 · 1 finding', 'error'],
    [2, 'Line 1 · 99213 × 1', '2024-01-10 · ICD-10-CM FY2024 · 1 finding', 'error'],
    [3, /^R05 "Cough" is a header, not a billable code \(ICD-10-CM FY2024\)/, 'icd10.header-not-billable', 'error'],
    [2, 'Diagnoses', '1', 'list-ordered'],
    [1, 'C1003', '2024-02-01 · Aetna · patient P03', 'pass'],
    [2, 'Line 1 · 99214 × 1', '2024-02-01 · ICD-10-CM FY2024', 'pass'],
    [2, 'Line 2 · 83036 × 1', '2024-02-01 · ICD-10-CM FY2024', 'pass'],
    [2, 'Diagnoses', '1', 'list-ordered'],
  ], 'claim export');

  // a claim's diagnoses, by pointer position, with where each is written
  await vs.expandViewItem(VIEW, 'Diagnoses');
  const dx = await vs.waitForView(VIEW, (v) => v.rows.some((r) => r.level === 3 && r.label === '1 · R05'));
  assert.deepEqual(rowsOf(dx.rows.slice(2, 4)), [[2, 'Diagnoses', '1', 'list-ordered'], [3, '1 · R05', 'Ln 2', 'symbol-enum-member']]);

  // the status bar: the date and edition of the row under the cursor
  const s2019 = await statusFor(vs, 2, 'DOS 2019-03-04 · ICD-10-CM FY2019');
  assert.match(s2019.aria, /the service line's date/);
  assert.match(s2019.aria, /claim C1001, line 1/);
  const s2024 = await statusFor(vs, 3, 'DOS 2024-01-10 · ICD-10-CM FY2024');
  assert.match(s2024.aria, /claim C1002, line 1/);

  // clicking a service line selects its row in the editor (and the status bar follows the cursor)
  await vs.clickViewItem(VIEW, 'Line 2 · 83036 × 1');
  await vs.waitUntil<{ line: number; col: number } | null>('__e2e.cursor()', (c) => c?.line === 5, 'cursor on the clicked line (row 5)', { timeout: 10_000 });
  const clicked = await vs.waitForStatusBarItem(STATUS, (s) => s.text === 'DOS 2024-02-01 · ICD-10-CM FY2024', { timeout: 10_000 });
  assert.match(clicked.aria, /claim C1003, line 2/);

  // the screenshot for the README: a wider side bar, the cursor on the FY2024 row
  const width = await vs.sidebarWidth();
  await vs.resizeSidebar(560);
  try {
    await statusFor(vs, 3, 'DOS 2024-01-10 · ICD-10-CM FY2024');
    await vs.unhover();
    await vs.screenshot('claims-view');
  } finally {
    await vs.resizeSidebar(width);
  }

  // a note: its one implicit claim, judged at the date stated in the document
  await vs.openFile('claims/visit.note');
  await waitForRows(vs, [
    [1, 'document', '2019-03-04', 'pass'],
    [2, 'Line 1 · 99213', '2019-03-04 · ICD-10-CM FY2019', 'pass'],
    [2, 'Diagnoses', '1', 'list-ordered'],
  ], 'note');
  const noteStatus = await statusFor(vs, 2, 'DOS 2019-03-04 · ICD-10-CM FY2019');
  assert.match(noteStatus.aria, /stated in the document/);

  // a checked text without codes: no claims, the welcome message; the status bar still says which date applies
  await vs.openFile('claims/notes.txt');
  const empty = await vs.waitForView(VIEW, (v) => v.rows.length === 0 && v.welcome !== '', { timeout: 20_000 });
  assert.match(empty.welcome, /^No claims in this document\./);
  await vs.waitForStatusBarItem(STATUS, (s) => s.visible && /^DOS \d{4}-\d{2}-\d{2} · ICD-10-CM FY\d{4}/.test(s.text) && /today/.test(s.aria));

  // a document the extension does not check: no Claims view, no date of service
  await vs.openFile('claims/other.json');
  await vs.waitUntil(`__e2e.view(${JSON.stringify(VIEW)})`, (v) => v === null, 'the Claims view to hide');
  await vs.waitUntil<StatusBarItemState | null>(`__e2e.statusItem(${JSON.stringify(STATUS)})`, (s) => !s || !s.visible, 'the date-of-service item to hide');
}
