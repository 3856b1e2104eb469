import * as vscode from 'vscode';
import { onActiveDocumentDiagnostics } from './active-document';
import { ServerView } from './server-view';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  DATE_OF_SERVICE_REQUEST,
  type DateOfServiceParams,
  type DateOfServiceResult,
  type DateSourceView,
} from '../../server/src/protocol';

/** Where a date of service came from, in words (status bar tooltip, Claims view tooltips). */
export function dateSourceText(source: DateSourceView): string {
  switch (source) {
    case 'line':
      return "the service line's date";
    case 'claim':
      return "the claim's date";
    case 'document':
      return 'stated in the document';
    case 'setting':
      return 'the setting clinicalCodes.dateOfService';
    case 'today':
      return "today's date (no date in the document, clinicalCodes.dateOfService empty)";
  }
}

/** What the item shows; also what the extension's test API reports. */
export interface DateStatusSnapshot {
  visible: boolean;
  text: string;
  tooltip: string;
}

/**
 * A status bar item (right side) with the date of service and the ICD-10-CM edition that judge the code or service
 * line under the cursor, asked from the server (`clinicalCodes/dateOfService`) on selection changes, debounced.
 * Hidden for documents the server does not check (it answers null).
 */
export class DateStatus extends ServerView<DateStatusSnapshot> {
  static readonly DEBOUNCE_MS = 150;
  private readonly item: vscode.StatusBarItem;
  private seq = 0;
  private shown: DateStatusSnapshot = { visible: false, text: '', tooltip: '' };

  constructor(
    private readonly client: () => LanguageClient | undefined,
    selector: vscode.DocumentSelector,
  ) {
    super(selector, DateStatus.DEBOUNCE_MS);
    this.item = vscode.window.createStatusBarItem('clinicalCodes.dateOfService', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Clinical Codes: Date of Service';
    this.subscriptions.push(
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor === vscode.window.activeTextEditor) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      // a new analysis (edits, settings, data loaded) may change the date at the same cursor
      onActiveDocumentDiagnostics(() => this.schedule()),
    );
    this.schedule(0);
  }

  private hide(): void {
    this.shown = { visible: false, text: '', tooltip: '' };
    this.item.hide();
  }

  protected async update(): Promise<void> {
    const mine = ++this.seq;
    const editor = vscode.window.activeTextEditor;
    const c = this.client();
    if (!editor || !vscode.languages.match(this.selector, editor.document) || !c?.isRunning()) {
      this.hide();
      return;
    }
    const doc = editor.document;
    const version = doc.version;
    let r: DateOfServiceResult | null;
    try {
      const params: DateOfServiceParams = { uri: doc.uri.toString(), position: editor.selection.active };
      r = await c.sendRequest<DateOfServiceResult | null>(DATE_OF_SERVICE_REQUEST, params);
    } catch {
      r = null;
    }
    if (mine !== this.seq) return; // a newer question is on its way
    if (!r) {
      // changed while the server analysed it: the next diagnostics event asks again; otherwise not checked
      if (doc.version === version) this.hide();
      return;
    }
    const where = r.claim !== undefined ? ` · claim ${r.claim}${r.line !== undefined ? `, line ${r.line}` : ''}` : '';
    const text = `$(calendar) DOS ${r.date} · ${r.edition}`;
    const tooltip = `Clinical Codes: codes here are judged at ${r.date} (${dateSourceText(r.source)}) with ${r.edition}${where}`;
    this.shown = { visible: true, text, tooltip };
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `Date of service ${r.date}, ${r.edition}, ${dateSourceText(r.source)}${where}` };
    this.item.show();
  }

  protected snapshot(): DateStatusSnapshot {
    return { ...this.shown };
  }

  override dispose(): void {
    this.item.dispose();
    super.dispose();
  }
}
