/**
 * When the language server process dies: restart it, at most `max` times within `windowMs`; after that leave it
 * stopped and say so (a server that crashes on start would otherwise be restarted for ever). No vscode import, so
 * test/unit can check it.
 */
export class RestartPolicy {
  private readonly crashes: number[] = [];

  constructor(
    readonly max = 3,
    readonly windowMs = 3 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A crash happened: 'restart', or 'stop' once `max` restarts were made within the window. */
  crashed(): 'restart' | 'stop' {
    const t = this.now();
    this.crashes.push(t);
    while (this.crashes.length && t - this.crashes[0] > this.windowMs) this.crashes.shift();
    return this.crashes.length <= this.max ? 'restart' : 'stop';
  }

  /** The user restarted the server: count afresh. */
  reset(): void {
    this.crashes.length = 0;
  }
}

/**
 * A write to a server process that has gone (its IPC channel or pipe closed). Such errors come in a burst before the
 * close is seen (every message the client sends meanwhile); shutting down on them would pre-empt the close handler,
 * so the crash would be neither restarted nor reported.
 */
export function serverGone(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  return e?.code === 'ERR_IPC_CHANNEL_CLOSED' || e?.code === 'EPIPE' || e?.code === 'ERR_STREAM_DESTROYED' || (typeof e?.message === 'string' && /^Channel closed$/.test(e.message));
}
