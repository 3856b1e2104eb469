import { ErrorCodes, ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PayerOverride, PolicyPack, ResolvedCoverage } from '../engine';
import {
  PAYERS_REQUEST,
  SET_PAYER_REQUEST,
  type PayerOverrideView,
  type PayersParams,
  type PayersResult,
  type ResolvedPayerView,
  type SetPayerParams,
} from '../protocol';
import type { AnalysisCache } from './analysis-cache';
import type { DiagnosticsPublisher } from './diagnostics';
import type { PolicyStore } from './policies';

/**
 * The user's payer for a document (the client's payer picker), by URI. It reaches the engine as the `payerOverride`
 * analyze option; the engine decides what it beats.
 */
export class PayerOverrides {
  private readonly byUri = new Map<string, PayerOverride>();

  constructor(initial?: Record<string, unknown>) {
    for (const [uri, o] of Object.entries(initial ?? {})) {
      const v = parseOverride(o);
      if (v) this.byUri.set(uri, v);
    }
  }

  get(uri: string): PayerOverride | undefined {
    return this.byUri.get(uri);
  }

  set(uri: string, o: PayerOverride | undefined): void {
    if (o) this.byUri.set(uri, o);
    else this.byUri.delete(uri);
  }
}

/** 'none', or { payer: non-empty string, plan?: string }; anything else: undefined */
function parseOverride(o: unknown): PayerOverride | undefined {
  if (o === 'none') return 'none';
  if (typeof o !== 'object' || o === null) return undefined;
  const { payer, plan } = o as { payer?: unknown; plan?: unknown };
  if (typeof payer !== 'string' || !payer.trim() || (plan !== undefined && typeof plan !== 'string')) return undefined;
  return { payer: payer.trim(), plan: typeof plan === 'string' && plan.trim() ? plan.trim() : undefined };
}

/** One entry per payer name over every pack, with the plans its packs name, in load order. */
export function payersOf(packs: readonly PolicyPack[]): PayersResult['payers'] {
  const byName = new Map<string, PayersResult['payers'][number]>();
  for (const p of packs) {
    let e = byName.get(p.payer.name);
    if (!e) byName.set(p.payer.name, (e = { name: p.payer.name, plans: [], packs: [] }));
    for (const plan of p.plans) if (!e.plans.includes(plan.name)) e.plans.push(plan.name);
    e.packs.push({ id: p.id, title: p.title });
  }
  return [...byName.values()];
}

const view = (c: ResolvedCoverage | undefined): ResolvedPayerView | undefined => c && { payer: c.payerName, plan: c.plan?.name, source: c.source };

/** `clinicalCodes/payers` and `clinicalCodes/setPayer`. Setting an override re-checks the document at once. */
export function registerPayer(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  cache: AnalysisCache,
  policies: PolicyStore,
  diagnostics: DiagnosticsPublisher,
  overrides: PayerOverrides,
): void {
  const answer = async (uri: string | undefined): Promise<PayersResult> => {
    const payers = payersOf(policies.packs);
    const doc = uri ? documents.get(uri) : undefined;
    if (!doc) return { payers };
    const state = await cache.current(doc);
    if (state?.kind !== 'analyzed') return { payers };
    const claims = state.analysis.coverage;
    const first = claims[0];
    const key = (c: ResolvedCoverage | undefined) => `${c?.payerName}\u0000${c?.plan?.name}`;
    const active = view(first?.coverage);
    const override = state.payerOverride;
    return {
      payers,
      document: {
        active,
        fromDocument: override ? view(first?.withoutOverride) : active,
        override,
        otherClaims: claims.filter((c) => key(c.coverage) !== key(first?.coverage)).length,
      },
    };
  };

  connection.onRequest(PAYERS_REQUEST, (params: PayersParams | undefined) => answer(typeof params?.uri === 'string' ? params.uri : undefined));

  connection.onRequest(SET_PAYER_REQUEST, async (params: SetPayerParams) => {
    if (typeof params?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'clinicalCodes/setPayer needs the document uri');
    const o: unknown = params.override;
    const parsed = o === null || o === undefined ? undefined : parseOverride(o);
    if (o !== null && o !== undefined && !parsed) {
      throw new ResponseError(ErrorCodes.InvalidParams, 'override must be null (from the document), "none", or { payer: "<payer name>", plan?: "<plan name>" }');
    }
    overrides.set(params.uri, parsed as PayerOverrideView | undefined);
    // the cached analysis judged the old payer: drop it and publish the new findings without the debounce
    cache.delete(params.uri);
    if (documents.get(params.uri)) diagnostics.schedule(params.uri, true);
    return answer(params.uri);
  });
}
