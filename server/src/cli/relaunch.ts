import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { constants } from 'node:os';
import { SERVER_EXEC_ARGV, serverEnv } from '../protocol';
import type { InputFile } from './check';

/**
 * The CLI checks a file this large (or larger) in a node started with the language server's settings (protocol
 * SERVER_EXEC_ARGV, serverEnv): they lower such a run's peak by 20-45 MB, and below this size the peak is far from
 * the 200 MB goal while a second start (~80 ms) would show.
 */
export const RELAUNCH_BYTES = 4 * 1024 * 1024;
/** set in the child: it runs as it is */
export const RELAUNCHED = 'CLINICAL_CODES_RELAUNCHED';
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

export interface RelaunchSettings {
  execArgv: string[];
  env: Record<string, string>;
}

interface Proc {
  platform: string;
  execArgv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * What this process lacks of those settings (V8 sizes its heap and glibc reads its tunables when a process starts:
 * nothing set later changes them), or undefined when it runs as it is: it is the child, it has them (a user's
 * NODE_OPTIONS or flags), it is not on Linux (the glibc setting; the other was not measured elsewhere), a debugger is
 * attached to it, or CLINICAL_CODES_RELAUNCH=0.
 */
export function relaunchSettings(proc: Proc = process): RelaunchSettings | undefined {
  const { env } = proc;
  if (env[RELAUNCHED] || env.CLINICAL_CODES_RELAUNCH === '0' || proc.platform !== 'linux') return undefined;
  if (proc.execArgv.some((a) => /^--(inspect|debug)/.test(a))) return undefined;
  const name = (flag: string) => flag.split('=')[0];
  const given = new Set([...proc.execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)].map(name));
  const execArgv = SERVER_EXEC_ARGV.filter((f) => !given.has(name(f)));
  const added = serverEnv(proc.platform, env);
  if (!execArgv.length && !Object.keys(added).length) return undefined;
  return { execArgv, env: { ...added, [RELAUNCHED]: '1' } };
}

/** The size of the largest regular file among the inputs (one stat each; one that cannot be read counts 0). */
export async function largestInput(files: InputFile[]): Promise<number> {
  const sizes = await Promise.all(files.map((f) => (f.size !== undefined ? f.size : stat(f.path).then((s) => (s.isFile() ? s.size : 0), () => 0))));
  return sizes.reduce((a, b) => Math.max(a, b), 0);
}

/**
 * Runs `script argv` again in a child node with `settings` on this process's stdio, and resolves to its exit status;
 * when a signal ended it, this process ends by the same signal. Signals sent to this process alone (a supervisor's
 * SIGTERM; a terminal sends SIGINT to both) are passed on. Undefined when the child could not be started: the caller
 * checks here instead.
 */
export function relaunch(script: string, argv: readonly string[], settings: RelaunchSettings): Promise<number | undefined> {
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(process.execPath, [...process.execArgv, ...settings.execArgv, script, ...argv], { stdio: 'inherit', env: { ...process.env, ...settings.env } });
    } catch {
      resolve(undefined);
      return;
    }
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const stopForwarding = () => {
      for (const s of SIGNALS) process.off(s, forward);
    };
    for (const s of SIGNALS) process.on(s, forward);
    child.on('error', () => {
      stopForwarding();
      if (child.pid === undefined) resolve(undefined);
    });
    child.on('exit', (code, signal) => {
      stopForwarding();
      if (signal) {
        process.kill(process.pid, signal);
        resolve(128 + (constants.signals[signal] ?? 0));
      } else resolve(code ?? 2);
    });
  });
}
