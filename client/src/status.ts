import * as vscode from 'vscode';
import { onActiveDocumentDiagnostics } from './active-document';
import { DIAGNOSTIC_SOURCE, type StatusResult } from '../../server/src/protocol';

/**
 * The language status item (the "{}" entry beside the language mode in the status bar): data editions and the number of code
 * problems in the active document. Fed by the server's clinicalCodes/statusChanged notification and by VS Code's
 * diagnostics events (so the count is always the one the Problems view shows).
 */
export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private server: StatusResult | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('clinicalCodes.status', selector);
    this.item.name = 'Clinical Codes';
    this.item.command = { title: 'Show Output', command: 'clinicalCodes.showOutput' };
    this.subscriptions.push(
      onActiveDocumentDiagnostics(() => this.render()),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
    );
    this.render();
  }

  setSelector(selector: vscode.DocumentSelector): void {
    this.item.selector = selector;
  }

  setServerStatus(s: StatusResult | undefined): void {
    this.server = s;
    this.stopped = undefined;
    this.render();
  }

  /** The server is down and will not be restarted automatically. */
  setStopped(message: string): void {
    this.stopped = message;
    this.render();
  }

  private stopped: string | undefined;

  private render(): void {
    const s = this.server;
    const item = this.item;
    item.command = { title: 'Show Output', command: 'clinicalCodes.showOutput' };
    if (this.stopped) {
      item.busy = false;
      item.severity = vscode.LanguageStatusSeverity.Error;
      item.text = '$(error) Clinical Codes: server stopped';
      item.detail = this.stopped;
      item.command = { title: 'Restart Server', command: 'clinicalCodes.restartServer' };
      item.accessibilityInformation = { label: `Clinical Codes: server stopped. ${this.stopped}` };
      return;
    }
    if (!s || s.state === 'loading') {
      item.busy = true;
      item.severity = vscode.LanguageStatusSeverity.Information;
      item.text = 'Clinical Codes';
      item.detail = 'loading code data…';
      item.accessibilityInformation = { label: 'Clinical Codes: loading code data' };
      return;
    }
    item.busy = false;
    if (s.state === 'error') {
      item.severity = vscode.LanguageStatusSeverity.Error;
      item.text = '$(error) Clinical Codes: no code data';
      item.detail = s.error;
      item.command = { title: 'Restart Server', command: 'clinicalCodes.restartServer' };
      // each state says its own: a label kept from a ready state would tell a screen reader the data is fine
      item.accessibilityInformation = { label: `Clinical Codes: no code data. ${s.error ?? ''}` };
      return;
    }
    const doc = vscode.window.activeTextEditor?.document;
    const problems = doc ? vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === DIAGNOSTIC_SOURCE).length : 0;
    item.severity = vscode.LanguageStatusSeverity.Information;
    item.text = problems ? `$(warning) ${problems} code problem${problems === 1 ? '' : 's'}` : '$(pass) Codes OK';
    const extra = s.userCptDescriptors ? ` · ${s.userCptDescriptors} CPT descriptors (your file)` : '';
    item.detail = `${s.editions.join(' · ')}${extra}`;
    // a setting the server would not use (untrusted workspace, a file outside it): say which and why
    if (s.ignoredSettings?.length) {
      item.severity = vscode.LanguageStatusSeverity.Warning;
      item.detail = `${s.ignoredSettings.join(' · ')} — ${item.detail}`;
    }
    const ignored = s.ignoredSettings?.length ? ` Ignored: ${s.ignoredSettings.join('; ')}.` : '';
    item.accessibilityInformation = { label: `Clinical Codes: ${problems} problems. Data: ${s.editions.join(', ')}.${ignored}` };
  }

  dispose(): void {
    this.item.dispose();
    this.subscriptions.forEach((d) => d.dispose());
  }
}
