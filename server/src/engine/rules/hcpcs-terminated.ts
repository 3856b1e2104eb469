import type { Rule } from './rule';

export const hcpcsTerminated: Rule = {
  id: 'hcpcs.terminated',
  defaultSeverity: 'error',
  description: 'HCPCS Level II code whose termination date is on or before the date of service.',
  summary: 'HCPCS code terminated on or before the date of service (with the CMS cross-reference)',
  docs: 'The HCPCS file gives the code a termination date on or before the date of service, and payers reject it. Use the CMS cross-reference code when there is one (offered as a fix), or find the code that replaced it.',
  tags: ['deprecated'],
  fixable: true,
  systems: ['hcpcs'],
  check(t, ctx) {
    if (t.system !== 'hcpcs' || !t.known) return;
    const info = ctx.data.procedures.get(t.code)?.hcpcs;
    if (!info?.termDate || info.termDate > ctx.dateOfService) return;
    const xref = info.crossRef ? ` CMS cross-reference: ${info.crossRef}.` : '';
    return {
      start: t.start,
      end: t.end,
      message: `${t.code} "${info.long}" was terminated on ${info.termDate} and is not valid for the date of service ${ctx.dateOfService}.${xref}`,
      fixes: info.crossRef ? [{ title: `Change to ${info.crossRef}`, start: t.start, end: t.end, newText: info.crossRef, preferred: true }] : undefined,
    };
  },
};
