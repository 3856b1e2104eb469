import * as vscode from 'vscode';
import { onActiveDocumentDiagnostics } from './active-document';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CLAIMS_REQUEST,
  type ClaimView,
  type ClaimsParams,
  type ClaimsResult,
  type FindingView,
  type RangeView,
  type ServiceLineView,
} from '../../server/src/protocol';
import { dateSourceText } from './date-status';
import { ServerView } from './server-view';

/**
 * The "Claims" view (Explorer): claims › service lines › findings of the active document, plus each claim's
 * diagnoses, as the server reads them (`clinicalCodes/claims`). Claim exports (CSV/TSV/pipe/semicolon) list their
 * claims; a note lists its one implicit claim ("document") when it holds any code, else the view is empty and shows
 * its welcome message. The client only renders: dates, editions and findings all come from the server.
 *
 * Context keys (package.json `when` clauses):
 *   clinicalCodes.claimsView.active  the active editor is a document the client sends to the server
 *   clinicalCodes.claimsView.state   'loading' | 'claims' | 'none' | 'unavailable' | 'noServer'
 */
export const CLAIMS_VIEW_ID = 'clinicalCodes.claims';
export const REFRESH_CLAIMS_COMMAND = 'clinicalCodes.refreshClaims';
/** Internal (not in the palette): reveal and select a range of a document; the view's nodes run it on click. */
export const REVEAL_RANGE_COMMAND = 'clinicalCodes.revealClaimRange';

type Severity = FindingView['severity'];
type ViewState = 'loading' | 'claims' | 'none' | 'unavailable' | 'noServer';

type Node =
  | { kind: 'claim'; id: string; uri: string; claim: ClaimView }
  | { kind: 'line'; id: string; uri: string; claim: ClaimView; line: ServiceLineView }
  | { kind: 'finding'; id: string; uri: string; finding: FindingView }
  | { kind: 'diagnoses'; id: string; uri: string; claim: ClaimView }
  | { kind: 'diagnosis'; id: string; uri: string; claim: ClaimView; diagnosis: ClaimView['diagnoses'][number] };

/** A rendered node, for the extension's test API (test/vscode). */
export interface ClaimsTreeNode {
  label: string;
  description: string;
  icon?: string;
  children: ClaimsTreeNode[];
}
export interface ClaimsTreeSnapshot {
  state: ViewState;
  message?: string;
  nodes: ClaimsTreeNode[];
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function worst(findings: readonly FindingView[]): Severity | undefined {
  let w: Severity | undefined;
  for (const f of findings) if (!w || RANK[f.severity] > RANK[w]) w = f.severity;
  return w;
}

function icon(severity: Severity | undefined): vscode.ThemeIcon {
  switch (severity) {
    case 'error':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case 'warning':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case 'info':
    case 'hint':
      return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
    default:
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  }
}

const claimFindings = (c: ClaimView): FindingView[] => [...c.findings, ...c.lines.flatMap((l) => l.findings)];

/** "99213-25 × 1", or the line's diagnoses when it has no procedure. */
function lineCodes(l: ServiceLineView): string {
  const code = l.procedure ? [l.procedure, ...l.modifiers].join('-') : l.diagnoses.join(', ') || '(no procedure)';
  return l.units ? `${code} × ${l.units}` : code;
}

function claimDates(c: ClaimView): string {
  if (c.from) return c.through && c.through !== c.from ? `${c.from} – ${c.through}` : c.from;
  const dates = [...new Set(c.lines.map((l) => l.date))].sort();
  return dates.length > 1 ? `${dates[0]} – ${dates[dates.length - 1]}` : (dates[0] ?? '');
}

const diagnosisLabel = (d: ClaimView['diagnoses'][number]) => `${d.position} · ${d.code}`;

export class ClaimsView extends ServerView<ClaimsTreeSnapshot> implements vscode.TreeDataProvider<Node> {
  static readonly DEBOUNCE_MS = 200;
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly view: vscode.TreeView<Node>;
  private seq = 0;
  private uri: string | undefined;
  private claims: ClaimView[] = [];
  private shownClaims = '[]';
  private state: ViewState = 'loading';
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: () => LanguageClient | undefined,
    selector: vscode.DocumentSelector,
  ) {
    super(selector, ClaimsView.DEBOUNCE_MS);
    this.view = vscode.window.createTreeView(CLAIMS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions.push(
      this.view,
      vscode.commands.registerCommand(REFRESH_CLAIMS_COMMAND, () => this.refreshNow()),
      vscode.commands.registerCommand(REVEAL_RANGE_COMMAND, (uri: unknown, range: unknown) => reveal(uri, range)),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        // focusing the Output panel makes it the active editor: keep showing the document's claims
        if (e?.document.uri.scheme !== 'output') this.schedule(0);
      }),
      onActiveDocumentDiagnostics(() => this.schedule()),
    );
    this.schedule(0);
  }

  private setState(state: ViewState, uri: string | undefined, claims: ClaimView[], message?: string): void {
    // the same answer again (diagnostics republished, the editor refocused): keep the tree as it is. Each refresh
    // makes VS Code fetch every expanded node's children again, and refreshes in quick succession can leave an
    // expanded claim showing no rows until the next one.
    const shown = JSON.stringify(claims);
    if (state === this.state && uri === this.uri && message === this.view.message && shown === this.shownClaims) return;
    this.shownClaims = shown;
    this.state = state;
    this.uri = uri;
    this.claims = claims;
    this.view.message = message;
    void vscode.commands.executeCommand('setContext', 'clinicalCodes.claimsView.state', state);
    this.emitter.fire(undefined);
  }

  protected update(): Promise<void> {
    const run = this.fetch();
    this.pending = run;
    return run;
  }

  private async fetch(): Promise<void> {
    const mine = ++this.seq;
    const editor = vscode.window.activeTextEditor;
    const checked = !!editor && vscode.languages.match(this.selector, editor.document) > 0;
    void vscode.commands.executeCommand('setContext', 'clinicalCodes.claimsView.active', checked);
    if (!editor || !checked) {
      this.setState('none', undefined, []);
      return;
    }
    const doc = editor.document;
    const uri = doc.uri.toString();
    const version = doc.version;
    const c = this.client();
    if (!c?.isRunning()) {
      this.setState('noServer', uri, []);
      return;
    }
    if (uri !== this.uri) this.setState('loading', uri, []);
    let r: ClaimsResult;
    try {
      r = await c.sendRequest<ClaimsResult>(CLAIMS_REQUEST, { uri } satisfies ClaimsParams);
    } catch (e) {
      if (mine === this.seq) this.setState('unavailable', uri, [], `Clinical Codes: the claims could not be read (${e instanceof Error ? e.message : String(e)}).`);
      return;
    }
    if (mine !== this.seq) return; // a newer question is on its way
    if (r.unavailable) {
      // the document changed while the server analysed it: its next diagnostics ask again
      if (doc.version !== version) return;
      this.setState('unavailable', uri, [], r.unavailable);
      return;
    }
    // a note is one implicit claim: shown when it holds any code, so an empty note gets the welcome message
    const claims = r.format === 'note' ? r.claims.filter((x) => x.lines.length || x.diagnoses.length || x.findings.length) : r.claims;
    this.setState(claims.length ? 'claims' : 'none', uri, claims);
  }

  // ------------------------------------------------------------ TreeDataProvider

  getChildren(node?: Node): Node[] {
    const uri = this.uri;
    if (!uri) return [];
    if (!node) return this.claims.map((claim) => ({ kind: 'claim', id: `${uri}|${claim.id}`, uri, claim }));
    switch (node.kind) {
      case 'claim': {
        const { claim } = node;
        const out: Node[] = claim.lines.map((line) => ({ kind: 'line', id: `${node.id}|line ${line.number}`, uri, claim, line }));
        claim.findings.forEach((finding, i) => out.push({ kind: 'finding', id: `${node.id}|finding ${i} ${finding.ruleId}`, uri, finding }));
        if (claim.diagnoses.length) out.push({ kind: 'diagnoses', id: `${node.id}|diagnoses`, uri, claim });
        return out;
      }
      case 'line':
        return node.line.findings.map((finding, i) => ({ kind: 'finding', id: `${node.id}|finding ${i} ${finding.ruleId}`, uri, finding }));
      case 'diagnoses':
        return node.claim.diagnoses.map((diagnosis, i) => ({ kind: 'diagnosis', id: `${node.id}|${i}`, uri, claim: node.claim, diagnosis }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label(node));
    item.id = node.id;
    const range = this.rangeOf(node);
    if (range) item.command = { title: 'Reveal in Editor', command: REVEAL_RANGE_COMMAND, arguments: [node.uri, range] };
    const None = vscode.TreeItemCollapsibleState.None;
    switch (node.kind) {
      case 'claim': {
        const { claim } = node;
        const findings = claimFindings(claim);
        const parts = [claimDates(claim), claim.payer, claim.patient && `patient ${claim.patient}`, findings.length ? plural(findings.length, 'finding') : undefined];
        item.description = parts.filter(Boolean).join(' · ');
        item.iconPath = icon(worst(findings));
        item.collapsibleState = claim.lines.length || claim.findings.length || claim.diagnoses.length ? vscode.TreeItemCollapsibleState.Expanded : None;
        item.contextValue = 'claim';
        item.tooltip = [
          `Claim ${claim.id}${claim.payer ? ` · payer ${claim.payer}` : ''}${claim.patient ? ` · patient ${claim.patient}` : ''}`,
          claimDates(claim) && `Dates of service: ${claimDates(claim)}`,
          `Diagnoses: ${claim.diagnoses.length ? claim.diagnoses.map(diagnosisLabel).join(', ') : 'none'}`,
          `${plural(claim.lines.length, 'service line')} · ${findings.length ? plural(findings.length, 'finding') : 'no findings'}`,
        ].filter(Boolean).join('\n');
        break;
      }
      case 'line': {
        const { line, claim } = node;
        const n = line.findings.length;
        item.description = `${line.date} · ${line.edition}${n ? ` · ${plural(n, 'finding')}` : ''}`;
        item.iconPath = icon(worst(line.findings));
        item.collapsibleState = n ? vscode.TreeItemCollapsibleState.Expanded : None;
        item.contextValue = 'serviceLine';
        item.tooltip = [
          `Claim ${claim.id}, service line ${line.number}: ${lineCodes(line)}${line.charge ? ` · charge ${line.charge}` : ''}`,
          `Judged at ${line.date} (${dateSourceText(line.dateSource)}) with ${line.edition}`,
          `Diagnoses: ${line.diagnoses.join(', ') || 'none'}`,
          n ? line.findings.map((f) => `${f.severity}: ${f.message}`).join('\n') : 'No findings',
        ].join('\n');
        break;
      }
      case 'finding': {
        const { finding } = node;
        item.description = finding.ruleId;
        item.iconPath = icon(finding.severity);
        item.tooltip = `${finding.severity} ${finding.ruleId}: ${finding.message}`;
        item.contextValue = 'finding';
        break;
      }
      case 'diagnoses':
        item.description = String(node.claim.diagnoses.length);
        item.iconPath = new vscode.ThemeIcon('list-ordered');
        item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
        item.tooltip = `Diagnoses of claim ${node.claim.id}, in pointer order`;
        break;
      case 'diagnosis': {
        const { diagnosis } = node;
        item.description = diagnosis.version === 9 ? 'ICD-9-CM' : diagnosis.range ? `Ln ${diagnosis.range.start.line + 1}` : '';
        item.iconPath = new vscode.ThemeIcon('symbol-enum-member');
        item.tooltip = `Diagnosis ${diagnosis.position} of claim ${node.claim.id}: ${diagnosis.code}`;
        break;
      }
    }
    return item;
  }

  private label(node: Node): string {
    switch (node.kind) {
      case 'claim':
        return node.claim.id;
      case 'line':
        return `Line ${node.line.number} · ${lineCodes(node.line)}`;
      case 'finding':
        return node.finding.message;
      case 'diagnoses':
        return 'Diagnoses';
      case 'diagnosis':
        return diagnosisLabel(node.diagnosis);
    }
  }

  private rangeOf(node: Node): RangeView | undefined {
    switch (node.kind) {
      case 'claim':
      case 'diagnoses':
        return node.claim.range;
      case 'line':
        return node.line.range;
      case 'finding':
        return node.finding.range;
      case 'diagnosis':
        return node.diagnosis.range ?? node.claim.range;
    }
  }

  /** The tree as rendered (labels, descriptions, icons), for the extension's test API. */
  async snapshot(): Promise<ClaimsTreeSnapshot> {
    await this.pending;
    const walk = (nodes: Node[]): ClaimsTreeNode[] =>
      nodes.map((n) => {
        const item = this.getTreeItem(n);
        const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
        return {
          label,
          description: typeof item.description === 'string' ? item.description : '',
          icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
          children: walk(this.getChildren(n)),
        };
      });
    return { state: this.state, message: this.view.message, nodes: walk(this.getChildren()) };
  }

  override dispose(): void {
    this.emitter.dispose();
    super.dispose();
  }
}

/** Reveal and select a range in the document's editor (opened if needed), keeping focus in the view. */
async function reveal(uri: unknown, range: unknown): Promise<void> {
  if (typeof uri !== 'string' || !range || typeof range !== 'object') return;
  const r = range as RangeView;
  const target = vscode.Uri.parse(uri);
  const start = new vscode.Position(r.start.line, r.start.character);
  const end = new vscode.Position(r.end.line, r.end.character);
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  const doc = shown?.document ?? (await vscode.workspace.openTextDocument(target));
  // the cursor at the start of the range, so the line's date shows in the status bar and the row's start is in view
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: shown?.viewColumn, preserveFocus: true, selection: new vscode.Range(start, end) });
  editor.selection = new vscode.Selection(end, start);
  editor.revealRange(new vscode.Range(start, end), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
