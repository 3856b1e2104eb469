/** Escapes the characters markdown would read as formatting, so codes and titles render as written. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}
