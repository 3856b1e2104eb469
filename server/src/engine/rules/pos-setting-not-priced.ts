import type { Claim } from '../claims/model';
import { posSetting } from '../systems/pos';
import type { Rule, RuleContext, RuleFinding } from './rule';
import { lineDate, lineOf } from './claim-where';

/** MPFS statuses with relative values: only for these do the NA indicators say anything about payment */
const PRICED = new Set(['A', 'R', 'T']);

const WHAT_TO_DO = {
  'non-facility':
    'CMS considers it performed in a facility (typically a hospital). Check the place of service (21 inpatient hospital, 22 or 19 outpatient hospital, 24 ambulatory surgical center); if it truly was done here, the contractor pays at the facility rate.',
  facility:
    'In a facility the facility bills the technical part. Report the professional part only (the interpretation-only code, or modifier 26 where the PC/TC indicator allows it), or check the place of service.',
} as const;

/**
 * A service line whose place of service is a setting in which the MPFS gives the procedure no practice-expense
 * value (the RVU file's non-facility / facility NA indicators): a hospital-only surgery billed with office POS 11, a
 * global diagnostic test billed with inpatient POS 21. Judged at the line's MPFS year, on the row of the line's
 * 26/TC modifier when it has one.
 */
export const posSettingNotPriced: Rule = {
  id: 'pos.setting-not-priced',
  defaultSeverity: 'warning',
  description: 'A service line whose place of service is a facility or non-facility setting in which the Medicare Physician Fee Schedule gives the procedure no price (NA indicator).',
  summary: 'a procedure the MPFS does not price in the line\'s setting (non-facility or facility NA indicator vs the POS)',
  docs: 'The MPFS relative value file marks with "NA" the setting (non-facility: office, home, POS 10 …; facility: hospital, ASC, SNF Part A, POS 02 …, per the Medicare Claims Processing Manual, chapter 12, §20.4.2) in which CMS has set no practice-expense value for a code: a total knee arthroplasty has no office price, a global ECG no facility price. A line in that setting is usually a wrong place of service (or, for diagnostic tests in a facility, a global code where the professional component belongs). Check the POS; report the professional component in a facility.',
  tags: [],
  fixable: false,
  checkClaim(claim: Claim, ctx: RuleContext) {
    const out: RuleFinding[] = [];
    for (const line of claim.lines) {
      const p = line.procedure;
      const pos = line.placeOfService ?? claim.placeOfService;
      if (!p || !pos?.known) continue;
      const info = ctx.data.procedures.get(p.code, lineDate(line, claim, ctx));
      const component = line.modifiers.find((m) => m.code === '26' || m.code === 'TC')?.code ?? '';
      const row = info?.mpfs.find((r) => r.modifier === component);
      if (!row?.notPriced || !PRICED.has(row.status)) continue;
      const setting = posSetting(pos.code);
      if (!row.notPriced.includes(setting)) continue;
      const name = ctx.data.pos.get(pos.code)?.name ?? '';
      const year = info!.mpfsYear?.year.id ?? 'MPFS';
      const what = `${p.code}${component ? `-${component}` : ''}`;
      out.push({
        start: pos.start,
        end: pos.end,
        message: `${what} ${lineOf(line, claim, ctx)} has POS ${pos.code}${name ? ` (${name})` : ''}, a ${setting} setting, but the ${year} Medicare Physician Fee Schedule gives ${what} no ${setting} price (${setting === 'facility' ? 'facility' : 'non-facility'} NA indicator). ${WHAT_TO_DO[setting]}`,
        related: [{ start: p.start, end: p.end, message: `${what}: the procedure` }],
      });
    }
    return out;
  },
};
