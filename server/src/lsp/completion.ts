import type { CodeSearch, ModifierInfo, RankedFit } from '../engine';
import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
  type Connection,
  type Range,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeCode, dotIcd, rankModifier, renderMarkdown, officialTitle, type CodeData, type CodeSystemId, type IcdCode } from '../engine';
import { withAnalysis, type AnalysisCache } from './analysis-cache';
import type { DataState } from './data-state';
import { findCompletionSite, type CompletionSite, type CompletionSystem } from './completion-site';
import { tokenMarkdown } from './hover';
import { BoundedCache, firstIndex } from '../engine';
import { foreground } from './foreground';

/** Longest list sent; a cut list is marked incomplete so the client asks again as the user types. */
export const MAX_ITEMS = 50;
/**
 * Longest description-word list: it is always incomplete (asked again at every keystroke), so a screenful and a
 * little more; each item carries only what the list shows (the title), the rest comes with completionItem/resolve.
 */
export const MAX_WORD_ITEMS = 25;

/** What completionItem/resolve needs to compute the documentation lazily. */
interface ItemData {
  s: CodeSystemId;
  c: string;
  /** ICD-10-CM edition index */
  e?: number;
  /** modifier: the procedure code it is for, and the date of service */
  p?: string;
  d?: string;
  /** a description-word item (its detail is resolved) */
  w?: 1;
}

/** "ICD-10-CM, billable — Pain in left hand", as code items have in the list itself. */
function wordDetail(data: CodeData, d: ItemData): string {
  if (d.s === 'icd10cm') {
    const t = data.icd10.titleOf(d.c, d.e);
    return t ? `${officialTitle('icd10cm')}${t.billable ? ', billable' : ' header: not billable'} — ${t.long}` : officialTitle('icd10cm');
  }
  const hit = describeCode(data, d.s, d.c, { edition: d.e });
  return hit ? `${officialTitle(d.s)} — ${hit.title.replace(/^.*? — /, '')}` : officialTitle(d.s);
}

const pad = (n: number) => String(n).padStart(4, '0');

export function registerCompletion(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache, dataState: DataState): void {
  const procedureCodes = new Map<'hcpcs' | 'cpt', string[]>();
  const codesOf = (data: CodeData, sys: 'hcpcs' | 'cpt') => {
    let list = procedureCodes.get(sys);
    if (!list) procedureCodes.set(sys, (list = data.procedures.codes(sys)));
    return list;
  };
  // the ranked modifier list of a code only changes with the data and the date of service
  const rankedModifiers = new BoundedCache<string, RankedModifier[]>(500);
  const rankedFor = (data: CodeData, parent: string | undefined, dos: string) => {
    const key = `${parent ?? ""}|${dos}`;
    let r = rankedModifiers.get(key);
    if (!r) {
      r = rankModifiers(data, parent, dos);
      rankedModifiers.set(key, r);
    }
    return r;
  };
  dataState.onChange(() => {
    procedureCodes.clear();
    rankedModifiers.clear();
  });

  connection.onCompletion(
    withAnalysis(documents, cache, null, async (params: CompletionParams, doc, state): Promise<CompletionList | null> => {
      const { position } = params;
      const lineStart = doc.offsetAt({ line: position.line, character: 0 });
      const before = doc.getText({ start: { line: position.line, character: 0 }, end: position });
      const site = findCompletionSite(before, lineStart, position.line, state.analysis, state.settings);
      if (!site) return null;
      const range: Range = { start: doc.positionAt(site.from), end: position };
      // before ICD-10 (editionIndex < 0) codes are not judged, but offering the newest edition's codes still helps
      const edition = state.editionIndex < 0 ? state.data.icd10.current : state.editionIndex;
      const ctx = { data: state.data, edition, dos: state.analysis.dateOfService, range };
      switch (site.kind) {
        case 'modifier':
          return modifierItems(site, ctx, rankedFor(ctx.data, site.parent, ctx.dos));
        case 'code':
          return codeItems(site, ctx, codesOf);
        case 'words':
          // the word index is opened right after the data; the first word completion may wait for it (once)
          return wordItems(site, ctx, await foreground.park(dataState.searchIndexAsync()), doc.getText(range));
      }
    }),
  );

  connection.onCompletionResolve(async (item: CompletionItem): Promise<CompletionItem> => {
    const d = item.data as ItemData | undefined;
    const data = await foreground.park(dataState.detailed());
    if (!d || !data) return item;
    let md: string | undefined;
    // word items leave their detail to resolve (a list is sent at every keystroke)
    if (d.w && !item.detail) item.detail = wordDetail(data, d);
    if (d.s === 'modifier' && d.p) {
      const parent = { start: 0, end: d.p.length, text: d.p, system: 'cpt' as const, code: d.p, evidence: 'label' as const, known: true, line: 0 };
      md = tokenMarkdown(data, { ...parent, text: d.c, code: d.c, end: 2, system: 'modifier', parent, parentVia: 'suffix' }, d.e ?? data.icd10.current, d.d ?? '');
    } else {
      const desc = describeCode(data, d.s, d.c, { edition: d.e });
      if (desc) md = renderMarkdown(desc);
    }
    if (md) item.documentation = { kind: MarkupKind.Markdown, value: md };
    return item;
  });
}

interface Ctx {
  data: CodeData;
  edition: number;
  dos: string;
  range: Range;
}

function list(items: CompletionItem[], incomplete: boolean): CompletionList {
  return { isIncomplete: incomplete || items.length > MAX_ITEMS, items: items.slice(0, MAX_ITEMS) };
}

type RankedModifier = { m: ModifierInfo; fit: RankedFit };

/** Every modifier that fits a code, best fit first; never ones the diagnostics would flag (nor "00", which is no modifier). */
function rankModifiers(data: CodeData, parent: string | undefined, dos: string): RankedModifier[] {
  return data.modifiers
    .all()
    .filter((m) => m.code !== '00')
    .map((m) => ({ m, fit: rankModifier(data, m, parent, dos) }))
    .filter((x) => !x.fit.excluded)
    .sort((a, b) => a.fit.tier - b.fit.tier || (a.m.level === b.m.level ? 0 : a.m.level === 'CPT' ? -1 : 1) || a.m.code.localeCompare(b.m.code));
}

function modifierItems(site: Extract<CompletionSite, { kind: 'modifier' }>, ctx: Ctx, all: RankedModifier[]): CompletionList {
  const used = new Set(site.used);
  const ranked = all.filter(({ m }) => m.code.startsWith(site.partial) && !used.has(m.code));
  const items = ranked.map(({ m, fit }, i): CompletionItem => ({
    label: m.code,
    labelDetails: { description: m.name },
    kind: CompletionItemKind.EnumMember,
    detail: fit.note ? `${m.name} — ${fit.note}` : m.name,
    sortText: pad(i),
    filterText: m.code,
    preselect: i === 0 && fit.tier === 0,
    textEdit: { range: ctx.range, newText: m.code },
    data: { s: 'modifier', c: m.code, p: site.parent, d: ctx.dos, e: ctx.edition } satisfies ItemData,
  }));
  return list(items, false);
}

/** ICD-10-CM codes under a typed prefix (billable first, headers marked, 7th characters named) and HCPCS/CPT by prefix. */
function codeItems(
  site: Extract<CompletionSite, { kind: 'code' }>,
  ctx: Ctx,
  codesOf: (data: CodeData, sys: 'hcpcs' | 'cpt') => string[],
): CompletionList {
  const items: CompletionItem[] = [];
  let incomplete = false;
  const undotted = site.prefix.replace('.', '');
  if (site.systems.includes('icd10cm')) {
    const r = icdCandidates(ctx.data, undotted, ctx.edition);
    incomplete ||= r.incomplete;
    const stem = undotted.length === 6 && ctx.data.icd10.needsSeventh(undotted, ctx.edition) ? undotted : undefined;
    const seventh = stem ? new Map(ctx.data.icd10.seventhCharacters(stem, ctx.edition).map((s) => [s.char, s.meaning])) : undefined;
    for (const c of r.codes) {
      const meaning = seventh && c.code.length === 7 ? seventh.get(c.code[6]) : undefined;
      items.push(icdItem(c, ctx, meaning));
    }
  }
  for (const sys of ['hcpcs', 'cpt'] as const) {
    if (!site.systems.includes(sys)) continue;
    const all = codesOf(ctx.data, sys);
    for (const code of prefixRange(all, site.prefix)) {
      if (items.length > MAX_ITEMS) {
        incomplete = true;
        break;
      }
      const p = ctx.data.procedures.get(code);
      const text = p?.descriptor?.text ?? (sys === 'cpt' ? 'CPT descriptor not bundled' : '');
      items.push({
        label: code,
        labelDetails: { description: text },
        kind: CompletionItemKind.Value,
        detail: `${officialTitle(sys)}${text ? ` — ${text}` : ''}`,
        filterText: code,
        textEdit: { range: ctx.range, newText: code },
        data: { s: sys, c: code } satisfies ItemData,
      });
    }
  }
  items.forEach((it, i) => (it.sortText = pad(i)));
  return list(items, incomplete);
}

function icdItem(c: IcdCode, ctx: Ctx, seventhMeaning?: string): CompletionItem {
  return {
    label: c.dotted,
    labelDetails: c.billable ? { description: seventhMeaning ?? c.long } : { detail: ' (header)', description: `${c.long} — not billable` },
    kind: c.billable ? CompletionItemKind.Value : CompletionItemKind.Folder,
    detail: `${c.billable ? 'ICD-10-CM, billable' : 'ICD-10-CM header: not billable, pick a code below it'} — ${c.long}`,
    filterText: c.dotted,
    textEdit: { range: ctx.range, newText: c.dotted },
    data: { s: 'icd10cm', c: c.code, e: ctx.edition } satisfies ItemData,
  };
}

/** ICD-10-CM codes for a prefix: categories for 1–2 characters, else the code itself and everything under it, billable first. */
function icdCandidates(data: CodeData, prefix: string, edition: number): { codes: IcdCode[]; incomplete: boolean } {
  const icd = data.icd10;
  if (prefix.length < 3) {
    const cats = icd.categories(prefix, edition);
    return { codes: cats.slice(0, MAX_ITEMS + 1), incomplete: true };
  }
  const self = icd.get(prefix, edition);
  const all = [...(self?.present ? [self] : []), ...icd.descendants(prefix, edition)];
  all.sort((a, b) => Number(b.billable) - Number(a.billable) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { codes: all.slice(0, MAX_ITEMS + 1), incomplete: all.length > MAX_ITEMS };
}

/** Codes of a sorted list starting with prefix (binary search, then a short scan). */
function prefixRange(sorted: readonly string[], prefix: string): string[] {
  const out: string[] = [];
  for (let i = firstIndex(sorted.length, (k) => sorted[k] >= prefix); i < sorted.length && sorted[i].startsWith(prefix) && out.length <= MAX_ITEMS; i++) out.push(sorted[i]);
  return out;
}

/**
 * Codes whose official description holds all the words before the cursor ("pain left hand" → M79.642). The longest
 * run of trailing words that finds anything wins, so "reports pain left hand" still finds the hand codes.
 * Always incomplete: the list is recomputed as the user types, and filterText is the typed text so the client
 * keeps the server's order.
 */
function wordItems(site: Extract<CompletionSite, { kind: 'words' }>, ctx: Ctx, search: CodeSearch | undefined, typed: string): CompletionList {
  if (!search) return { isIncomplete: true, items: [] };
  const words = site.words.split(/\s+/).filter(Boolean);
  const systems: CodeSystemId[] = site.systems satisfies CompletionSystem[];
  let hits: ReturnType<typeof search.search> = [];
  let used = words.length;
  for (let n = Math.min(words.length, 6); n >= 1 && !hits.length; n--) {
    const q = words.slice(-n).join(' ');
    if (n === 1 && q.length < 3) break;
    hits = search.search(q, { limit: MAX_WORD_ITEMS, systems, requireAll: true });
    used = n;
  }
  if (!hits.length) return { isIncomplete: true, items: [] };
  // replace only the words the query used: "reports pain left hand" keeps "reports "
  let range = ctx.range;
  let filterText = typed;
  if (used < words.length) {
    const keep = typed.length - words.slice(-used).join(' ').length;
    const m = new RegExp(`${words.slice(-used).map(escapeRe).join('\\s+')}$`).exec(typed);
    const cut = m ? m.index : keep;
    range = { start: { line: ctx.range.start.line, character: ctx.range.start.character + cut }, end: ctx.range.end };
    filterText = typed.slice(cut);
  }
  const items = hits.map((h, i): CompletionItem => {
    const header = h.system === 'icd10cm' && h.billable === false;
    return {
      label: h.display,
      labelDetails: header ? { detail: ' (header)', description: `${h.description} — not billable` } : { description: h.description },
      kind: header ? CompletionItemKind.Folder : CompletionItemKind.Value,
      sortText: pad(i),
      filterText,
      textEdit: { range, newText: h.system === 'icd10cm' ? dotIcd(h.code) : h.display },
      data: { s: h.system, c: h.code, e: ctx.edition, w: 1 } satisfies ItemData,
    };
  });
  return { isIncomplete: true, items };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
