const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Strings one edit away (substitution, adjacent transposition, insertion, deletion) that `exists` accepts. */
export function oneEditAway(code: string, exists: (c: string) => boolean, alphabet = ALNUM, limit = 8): string[] {
  const out = new Set<string>();
  const tryAdd = (c: string) => {
    if (c !== code && exists(c)) out.add(c);
  };
  for (let i = 0; i < code.length - 1; i++) tryAdd(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2));
  for (let i = 0; i < code.length; i++) for (const ch of alphabet) tryAdd(code.slice(0, i) + ch + code.slice(i + 1));
  for (let i = 0; i < code.length; i++) tryAdd(code.slice(0, i) + code.slice(i + 1));
  for (let i = 0; i <= code.length; i++) for (const ch of alphabet) tryAdd(code.slice(0, i) + ch + code.slice(i));
  // edits near the end first (a digit slipped in the subcategory), the first character (code family) last
  const firstDiff = (c: string) => {
    let i = 0;
    while (i < c.length && c[i] === code[i]) i++;
    return i;
  };
  return [...out].sort((a, b) => firstDiff(b) - firstDiff(a) || a.length - b.length).slice(0, limit);
}
