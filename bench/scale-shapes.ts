import type { DocumentFormat } from '../server/src/engine';

/** An 837P of `n` claims (HL 2000B, CLM with an HI of two diagnoses, two SV1 lines with dates): ~500 bytes a claim. */
export function x12Claims(n: number): string {
  const head = [
    'ISA*00*          *00*          *ZZ*NORTHWIND01    *ZZ*ACMECH01       *240115*1200*^*00501*000000101*0*T*:~',
    'GS*HC*NORTHWIND01*ACMECH01*20240115*1200*101*X*005010X222A1~',
    'ST*837*0001*005010X222A1~',
    'BHT*0019*00*BATCH0001*20240115*1200*CH~',
    'NM1*41*2*NORTHWIND CLINIC*****46*27447~',
    'HL*1**20*1~',
    'PRV*BI*PXC*207Q00000X~',
    'NM1*85*2*NORTHWIND CLINIC*****XX*1234567893~',
  ];
  const body: string[] = [];
  for (let i = 0; i < n; i++) {
    body.push(
      `HL*${i + 2}*1*22*0~`,
      'SBR*P*18*GRP11000******CI~',
      `NM1*IL*1*DOE*JANE****MI*W${String(i).padStart(8, '0')}~`,
      'DMG*D8*19600214*F~',
      'NM1*PR*2*BLUE PAYER*****PI*11000~',
      `CLM*PCN${i}*225***11:B:1*Y*A*Y*Y~`,
      'HI*ABK:M79642*ABF:I10~',
      'LX*1~',
      'SV1*HC:99213:25*125*UN*1***1:2~',
      'DTP*472*D8*20240110~',
      'LX*2~',
      'SV1*HC:97110*100*UN*2***1~',
      'DTP*472*D8*20240110~',
    );
  }
  // SE01 counts the segments from ST to SE, both included
  const se = head.length - 2 + body.length + 1;
  return [...head, ...body, `SE*${se}*0001~`, 'GE*1*101~', 'IEA*1*000000101~'].join('\n') + '\n';
}

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
  x12: { what: 'claims in one 837P (2 diagnoses, 2 lines each)', format: 'x12', n: 12_500, make: x12Claims },
  spaces: { what: 'spaces after "mod" and "POS" labels', format: 'note', n: 250_000, make: (n) => `mod${' '.repeat(n)}!\nPOS${' '.repeat(n)}!\nReferences${' '.repeat(n)}x\n` },
};
