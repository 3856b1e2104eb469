/**
 * In restricted mode VS Code withholds a workspace's values of the extension's restrictedConfigurations from the
 * extension altogether (`inspect()` too), so the client cannot tell the user they are ignored without reading the
 * workspace's settings files itself: only which keys they set, never the values (which are not used). No vscode
 * import, so test/unit can check it.
 */

/** The keys of `keys` (without the `clinicalCodes.` prefix) that a settings.json / .code-workspace text sets. */
export function settingKeysIn(text: string, keys: readonly string[]): string[] {
  const json = withoutComments(text);
  return keys.filter((k) => new RegExp(`"clinicalCodes\\.${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`).test(json));
}

/** JSONC without its comments (strings kept: a "//" inside a path is not a comment). */
function withoutComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
      out += ' ';
    } else out += c;
  }
  return out;
}

/**
 * The keys the workspace's settings files set, read once and kept until `invalidate()` (those files changed, the
 * folders or the trust changed): the server pulls settings per document and after every change, and each pull would
 * otherwise stat and read every folder's settings file again. Callers during one read share it; a read that was
 * invalidated while in flight still answers its callers, and the next `get()` reads again.
 */
export class SettingKeysMemo {
  private pending: Promise<string[]> | undefined;

  constructor(private readonly read: () => Promise<string[]>) {}

  get(): Promise<string[]> {
    if (!this.pending) {
      const p = this.read();
      this.pending = p;
      // a failed read is not kept: the next pull tries again
      p.catch(() => {
        if (this.pending === p) this.pending = undefined;
      });
    }
    return this.pending;
  }

  invalidate(): void {
    this.pending = undefined;
  }
}
