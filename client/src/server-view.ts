import * as vscode from 'vscode';

/**
 * What the Claims view and the status items share: the documents they show (the server's selector), a debounced
 * ask of the server, and a refresh for server restarts and the test API. Subclasses say how to ask and what they show.
 */
export abstract class ServerView<Snapshot> implements vscode.Disposable {
  protected readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    protected selector: vscode.DocumentSelector,
    private readonly debounceMs: number,
  ) {}

  /** Ask the server and show its answer. */
  protected abstract update(): Promise<void>;
  /** What is shown now. */
  protected abstract snapshot(): Snapshot | Promise<Snapshot>;

  setSelector(selector: vscode.DocumentSelector): void {
    this.selector = selector;
    this.schedule(0);
  }

  /** Ask again soon (the server restarted or finished loading its data). */
  refresh(): void {
    this.schedule(0);
  }

  /** Ask now and resolve with what is shown then (refresh command, test API). */
  async refreshNow(): Promise<Snapshot> {
    clearTimeout(this.timer);
    await this.update();
    return this.snapshot();
  }

  protected schedule(ms = this.debounceMs): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), ms);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscriptions.forEach((d) => d.dispose());
  }
}
