import type { Rule } from './rule';

/**
 * An X12 interchange is read wherever it can be, but a receiver checks its envelope first: the ISA that declares
 * the delimiters (106 characters), and each ISA/GS/ST closed by its IEA/GE/SE with the same control number and the
 * right count. Each problem is reported where it is written.
 */
export const x12Envelope: Rule = {
  id: 'x12.envelope',
  defaultSeverity: 'warning',
  description: 'An X12 file whose envelope is missing, truncated or inconsistent (ISA, IEA/GE/SE counts and control numbers).',
  summary: 'an X12 file whose ISA is missing or not 106 characters, a missing IEA/GE/SE, or trailer counts or control numbers that do not match',
  docs: 'Clearinghouses reject an interchange before reading its claims when the envelope is wrong: the ISA segment is fixed-length (106 characters with its terminator) and declares the delimiters; IEA01, GE01 and SE01 count the groups, transaction sets and segments (SE01 counts ST through SE); IEA02, GE02 and SE02 repeat ISA13, GS06 and ST02. The claims are still checked; correct the envelope before sending the file.',
  tags: [],
  fixable: false,
  checkDocument(ctx) {
    if (ctx.format !== 'x12') return;
    return ctx.layout.x12?.problems.map((p) => ({ start: p.start, end: p.end, message: p.message }));
  },
};
