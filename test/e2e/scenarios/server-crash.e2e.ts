/**
 * The language server process killed (SIGKILL: a crash, as the client sees it) is restarted by the client and the
 * diagnostics come back; the third restart in three minutes is the last: a fourth crash is reported (notification
 * with Restart Server, language status "server stopped", the output) and no server is started. Restart Server from
 * the language status brings it back (and resets the count, so later scenarios start afresh).
 */
import * as assert from 'node:assert/strict';
import type { VSCode } from '../harness.js';
import { SERVER_ENV_LINUX, SERVER_EXEC_ARGV } from '../../../server/src/protocol/index.js';

export const name = 'crashed server: restarted, diagnostics return; a fourth crash in 3 minutes is reported and not restarted';
export const files = { 'crash/server-crash.note': 'Dx: M79.64\n' };
export const timeout = 90_000;

const CHANNEL = 'Clinical Codes';
const READY = /Clinical Codes: \d+ problems\. Data: ICD-10-CM/;
const STOPPED = 'the language server stopped 4 times within 3 minutes and is not restarted again';
const hasCodes = (...codes: string[]) => (s: { text: string }[]) => codes.every((c) => s.some((x) => x.text === c));

/**
 * Kill the running server and wait for the client's restart: a new process whose data has loaded (its log line is
 * in the output, so the client has its initialize answer: the next kill is not one during start-up).
 */
async function crashAndRestart(vs: VSCode): Promise<void> {
  const mark = vs.outputLog(CHANNEL).length;
  const old = await vs.killServer();
  await vs.waitForServerPids((p) => p.length === 1 && p[0] !== old, 'the restarted language server', { timeout: 30_000 });
  await vs.waitForOutputLog(CHANNEL, mark, (t) => t.includes('code data loaded from'), { timeout: 30_000 });
}

export async function fn(vs: VSCode): Promise<void> {
  await vs.openFile('crash/server-crash.note');
  await vs.waitForSquiggles('error', hasCodes('M79.64'), { timeout: 30_000 });
  const from = vs.outputLog(CHANNEL).length;

  // the client starts the server with a smaller young generation (client/src/extension.ts), restarts too
  const smallYoung = (why: string) => {
    const [pid] = vs.serverPids();
    const argv = vs.serverArgv(pid);
    const script = argv.findIndex((a) => a.endsWith('server.js'));
    // runtime options: before the script (after it, the server would only see arguments)
    assert.deepEqual(argv.slice(script - SERVER_EXEC_ARGV.length, script), SERVER_EXEC_ARGV, `${why}: ${JSON.stringify(argv)}`);
    // and glibc's trim threshold fixed (protocol serverEnv), unless the user's environment has its own
    const env = vs.serverEnv(pid);
    for (const [k, v] of Object.entries(SERVER_ENV_LINUX)) assert.equal(env[k], process.env[k] ?? v, `${why}: ${k}`);
  };
  smallYoung('the first server');
  await crashAndRestart(vs);
  smallYoung('the restarted server');
  // the new server answers: a code typed now gets its diagnostic, and the old one is back
  await vs.typeAt('Dx: M79.64', ', M79.65');
  await vs.waitForSquiggles('error', hasCodes('M79.64', 'M79.65'), { timeout: 30_000 });
  await vs.waitForLanguageStatus((a) => READY.test(a));

  // crashes 2 and 3 are restarted too; the 4th is not
  await crashAndRestart(vs);
  await crashAndRestart(vs);
  await vs.killServer();
  const shown = await vs.waitForNotifications((n) => n.some((x) => x.message.includes(STOPPED)), { timeout: 30_000 });
  assert.deepEqual(shown.find((x) => x.message.includes(STOPPED))!.buttons, ['Restart Server', 'Show Output']);
  // ours is the only notification (no "initialization failed" from a server killed while starting)
  assert.deepEqual(shown.map((x) => x.message).filter((m) => !m.includes(STOPPED)), []);
  // the client has decided (the notification says so): no server was started
  assert.deepEqual(vs.serverPids(), []);
  await vs.waitForSquiggles('error', (s) => s.length === 0);
  await vs.waitForLanguageStatus((a) => a.includes('server stopped') && a.includes(STOPPED));
  const log = await vs.waitForOutputLog(CHANNEL, from, (t) => t.includes(STOPPED));
  assert.equal(log.split('the language server stopped unexpectedly; restarting it').length - 1, 3, log);
  await vs.screenshot('server-crash-stopped');

  // Restart Server from the language status item
  await vs.clickLanguageStatusCommand('server stopped', 'Restart Server');
  await vs.waitForServerPids((p) => p.length === 1, 'the language server started again');
  await vs.waitForSquiggles('error', hasCodes('M79.64', 'M79.65'), { timeout: 30_000 });
  await vs.waitForLanguageStatus((a) => READY.test(a));
}
