import { eachX12Segment } from '../scanner/x12-read';
import type { DocumentPart, Piece } from './part';

/**
 * An X12 interchange in parts of about `partBytes`, each cut where a billing provider (HL level 20) or a subscriber
 * (HL 22) begins: a claim (CLM) and its service lines sit under a subscriber. A part's context is what its claims
 * need from before it: the ISA, the GS, the transaction set's header (ST to its first HL: BHT, submitter, receiver)
 * and, for a part starting at a subscriber, its billing provider's loop. Undefined when the interchange has no such
 * place to cut (one claim, or no ISA/GS/ST before the hierarchy).
 */
export function splitX12(text: string, partBytes: number): DocumentPart[] | undefined {
  const parts: DocumentPart[] = [];
  let isa: Piece | undefined;
  let gs: Piece | undefined;
  let stFrom = -1;
  let header: Piece | undefined;
  let providerFrom = -1;
  let provider: Piece | undefined;
  // the segment before this one, whose piece ends where this one starts
  let previousId = '';
  let previousStart = 0;
  let from = 0;
  let context: Piece[] = [];
  for (const s of eachX12Segment(text)) {
    // a segment's piece runs to the next segment's start (its terminator and line break included)
    if (previousId === 'ISA') isa = { from: previousStart, to: s.start };
    if (previousId === 'GS') gs = { from: previousStart, to: s.start };
    previousId = s.id;
    previousStart = s.start;
    switch (s.id) {
      case 'ISA':
        isa = gs = header = provider = undefined;
        stFrom = providerFrom = -1;
        break;
      case 'GS':
        gs = header = provider = undefined;
        stFrom = providerFrom = -1;
        break;
      case 'ST':
        header = provider = undefined;
        stFrom = s.start;
        providerFrom = -1;
        break;
      case 'HL': {
        if (stFrom >= 0 && !header) header = { from: stFrom, to: s.start };
        if (providerFrom >= 0 && !provider) provider = { from: providerFrom, to: s.start };
        const level = s.elements[3]?.text.trim();
        if (level !== '20' && level !== '22') break;
        if (level === '20') {
          providerFrom = s.start;
          provider = undefined;
        }
        if (s.start - from < partBytes || !isa || !gs || !header) break;
        if (level === '22' && !provider) break;
        parts.push({ context, body: { from, to: s.start } });
        from = s.start;
        context = level === '20' ? [isa, gs, header] : [isa, gs, header, provider!];
        break;
      }
    }
  }
  if (!parts.length) return undefined;
  parts.push({ context, body: { from, to: text.length } });
  return parts;
}
