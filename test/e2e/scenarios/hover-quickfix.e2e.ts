/**
 * Seed 004: hovering M79.64 shows its title and that it is not billable; the squiggle is there; the quick fix
 * replaces it with a billable child and the document text changes.
 */
import * as assert from 'node:assert/strict';
import type { VSCode } from '../harness.js';
import { seedText } from './seed-fixtures.js';

const seed = seedText('004');
export const name = 'seed 004: hover M79.64, squiggle, quick fix to M79.642';
export const files = { 'hover/seed-004-hover.txt': seed.text };
export const timeout = 120_000;

export async function fn(vs: VSCode): Promise<void> {
  await vs.openFile('hover/seed-004-hover.txt');
  const line = seed.text.split('\n').findIndex((l) => l.startsWith('M79.64 |')) + 1;
  await vs.goToLine(line);
  await vs.waitForSquiggles('error', (s) => s.some((x) => x.text === 'M79.64'));

  // wait for the server's hover, not only the squiggle's message (which also names the title)
  const hover = await vs.hoverText('M79.64 |', 'M79.64', { contains: 'Header — not billable' });
  assert.match(hover, /Header — not billable · ICD-10-CM FY20\d\d/);
  assert.match(hover, /M79\.642 Pain in left hand/);
  await vs.screenshot('hover-m79-64');
  await vs.unhover();

  await vs.quickFix('M79.64 |', 'M79.64', 'Change to M79.642 Pain in left hand');
  const text = await vs.waitForEditorText((t) => t.includes('M79.642 | Pain in left hand'));
  assert.ok(!/^M79\.64 \|/m.test(text), 'the header code was replaced');
  await vs.screenshot('quickfix-m79-642');
}
