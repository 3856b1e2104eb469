import type { CodeToken } from '../scanner/tokens';
import type { Claim, ClaimDiagnosis, ServiceLine } from './model';

/**
 * A note, coding summary or policy is one implicit claim: its diagnoses are the ICD-10-CM codes it names (each
 * once), its service lines the procedure codes with the modifiers written with them.
 */
export function claimFromNote(text: string, tokens: readonly CodeToken[]): Claim {
  const diagnoses: ClaimDiagnosis[] = [];
  const lines: ServiceLine[] = [];
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.system === 'icd10cm' && !seen.has(t.code)) {
      seen.add(t.code);
      diagnoses.push({ token: t, code: { value: t.code, text: t.text, start: t.start, end: t.end }, position: diagnoses.length + 1 });
    } else if (t.system === 'cpt' || t.system === 'hcpcs') {
      lines.push({ number: lines.length + 1, line: t.line, start: t.start, end: t.end, procedure: t, modifiers: t.modifiers ?? [], diagnoses: [] });
    }
  }
  return { id: 'document', start: 0, end: text.length, line: 0, diagnoses, lines };
}
