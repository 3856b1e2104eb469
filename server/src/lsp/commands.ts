import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { PolicyStore } from './policies';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeCode, escapeMarkdown, guessSystems, renderMarkdown, officialTitle, today, undotIcd } from '../engine';
import type { AnalysisCache } from './analysis-cache';
import type { DataState } from './data-state';
import type { DiagnosticsPublisher } from './diagnostics';
import { tokenCoverage, tokenMarkdown } from './hover';
import {
  EXPLAIN_REQUEST,
  SEARCH_REQUEST,
  STATUS_NOTIFICATION,
  STATUS_REQUEST,
  type ExplainParams,
  type ExplainResult,
  type SearchParams,
  type SearchResult,
  type StatusResult,
  type SystemId,
} from '../protocol';
import { tokenAt } from './ranges';
import { foreground } from './foreground';

const SYSTEMS: SystemId[] = ['icd10cm', 'cpt', 'hcpcs', 'modifier', 'taxonomy', 'pos'];

/** The custom requests behind the client's commands: search, explain and status (plus a status notification). */
export function registerCommands(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  cache: AnalysisCache,
  dataState: DataState,
  diagnostics: DiagnosticsPublisher,
  policies?: PolicyStore,
  /** path settings ignored and why */
  ignoredSettings: () => string[] = () => [],
): { notifyStatus(): void } {
  connection.onRequest(SEARCH_REQUEST, async (params: SearchParams): Promise<SearchResult> => {
    const data = await dataState.ready;
    if (!data) return { items: [], incomplete: false, unavailable: dataState.error };
    const query = typeof params?.query === 'string' ? params.query.trim().slice(0, 200) : '';
    if (!query) return { items: [], incomplete: false };
    const limit = Math.max(1, Math.min(Number(params.limit) || 50, 500));
    const systems = Array.isArray(params.systems) ? params.systems.filter((s) => SYSTEMS.includes(s)) : undefined;
    const index = await foreground.park(dataState.searchIndexAsync());
    if (!index) return { items: [], incomplete: false, unavailable: dataState.error };
    const hits = index.search(query, { limit: limit + 1, systems: systems?.length ? systems : undefined });
    return {
      items: hits.slice(0, limit).map((h) => ({
        system: h.system,
        systemLabel: officialTitle(h.system),
        code: h.code,
        display: h.display,
        description: h.description,
        billable: h.billable,
      })),
      incomplete: hits.length > limit,
    };
  });

  connection.onRequest(EXPLAIN_REQUEST, async (params: ExplainParams): Promise<ExplainResult> => {
    const data = await foreground.park(dataState.detailed());
    if (!data) return { found: false, code: '', markdown: dataState.error ?? 'Code data not loaded.' };
    await foreground.park(data.ptp.load());
    if ('uri' in params) {
      const doc = documents.get(params.uri);
      if (!doc) return { found: false, code: '', markdown: 'The document is not open.' };
      const state = await cache.current(doc);
      const offset = doc.offsetAt(params.position);
      if (state?.kind === 'analyzed') {
        const t = tokenAt(state.analysis.tokens, offset);
        if (t) return { found: true, code: t.text, markdown: tokenMarkdown(data, t, state.editionIndex, state.analysis.dateOfService, tokenCoverage(state, t)) };
      }
      // not recognised as a code in context: explain the code-shaped word under the cursor anyway
      const line = doc.getText({ start: { line: params.position.line, character: 0 }, end: { line: params.position.line + 1, character: 0 } });
      const word = wordAt(line, params.position.character);
      if (!word) return { found: false, code: '', markdown: 'No code at the cursor.' };
      return explainCode(word, undefined, state?.kind === 'analyzed' ? state.editionIndex : undefined);
    }
    return explainCode(String(params.code ?? ''), params.system);

    function explainCode(raw: string, system?: SystemId, edition?: number): ExplainResult {
      const code = raw.trim().toUpperCase();
      const candidates = system ? [{ system, code: system === 'icd10cm' ? undotIcd(code) : code }] : guessSystems(data!, code);
      const parts = candidates.map((c) => describeCode(data!, c.system, c.code, { edition, coverage: policies && { packs: policies.packs } })).filter((d) => d !== undefined);
      if (!parts.length) return { found: false, code, markdown: `**${escapeMarkdown(code)}** is not a code in the bundled data.` };
      return { found: true, code, markdown: parts.map(renderMarkdown).join('\n\n---\n\n') };
    }
  });

  const status = (): StatusResult => {
    let problems = 0;
    for (const n of diagnostics.counts.values()) problems += n;
    const d = dataState.data;
    return {
      state: dataState.status,
      error: dataState.error,
      dataDir: dataState.dataDir,
      editions: dataState.editions(),
      icdEdition: d ? d.icd10.editions[d.icd10.editionFor(today())].id : undefined,
      userCptDescriptors: d?.procedures.userDescriptorCount ?? 0,
      searchIndexReady: dataState.searchIndexReady,
      documents: diagnostics.counts.size,
      problems,
      ignoredSettings: ignoredSettings(),
      policies: policies && { packs: policies.packs.map((p) => p.origin), problems: policies.problems },
    };
  };
  connection.onRequest(STATUS_REQUEST, () => status());
  return {
    notifyStatus: () => {
      connection.sendNotification(STATUS_NOTIFICATION, status()).catch(() => undefined);
    },
  };
}

/** A code-shaped word around a character position ("M79.64", "0264T", "22"). */
function wordAt(line: string, ch: number): string | undefined {
  const re = /[A-Za-z0-9.]+/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m.index <= ch && ch <= m.index + m[0].length) return m[0].replace(/\.$/, '');
  }
  return undefined;
}
