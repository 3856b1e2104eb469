// Fuzzing the note reader and the scanner through analyze() (document-target.ts); claim exports and X12 are in
// documents-csv.test.ts and documents-x12.test.ts, so the suite's files run side by side in balance.
import { noteArb, csvArb } from './generators';
import { documentTarget, mostlySmall } from './document-target';
import fc from 'fast-check';

const FILE = 'test/fuzz/documents.test.ts';
documentTarget(FILE, 'clinical notes', 'note', (p) => mostlySmall(noteArb(p, 6), noteArb(p)), 18_000);
// a note and a claim export read as X12: the reader meets input it was not chosen for
documentTarget(FILE, 'mixed readers', 'x12', (p) => fc.oneof(mostlySmall(noteArb(p, 6), noteArb(p, 16)), csvArb(p)), 12_000);
