import type { CodeToken } from '../scanner/tokens';
import type { Claim, ClaimDiagnosis, Field, ServiceLine } from './model';
import { shouldYield, type Steps } from '../steps';

/**
 * Units written right after a procedure code (and its modifiers) on the same line: "96372 x2", "96372 × 2",
 * "96372 (2 units)", "96372: 3 units", "96372 units: 2". A mention without them has no units: a note names a code
 * in its history, plan and summary alike, so mentions are never counted as units (claim.mue-exceeded).
 */
const NOTE_UNITS = [/^\s*[x×*]\s*(\d{1,3})(?![\d.])/i, /^\s*[,:(–-]?\s*(\d{1,3})\s*(?:units?|u)\b/i, /^\s*[,(]?\s*(?:units?|qty|quantity)\s*[:=]?\s*(\d{1,3})(?![\d.])/i];

/** How far after a code (and its modifiers) its units may be written; also bounds the work per code on a long line. */
const UNITS_REACH = 40;

function unitsAfter(text: string, t: CodeToken): Field<number | undefined> | undefined {
  let from = t.end;
  // a loop, not Math.max(...spread): a code may carry 100,000s of modifiers ("99213-25-25-…")
  for (const m of t.modifiers ?? []) if (m.line === t.line && m.start >= t.end && m.end > from) from = m.end;
  const window = text.slice(from, from + UNITS_REACH);
  const eol = window.search(/[\r\n]/);
  const rest = eol < 0 ? window : window.slice(0, eol);
  for (const re of NOTE_UNITS) {
    const m = re.exec(rest);
    if (!m) continue;
    const start = from + m.index + m[0].lastIndexOf(m[1]);
    return { value: Number(m[1]), text: m[1], start, end: start + m[1].length };
  }
  return undefined;
}

/**
 * A note, coding summary or policy is one implicit claim: its diagnoses are the ICD-10-CM codes it names (each
 * once), its service lines the procedure codes with the modifiers written with them and the units written after
 * them, if any (`unitsAfter`).
 */
export function* claimFromNote(text: string, tokens: readonly CodeToken[]): Steps<Claim> {
  const diagnoses: ClaimDiagnosis[] = [];
  const lines: ServiceLine[] = [];
  const seen = new Set<string>();
  let n = 0;
  for (const t of tokens) {
    if (shouldYield(n++)) yield;
    // range endpoints and "J45.-" references name codes, they do not code the encounter
    if (t.range || t.open) continue;
    if (t.system === 'icd10cm' && !seen.has(t.code)) {
      seen.add(t.code);
      diagnoses.push({ token: t, code: { value: t.code, text: t.text, start: t.start, end: t.end }, position: diagnoses.length + 1 });
    } else if (t.system === 'cpt' || t.system === 'hcpcs') {
      const units = unitsAfter(text, t);
      lines.push({ number: lines.length + 1, line: t.line, start: t.start, end: t.end, procedure: t, modifiers: t.modifiers ?? [], units, diagnoses: [] });
    }
  }
  return { id: 'document', start: 0, end: text.length, line: 0, diagnoses, lines };
}
