import { realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Where a path setting's value was set. A workspace (a repository someone cloned) may only name files inside its
 * own folders, and only when it is trusted; the user's own settings may name any absolute path.
 */
export type SettingScope = 'user' | 'workspace';

export interface PathContext {
  scope: SettingScope;
  trusted: boolean;
  /** local paths of the workspace folders */
  folders: string[];
}

export type ResolvedPath = { ok: true; path: string } | { ok: false; ignored: string };

/**
 * Resolves a file path setting (clinicalCodes.cptDescriptorsFile, clinicalCodes.policyFiles) or says why it is
 * ignored. A file that does not exist yet resolves (its reader reports it); a symbolic link counts where it points.
 */
export async function resolveSettingPath(setting: string, value: string, ctx: PathContext): Promise<ResolvedPath> {
  if (ctx.scope === 'user') {
    const p = value.startsWith('~/') ? resolve(homedir(), value.slice(2)) : value;
    if (!isAbsolute(p)) {
      return { ok: false, ignored: `${setting} "${value}" is ignored: set in your user settings, a relative path would be resolved against whatever folder is open (so a repository could supply the file); use an absolute path or ~/…` };
    }
    return { ok: true, path: resolve(p) };
  }
  if (!ctx.trusted) return { ok: false, ignored: untrustedReason(setting) };
  if (!ctx.folders.length && !isAbsolute(value)) return { ok: false, ignored: `${setting} "${value}" is ignored: a relative path needs a workspace folder` };
  const path = isAbsolute(value) ? resolve(value) : resolve(ctx.folders[0], value);
  const real = await realpath(path).catch(() => path);
  for (const folder of ctx.folders) {
    const root = await realpath(folder).catch(() => resolve(folder));
    const rel = relative(root, real);
    if (rel && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)) return { ok: true, path };
  }
  return { ok: false, ignored: `${setting} "${value}" is ignored: set by the workspace, it may only name a file inside the workspace folders (set it in your user settings to use a file elsewhere)` };
}

/** Why a path setting of an untrusted workspace is not used (the file is never read). */
export function untrustedReason(setting: string): string {
  // policy packs are off in an untrusted workspace whoever names them
  if (setting === 'clinicalCodes.policyFiles') return `${setting} is ignored: the workspace is not trusted, so only the bundled payer policy packs apply (trust the workspace to use it)`;
  return `${setting} is ignored: the workspace sets it and is not trusted (trust the workspace, or set it in your user settings)`;
}
