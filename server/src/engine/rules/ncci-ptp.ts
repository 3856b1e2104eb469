import type { Claim, ServiceLine } from '../claims/model';
import type { Fix } from '../findings';
import type { PtpEdit } from '../data/ptp-codec';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { lineDate, lineOf } from './claim-where';

/**
 * The modifiers that may bypass a PTP edit with modifier indicator 1 (NCCI Policy Manual, chapter I, "Modifiers and
 * Modifier Indicators"): anatomic, global surgery and other modifiers. 27 is the manual's too (hospital outpatient).
 */
const ANATOMIC: ReadonlySet<string> = new Set([
  ...['E1', 'E2', 'E3', 'E4', 'FA', 'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'TA', 'T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9'],
  ...['LT', 'RT', 'LC', 'LD', 'RC', 'LM', 'RI'],
]);
export const NCCI_PTP_MODIFIERS: ReadonlySet<string> = new Set([...ANATOMIC, ...['24', '25', '57', '58', '78', '79'], ...['27', '59', '91', 'XE', 'XS', 'XP', 'XU']]);

/**
 * Whether the lines' modifiers bypass an indicator 1 edit: a non-anatomic NCCI-associated modifier (59, X{EPSU},
 * 24/25/57/58/78/79, 27, 91) on either line, or an anatomic one on the column 2 line that the column 1 line does not
 * carry (another side, digit, eyelid or artery). 27447-RT with 20610-RT, or with 20610 alone, names no other site.
 */
function bypassed(l1: ServiceLine, l2: ServiceLine): boolean {
  if ([l1, l2].some((l) => l.modifiers.some((m) => NCCI_PTP_MODIFIERS.has(m.code) && !ANATOMIC.has(m.code)))) return true;
  const sites1 = new Set(l1.modifiers.filter((m) => ANATOMIC.has(m.code)).map((m) => m.code));
  return l2.modifiers.some((m) => ANATOMIC.has(m.code) && !sites1.has(m.code));
}

const isEm = (code: string) => /^99[2-4]\d\d$/.test(code);

/** Procedure lines of a claim grouped by date of service: only dates with two or more different codes. */
function pairsByDate(claim: Claim, ctx: RuleContext): Map<string, ServiceLine[]> {
  const byDate = new Map<string, ServiceLine[]>();
  for (const line of claim.lines) {
    if (!line.procedure) continue;
    const date = lineDate(line, claim, ctx);
    let g = byDate.get(date);
    if (!g) byDate.set(date, (g = []));
    g.push(line);
  }
  for (const [date, lines] of byDate) if (new Set(lines.map((l) => l.procedure!.code)).size < 2) byDate.delete(date);
  return byDate;
}

/** Whether judging these claims needs the PTP edits: some claim has two different procedure codes on one date. */
export function claimsNeedPtp(claims: readonly Claim[], ctx: RuleContext): boolean {
  return claims.some((c) => pairsByDate(c, ctx).size > 0);
}

/**
 * Adds a modifier to a service line, where the text has a place for it: a note's code takes "-59" after it (and its
 * written modifiers), a claim file's row its first empty modifier cell. X12 composites are not edited.
 */
function addModifier(line: ServiceLine, modifier: string, ctx: RuleContext): Fix | undefined {
  const p = line.procedure!;
  const title = `Add modifier ${modifier} to ${p.code}`;
  if (ctx.format === 'csv') {
    const cell = ctx.layout.tableRows.get(line.line)?.find((c) => c.kind === 'modifier' && !c.text);
    return cell ? { title, start: cell.start, end: cell.start, newText: modifier } : undefined;
  }
  if (ctx.format === 'x12') return undefined;
  const suffixes = line.modifiers.filter((m) => m.parentVia === 'suffix' && m.line === p.line && m.start >= p.end);
  const at = suffixes.length ? suffixes[suffixes.length - 1].end : p.end;
  return { title, start: at, end: at, newText: `-${modifier}` };
}

const MODIFIER_WORDS = '59 or the more specific XE (separate encounter), XS (separate structure or organ), XP (separate practitioner), XU (unusual non-overlapping service), an anatomic modifier (RT/LT, F1-F9, T1-T9, E1-E4, LC/LD/RC/LM/RI), or 25/57 on an E/M service';

/**
 * NCCI procedure-to-procedure edits (practitioner): two codes on one claim and date of service that Medicare does not
 * pay together. The column 2 code is denied unless the edit's modifier indicator is 1 and a line carries an
 * NCCI-associated modifier. Indicator 9 (deleted as if it never existed) and edits not in force on the date
 * (effective ≤ date < deletion) are silent. Judged only when the bundle has the PTP edits (built with the CMS files).
 */
export const ncciPtp: Rule = {
  id: 'ncci.ptp',
  defaultSeverity: 'error',
  description: 'Two procedure codes on one claim and date of service that an NCCI procedure-to-procedure edit in force that day does not pay together (modifier indicator 0, or 1 without an NCCI-associated modifier).',
  summary: 'a column 1 / column 2 pair of an NCCI practitioner PTP edit on one claim and date: indicator 0 never paid together, 1 without an NCCI-associated modifier (59, XE/XS/XP/XU, anatomic, 24/25/57/58/78/79/91); needs the CMS PTP files at build time',
  docs: 'CMS NCCI procedure-to-procedure (PTP) edits list pairs of codes that are not paid together for one patient and date of service by the same provider: the column 2 code is denied and the column 1 code paid. Modifier indicator 0: no modifier unbundles the pair; remove the column 2 code, or correct the codes. Modifier indicator 1: the pair is paid when an NCCI-associated modifier shows the services were distinct (59 or XE/XS/XP/XU, anatomic modifiers such as RT/LT, F1-F9, T1-T9, global surgery modifiers 24/25/57/58/78/79, or 91); add it to the column 2 code only if the record documents a separate encounter, site, lesion or practitioner, otherwise remove the column 2 code. Indicator 9 edits never applied. Only edits in force on the date of service count (effective date ≤ date < deletion date). The edits are not bundled by default: build the data with CLINICAL_CODES_NCCI_PTP pointing at the CMS practitioner PTP files.',
  tags: [],
  fixable: true,
  checkClaim(claim: Claim, ctx: RuleContext) {
    const ptp = ctx.data.ptp;
    if (ptp.status.state !== 'loaded') return;
    const out: RuleFinding[] = [];
    for (const [date, lines] of pairsByDate(claim, ctx)) {
      const reported = new Set<string>();
      for (const l2 of lines) {
        for (const l1 of lines) {
          const c1 = l1.procedure!.code;
          const c2 = l2.procedure!.code;
          if (c1 === c2 || reported.has(`${c1}\u0000${l2.start}`)) continue;
          const edit = ptp.inForce(c1, c2, date);
          if (!edit || edit.modifier === 9) continue;
          if (edit.modifier === 1 && bypassed(l1, l2)) continue;
          reported.add(`${c1}\u0000${l2.start}`);
          out.push(finding(edit, l1, l2, claim, ctx, date, ptp.edition ?? ''));
        }
      }
    }
    return out;
  },
};

function finding(edit: PtpEdit, l1: ServiceLine, l2: ServiceLine, claim: Claim, ctx: RuleContext, date: string, edition: string): RuleFinding {
  const p1 = l1.procedure!;
  const p2 = l2.procedure!;
  const { column1: c1, column2: c2 } = edit;
  const where2 = lineOf(l2, claim, ctx);
  const where1 = ctx.format === 'note' ? `line ${l1.line + 1}` : `line ${l1.number}`;
  const head = `NCCI PTP edit ${c1}/${c2} (column 1 / column 2, practitioner ${edition}; effective ${edit.effective}${edit.deletion ? `, deleted ${edit.deletion}` : ''}; rationale: ${edit.rationale}; modifier indicator ${edit.modifier})`;
  const related = [{ start: p1.start, end: p1.end, message: `${c1}, column 1 of the edit` }];
  if (edit.modifier === 0) {
    return {
      start: p2.start,
      end: p2.end,
      message: `${c2} ${where2} cannot be billed together with ${c1} (${where1}) on ${date}: ${head}. Indicator 0 means no modifier unbundles the pair, so Medicare denies ${c2}, even with 59 or an X modifier. Remove ${c2} if its service is part of ${c1}, or correct the codes.`,
      related,
    };
  }
  const mods = isEm(c2) ? ['25', '57'] : ['59', 'XS', 'XE', 'XP', 'XU'];
  const fixes = mods.map((m) => addModifier(l2, m, ctx)).filter((f): f is Fix => !!f);
  return {
    start: p2.start,
    end: p2.end,
    message: `${c2} ${where2} is bundled into ${c1} (${where1}) on ${date}: ${head}. Without an NCCI-associated modifier Medicare denies ${c2}. If the record documents a distinct service (another encounter, site, organ, lesion or practitioner), add ${MODIFIER_WORDS} to ${c2}; otherwise remove ${c2}.`,
    related,
    fixes: fixes.length ? fixes : undefined,
  };
}
