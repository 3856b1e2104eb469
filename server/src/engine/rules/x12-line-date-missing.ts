import type { Rule, RuleFinding } from './rule';
import type { X12Segment } from '../scanner/x12-read';
import { x12PositionAt } from '../x12/dictionary';

/**
 * An 837P says when each service was performed: DTP*472 on the line (loop 2400), or once for the claim (loop 2300).
 * A line with neither has no date of service, and its codes are judged at the document's default date.
 */
export const x12LineDateMissing: Rule = {
  id: 'x12.line-date-missing',
  defaultSeverity: 'error',
  description: 'A professional (837P) service line with no service date: no DTP*472 in the line (loop 2400) and no claim-level date (loop 2300).',
  summary: 'an 837P service line with no DTP*472 service date and no claim-level date',
  docs: 'Every 837P service line needs a date of service: a DTP*472 in loop 2400 (DTP02 D8 with CCYYMMDD, or RD8 with CCYYMMDD-CCYYMMDD), unless the claim states DTP*472 in loop 2300. Payers reject lines without one, and the codes on the line cannot be judged at their own date. Add DTP*472*D8*CCYYMMDD after the SV1 segment.',
  tags: [],
  fixable: false,
  checkClaim(claim, ctx) {
    if (ctx.format !== 'x12' || claim.transaction !== '837P' || claim.datesStated) return;
    const infos = ctx.layout.x12Segments;
    const out: RuleFinding[] = [];
    for (const line of claim.lines) {
      if (line.date) continue;
      // the line's segments: from the one it starts at to its end
      const first = x12PositionAt(ctx.layout, line.start)?.info.segment.index ?? -1;
      const segs: X12Segment[] = [];
      for (let i = first; i >= 0 && i < infos.length && infos[i].segment.start <= line.end; i++) segs.push(infos[i].segment);
      const sv1 = segs.find((s) => s.id === 'SV1');
      const proc = sv1?.elements[1]?.text.trim();
      const dtp = segs.find((s) => s.id === 'DTP' && s.elements[1]?.text.trim() === '472');
      const at = dtp ? dtp.elements[3] && dtp.elements[3].end > dtp.elements[3].start ? dtp.elements[3] : dtp.elements[0] : sv1?.elements[0] ?? segs[0]?.elements[0];
      if (!at) continue;
      const what = `Service line ${line.number} of claim ${claim.id} (loop 2400${proc ? `, SV101 "${proc}"` : ''})`;
      out.push({
        start: at.start,
        end: at.end,
        message: dtp
          ? `${what} has a DTP*472 whose DTP03 "${dtp.elements[3]?.text.trim() ?? ''}" cannot be read as a ${dtp.elements[2]?.text.trim() || 'D8'} date, and the claim (loop 2300) states no date of service. Write DTP03 as CCYYMMDD (D8) or CCYYMMDD-CCYYMMDD (RD8).`
          : `${what} has no date of service: no DTP*472 in the line and no DTP*472 at the claim level (loop 2300). An 837P line needs DTP01 472, DTP02 D8, DTP03 CCYYMMDD; add DTP*472*D8*CCYYMMDD after the SV1 segment.`,
      });
    }
    return out;
  },
};
