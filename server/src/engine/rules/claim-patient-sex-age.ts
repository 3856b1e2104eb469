import type { Claim, ClaimDiagnosis } from '../claims/model';
import { dotIcd } from '../systems/icd10cm';
import type { Rule, RuleContext, RuleFinding } from './rule';

export type Sex = 'male' | 'female';

/**
 * Words of an official ICD-10-CM title that name one sex's anatomy or the sex itself. Derived from the FY2026 titles
 * (every billable code whose long title matches was reviewed): male genital organs (prostate, testis, scrotum,
 * penis, epididymis, spermatic cord, seminal vesicle, vas deferens) and "male"; female genital organs (ovary,
 * uterus, cervix uteri, vagina, vulva, fallopian tube, endometrium, Bartholin's gland) and "female".
 */
const MALE_TITLE = /\b(?:prostat(?:e|ic|itis)|testis|testes|testic(?:le|les|ular)|scrot(?:um|al|i)|penis|penile|epididym(?:is|itis)|spermatic cord|seminal vesicles?|vas deferens|male)\b/i;
const FEMALE_TITLE = /\b(?:ovary|ovaries|ovarian|uterus|uterine|cervix uteri|vagina|vaginal|vulva|vulvae|vulval|vulvar|vulvovaginitis|fallopian tubes?|endometri(?:um|al|osis)|bartholin'?s?|female)\b/i;
/**
 * Titles that name a sex or an organ of one but fit a patient of either (reviewed in the FY2026 titles): both sexes
 * named ("Stress incontinence (female) (male)"), someone else's sex or anatomy (family history, a perpetrator, a
 * partner, the mother of a newborn, "male factor infertility in female patient", procreative testing), the
 * newborn's delivery (Z38 "delivered vaginally") and differences of sex development and sex chromosomes
 * (pseudohermaphroditism, karyotypes, phenotypes), where the recorded sex is not the anatomy's.
 */
const EITHER_SEX = /\(female\)\s*\(male\)|\(male\)\s*\(female\)|\bmale or female\b|\bfemale or male\b|family history|perpetrator|\bpartner\b|newborn|neonat|liveborn|infant|maternal|in (?:fe)?male patient|procreative|hermaphroditism|karyotype|chromosom|phenotype|androgen insensitivity/i;

/** The one sex an official title implies, or undefined (either sex, or both named). */
export function titleSex(title: string): Sex | undefined {
  if (!title || EITHER_SEX.test(title)) return undefined;
  const male = MALE_TITLE.test(title);
  const female = FEMALE_TITLE.test(title);
  return male === female ? undefined : male ? 'male' : 'female';
}

/** M/Male/1 and F/Female/2 (X12 DMG03, CMS BENE_SEX_IDENT_CD 1/2); U, 0, blank and anything else: not known. */
export function sexOf(text: string | undefined): Sex | undefined {
  const t = (text ?? '').trim().toUpperCase();
  if (t === 'M' || t === 'MALE' || t === '1') return 'male';
  if (t === 'F' || t === 'FEMALE' || t === '2') return 'female';
  return undefined;
}

/** Whole years from birth to the date (ISO dates). */
export function ageAt(birth: string, date: string): number {
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = date.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** CMS MCE "Definitions of Medicare Code Edits" v31.0 (October 2013), edit 4 age conflict: maternity diagnoses 12-55 (later MCE versions use 9-64). */
export const MATERNITY_AGES = [12, 55] as const;

/**
 * Patient edits (CMS Medicare Code Editor, edits 4 and 5): pregnancy and childbirth codes (chapter O) only for
 * female patients aged 12-55, perinatal codes (chapter P) only at age 0, and codes whose official title names one
 * sex (`titleSex`) only for that sex. Judged only where the claim carries the patient's sex or birth date.
 */
export const claimPatientSexAge: Rule = {
  id: 'claim.patient-sex-age',
  defaultSeverity: 'error',
  description: 'A diagnosis that contradicts the patient\'s sex or age on the claim: pregnancy (chapter O) outside females aged 12-55, perinatal (chapter P) after age 0, or a code whose official title names the other sex.',
  summary: 'pregnancy codes (O) outside females 12-55, perinatal codes (P) after age 0, codes whose title names the other sex (claims with patient sex or birth date)',
  docs: 'The CMS Medicare Code Editor flags diagnoses that contradict the patient\'s age or sex: maternity diagnoses (chapter O) outside ages 12-55 (MCE v31; later versions 9-64) or for a male, newborn/perinatal diagnoses (chapter P) after age 0, and diagnoses of one sex\'s anatomy (prostate, ovary ...) for the other. Judged only where the claim gives the patient\'s sex (837 DMG03, a sex column) or birth date (DMG02, a birth date column). Correct the diagnosis or the patient\'s demographics; for a patient whose anatomy differs from the recorded sex (transgender or intersex patients) payers accept condition code 45 (institutional) or modifier KX (professional).',
  tags: [],
  fixable: false,
  checkClaim(claim: Claim, ctx: RuleContext) {
    const sex = sexOf(claim.patient?.sex?.text);
    const birth = claim.patient?.birthDate?.value;
    if (!sex && !birth) return;
    const out: RuleFinding[] = [];
    const patient = [sex, birth && `born ${birth}`].filter(Boolean).join(', ');
    const where = ctx.format === 'note' ? '' : ` on claim ${claim.id}`;
    const done = new Set<string>();
    for (const d of claim.diagnoses) {
      const t = d.token;
      if (!t || d.version === 9 || done.has(t.code)) continue;
      done.add(t.code);
      const date = t.service?.date ?? claim.from?.value ?? ctx.dateOfService;
      const age = birth && /^\d{4}-\d{2}-\d{2}$/.test(birth) && birth <= date ? ageAt(birth, date) : undefined;
      const why = reasons(d, sex, age, ctx, date);
      if (!why.length) continue;
      const title = ctx.data.icd10.get(t.code, ctx.data.icd10.editionFor(date))?.long;
      out.push({
        start: d.code.start,
        end: d.code.end,
        message: `${dotIcd(t.code)}${title ? ` "${title}"` : ''}${where} does not fit the patient (${patient}${age !== undefined ? `; age ${age} on ${date}` : ''}): ${why.map((w) => w.text).join('; ')}. ${
          why.some((w) => w.sex)
            ? "Correct the diagnosis or the patient's recorded sex; if the patient's anatomy differs from the recorded sex (transgender or intersex patients), report condition code 45 (institutional) or modifier KX (professional)."
            : "Correct the diagnosis or the patient's birth date."
        }`,
      });
    }
    return out;
  },
};

function reasons(d: ClaimDiagnosis, sex: Sex | undefined, age: number | undefined, ctx: RuleContext, date: string): { text: string; sex?: boolean }[] {
  const code = d.token!.code;
  const why: { text: string; sex?: boolean }[] = [];
  if (code.startsWith('O')) {
    if (sex === 'male') why.push({ text: 'a pregnancy, childbirth or puerperium code (chapter O) for a male patient', sex: true });
    if (age !== undefined && (age < MATERNITY_AGES[0] || age > MATERNITY_AGES[1])) why.push({ text: `a pregnancy, childbirth or puerperium code (chapter O) at age ${age}, outside the maternity ages ${MATERNITY_AGES[0]}-${MATERNITY_AGES[1]} of the CMS Medicare Code Editor` });
    return why;
  }
  if (code.startsWith('P')) {
    if (age !== undefined && age > 0)
      why.push({ text: `a perinatal code (chapter P) at age ${age}: the CMS Medicare Code Editor allows newborn/perinatal codes at age 0 only (a condition that began in the perinatal period and persists may keep its P code by the coding guidelines, I.C.16.a.4, but payers applying the MCE edit deny it)` });
    return why;
  }
  const title = ctx.data.icd10.get(code, ctx.data.icd10.editionFor(date))?.long ?? '';
  const only = titleSex(title);
  if (only && sex && only !== sex) why.push({ text: `its official title names ${only} anatomy or sex, and the patient is ${sex}`, sex: true });
  return why;
}
