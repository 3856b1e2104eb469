import { parsePolicyPack, type PolicyPack } from '../engine';
import { readBoundedText } from './bounded-file';

/** A pack is a small JSON file; a FIFO, a device or a huge file in its place must not hang or fill memory. */
const MAX_PACK_BYTES = 1024 * 1024;

export type PolicyFile = { ok: true; pack: PolicyPack } | { ok: false; unreadable: string } | { ok: false; problems: string[]; text: string };

/** Reads and validates one payer policy pack file, for the CLI's --policy and the server's workspace packs. */
export async function readPolicyFile(path: string): Promise<PolicyFile> {
  const read = await readBoundedText(path, MAX_PACK_BYTES);
  if (!read.ok) return { ok: false, unreadable: read.reason };
  const r = parsePolicyPack(read.text, path);
  return r.ok ? { ok: true, pack: r.pack } : { ok: false, problems: r.problems, text: read.text };
}
