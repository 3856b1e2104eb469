import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { draftPolicyPack, validatePolicyPack } from '../engine';
import { DRAFT_POLICY_REQUEST, type DraftPolicyParams, type DraftPolicyResult } from '../protocol';
import type { DataState } from './data-state';

/** `clinicalCodes/draftPolicy`: the engine's policy drafter on an open document (the client opens the result). */
export function registerPolicyDraft(connection: Connection, documents: TextDocuments<TextDocument>, dataState: DataState): void {
  connection.onRequest(DRAFT_POLICY_REQUEST, async (params: DraftPolicyParams): Promise<DraftPolicyResult> => {
    const none = (error: string): DraftPolicyResult => ({ json: '', id: '', review: [], valid: false, error });
    const doc = typeof params?.uri === 'string' ? documents.get(params.uri) : undefined;
    if (!doc) return none('The document is not open.');
    const data = await dataState.ready;
    if (!data) return none(dataState.error ?? 'Code data not loaded.');
    // the file name only (never the path) goes into the draft's source
    const name = decodeURIComponent(params.uri.replace(/[?#].*$/, '').replace(/^.*\//, '')) || 'untitled';
    const { pack, review } = draftPolicyPack(doc.getText(), { name, knownProcedure: (c) => data.procedures.known(c) });
    return { json: `${JSON.stringify(pack, null, 2)}\n`, id: pack.id, review, valid: validatePolicyPack(pack, name).ok };
  });
}
