/**
 * An 837P in real VS Code: the .837p file opens as language X12 (status bar language mode and the editor's language
 * id), hovering the CLM segment id names it ("Claim information"), the Outline lists interchange › group ›
 * transaction › claim › service line, the header diagnosis M79.64 written M7964 in HI gets an error squiggle, and the
 * Claims view lists the interchange's claims.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ViewRow, VSCode } from '../harness.js';

export const name = 'X12 837P: language X12, segment hover, outline by loop, HI squiggle, Claims view';

const ISA = 'ISA*00*          *00*          *ZZ*NORTHWIND01    *ZZ*ACMECH01       *240115*1200*^*00501*000000101*0*T*:~';
const BODY = [
  'ST*837*0001*005010X222A1',
  'BHT*0019*00*BATCH0001*20240115*1200*CH',
  'NM1*41*2*NORTHWIND CLINIC*****46*27447',
  'NM1*40*2*ACME CLEARINGHOUSE*****46*ACMECH01',
  'HL*1**20*1',
  'PRV*BI*PXC*207Q00000X',
  'NM1*85*2*NORTHWIND CLINIC*****XX*1234567893',
  'HL*2*1*22*0',
  'SBR*P*18*GRP11000******CI',
  'NM1*IL*1*DOE*JANE****MI*W27447001',
  'DMG*D8*19600214*F',
  'NM1*PR*2*BLUE PAYER*****PI*11000',
  'CLM*C1*125***11:B:1*Y*A*Y*Y',
  'HI*ABK:M7964',
  'LX*1',
  'SV1*HC:99213*125*UN*1***1',
  'DTP*472*D8*20240110',
  'CLM*C2*100***11:B:1*Y*A*Y*Y',
  'HI*ABK:E119',
  'LX*1',
  'SV1*HC:99213*100*UN*1***1',
  'DTP*472*D8*20240111',
];
const TEXT = [ISA, 'GS*HC*NORTHWIND01*ACMECH01*20240115*1200*101*X*005010X222A1~', ...[...BODY, `SE*${BODY.length + 1}*0001`].map((s) => `${s}~`), 'GE*1*101~', 'IEA*1*000000101~'].join('\n') + '\n';

export const files = { 'x12/claims.837p': TEXT };
export const timeout = 150_000;

const labels = (rows: ViewRow[]) => rows.map((r) => `${r.level} ${r.label}`);

export async function fn(vs: VSCode): Promise<void> {
  await vs.openFile('x12/claims.837p');
  // language X12: the editor's language id and the status bar's language mode
  await vs.waitUntil<string | null>('__e2e.languageId()', (id) => id === 'x12', 'the editor language id x12');
  const mode = await vs.waitForStatusBarItem('status.editor.mode', (s) => s.visible && s.text === 'X12', { timeout: 20_000 });
  assert.equal(mode.text, 'X12');

  // the header diagnosis in HI: an error squiggle on M7964 (and none on the billable E119)
  const errors = await vs.waitForSquiggles('error', (s) => s.some((x) => x.text === 'M7964'), { timeout: 60_000 });
  assert.deepEqual(errors.map((e) => e.text), ['M7964']);
  assert.match(errors[0].lineText, /^HI\*ABK:M7964~$/);

  // hover on a segment id: its name and meaning from the X12 dictionary; on an element qualifier, its value's meaning
  const clm = await vs.hoverText('CLM*C1', 'CLM', { contains: 'Claim information' });
  assert.match(clm, /CLM — Claim information/);
  assert.match(clm, /loop 2300/);
  const dtp = await vs.hoverText('DTP*472*D8*20240110', '472', { contains: 'service date' });
  assert.match(dtp, /DTP01 — Date\/time qualifier/);
  await vs.unhover();

  // the outline: interchange › group › transaction › claim › service line
  // room for the outline (it is virtualised): the files section and the Claims view collapsed (an earlier scenario may have left it open)
  const folder = path.basename(vs.workspaceDir);
  await vs.setViewExpanded(folder, false);
  await vs.setViewExpanded('Claims', false);
  const want = ['1 Interchange 000000101', '2 Group 101', '3 Transaction 0001', '4 Claim C1', '5 11', '5 M79.64', '5 Line 1 · 99213', '6 99213', '4 Claim C2'];
  let outline: ViewRow[] = [];
  try {
    outline = await vs.waitForOutline((rows) => want.every((w) => labels(rows).includes(w)), { timeout: 20_000 });
  } catch {
    assert.deepEqual(labels((await vs.view('Outline'))?.rows ?? []), want, 'Outline rows');
  }
  assert.deepEqual(labels(outline).slice(0, want.length), want);
  assert.equal(outline.find((r) => r.label === 'Claim C1')!.description, '837P · 1 line · 1 diagnosis · 2024-01-10');
  await vs.screenshot('x12-outline');
  await vs.setViewExpanded('Outline', false);

  // the Claims view: the interchange's two claims
  await vs.showView('Claims');
  const claims = await vs.waitForView('Claims', (v) => v.rows.filter((r) => r.level === 1).map((r) => r.label).join(',') === 'C1,C2', { timeout: 20_000 });
  const c1 = claims.rows.find((r) => r.label === 'C1')!;
  assert.match(c1.description, /^2024-01-10 · BLUE PAYER · patient W27447001 · 1 finding$/);
  assert.equal(c1.icon, 'error');
  assert.equal(claims.rows.find((r) => r.label === 'C2')!.icon, 'pass');
  await vs.setViewExpanded('Claims', false);
}
