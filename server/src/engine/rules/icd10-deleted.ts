import type { Rule } from './rule';
import { icdStatus, likeWritten, listCodes } from './icd10-status';

export const icd10Deleted: Rule = {
  id: 'icd10.deleted',
  defaultSeverity: 'error',
  description: 'ICD-10-CM code deleted before the edition in force on the date of service.',
  summary: 'deleted before the edition in force on the date of service, with replacements from the addenda',
  docs: 'The code was valid in an earlier ICD-10-CM edition and is not in the edition in force on the date of service. Use a replacement from the addenda (offered as fixes), or recode from the tabular list when there is none; if the document is older, set the date of service (clinicalCodes.dateOfService, --date-of-service).',
  tags: ['deprecated'],
  fixable: true,
  systems: ['icd10cm'],
  check(t, ctx) {
    if (t.system !== 'icd10cm') return;
    const icd = ctx.data.icd10;
    const s = icdStatus(icd, t.code, ctx.icdEdition);
    if (s.kind !== 'deleted') return;
    const when = icd.editions[s.editionIndex];
    const old = icd.get(t.code)!;
    const repl = s.replacements.length ? ` Replaced by: ${listCodes(s.replacements)}.` : ' No direct replacement in the addenda: recode from the tabular list.';
    return {
      start: t.start,
      end: t.end,
      message: `${old.dotted} "${old.long}" was deleted from ICD-10-CM on ${when.start} (${when.id}) and is not valid for dates of service from then on.${repl}`,
      fixes: s.replacements.map((c, i) => ({
        title: `Change to ${c.dotted} ${c.long}`,
        start: t.start,
        end: t.end,
        newText: likeWritten(t.text, c.code),
        preferred: i === 0 && s.replacements.length === 1,
      })),
      data: { deletedIn: when.id, replacements: s.replacements.map((c) => c.dotted) },
    };
  },
};
