import { readFile, stat } from 'node:fs/promises';
import { parsePolicyPack, type PolicyPack } from '../engine';

/** A pack is a small JSON file; a FIFO, a device or a huge file in its place must not hang or fill memory. */
const MAX_PACK_BYTES = 1024 * 1024;

export type PolicyFile = { ok: true; pack: PolicyPack } | { ok: false; unreadable: string } | { ok: false; problems: string[]; text: string };

/** Reads and validates one payer policy pack file, for the CLI's --policy and the server's workspace packs. */
export async function readPolicyFile(path: string): Promise<PolicyFile> {
  let text: string;
  try {
    const s = await stat(path);
    if (!s.isFile()) return { ok: false, unreadable: 'not a regular file' };
    if (s.size > MAX_PACK_BYTES) return { ok: false, unreadable: `${(s.size / 1048576).toFixed(1)} MB, over the 1 MB a pack may have` };
    text = await readFile(path, 'utf8');
  } catch (e) {
    return { ok: false, unreadable: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
  }
  const r = parsePolicyPack(text, path);
  return r.ok ? { ok: true, pack: r.pack } : { ok: false, problems: r.problems, text };
}
