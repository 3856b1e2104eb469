/**
 * Builds X12 interchanges for tests: segments written with `*` `:` `^` `~` placeholders are re-written with the
 * delimiters asked for, inside a correct ISA/GS/ST … SE/GE/IEA envelope (counts and control numbers right unless
 * a test breaks them on purpose).
 */
export interface Delims {
  element?: string;
  component?: string;
  repetition?: string;
  segment?: string;
  /** written after each segment terminator: '', '\n', '\r\n' or '\r' */
  newline?: string;
}

export function isaSegment(d: Delims = {}, control = '000000001'): string {
  const e = d.element ?? '*';
  const fields = ['00', ' '.repeat(10), '00', ' '.repeat(10), 'ZZ', 'SENDER'.padEnd(15), 'ZZ', 'RECEIVER'.padEnd(15), '240115', '1200', d.repetition ?? '^', '00501', control, '0', 'T', d.component ?? ':'];
  return `ISA${e}${fields.join(e)}`;
}

/** The body segments (between ST and SE) in `*:~` notation, enveloped and re-delimited. */
export function interchange(body: string[], d: Delims = {}, opts: { version?: string; seCount?: number; noIea?: boolean } = {}): string {
  const version = opts.version ?? '005010X222A1';
  const segs = [`GS*HC*SENDER*RECEIVER*20240115*1200*1*X*${version}`, `ST*837*0001*${version}`, ...body, `SE*${opts.seCount ?? body.length + 2}*0001`, 'GE*1*1'];
  if (!opts.noIea) segs.push('IEA*1*000000001');
  const e = d.element ?? '*';
  const c = d.component ?? ':';
  const t = d.segment ?? '~';
  const nl = d.newline ?? '\n';
  const convert = (s: string) => s.replace(/[*:]/g, (ch) => (ch === '*' ? e : c));
  return [isaSegment(d), ...segs.map(convert)].map((s) => s + t + nl).join('');
}

/** A small 837P claim body: billing provider, subscriber, payer, one claim with two lines. */
export const PROFESSIONAL_BODY = [
  'BHT*0019*00*B1*20240115*1200*CH',
  'NM1*41*2*SUBMITTER*****46*27447',
  'NM1*40*2*RECEIVER*****46*99213',
  'HL*1**20*1',
  'PRV*BI*PXC*207Q00000X',
  'NM1*85*2*CLINIC*****XX*1234567893',
  'N4*SPOKANE*WA*99213',
  'HL*2*1*22*0',
  'SBR*P*18*******CI',
  'NM1*IL*1*DOE*JANE****MI*M99213',
  'DMG*D8*19600214*F',
  'NM1*PR*2*PAYER ONE*****PI*11000',
  'CLM*C1*100***11:B:1*Y*A*Y*Y',
  'REF*D9*99213',
  'HI*ABK:E1140*ABF:M7964',
  'LX*1',
  'SV1*HC:99213:25*60*UN*1***1:2',
  'DTP*472*D8*20240110',
  'LX*2',
  'SV1*HC:99213:ZZ*40*UN*0***3',
  'DTP*472*RD8*20240111-20240112',
];
