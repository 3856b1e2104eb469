// Fuzzing the delimited-table reader through analyze() (document-target.ts): claim exports, and notes and X12 read
// as a table.
import fc from 'fast-check';
import { csvArb, noteArb, x12Arb } from './generators';
import { documentTarget, mostlySmall } from './document-target';

const FILE = 'test/fuzz/documents-csv.test.ts';
documentTarget(FILE, 'claim exports', 'csv', (p) => csvArb(p), 40_000);
// a note and an X12 interchange read as a table: the reader meets input it was not chosen for
documentTarget(FILE, 'mixed readers', 'csv', (p) => fc.oneof(mostlySmall(noteArb(p, 6), noteArb(p, 16)), x12Arb(p, 2)), 22_000);
