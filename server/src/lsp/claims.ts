import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { BINARY_REASON_TEXT, firstIndex, type Claim, type CodeData, type Finding } from '../engine';
import type { AnalysisCache, Analyzed, DocState } from './analysis-cache';
import { tokenAt, toRange } from './ranges';
import { Slices } from './slices';
import {
  CLAIMS_REQUEST,
  DATE_OF_SERVICE_REQUEST,
  type ClaimView,
  type ClaimsParams,
  type ClaimsResult,
  type DateOfServiceParams,
  type DateOfServiceResult,
  type FindingView,
} from '../protocol';

/** Why a document has no analysis, for the Claims view's message. */
function unavailable(state: DocState | undefined): string {
  switch (state?.kind) {
    case 'disabled':
      return 'Clinical Codes does not check this document (clinicalCodes.enable / clinicalCodes.languages).';
    case 'too-large':
      return `The document is larger than clinicalCodes.maxFileSize (${state.settings.maxFileSize} MB) and is not checked.`;
    case 'binary':
      return `Not checked: ${BINARY_REASON_TEXT[state.reason]}.`;
    case 'no-data':
      return 'The code data is not loaded (see the Clinical Codes output).';
    default:
      return 'The document changed; ask again.';
  }
}

/** The custom requests behind the Claims view and the date-of-service status item. */
export function registerClaims(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  connection.onRequest(CLAIMS_REQUEST, async (params: ClaimsParams): Promise<ClaimsResult> => {
    const doc = documents.get(params?.uri);
    if (!doc) return { format: 'note', claims: [], unavailable: 'The document is not open.' };
    const state = await cache.current(doc);
    if (state?.kind !== 'analyzed') return { format: 'note', claims: [], unavailable: unavailable(state) };
    return { format: state.analysis.format, claims: await claimViews(doc, state) };
  });

  connection.onRequest(DATE_OF_SERVICE_REQUEST, async (params: DateOfServiceParams): Promise<DateOfServiceResult | null> => {
    const doc = documents.get(params?.uri);
    if (!doc) return null;
    const state = await cache.current(doc);
    if (state?.kind !== 'analyzed') return null;
    return dateAt(state, doc.offsetAt(params.position), params.position.line);
  });
}

const editionLabel = (data: CodeData, date: string) => data.icd10.editionLabel(data.icd10.editionFor(date));

function findingView(doc: TextDocument, f: Finding): FindingView {
  return { ruleId: f.ruleId, severity: f.severity, message: f.message, range: toRange(doc, f.start, f.end) };
}

/** Findings (sorted by start) that start within [start, end], by binary search. */
function between(findings: readonly Finding[], start: number, end: number): Finding[] {
  const out: Finding[] = [];
  for (let i = firstIndex(findings.length, (k) => findings[k].start >= start); i < findings.length && findings[i].start <= end; i++) out.push(findings[i]);
  return out;
}

async function claimViews(doc: TextDocument, state: Analyzed): Promise<ClaimView[]> {
  const { analysis, data } = state;
  const fallback = { date: analysis.dateOfService, source: analysis.dateSource };
  // findings in document order, handed to the line (else the claim) whose extent holds them
  const findings = analysis.findings;
  // in slices (lsp/slices.ts): a 150,000-row export is 150,000 claims
  const slices = new Slices(doc, state.version);
  const views: ClaimView[] = [];
  for (let i = 0; i < analysis.claims.length; i++) {
    if (slices.due(i)) await slices.pause();
    views.push(claimView(analysis.claims[i]));
  }
  return views;

  function claimView(c: Claim): ClaimView {
    const inClaim = between(findings, c.start, c.end).filter((f) => !f.claim || f.claim.id === c.id);
    const onLines = new Set<Finding>();
    const lines = c.lines.map((l) => {
      const own = between(findings, l.start, l.end);
      own.forEach((f) => onLines.add(f));
      const service = l.procedure?.service ?? l.diagnoses.find((d) => d.token)?.token?.service ?? (l.date ? { date: l.date.value, source: 'line' as const } : c.from ? { date: c.from.value, source: 'claim' as const } : fallback);
      const pointed = l.pointers?.value.map((p) => c.diagnoses[p - 1]?.code.text).filter((x): x is string => !!x);
      return {
        number: l.number,
        range: toRange(doc, l.start, l.end),
        procedure: l.procedure?.text,
        modifiers: l.modifiers.map((m) => m.text),
        units: l.units?.text,
        charge: l.charge?.text,
        revenueCode: l.revenueCode?.text,
        date: service.date,
        dateSource: service.source,
        edition: editionLabel(data, service.date),
        diagnoses: pointed?.length ? pointed : l.diagnoses.map((d) => d.code.text),
        findings: own.map((f) => findingView(doc, f)),
      };
    });
    return {
      id: c.id,
      range: toRange(doc, c.start, c.end),
      payer: c.payer?.name?.text ?? c.payer?.id?.text,
      patient: c.patient?.id?.text,
      from: c.from?.value,
      through: c.through?.value,
      transaction: c.transaction,
      charge: c.charge?.text,
      placeOfService: c.placeOfService?.text ?? c.facilityType?.text,
      diagnoses: c.diagnoses.map((d) => ({ code: d.code.text, position: d.position, version: d.version, qualifier: d.qualifier, poa: d.presentOnAdmission?.text, range: toRange(doc, d.code.start, d.code.end) })),
      lines,
      findings: inClaim.filter((f) => !onLines.has(f)).map((f) => findingView(doc, f)),
    };
  }
}

/**
 * The date of service at a position: the code there, else (claim files) the service line's or claim's date there,
 * else the first code on its line; in a claim file a line that is no service line and holds no code (the header, a
 * comment) has none (null: the status item hides).
 */
function dateAt(state: Analyzed, offset: number, line: number): DateOfServiceResult | null {
  const { analysis, data } = state;
  const tokens = analysis.tokens;
  let claim: string | undefined;
  let number: number | undefined;
  let own: { date: string; source: 'line' | 'claim' } | undefined;
  if (analysis.format !== 'note') {
    for (const c of analysis.claims) {
      const l = c.lines.find((x) => offset >= x.start && offset <= x.end);
      if (l) {
        claim = c.id;
        number = l.number;
        own = l.date ? { date: l.date.value, source: 'line' } : c.from ? { date: c.from.value, source: 'claim' } : undefined;
        break;
      }
      if (analysis.format === 'x12' && offset >= c.start && offset <= c.end) {
        // a one-line interchange has every code on line 0: the claim at the position says the date, not the line
        claim = c.id;
        own = c.from ? { date: c.from.value, source: 'claim' } : undefined;
        break;
      }
    }
  }
  const here = tokenAt(tokens, offset) ?? (analysis.format === 'x12' ? undefined : tokens.find((t) => t.line === line));
  if (analysis.format !== 'note' && number === undefined && !here && !own) return null;
  const service = here?.service ?? own ?? { date: analysis.dateOfService, source: analysis.dateSource };
  return { date: service.date, source: service.source, edition: editionLabel(data, service.date), claim, line: number };
}
