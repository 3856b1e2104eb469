import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { onActiveDocumentDiagnostics } from './active-document';
import { ServerView } from './server-view';
import {
  PAYERS_REQUEST,
  SET_PAYER_REQUEST,
  type PayerOverrideView,
  type PayerSourceView,
  type PayersParams,
  type PayersResult,
  type ResolvedPayerView,
  type SetPayerParams,
} from '../../server/src/protocol';

/** Workspace state key: the payer chosen per document URI. */
export const PAYER_OVERRIDES_KEY = 'clinicalCodes.payerOverrides';
export const CHOOSE_PAYER_COMMAND = 'clinicalCodes.choosePayer';

const SOURCE: Record<PayerSourceView, string> = {
  override: 'chosen for this document',
  claim: "from the claim's payer fields",
  document: "named in the document (Payer:/Plan: lines)",
  setting: 'from the setting clinicalCodes.payer',
};

const payerText = (p: ResolvedPayerView) => `${p.payer}${p.plan ? ` · ${p.plan}` : ''}`;

export interface PayerStatusSnapshot {
  visible: boolean;
  text: string;
  tooltip: string;
}

interface PayerPick extends vscode.QuickPickItem {
  override?: PayerOverrideView | null;
}

/**
 * A status bar item with the payer and plan the active document's codes are judged by (from the server, as the
 * engine resolved it), and where it came from. Clicking it opens a QuickPick of the loaded packs' payers and plans,
 * "From document" and "None"; the choice is kept per document in the workspace state and sent to the server, which
 * re-checks the document at once.
 */
export class PayerStatus extends ServerView<PayerStatusSnapshot> {
  static readonly DEBOUNCE_MS = 150;
  private readonly item: vscode.StatusBarItem;
  private seq = 0;
  private shown: PayerStatusSnapshot = { visible: false, text: '', tooltip: '' };

  constructor(
    private readonly client: () => LanguageClient | undefined,
    selector: vscode.DocumentSelector,
    private readonly state: vscode.Memento,
  ) {
    super(selector, PayerStatus.DEBOUNCE_MS);
    this.item = vscode.window.createStatusBarItem('clinicalCodes.payer', vscode.StatusBarAlignment.Right, 99);
    this.item.name = 'Clinical Codes: Payer';
    this.item.command = CHOOSE_PAYER_COMMAND;
    this.subscriptions.push(
      vscode.commands.registerCommand(CHOOSE_PAYER_COMMAND, () => this.choose()),
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      onActiveDocumentDiagnostics(() => this.schedule()),
    );
    this.schedule(0);
  }

  /** The overrides to hand the server when it starts. */
  static overrides(state: vscode.Memento): Record<string, PayerOverrideView> {
    return state.get<Record<string, PayerOverrideView>>(PAYER_OVERRIDES_KEY) ?? {};
  }

  private activeDocument(): vscode.TextDocument | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    return doc && vscode.languages.match(this.selector, doc) ? doc : undefined;
  }

  private async ask(c: LanguageClient, uri: string): Promise<PayersResult | undefined> {
    try {
      return await c.sendRequest<PayersResult>(PAYERS_REQUEST, { uri } satisfies PayersParams);
    } catch {
      return undefined;
    }
  }

  private hide(): void {
    this.shown = { visible: false, text: '', tooltip: '' };
    this.item.hide();
  }

  protected async update(): Promise<void> {
    const mine = ++this.seq;
    const doc = this.activeDocument();
    const c = this.client();
    if (!doc || !c?.isRunning()) return this.hide();
    const version = doc.version;
    const r = await this.ask(c, doc.uri.toString());
    if (mine !== this.seq) return;
    if (!r?.document || !r.payers.length) {
      // edited while the server analysed it: the next diagnostics event asks again
      if (doc.version === version) this.hide();
      return;
    }
    const d = r.document;
    let text: string;
    let tooltip: string;
    if (d.active) {
      text = `$(shield) ${payerText(d.active)}`;
      tooltip = `Payer policies judged: ${payerText(d.active)}, ${SOURCE[d.active.source]}`;
    } else if (d.override === 'none') {
      text = '$(shield) Payer: none';
      tooltip = 'No payer chosen for this document: payer policy packs are not judged';
    } else {
      text = '$(shield) No payer';
      tooltip = 'No payer of the loaded policy packs is named (claim, Payer:/Plan: lines, clinicalCodes.payer)';
    }
    if (d.otherClaims) tooltip += `; ${d.otherClaims} claim(s) have another payer or plan`;
    tooltip += '. Click to choose the payer for this document.';
    this.shown = { visible: true, text, tooltip };
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `Payer: ${text.replace('$(shield) ', '')}. ${tooltip}` };
    this.item.show();
  }

  private async choose(): Promise<void> {
    const doc = this.activeDocument();
    const c = this.client();
    if (!doc || !c?.isRunning()) {
      void vscode.window.showInformationMessage('Clinical Codes: open a document Clinical Codes checks to choose its payer.');
      return;
    }
    const uri = doc.uri.toString();
    const r = await this.ask(c, uri);
    if (!r) return;
    const d = r.document;
    const current = d?.override;
    const from = d?.fromDocument;
    const items: PayerPick[] = [
      {
        label: '$(file) From document',
        description: `${current ? '' : 'current · '}${from ? `${payerText(from)} (${SOURCE[from.source]})` : 'no payer of the packs named'}`,
        detail: 'The claim\'s payer, else the document\'s Payer:/Plan: lines, else clinicalCodes.payer',
        override: null,
      },
      { label: '$(circle-slash) None', description: `${current === 'none' ? 'current · ' : ''}judge no payer policy for this document`, override: 'none' },
      { label: 'Payers of the loaded policy packs', kind: vscode.QuickPickItemKind.Separator },
    ];
    for (const p of r.payers)
      for (const plan of p.plans) {
        const chosen = typeof current === 'object' && current.payer === p.name && current.plan === plan;
        items.push({ label: `${p.name} · ${plan}`, description: `${chosen ? 'current · ' : ''}${p.packs.map((x) => x.title).join('; ')}`, override: { payer: p.name, plan } });
      }
    const picked = await vscode.window.showQuickPick(items, { title: 'Payer for this document', placeHolder: 'Judge the codes under which payer and plan?', matchOnDescription: true });
    if (!picked || picked.override === undefined) return;
    await this.set(c, uri, picked.override);
  }

  private async set(c: LanguageClient, uri: string, override: PayerOverrideView | null): Promise<void> {
    const all = { ...PayerStatus.overrides(this.state) };
    if (override === null) delete all[uri];
    else all[uri] = override;
    await this.state.update(PAYER_OVERRIDES_KEY, all);
    try {
      await c.sendRequest(SET_PAYER_REQUEST, { uri, override } satisfies SetPayerParams);
    } catch (e) {
      void vscode.window.showErrorMessage(`Clinical Codes: could not set the payer: ${e instanceof Error ? e.message : String(e)}`);
    }
    await this.refreshNow();
  }

  protected snapshot(): PayerStatusSnapshot {
    return { ...this.shown };
  }

  override dispose(): void {
    this.item.dispose();
    super.dispose();
  }
}
