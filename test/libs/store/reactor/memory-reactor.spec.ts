import { AppendResult } from '@app/store/core';
import { MemoryStore } from '@app/store/memory/memory-store';
import { ReactorStoppedError, startMemoryReactor } from '@app/store/reactor';
import { StuckStreamError } from '@app/store/sink';
import { settle } from '../support/async';
import { ControlledHandler } from '../support/handler-calls';
import { ManualTimers } from '../support/manual-timers';

async function append(store: MemoryStore, streamName: string, type = 'Happened'): Promise<AppendResult> {
  const version = (await store.readStream(streamName)).length;
  return store.appendToStream(streamName, version, [{ id: `${streamName}@${version}`, type, data: {} }]);
}

/** Tracks whether a promise has settled, without awaiting it. */
function watch(promise: Promise<void>) {
  const state = { settled: false, error: undefined as unknown };
  promise.then(
    () => (state.settled = true),
    (error: unknown) => {
      state.settled = true;
      state.error = error;
    },
  );
  return state;
}

describe('startMemoryReactor', () => {
  const reactors: Array<{ stop(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(reactors.splice(0).map((r) => r.stop()));
  });

  function start(store: MemoryStore, handler: ControlledHandler, timers = new ManualTimers()) {
    const reactor = startMemoryReactor(store, {
      category: 'Group',
      sink: { handler: handler.handle, stuckThreshold: 1, retry: { baseMs: 10, maxMs: 10, jitter: 0 } },
      statsIntervalMs: 0,
      timers,
    });
    reactors.push(reactor);
    return reactor;
  }

  it('awaitCompletion resolves at once when nothing was written', async () => {
    const reactor = start(new MemoryStore(), new ControlledHandler('ok'));
    await expect(reactor.awaitCompletion()).resolves.toBeUndefined();
  });

  it('awaitCompletion resolves exactly when the reactions to the writes made before the call complete', async () => {
    const store = new MemoryStore();
    const handler = new ControlledHandler('ok');
    const reactor = start(store, handler);
    await append(store, 'Group-1');
    await append(store, 'Group-2');
    await append(store, 'Other-1');

    const wait = watch(reactor.awaitCompletion());
    const [first, second] = [await handler.next(), await handler.next()];
    first.reach();
    await settle();
    expect(wait.settled).toBe(false);

    second.reach();
    await settle();
    expect(wait).toEqual({ settled: true, error: undefined });
  });

  it('does not wait for what the handlers write meanwhile', async () => {
    const store = new MemoryStore();
    const handler = new ControlledHandler('ok');
    const reactor = start(store, handler);
    await append(store, 'Group-1');

    const wait = reactor.awaitCompletion();
    const call = await handler.next();
    await append(store, 'Group-2');
    call.reach();
    await wait;

    const followOn = await handler.next();
    expect(followOn.streamName).toBe('Group-2');
    followOn.reach();
  });

  it('drops a handler’s own follow-on events when its returned version covers them', async () => {
    const store = new MemoryStore();
    const handler = new ControlledHandler('Merged');
    const reactor = start(store, handler);
    await append(store, 'Group-1', 'StaysSelected');
    const wait = reactor.awaitCompletion();

    const call = await handler.next();
    const { version } = await append(store, 'Group-1', 'StaysMerged');
    call.reach(version);
    await wait;
    await reactor.awaitCompletion();

    expect(handler.calls).toHaveLength(1);
    expect(reactor.status()).toMatchObject({
      eventsBuffered: 0,
      batchesBuffered: 0,
      completedPosition: 2,
      outcomes: { completed: 1, failed: 0, byOutcome: { Merged: 1 } },
    });
  });

  it('awaitCompletion rejects with the stuck stream instead of hanging', async () => {
    const store = new MemoryStore();
    const handler = new ControlledHandler('ok');
    const timers = new ManualTimers();
    const reactor = start(store, handler, timers);
    await append(store, 'Group-1');
    const wait = reactor.awaitCompletion();

    (await handler.next()).fail(new Error('poison'));
    await timers.untilPending();
    timers.fireNext();
    (await handler.next()).fail(new Error('poison again'));

    await expect(wait).rejects.toThrow(StuckStreamError);
    await expect(wait).rejects.toThrow(/Group-1 is stuck: 2 consecutive attempts failed.*poison again/);
    await expect(reactor.awaitCompletion()).rejects.toThrow(StuckStreamError);
    expect(reactor.status().stuck).toEqual([
      expect.objectContaining({ streamName: 'Group-1', attempts: 2, lastError: 'Error: poison again' }),
    ]);
  });

  it('awaitCompletion rejects when the reactor stops first', async () => {
    const store = new MemoryStore();
    const handler = new ControlledHandler('ok');
    const reactor = start(store, handler);
    await append(store, 'Group-1');
    await append(store, 'Group-2');
    const wait = reactor.awaitCompletion();
    (await handler.next()).reach();
    const inFlight = await handler.next();

    const stopping = reactor.stop({ drainTimeoutMs: 1_000 });
    inFlight.fail();
    await stopping;
    await expect(wait).rejects.toThrow(ReactorStoppedError);
    await expect(reactor.awaitCompletion()).rejects.toThrow(ReactorStoppedError);
    expect(reactor.status().state).toBe('stopped');
  });
});
