/**
 * The server's side of the wire, with privacy and recovery: documents are PHI, so a message the server cannot use
 * is logged by kind and size only — never echoed (the JSON-RPC library logs unusable messages whole) — and a stdio
 * frame without a Content-Length header is dropped and reading resumes at the next header (the library's reader
 * would otherwise take every later message for a broken header and never answer again).
 */
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import type { ContentTypeDecoder, MessageReaderOptions } from 'vscode-languageserver/node';

/** Where kind-and-size notes go (the connection logger, once it exists). */
export type Note = (message: string) => void;

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
/** where a frame starts again: anywhere, since a dropped body need not end with a line break */
const CONTENT_LENGTH = /content-length:/i;
/** A header block longer than this is not one (LSP headers are a few dozen bytes). */
const MAX_HEADER = 8192;

/**
 * Passes well-formed `Content-Length` frames through unchanged (bodies streamed, never copied whole) and drops
 * anything else up to the next `Content-Length:` header, noting how many bytes were dropped.
 */
export class FrameGuard extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  /** bytes of the current body still to pass through */
  private body = 0;
  /** bytes dropped since the last good frame */
  private dropped = 0;

  constructor(
    private readonly note: Note,
    /** called as each whole frame has passed (lsp/foreground.ts counts messages not yet decoded) */
    private readonly onFrame: () => void = () => undefined,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (buf.length) {
      if (this.body > 0) {
        const n = Math.min(this.body, buf.length);
        this.push(buf.subarray(0, n));
        this.body -= n;
        buf = buf.subarray(n);
        if (this.body === 0) this.onFrame();
        continue;
      }
      if (this.dropped > 0) {
        // resynchronising: skip to the next Content-Length header
        const at = indexOfHeader(buf);
        if (at < 0) {
          const keep = Math.min(buf.length, 15); // a header name split across chunks
          this.dropped += buf.length - keep;
          this.pending = Buffer.from(buf.subarray(buf.length - keep));
          return done();
        }
        this.dropped += at;
        buf = buf.subarray(at);
        this.note(`ignored ${this.dropped} bytes of input that were not a framed JSON-RPC message (no Content-Length header); reading resumed at the next message`);
        this.dropped = 0;
      }
      const end = buf.indexOf(HEADER_END);
      if (end < 0) {
        if (buf.length > MAX_HEADER) {
          this.dropped = 1;
          buf = buf.subarray(1);
          continue;
        }
        this.pending = Buffer.from(buf);
        return done();
      }
      const header = buf.subarray(0, end).toString('ascii');
      const length = /^content-length:[ \t]*(\d+)[ \t]*$/im.exec(header);
      if (!length) {
        // a frame without Content-Length: drop its header; its body (of unknown length) goes with the resync
        this.dropped = end + HEADER_END.length;
        buf = buf.subarray(end + HEADER_END.length);
        continue;
      }
      this.push(buf.subarray(0, end + HEADER_END.length));
      this.body = Number(length[1]);
      buf = buf.subarray(end + HEADER_END.length);
      if (this.body === 0) this.onFrame();
    }
    done();
  }
}

function indexOfHeader(buf: Buffer): number {
  // ASCII search on a latin1 view: byte offsets equal string offsets
  const m = CONTENT_LENGTH.exec(buf.toString('latin1'));
  return m ? m.index : -1;
}

/** The library's JSON decoder, noting (by size) a body that is not JSON before the reader drops it. */
export function readerOptions(note: Note): MessageReaderOptions {
  const decoder: ContentTypeDecoder = {
    name: 'application/json',
    decode: async (buffer, options) => {
      try {
        return JSON.parse(new TextDecoder(options.charset).decode(buffer));
      } catch {
        note(`ignored a JSON-RPC message that is not valid JSON (${buffer.byteLength} bytes)`);
        throw new Error('message is not valid JSON');
      }
    },
  };
  return { contentTypeDecoder: decoder, contentTypeDecoders: [decoder] };
}

/** Library log lines that carry a whole message after their first line: keep the first line and the size. */
const ECHOES = /^(Received message which is neither a response nor a notification message:|Received response message without id: Error is:)/;

export function redactLibraryMessage(message: string): string {
  if (!ECHOES.test(message)) return message;
  const first = message.split('\n', 1)[0];
  return `${first.replace(/:$/, '')} (${message.length - first.length} characters; content not logged)`;
}

type Console = new () => { error(m: string): void; warn(m: string): void; info(m: string): void; log(m: string): void };

/** The connection's console (which the library logs through too) with echoed messages cut. */
export const redactingConsole = (Base: Console) =>
  class extends Base {
    override error(m: string) {
      super.error(redactLibraryMessage(m));
    }
    override warn(m: string) {
      super.warn(redactLibraryMessage(m));
    }
    override info(m: string) {
      super.info(redactLibraryMessage(m));
    }
    override log(m: string) {
      super.log(redactLibraryMessage(m));
    }
  };

/** Size of a message's params as sent, for kind-and-size notes. */
export function sizeOf(params: unknown): number {
  try {
    return params === undefined ? 0 : (JSON.stringify(params)?.length ?? 0);
  } catch {
    return 0;
  }
}
