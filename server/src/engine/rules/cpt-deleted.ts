import type { Rule } from './rule';

export const cptDeleted: Rule = {
  id: 'cpt.deleted',
  defaultSeverity: 'warning',
  description: 'A CPT code that an earlier MPFS year lists but the MPFS year of the date of service no longer does (deleted or replaced).',
  summary: 'CPT code in an earlier MPFS year but not in the year of the date of service (deleted or replaced)',
  docs: 'The code is in an earlier bundled Medicare Physician Fee Schedule year (CY2022-CY2025) but not in the year in force on the date of service: CPT deleted or replaced it, and payers reject it for later dates. Codes that never existed are cpt.unknown instead. Dates after the newest bundled year are judged against that year (MPFS 2026 is not bundled), so a code reinstated later may be newer than the data. Report the code that replaced it (check the current CPT code book).',
  tags: ['deprecated'],
  fixable: false,
  systems: ['cpt'],
  check(t, ctx) {
    if (t.system !== 'cpt' || !t.known) return;
    const procs = ctx.data.procedures;
    const info = procs.get(t.code, ctx.dateOfService);
    const history = info?.mpfsHistory;
    const inForce = info?.mpfsYear;
    // never in the MPFS (known from MUE/AOC only), or the date is not after the code's last MPFS year
    if (!history || !inForce || inForce.year.year <= history.last.year) return;
    // newer CMS files (NCCI MUE / add-on edits of 2026) or the user's CPT file still list it: not ours to call deleted
    if (info.sources.some((s) => s !== 'MPFS')) return;
    const y = inForce.year.id;
    const year = ctx.dateOfService.slice(0, 4);
    const which =
      inForce.outside === 'newest' ? `${y}, the newest bundled year, which judges the date of service ${ctx.dateOfService}` : `${y}, the year of the date of service ${ctx.dateOfService}`;
    const newer = inForce.outside === 'newest' ? ` MPFS ${year} is not bundled: if the code came back for ${year}, the data is older than the code.` : '';
    return {
      start: t.start,
      end: t.end,
      message:
        `${t.text} is not in the MPFS ${which}: it was last in the MPFS ${history.last.id} (listed ${history.spans}), so it was deleted or replaced.` +
        `${newer} Report the code that replaced it (check the current CPT code book).`,
    };
  },
};
