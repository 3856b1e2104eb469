/** Turning a rule off in settings removes its squiggles without a reload; turning it back on restores them. */
import type { VSCode } from '../harness.js';

export const name = 'settings: turning a rule off removes its squiggles live';
export const files = { 'settings/rules.note': 'Dx: M79.64 pain in the hand\nModifier 00 on 99213\n' };
export const timeout = 120_000;

export async function fn(vs: VSCode): Promise<void> {
  await vs.openFile('settings/rules.note');
  await vs.waitForSquiggles('error', (s) => s.some((x) => x.text === 'M79.64') && s.some((x) => x.text === '00'));
  await vs.setSetting('clinicalCodes.rules', { 'icd10.header-not-billable': 'off' });
  await vs.waitForSquiggles('error', (s) => !s.some((x) => x.text === 'M79.64') && s.some((x) => x.text === '00'));
  await vs.screenshot('rule-off');
  await vs.setSetting('clinicalCodes.rules', { 'icd10.header-not-billable': 'warning' });
  await vs.waitForSquiggles('warning', (s) => s.some((x) => x.text === 'M79.64'));
}
