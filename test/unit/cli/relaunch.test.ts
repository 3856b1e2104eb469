import { test } from 'node:test';
import assert from 'node:assert/strict';
import { relaunchSettings, RELAUNCHED } from '../../../server/src/cli/relaunch';
import { SERVER_ENV_LINUX, SERVER_EXEC_ARGV, serverEnv } from '../../../server/src/protocol';

const linux = (env: Record<string, string> = {}, execArgv: string[] = []) => ({ platform: 'linux', execArgv, env });

test('on Linux the CLI lacks the server\'s flags and glibc setting, and marks the child', () => {
  assert.deepEqual(relaunchSettings(linux()), { execArgv: [...SERVER_EXEC_ARGV], env: { ...SERVER_ENV_LINUX, [RELAUNCHED]: '1' } });
});

test('what the user set is kept: only what is missing is added, nothing when all is there', () => {
  assert.deepEqual(relaunchSettings(linux({ NODE_OPTIONS: '--require x.js --max-semi-space-size=4' })), { execArgv: [], env: { ...SERVER_ENV_LINUX, [RELAUNCHED]: '1' } });
  assert.deepEqual(relaunchSettings(linux({ MALLOC_TRIM_THRESHOLD_: '65536' }, ['--max-old-space-size=300'])), { execArgv: [...SERVER_EXEC_ARGV], env: { [RELAUNCHED]: '1' } });
  assert.equal(relaunchSettings(linux({ MALLOC_TRIM_THRESHOLD_: '65536' }, ['--max-semi-space-size=16'])), undefined);
});

test('no relaunch: in the child, off Linux, under a debugger, or when turned off', () => {
  assert.equal(relaunchSettings(linux({ [RELAUNCHED]: '1' })), undefined);
  assert.equal(relaunchSettings({ platform: 'darwin', execArgv: [], env: {} }), undefined);
  assert.equal(relaunchSettings({ platform: 'win32', execArgv: [], env: {} }), undefined);
  assert.equal(relaunchSettings(linux({}, ['--inspect=9230'])), undefined);
  assert.equal(relaunchSettings(linux({ CLINICAL_CODES_RELAUNCH: '0' })), undefined);
});

test('the server adds the glibc setting on Linux only, never over the user\'s value', () => {
  assert.deepEqual(serverEnv('linux', {}), { ...SERVER_ENV_LINUX });
  assert.deepEqual(serverEnv('linux', { MALLOC_TRIM_THRESHOLD_: '1' }), {});
  assert.deepEqual(serverEnv('darwin', {}), {});
});
