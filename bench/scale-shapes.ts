import type { DocumentFormat } from '../server/src/engine';

/**
 * The largest adversarial shapes (issue 14), generated at size n: the ones that crashed the scanner, ran for
 * minutes or took gigabytes before the scanner was made linear and findings were capped. bench/scale.ts runs each
 * at n and 4n; test/unit/engine/linear-time.test.ts holds smaller versions of these and more.
 */
export const SCALE_SHAPES: Record<string, { what: string; format: DocumentFormat; n: number; make(n: number): string }> = {
  note: { what: 'note lines (codes, modifiers, POS, a date)', format: 'note', n: 62_500, make: (n) => 'Dx: M79.642 pain in left hand; CPT 99213-25 office visit, POS 11. Seen 2026-01-02.\n'.repeat(n) },
  csv: { what: 'charge CSV rows (CPT, Modifier, POS, Dx)', format: 'csv', n: 37_500, make: (n) => `CPT,Modifier,POS,Dx\n${'99213,25,11,M79.642\n'.repeat(n)}` },
  findings: { what: '"M79.64 " (one finding each)', format: 'note', n: 250_000, make: (n) => 'M79.64 '.repeat(n) },
  line: { what: 'mixed codes on one line (40 chars each)', format: 'note', n: 62_500, make: (n) => 'Dx M79.642 and 99213-25, mod 59 POS 11. '.repeat(n) },
  wide: { what: 'CSV columns in one row (Dx)', format: 'csv', n: 2_500, make: (n) => `${Array(n).fill('Dx').join(',')}\n${Array(n).fill('M79.642').join(',')}\n` },
  spaces: { what: 'spaces after "mod" and "POS" labels', format: 'note', n: 250_000, make: (n) => `mod${' '.repeat(n)}!\nPOS${' '.repeat(n)}!\nReferences${' '.repeat(n)}x\n` },
};
