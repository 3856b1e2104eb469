import type { PosRow } from '../../../server/src/engine/data/bundle-types.js';
import { decodeText, splitLines, squash } from '../lib/text.js';

/**
 * CMS Place of Service codes from the Blue Button FHIR CodeSystem CLM_POS_CD (FHIR Shorthand):
 *   * #NN "NAME (EFFECTIVE …) - DESCRIPTION"
 * all upper case, name and description merged. The separators are irregular ("- ", "-  ", " - ", none at all:
 * "AMBULANCE—LAND A LAND VEHICLE …"), so the split tries, in order: the effective-date parenthesis, a hyphen
 * next to whitespace, then the first " A " / " AN " that starts the description. "UNASSIGNED" codes and the
 * "~" placeholder are skipped.
 */

const LINE_RE = /^\*\s+#(\S+)\s+"(.*)"\s*$/;
/** "(EFFECTIVE JANUARY 1, 2003)", "(EFF. 10/1/23)", "(OCTOBER 1, 2003)", "(CODE EFFECTIVE, …; DESCRIPTION REVISED, …)" */
const EFFECTIVE_RE = /\(([^()]*(?:EFFECTIVE|EFF\.|REVISED|\b(?:19|20)\d{2}\b|\d+\/\d+\/\d+)[^()]*)\)/;
const HYPHEN_SEP_RE = /\s*-\s+|\s+-\s*/;
const ARTICLE_SEP_RE = /\s(?=(?:A|AN)\s)/;

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);
const ACRONYMS = new Set(['PACE', 'SNF', 'ICF', 'MTF', 'USPHS', 'USTF', 'ESRD', 'FQHC', 'IHS', 'CMHC', 'U.S.', 'II', 'III', 'IV', 'HIV', 'AIDS', 'E.G.', 'I.E.', 'NOS', 'MD']);
const PROPER = ['Medicare', 'Medicaid', 'Indian Health Service', 'American Indians', 'Alaska Natives', 'American Indian', 'Alaska Native', 'Federally Qualified Health Center'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Title case for names, keeping acronyms and capitalising each part of hyphen/slash/dash compounds. */
export function titleCase(upper: string): string {
  return upper
    .split(' ')
    .map((word, i) => {
      const bare = word.replace(/^[("']+|[)"',.;:]+$/g, '');
      if (ACRONYMS.has(bare)) return word;
      const lower = word.toLowerCase();
      if (i > 0 && SMALL_WORDS.has(lower)) return lower;
      return lower.replace(/(^|[-/—(])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
    })
    .join(' ');
}

/** Sentence case for descriptions and notes: lower-case, then restore sentence starts, acronyms, proper nouns, months. */
export function sentenceCase(upper: string): string {
  let s = upper
    .split(' ')
    .map((word) => {
      const bare = word.replace(/^[("']+|[)"',.;:]+$/g, '');
      return ACRONYMS.has(bare) ? word : word.toLowerCase();
    })
    .join(' ');
  s = s.replace(/(^|[.!?]\s+)([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase());
  for (const name of [...PROPER, ...MONTHS]) s = s.replace(new RegExp(`\\b${name}\\b`, 'gi'), name);
  return s.replace(/\(([a-z])/g, (_m, c: string) => `(${c}`);
}

/** Splits one merged "NAME (EFFECTIVE …) - DESCRIPTION" string (upper case as in the source). */
export function splitPosText(text: string): { name: string; description: string; effective: string } {
  const s = squash(text);
  let name = s;
  let description = '';
  let effective = '';
  const eff = EFFECTIVE_RE.exec(s);
  // the effective note belongs to the name part: only accept it before any description separator
  const hyphen = HYPHEN_SEP_RE.exec(s);
  if (eff && (!hyphen || eff.index < hyphen.index)) {
    name = s.slice(0, eff.index);
    effective = eff[1].trim();
    description = s.slice(eff.index + eff[0].length).replace(/^\s*-?\s*/, '');
  } else if (hyphen) {
    name = s.slice(0, hyphen.index);
    description = s.slice(hyphen.index + hyphen[0].length);
  } else {
    const art = ARTICLE_SEP_RE.exec(s);
    if (art) {
      name = s.slice(0, art.index);
      description = s.slice(art.index + 1);
    }
  }
  return { name: name.trim(), description: description.trim(), effective };
}

export function parsePosFsh(input: string | Uint8Array): PosRow[] {
  const text = decodeText(input, 'utf-8');
  const rows: PosRow[] = [];
  const seen = new Set<string>();
  for (const line of splitLines(text)) {
    const m = LINE_RE.exec(line.trim());
    if (!m) continue;
    const [, code, raw] = m;
    if (!/^\d{2}$/.test(code)) continue; // "~" = NO DESCRIPTION AVAILABLE placeholder
    if (/^UNASSIGNED\b/i.test(raw.trim())) continue;
    if (seen.has(code)) throw new Error(`POS: code ${code} appears twice`);
    seen.add(code);
    const { name, description, effective } = splitPosText(raw);
    rows.push([code, titleCase(name), description ? sentenceCase(description) : '', effective ? sentenceCase(effective) : '']);
  }
  if (rows.length === 0) throw new Error('POS: no "* #NN \\"…\\"" concept lines found');
  return rows;
}
