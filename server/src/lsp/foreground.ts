import type { Message, MessageReader, MessageWriter } from 'vscode-languageserver/node';

/** The longest an analysis waits at one turn for requests (a handler that never answers must not stop analyses). */
const MAX_WAIT_MS = 100;

const isRequest = (m: Message) => 'method' in m && 'id' in m && m.id !== undefined && m.id !== null;
const isResponse = (m: Message) => !('method' in m) && 'id' in m;

/**
 * Requests before analyses. An analysis gives the event loop a turn between slices (SLICE_MS), but a message takes
 * several turns to be answered (decoded, handled, written: each a setImmediate in the JSON-RPC library), and the
 * analysis took a slice between every two: with 20 ms slices a hover waited ~65 ms while a large file was analysed.
 * So the server counts what the client sent and is not answered yet — frames not yet decoded (stdio: FrameGuard
 * tells) and requests not yet answered — and an analysis waits at its turn until there are none.
 *
 * A request that waits for an analysis (AnalysisCache.current), for a data load, or pauses in its own long loop
 * (Slices) is parked meanwhile, or the analysis would wait for it and it for the analysis. Parked requests are
 * counted apart and every count is clamped, so a miscount can only make analyses wait less, never hang.
 */
export class Foreground {
  private frames = 0;
  private inFlight = 0;
  private parked = 0;
  private idle: (() => void)[] = [];
  private waking = false;

  /** Messages read and not yet answered (or, for notifications, not yet decoded), less the parked requests. */
  get active(): number {
    return this.frames + this.inFlight - this.parked;
  }

  /** A whole frame has been read (its message is decoded in a later turn). */
  arrived(): void {
    this.frames++;
  }

  reader(inner: MessageReader): MessageReader {
    const decoded = () => (this.frames = Math.max(0, this.frames - 1));
    // a frame that is not JSON never reaches the callback: the reader reports it as an error
    inner.onError(() => {
      decoded();
      this.wake();
    });
    return {
      onError: inner.onError,
      onClose: inner.onClose,
      onPartialMessage: inner.onPartialMessage,
      listen: (callback) =>
        inner.listen((m) => {
          decoded();
          if (isRequest(m)) this.inFlight++;
          callback(m);
          this.wake();
        }),
      dispose: () => inner.dispose(),
    };
  }

  writer(inner: MessageWriter): MessageWriter {
    return {
      onError: inner.onError,
      onClose: inner.onClose,
      write: (m) => {
        const written = inner.write(m);
        // answered once it is on the wire (the library writes in a later turn)
        if (isResponse(m)) void written.then(this.answered, this.answered);
        return written;
      },
      end: () => inner.end(),
      dispose: () => inner.dispose(),
    };
  }

  /** Awaits `p` with the calling request parked. */
  async park<T>(p: Promise<T>): Promise<T> {
    this.parked++;
    this.wake();
    try {
      return await p;
    } finally {
      this.parked--;
    }
  }

  /** An analysis's turn between slices: the event loop gets a turn, then what the client sent is answered first. */
  async yieldTo(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.active <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise<void>((resolve) => this.idle.push(resolve)), new Promise<void>((resolve) => (timer = setTimeout(resolve, MAX_WAIT_MS)))]);
    clearTimeout(timer);
  }

  private readonly answered = () => {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.wake();
  };

  /**
   * Lets waiting analyses go on when nothing is active, a turn later: a request parked on an analysis that is
   * already done resumes in a microtask, before an analysis woken at once would take its slice.
   */
  private wake(): void {
    if (this.waking || !this.idle.length) return;
    this.waking = true;
    setImmediate(() => {
      this.waking = false;
      if (this.active > 0 || !this.idle.length) return;
      const idle = this.idle;
      this.idle = [];
      for (const resolve of idle) resolve();
    });
  }
}

/** The counts of the server's one connection (lsp/main.ts wires its reader, writer and stdio frame guard). */
export const foreground = new Foreground();
