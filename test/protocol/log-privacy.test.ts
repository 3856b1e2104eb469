import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StatusResult } from '../../server/src/protocol';
import { LspClient, positionOf } from './lsp-client';

// unique markers: a patient's name in the file name, note text in the document
const NAME = 'Zyxwabble_Quorntin';
const TEXT = 'Qvexolotl-Marrowind';

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('privacy of what the server writes', () => {
  it('a whole session with malformed messages writes no document text, file name or URI anywhere', async () => {
    const c = await LspClient.start({ settings: { inlayHints: true } });
    const write = (raw: string) => new Promise<void>((resolve, reject) => c.child.stdin!.write(raw, (e) => (e ? reject(e) : resolve())));
    const text = `Patient ${TEXT} seen today.\nDx: M79.64 pain ${TEXT}\nCPT 0264T-00 ${TEXT}\n`;
    const uri = await c.open(`${NAME}.txt`, text);
    assert.ok((await c.waitForDiagnostics(uri)).length > 0);
    await c.hover(uri, positionOf(text, 'M79.64', 2));
    await c.complete(uri, positionOf(text, '0264T-', 6));
    await c.change(uri, `${text}Dx: S52.521 ${TEXT}\n`);
    await c.waitForDiagnostics(uri);
    await c.codeActions(uri, { start: positionOf(text, 'M79.64'), end: positionOf(text, 'M79.64', 6) }, await c.waitForDiagnostics(uri));
    await c.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } });
    await c.documentSymbols(uri);
    await c.semanticTokens(uri);
    await c.request('clinicalCodes/claims', { uri });

    // a message that is neither request, response nor notification, and a response without id
    await write(frame(JSON.stringify({ jsonrpc: '2.0', text: `${TEXT} ${uri}` })));
    await write(frame(JSON.stringify({ jsonrpc: '2.0', error: { code: 1, message: `${TEXT} ${uri}` } })));
    await c.waitForMessage((m) => /Received response message without id|neither a response nor a notification/.test(m.message) && /content not logged/.test(m.message));
    // a body that is not JSON
    await write(frame(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"text":"${TEXT} ${NAME}" broken`));
    await c.waitForMessage((m) => /not valid JSON \(\d+ bytes\)/.test(m.message));
    // unknown methods with document text in their params
    await c.connection.sendNotification('custom/unknown', { text: TEXT, uri });
    await assert.rejects(c.request('custom/unknownRequest', { text: TEXT, uri }), /Unhandled method/);
    await c.waitForMessage((m) => /ignored an unknown notification \(\d+ bytes of params\)/.test(m.message));
    // a frame without Content-Length: dropped, noted, and the server answers the next message
    await write(`X-Note: ${NAME}\r\n\r\n{"jsonrpc":"2.0","method":"x","params":"${TEXT}"}`);
    const status = await c.request<StatusResult>('clinicalCodes/status', {});
    assert.equal(status.state, 'ready');
    await c.waitForMessage((m) => /ignored \d+ bytes of input that were not a framed JSON-RPC message/.test(m.message));
    assert.ok(await c.hover(uri, positionOf(text, 'M79.64', 2)), 'still answering');

    await c.close(uri);
    await c.shutdown();
    const written = [...c.logs.map((m) => m.message), ...c.shownMessages.map((m) => m.message), c.stderr].join('\n');
    for (const marker of [NAME, TEXT, 'file://', encodeURIComponent(NAME)]) assert.ok(!written.includes(marker), `"${marker}" appears in: ${written}`);
  });
});
