import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHcpcsFile } from '../../../data/scripts/parsers/hcpcs.js';
import { fixture } from './helpers.js';

const parsed = () => parseHcpcsFile(fixture('hcpcs/january-2026-alpha-numeric-hcpcs-file.zip.d/HCPC2026_JAN_ANWEB_01122026.txt'), 'HCPC.txt');

test('HCPCS: procedure records, continuation records joined with a space', () => {
  const r = parsed();
  assert.deepEqual(r.rows.map((x) => x[0]), ['A0080', 'C8904', 'C9742', 'G0008', 'G9871', 'J3490', 'S9999']);
  assert.deepEqual(r.rows[0], [
    'A0080',
    'Non-emergency transportation, per mile - vehicle provided by volunteer (individual or organization), with no vested interest',
    'Noninterest escort in non er',
    'I',
    'N',
    '19820101',
    '20030101',
    '',
    '',
  ]);
});

test('HCPCS: cross-references, termination dates, over-long and short lines, cp1252', () => {
  const r = parsed();
  const row = (c: string) => r.rows.find((x) => x[0] === c);
  assert.deepEqual(row('C8904')?.slice(3), ['D', 'N', '20011001', '20190101', '20181231', '77046']);
  assert.equal(row('C9742')?.[8], '31573,31574');
  assert.deepEqual(row('G9871')?.slice(3), ['C', 'A', '20260101', '20260101', '', '']);
  assert.deepEqual(row('J3490')?.slice(1, 8), ['Unclassified drugs', 'Drugs unclassified injection', 'D', 'N', '19860101', '19970101', '']);
  assert.equal(row('S9999')?.[1], 'Fixture code with a Windows-1252 apostrophe: patient\u2019s home');
  assert.equal(row('S9999')?.[2], 'Fixture patient\u2019s home');
  assert.deepEqual(r.warnings, ['HCPC.txt line 12: 546 characters (blank padding past column 320)']);
});

test('HCPCS: Level II modifier records (3 blanks + modifier) with continuations', () => {
  const r = parsed();
  assert.deepEqual(r.modifiers.map((m) => m[0]), ['LT', 'QK', 'RT', 'XS']);
  const mod = (c: string) => r.modifiers.find((m) => m[0] === c);
  assert.deepEqual(mod('XS'), ['XS', 'Separate structure, a service that is distinct because it was performed on a separate organ/structure', 'Separate organ/structure', '20150101', '20150101', '', 'N']);
  assert.equal(mod('QK')?.[1], 'Medical direction of two, three, or four concurrent anesthesia procedures involving qualified individuals');
  assert.equal(mod('RT')?.[2], 'Right side');
});

test('HCPCS: structural errors are reported with the line number', () => {
  const line = (s: string) => s.padEnd(320);
  assert.throws(() => parseHcpcsFile(line('A0080002004(individual or organization)'), 'h.txt'), /h\.txt line 1: continuation record for A0080 does not follow/);
  assert.throws(() => parseHcpcsFile(line('A0080001009Something'), 'h.txt'), /unknown record id "9"/);
  assert.throws(() => parseHcpcsFile(line('   XS001003Separate'), 'h.txt'), /record id 3 with malformed code/);
  assert.throws(() => parseHcpcsFile(line('A0080001003Something').slice(0, 268) + '2002XX01', 'h.txt'), /bad date "2002XX01"/);
});
