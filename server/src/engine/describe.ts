import { escapeMarkdown } from './text/markdown';
import type { CodeData } from './code-data';
import type { CodeSystemId } from './scanner/tokens';
import { ICD10_START, dotIcd, undotIcd, type Icd10System, type IcdCode, type IcdHistoryEvent } from './systems/icd10cm';
import { modifierScope } from './systems/modifier-fit';
import {
  ASST_IND,
  BILAT_IND,
  CO_SURG_IND,
  GLOBAL_DAYS,
  HCPCS_COVERAGE,
  MPFS_STATUS,
  MULT_PROC_IND,
  PCTC_IND,
  TEAM_IND,
  classifyProcedure,
  indicatorsByYear,
  type MpfsIndicators,
} from './systems/procedures';
import type { PolicyPack } from './policies/pack';
import type { ResolvedCoverage } from './policies/resolve';
import { codeCoverage, coverageSections } from './policies/code-coverage';
import { today } from './dates';

/**
 * Everything known about one code, as structured text: the hover, `clinical-codes explain` and completion
 * details all render this, so the wording is the same everywhere. Most important line first.
 */
export interface CodeDescription {
  system: CodeSystemId;
  code: string;
  /** "M79.642 — Pain in left hand" */
  title: string;
  /** one line: status that matters for billing ("Billable · ICD-10-CM FY2027") */
  status: string;
  sections: { heading: string; lines: string[] }[];
}

/** Which systems a bare string could belong to, by shape and data. */
export function guessSystems(data: CodeData, raw: string): { system: CodeSystemId; code: string }[] {
  const s = raw.trim().toUpperCase();
  const out: { system: CodeSystemId; code: string }[] = [];
  if (/^[A-Z][0-9A-Z][0-9A-Z](\.?[0-9A-Z]{1,4})?$/.test(s) && data.icd10.known(undotIcd(s))) out.push({ system: 'icd10cm', code: undotIcd(s) });
  const shape = classifyProcedure(s);
  if (shape && data.procedures.known(s)) out.push({ system: shape.system, code: s });
  if (/^[0-9A-Z]{2}$/.test(s) && data.modifiers.get(s)) out.push({ system: 'modifier', code: s });
  if (/^\d{2}$/.test(s) && data.pos.get(s)) out.push({ system: 'pos', code: s });
  if (/^[0-9A-Z]{9}X$/.test(s) && data.taxonomy.get(s)) out.push({ system: 'taxonomy', code: s });
  return out;
}

/**
 * `edition`: ICD-10-CM edition index in force (default the newest; BEFORE_ICD10 for dates before ICD-10);
 * `dateOfService` words the ICD-10-CM status ("billable on 2018-05-01") and picks the MPFS year of CPT/HCPCS codes
 * (default the newest bundled year). `coverage`: payer policy packs and the payer and plan judged (CPT/HCPCS only):
 * what each pack says about the code at the date of service (default today).
 */
export function describeCode(
  data: CodeData,
  system: CodeSystemId,
  code: string,
  opts: { edition?: number; dateOfService?: string; coverage?: { packs: readonly PolicyPack[]; active?: ResolvedCoverage | 'none' } } = {},
): CodeDescription | undefined {
  switch (system) {
    case 'icd10cm':
      return describeIcd(data, code, opts.edition ?? data.icd10.current, opts.dateOfService);
    case 'cpt':
    case 'hcpcs': {
      const d = describeProcedure(data, code, opts.dateOfService);
      const cov = opts.coverage;
      // what the payer will do with the code matters most: first
      if (d && cov?.packs.length) d.sections.unshift(...coverageSections(codeCoverage(code, opts.dateOfService ?? today(), cov.packs, cov.active)));
      return d;
    }
    case 'modifier': {
      const m = data.modifiers.get(code);
      if (!m) return undefined;
      const applies = modifierScope(m.code);
      return {
        system,
        code,
        title: `Modifier ${m.code} — ${m.name}`,
        status: `${m.level === 'CPT' ? 'CPT Level I' : 'HCPCS Level II'} modifier${m.termDate ? ` · discontinued ${m.termDate}` : ''}`,
        sections: m.meaning || applies ? [{ heading: 'Meaning', lines: [m.meaning, applies].filter((x): x is string => !!x) }] : [],
      };
    }
    case 'taxonomy': {
      const t = data.taxonomy.get(code);
      if (!t) return undefined;
      return {
        system,
        code,
        title: `${t.code} — ${t.displayName || [t.classification, t.specialization].filter(Boolean).join(', ')}`,
        status: `NUCC taxonomy ${data.taxonomy.edition ?? ''}`.trim(),
        sections: [
          { heading: 'Classification', lines: [`${t.grouping} › ${t.classification}${t.specialization ? ` › ${t.specialization}` : ''}`] },
          ...(t.definition ? [{ heading: 'Definition', lines: [t.definition] }] : []),
        ],
      };
    }
    case 'pos': {
      const p = data.pos.get(code);
      if (!p) return undefined;
      return {
        system,
        code,
        title: `POS ${p.code} — ${p.name}`,
        status: `CMS place of service${p.effective ? ` · ${p.effective}` : ''}`,
        sections: [{ heading: 'Description', lines: [p.description] }],
      };
    }
  }
}

function describeIcd(data: CodeData, code: string, asked: number, dos: string | undefined): CodeDescription | undefined {
  const icd = data.icd10;
  // before ICD-10 nothing is judged: titles and hierarchy come from the newest edition
  const ed = asked < 0 ? icd.current : asked;
  const c = icd.get(code, ed) ?? icd.get(code);
  if (!c) return undefined;
  const edition = icd.editions[ed];
  const history = icd.history(code);
  const on = dos ? ` on ${dos}` : '';
  const sections: CodeDescription['sections'] = [];
  let status: string;
  if (asked < 0) {
    status = `Not judged: the date of service${dos ? ` ${dos}` : ''} is before ICD-10-CM (${ICD10_START}), so ICD-9-CM applies`;
  } else if (!c.present) {
    const del = icd.deletedIn(code, ed);
    const later = icd.addedAfter(code, ed);
    status =
      del !== undefined
        ? `Deleted ${icd.editions[del].start} (${icd.editions[del].id}) — not valid${on}`
        : later !== undefined
          ? `Not yet valid${on} (ICD-10-CM ${edition.id}) — takes effect ${icd.editions[later].start} (${icd.editions[later].id})`
          : `Not in ICD-10-CM ${edition.id}`;
  } else if (c.billable) {
    // valid on the date of service even if it was deleted or split since: say both
    const next = history.find((h) => h.edition > ed && (h.kind === 'deleted' || h.kind === 'became-header'));
    status = next ? `Billable${on} (ICD-10-CM ${edition.id}); ${laterChange(icd, next)}` : `Billable · ICD-10-CM ${edition.id}`;
  } else {
    const kids = icd.descendants(code, ed, true);
    status = icd.needsSeventh(code, ed) ? `Header — needs a 7th character · ICD-10-CM ${edition.id}` : `Header — not billable · ICD-10-CM ${edition.id}`;
    if (!icd.needsSeventh(code, ed)) {
      sections.push({ heading: `Billable codes (${kids.length})`, lines: kids.slice(0, 12).map((k) => `${k.dotted} ${k.long}`).concat(kids.length > 12 ? [`… and ${kids.length - 12} more`] : []) });
    }
  }
  const crumbs: string[] = [];
  const chapter = icd.chapterOf(code);
  const section = icd.sectionOf(code);
  if (chapter) crumbs.push(`Chapter ${chapter.num}: ${chapter.desc}`);
  if (section) crumbs.push(`${section.id} ${section.desc}`);
  for (const a of icd.ancestors(code, ed)) crumbs.push(`${a.dotted} ${a.long}`);
  if (crumbs.length) sections.push({ heading: 'Hierarchy', lines: crumbs });
  const stem = code.slice(0, 6).padEnd(6, 'X');
  if (code.length <= 6 && icd.needsSeventh(code.length === 6 ? code : stem, ed)) {
    const chars = icd.seventhCharacters(code.length === 6 ? code : stem, ed);
    sections.push({ heading: '7th characters', lines: chars.map((x) => `${x.char} — ${x.meaning}`) });
  }
  if (c.present) {
    const notesEdition = icd.notesEdition;
    const labels: [keyof import('./data/bundle-types').IcdNoteSet, string][] = [
      ['includes', 'Includes'],
      ['inclusionTerm', 'Inclusion terms'],
      ['excludes1', 'Excludes1'],
      ['excludes2', 'Excludes2'],
      ['codeFirst', 'Code first'],
      ['useAdditionalCode', 'Use additional code'],
      ['codeAlso', 'Code also'],
      ['notes', 'Note'],
    ];
    for (const { level, notes } of icd.notesFor(code)) {
      for (const [key, label] of labels) {
        const items = notes[key];
        if (items?.length) sections.push({ heading: `${label} (${dotIcd(level)}, tabular ${notesEdition})`, lines: items });
      }
    }
  }
  const eds = icd.editions;
  sections.push({ heading: `History (ICD-10-CM ${eds[0].id}–${eds[eds.length - 1].id})`, lines: historyLines(icd, code, history) });
  return { system: 'icd10cm', code, title: `${c.dotted} — ${c.long}`, status, sections };
}

function codeList(codes: IcdCode[], max = 3): string {
  const shown = codes.slice(0, max).map((k) => k.dotted).join(', ');
  return codes.length > max ? `${shown} and ${codes.length - max} more` : shown;
}

/** "deleted from FY2022 (2021-10-01), replaced by …" / "split into … from FY2022 (2021-10-01)" */
function laterChange(icd: Icd10System, h: IcdHistoryEvent): string {
  const e = icd.editions[h.edition];
  if (h.kind === 'became-header') return `split into ${codeList(h.codes)} from ${e.id} (${e.start})`;
  return `deleted from ${e.id} (${e.start})${h.codes.length ? `, replaced by ${codeList(h.codes)}` : ''}`;
}

function historyLines(icd: Icd10System, code: string, history: IcdHistoryEvent[]): string[] {
  const at = (i: number) => `${icd.editions[i].id} (${icd.editions[i].start})`;
  const kind = (i: number) => (icd.isBillable(code, i) ? 'billable' : 'header');
  const lines = icd.exists(code, 0) ? [`${at(0)}: in the first ICD-10-CM edition, ${kind(0)}`] : [];
  for (const h of history) {
    const list = h.codes.map((k) => `${k.dotted} ${k.long}`);
    const text =
      h.kind === 'added'
        ? `added, ${kind(h.edition)}`
        : h.kind === 'deleted'
          ? `deleted; ${list.length ? `replaced by ${list.slice(0, 8).join('; ')}` : 'no direct replacement in the addenda'}`
          : h.kind === 'became-header'
            ? `became a header, split into ${list.slice(0, 8).join('; ')}${list.length > 8 ? ` and ${list.length - 8} more` : ''}`
            : h.kind === 'became-billable'
              ? 'became billable'
              : `title revised (was "${h.was}")`;
    lines.push(`${at(h.edition)}: ${text}`);
  }
  return lines;
}

function describeProcedure(data: CodeData, code: string, dos: string | undefined): CodeDescription | undefined {
  const p = data.procedures.get(code, dos);
  if (!p) return undefined;
  const sections: CodeDescription['sections'] = [];
  const cms = data.procedures.editions;
  const years = data.procedures.mpfsYears;
  const newestYear = years[years.length - 1];
  const hist = p.mpfsHistory;
  let title: string;
  if (p.descriptor) {
    const src = p.descriptor.source === 'cms-short' ? ' (CMS short descriptor)' : p.descriptor.source === 'user' ? ' (your CPT descriptor file)' : '';
    title = `${code} — ${p.descriptor.text}${src}`;
  } else if (hist?.dropped && data.manifest?.cptDescriptorsIncluded !== false) {
    title = `${code} — no descriptor bundled: not in the MPFS ${newestYear.id} (descriptors come from the newest year only)`;
  } else {
    title = `${code} — CPT descriptor not bundled (AMA licence); set clinicalCodes.cptDescriptorsFile to show it`;
  }
  const status: string[] = [p.system === 'cpt' ? `CPT ${p.category}` : 'HCPCS Level II'];
  const g = p.mpfs.find((r) => r.modifier === '') ?? p.mpfs[0];
  const y = p.mpfsYear;
  const yearNote = y?.outside
    ? `${y.year.id} is the ${y.outside} bundled MPFS year and judges the date of service ${y.date} (MPFS ${y.date?.slice(0, 4)} is not bundled${y.outside === 'newest' ? `: ${y.date?.slice(0, 4)} values may differ` : ''})`
    : undefined;
  if (g && y) {
    status.push(`MPFS status ${g.status}`);
    const lines = [
      `Status ${g.status}: ${MPFS_STATUS[g.status] ?? 'unknown status'}`,
      `Global days ${g.globalDays}: ${GLOBAL_DAYS[g.globalDays] ?? g.globalDays}`,
      `Multiple procedure ${g.multProc}: ${MULT_PROC_IND[g.multProc] ?? g.multProc}`,
      `Bilateral ${g.bilat}: ${BILAT_IND[g.bilat] ?? g.bilat}`,
      `Assistant ${g.asst}: ${ASST_IND[g.asst] ?? g.asst}`,
      `Co-surgeon ${g.coSurg}: ${CO_SURG_IND[g.coSurg] ?? g.coSurg}`,
      `Team ${g.team}: ${TEAM_IND[g.team] ?? g.team}`,
      `PC/TC ${g.pctc}: ${PCTC_IND[g.pctc] ?? g.pctc}`,
    ];
    const others = p.mpfs.filter((r) => r !== g).map((r) => `${r.modifier}: status ${r.status}`);
    if (others.length) lines.push(`Also priced with modifiers ${others.join(', ')}`);
    if (yearNote) lines.unshift(yearNote);
    sections.push({ heading: `Medicare fee schedule (MPFS ${y.year.id}${y.date ? `, for ${y.date}` : ''})`, lines });
  } else if (y && hist) {
    // in other bundled years, not in the one in force
    const after = y.year.year > hist.last.year;
    status.push(after ? `not in the MPFS ${y.year.id}: last in ${hist.last.id} (deleted or replaced)` : `not in the MPFS ${y.year.id}: first in ${hist.first.id}`);
    sections.push({
      heading: `Medicare fee schedule (MPFS ${y.year.id}${y.date ? `, for ${y.date}` : ''})`,
      lines: [`Not in the MPFS ${y.year.id}${y.date ? `, the year of the date of service ${y.date}` : ''}`, ...(yearNote ? [yearNote] : [])],
    });
  }
  if (hist && years.length > 1) {
    const idx = (y: { id: string }) => years.findIndex((x) => x.id === y.id);
    const span = (a: number, b: number) => (a === b ? years[a].id : `${years[a].id}-${years[b].id}`);
    const first = idx(hist.first);
    const last = idx(hist.last);
    const parts = [`In the MPFS ${hist.spans}`];
    if (first > 0) parts.push(`not in ${span(0, first - 1)} (added in ${hist.first.id})`);
    if (hist.dropped) parts.push(`not in ${span(last + 1, years.length - 1)} (deleted or replaced)`);
    const lines = [
      parts.join('; '),
      ...indicatorChanges(indicatorsByYear(data.procedures, code), years.map((x) => x.id)),
    ];
    sections.push({ heading: `MPFS history (${years[0].id}–${newestYear.id})`, lines });
  }
  if (p.hcpcs) {
    const h = p.hcpcs;
    const lines = [
      `Coverage ${h.coverage || '—'}: ${HCPCS_COVERAGE[h.coverage] ?? 'no coverage code'}`,
      `Added ${h.addDate || '—'}${h.termDate ? ` · terminated ${h.termDate}` : ''}${h.action ? ` · action ${h.action} (${h.actionDate})` : ''}`,
    ];
    if (h.crossRef) lines.push(`Cross-reference: ${h.crossRef}`);
    if (p.system === 'hcpcs' && h.short) lines.unshift(`Short: ${h.short}`);
    sections.push({ heading: `HCPCS ${cms.hcpcs}`, lines });
    if (h.coverage) status.push(`coverage ${h.coverage}`);
  }
  if (p.mue) sections.push({ heading: `MUE (${cms.mue})`, lines: [`${p.mue.value} unit(s) per day · MAI ${p.mue.mai} (${p.mue.maiText.replace(/^\d\s*/, '')}) · ${p.mue.rationale}`] });
  // no MUE row: CMS publishes none for the code (or keeps it confidential); that is not "no limit"
  else if (cms.mue) sections.push({ heading: `MUE (${cms.mue})`, lines: ['No published MUE for this code in the practitioner table (CMS publishes no value, or keeps it unpublished): units are not judged'] });
  if (p.aoc) {
    const prim = p.aoc.primaries.slice(0, 15).join(', ') + (p.aoc.primaries.length > 15 ? ` … (${p.aoc.primaries.length})` : '');
    sections.push({ heading: `Add-on code (AOC ${cms.aoc})`, lines: [`Report with a primary code: ${prim || 'contractor-defined'}${p.aoc.contractorDefined ? ' (plus contractor-defined primaries)' : ''}`] });
  }
  sections.push(ptpSection(data, code, dos));
  sections.push({ heading: 'Sources', lines: [p.sources.join(', ')] });
  return { system: p.system, code, title, status: status.join(' · '), sections };
}

/** Whether the NCCI PTP edits are loaded (and their edition), and the code's column 2 partners when they are. */
function ptpSection(data: CodeData, code: string, dos: string | undefined): CodeDescription['sections'][number] {
  const st = data.ptp.status;
  const heading = st.state === 'none' ? 'NCCI PTP edits' : `NCCI PTP edits (${st.edition})`;
  if (st.state === 'none') return { heading, lines: ['No PTP data in this bundle (build it with CLINICAL_CODES_NCCI_PTP naming the CMS practitioner PTP files): code pairs are not judged'] };
  if (st.state === 'not-loaded') return { heading, lines: ['In the bundle, not loaded yet (read when a claim has two procedures on one date)'] };
  if (st.state === 'error') return { heading, lines: [`Could not be read: ${st.message}`] };
  const n = data.ptp.partners(code, dos);
  if (!n?.all) return { heading, lines: [`Loaded (${st.edits.toLocaleString('en-US')} edits): no edit has ${code} in column 1`] };
  const live = n.inForce !== undefined ? `, ${n.inForce.toLocaleString('en-US')} in force on ${dos} (modifier indicator 0 or 1)` : '';
  return { heading, lines: [`Column 1 of edits with ${n.all.toLocaleString('en-US')} column 2 code${n.all === 1 ? '' : 's'}${live}`] };
}

const CHANGE_FIELDS: [keyof MpfsIndicators, string][] = [
  ['status', 'status'],
  ['globalDays', 'global days'],
  ['multProc', 'multiple procedure'],
  ['bilat', 'bilateral'],
  ['asst', 'assistant'],
  ['coSurg', 'co-surgeon'],
  ['team', 'team'],
  ['pctc', 'PC/TC'],
];

/** "CY2024: status M → I; bilateral 1 → 0" for each year whose global-row indicators differ from the year before. */
function indicatorChanges(byYear: (MpfsIndicators | undefined)[], ids: string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < byYear.length; i++) {
    const a = byYear[i - 1];
    const b = byYear[i];
    if (!a || !b) continue;
    const diffs = CHANGE_FIELDS.filter(([k]) => a[k] !== b[k]).map(([k, label]) => `${label} ${a[k]} → ${b[k]}`);
    if (diffs.length) out.push(`${ids[i]}: ${diffs.join('; ')}`);
  }
  return out;
}

export function renderMarkdown(d: CodeDescription): string {
  const out = [`**${escapeMarkdown(d.title)}**`, '', `_${escapeMarkdown(d.status)}_`];
  for (const s of d.sections) {
    out.push('', `**${escapeMarkdown(s.heading)}**`);
    for (const l of s.lines) out.push(`- ${withLinks(l)}`);
  }
  return out.join('\n');
}

const URL = /https?:\/\/[^\s<>"]+[^\s<>".,;:)\]]/g;

/** Escaped text with its http(s) URLs (a policy's source) as autolinks, which markdown takes literally. */
function withLinks(line: string): string {
  let out = '';
  let at = 0;
  for (const m of line.matchAll(URL)) {
    out += `${escapeMarkdown(line.slice(at, m.index))}<${m[0]}>`;
    at = m.index + m[0].length;
  }
  return out + escapeMarkdown(line.slice(at));
}

export function renderText(d: CodeDescription): string {
  const out = [d.title, `  ${d.status}`];
  for (const s of d.sections) {
    out.push(`  ${s.heading}:`);
    for (const l of s.lines) out.push(`    ${l}`);
  }
  return out.join('\n');
}
