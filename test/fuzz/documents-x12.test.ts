// Fuzzing the X12 837 reader through analyze() (document-target.ts).
import { x12Arb } from './generators';
import { documentTarget, mostlySmall } from './document-target';

const FILE = 'test/fuzz/documents-x12.test.ts';
documentTarget(FILE, 'X12 837 interchanges', 'x12', (p) => mostlySmall(x12Arb(p, 3), x12Arb(p, 10)), 32_000);
