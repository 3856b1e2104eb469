import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Emitter, type DataCallback, type Message, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';
import { Foreground } from '../../../server/src/lsp/foreground';

/** A reader the test feeds by hand and a writer whose writes land when the test says. */
function wire(f: Foreground) {
  const errors = new Emitter<Error>();
  let deliver: DataCallback = () => undefined;
  const inner: MessageReader = {
    onError: errors.event,
    onClose: new Emitter<void>().event,
    onPartialMessage: new Emitter<never>().event,
    listen: (cb) => ((deliver = cb), { dispose: () => undefined }),
    dispose: () => undefined,
  };
  const landed: (() => void)[] = [];
  const out: MessageWriter = {
    onError: new Emitter<never>().event,
    onClose: new Emitter<void>().event,
    write: () => new Promise<void>((resolve) => landed.push(resolve)),
    end: () => undefined,
    dispose: () => undefined,
  };
  const reader = f.reader(inner);
  const writer = f.writer(out);
  const received: Message[] = [];
  reader.listen((m) => received.push(m));
  return { deliver: (m: Message) => deliver(m), fail: () => errors.fire(new Error('not JSON')), writer, landed, received };
}

/** Whether `p` settles within a few turns of the event loop (far less than the 100 ms cap on a wait). */
async function settlesSoon(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 20 && !done; i++) await new Promise((resolve) => setImmediate(resolve));
  return done;
}

const hover = { jsonrpc: '2.0', id: 7, method: 'textDocument/hover', params: {} } as Message;
const answer = { jsonrpc: '2.0', id: 7, result: null } as Message;

test('an analysis turn waits while a request is in flight, and goes on once its answer is written', async () => {
  const f = new Foreground();
  const w = wire(f);
  assert.equal(await settlesSoon(f.yieldTo()), true, 'nothing in flight: the turn is one setImmediate');
  w.deliver(hover);
  assert.equal(w.received.length, 1, 'the message is passed on');
  const turn = f.yieldTo();
  assert.equal(await settlesSoon(turn), false, 'the request is answered first');
  void w.writer.write(answer);
  assert.equal(await settlesSoon(turn), false, 'still waiting: the answer is not on the wire yet');
  w.landed.shift()!();
  assert.equal(await settlesSoon(turn), true);
  assert.equal(f.active, 0);
});

test('a frame counts from when it is read until it is decoded; one that is not JSON stops counting too', async () => {
  const f = new Foreground();
  const w = wire(f);
  f.arrived();
  const turn = f.yieldTo();
  assert.equal(await settlesSoon(turn), false, 'a frame read but not decoded yet may be a request');
  w.deliver({ jsonrpc: '2.0', method: 'textDocument/didChange', params: {} } as Message);
  assert.equal(await settlesSoon(turn), true, 'a notification is done once decoded');
  f.arrived();
  const again = f.yieldTo();
  assert.equal(await settlesSoon(again), false);
  w.fail();
  assert.equal(await settlesSoon(again), true);
});

test('a request parked on an analysis lets it run, and counts again when it resumes', async () => {
  const f = new Foreground();
  const w = wire(f);
  w.deliver(hover);
  let finish!: () => void;
  const analysis = new Promise<void>((resolve) => (finish = resolve));
  const parked = f.park(analysis);
  assert.equal(f.active, 0);
  assert.equal(await settlesSoon(f.yieldTo()), true, 'the analysis it waits for takes its slices');
  finish();
  await parked;
  assert.equal(f.active, 1, 'resumed: the request is in flight again');
  assert.equal(await settlesSoon(f.yieldTo()), false);
});

test('miscounts only make analyses wait less: a park outside any request, an answer to nothing', async () => {
  const f = new Foreground();
  const w = wire(f);
  const outside = f.park(new Promise<void>(() => undefined));
  assert.ok(f.active < 0);
  w.deliver(hover);
  assert.equal(await settlesSoon(f.yieldTo()), true, 'a park outside a request hides one in flight, never blocks');
  void outside;
  const g = new Foreground();
  const v = wire(g);
  void v.writer.write(answer);
  v.landed.shift()!();
  await settlesSoon(Promise.resolve());
  assert.equal(g.active, 0, 'clamped at zero');
  v.deliver(hover);
  assert.equal(await settlesSoon(g.yieldTo()), false, 'a later request still counts');
});
