/** What Linux's /proc says of a child process, for the benches that drive the language server. */
import { readFileSync } from 'node:fs';

/** CPU time (user + system) a process has used, in ms */
export function cpuOf(pid: number | undefined): number | undefined {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}
