import type { Connection } from 'vscode-languageserver/node';

/**
 * Logging to the client's output channel (window/logMessage). Privacy: callers pass facts (counts, timings, rule
 * ids, `docLabel`s) — never document text, file names or URIs, which may hold patient information.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function connectionLogger(connection: Connection): Logger {
  // no timestamps of our own: clients (VS Code's log output channel) stamp each message
  return {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };
}

/** An error's message (and stack for unexpected errors), for the log. */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.name === 'BundleError' ? e.message : (e.stack ?? e.message);
  return String(e);
}

const docNumbers = new Map<string, number>();

/** A document as the log names it: "doc#3", numbered in the order this server first saw it (never its URI). */
export function docLabel(uri: string): string {
  let n = docNumbers.get(uri);
  if (n === undefined) docNumbers.set(uri, (n = docNumbers.size + 1));
  return `doc#${n}`;
}
