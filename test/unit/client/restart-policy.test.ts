import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestartPolicy, serverGone } from '../../../client/src/restart-policy';

test('a crashing server is restarted a bounded number of times, then left stopped', () => {
  let now = 0;
  const p = new RestartPolicy(3, 180_000, () => now);
  const seen = [1, 2, 3, 4].map(() => ((now += 1000), p.crashed()));
  assert.deepEqual(seen, ['restart', 'restart', 'restart', 'stop']);
  // crashes long apart are not a crash loop
  now += 10 * 60_000;
  assert.equal(p.crashed(), 'restart');
  p.reset();
  assert.deepEqual([1, 2, 3].map(() => p.crashed()), ['restart', 'restart', 'restart']);
});

test('writes to a server that has gone are told from other transport errors (they must not shut the client down)', () => {
  const closed = Object.assign(new Error('Channel closed'), { code: 'ERR_IPC_CHANNEL_CLOSED' });
  assert.equal(serverGone(closed), true);
  assert.equal(serverGone(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })), true);
  assert.equal(serverGone(new Error('Channel closed')), true);
  assert.equal(serverGone(new Error('Header must provide a Content-Length property.')), false);
  assert.equal(serverGone(undefined), false);
  assert.equal(serverGone('Channel closed'), false);
});
