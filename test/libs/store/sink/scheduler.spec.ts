import { StuckStreamError } from '@app/store/sink';
import { settle } from '../support/async';
import { batchOf } from '../support/events';
import { setup } from '../support/scheduler-setup';

describe('StreamScheduler', () => {
  describe('dispatch', () => {
    it('keeps one handler call in flight per stream and hands the next call everything buffered meanwhile', async () => {
      const { handler, scheduler } = setup();
      scheduler.ingest(batchOf(0, ['A-1', 0]));
      const first = await handler.next();
      scheduler.ingest(batchOf(1, ['A-1', 1]));
      scheduler.ingest(batchOf(2, ['A-1', 2], ['B-1', 0]));
      const other = await handler.next();
      await settle();

      expect(other.streamName).toBe('B-1');
      expect(handler.waiting).toBe(0);
      first.reach();
      const second = await handler.next();
      expect(second.streamName).toBe('A-1');
      expect(second.positions).toEqual([1, 2]);
    });

    it('runs at most maxConcurrentStreams handlers at once, starting the next stream as one finishes', async () => {
      const { handler, scheduler } = setup({ maxConcurrentStreams: 2 });
      scheduler.ingest(batchOf(0, ['A-1', 0], ['B-1', 0], ['C-1', 0]));
      const a = await handler.next();
      const b = await handler.next();
      await settle();
      expect([a.streamName, b.streamName]).toEqual(['A-1', 'B-1']);
      expect(handler.waiting).toBe(0);
      expect(scheduler.status().streamsInFlight).toBe(2);

      b.reach();
      expect((await handler.next()).streamName).toBe('C-1');
      expect(scheduler.status().streamsInFlight).toBe(2);
    });
  });

  describe('the version a handler returns', () => {
    it('drops the buffered events below it, and completes their batches', async () => {
      const { handler, scheduler, completed } = setup();
      scheduler.ingest(batchOf(0, ['A-1', 0]));
      const call = await handler.next();
      scheduler.ingest(batchOf(1, ['A-1', 1], ['A-1', 2]));

      call.reach(3);
      await settle();

      expect(handler.calls).toHaveLength(1);
      expect(completed).toEqual([1, 3]);
      expect(scheduler.status()).toMatchObject({ eventsBuffered: 0, batchesBuffered: 0 });
    });

    it('discards events below it on arrival: a batch of only those completes at once', async () => {
      const { handler, scheduler, completed } = setup();
      scheduler.ingest(batchOf(0, ['A-1', 0]));
      (await handler.next()).reach(3);
      await settle();

      scheduler.ingest(batchOf(1, ['A-1', 1], ['A-1', 2]));
      scheduler.ingest(batchOf(3, ['A-1', 3]));

      expect(completed).toEqual([1, 3]);
      expect((await handler.next()).positions).toEqual([3]);
    });

    it('never moves the write position back', async () => {
      const { handler, scheduler, timers, completed } = setup();
      scheduler.ingest(batchOf(0, ['A-1', 0]));
      (await handler.next()).reach(5);
      scheduler.ingest(batchOf(1, ['A-1', 5], ['A-1', 6]));
      (await handler.next()).reach(2);
      await timers.untilPending();

      scheduler.ingest(batchOf(3, ['A-1', 3], ['A-1', 4]));
      expect(scheduler.status().eventsBuffered).toBe(2);
      timers.fireNext();
      const retried = await handler.next();
      expect(retried.positions).toEqual([5, 6]);
      retried.reach();
      await settle();
      expect(completed).toEqual([1, 3, 5]);
    });

    it('re-dispatches a stream at once when the version passed some but not all of its events', async () => {
      const { handler, scheduler, completed } = setup();
      scheduler.ingest(batchOf(0, ['A-1', 0], ['A-1', 1]));
      (await handler.next()).reach(1);

      const again = await handler.next();
      expect(again.positions).toEqual([1]);
      expect(completed).toEqual([]);
      again.reach();
      await settle();
      expect(completed).toEqual([2]);
    });

    it('retries after a backoff when the version passed none of its events (a stale read)', async () => {
      const { handler, scheduler, timers } = setup();
      scheduler.ingest(batchOf(0, ['A-1', 0]));
      (await handler.next()).reach(0);
      await timers.untilPending();
      expect(handler.waiting).toBe(0);

      timers.fireNext();
      const retried = await handler.next();
      expect(retried.positions).toEqual([0]);
      expect(scheduler.status().outcomes).toMatchObject({ completed: 1, failed: 0 });
    });

    it('counts a result without a valid version as a failure', async () => {
      const { handler, scheduler, timers } = setup();
      scheduler.ingest(batchOf(0, ['A-1', 0]));
      (await handler.next()).result.resolve({ outcome: 'ok', version: Number.NaN });
      await timers.untilPending();
      expect(scheduler.status().outcomes).toMatchObject({ completed: 0, failed: 1 });
    });
  });

  describe('batch completion (the checkpoint)', () => {
    it('reports batches in feed order, only once each one and all before it are complete', async () => {
      const { handler, scheduler, completed } = setup();
      scheduler.ingest(batchOf(0, ['A-1', 0]));
      scheduler.ingest(batchOf(1, ['B-1', 0], ['A-1', 1]));
      scheduler.ingest(batchOf(3, ['C-1', 0]));
      const [a, b, c] = [await handler.next(), await handler.next(), await handler.next()];

      c.reach();
      b.reach();
      await settle();
      expect(completed).toEqual([]);

      a.reach(1);
      await settle();
      expect(completed).toEqual([1]);

      (await handler.next()).reach();
      await settle();
      expect(completed).toEqual([1, 3, 4]);
    });

    it('completes an empty batch (a page with nothing to do) in its turn', async () => {
      const { handler, scheduler, completed } = setup();
      scheduler.ingest(batchOf(0, ['A-1', 0]));
      scheduler.ingest({ events: [], nextPosition: 7 });
      expect(completed).toEqual([]);
      (await handler.next()).reach();
      await settle();
      expect(completed).toEqual([1, 7]);
    });
  });

  describe('failures', () => {
    it('retries a failing stream with capped exponential backoff while other streams keep flowing', async () => {
      const { handler, scheduler, timers } = setup({ stuckThreshold: 10 });
      scheduler.ingest(batchOf(0, ['A-1', 0]));
      (await handler.next()).fail();
      await timers.untilPending();
      scheduler.ingest(batchOf(1, ['B-1', 0]));
      const b = await handler.next();
      expect(b.streamName).toBe('B-1');
      b.reach();

      const delays: number[] = [];
      for (let attempt = 2; attempt <= 6; attempt++) {
        delays.push(...timers.pendingDelays());
        timers.fireNext();
        (await handler.next()).fail();
        await timers.untilPending();
      }
      delays.push(...timers.pendingDelays());
      expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    });

    it('spreads the delays with jitter drawn from the injected random source', async () => {
      const { handler, scheduler, timers } = setup({
        retry: { baseMs: 100, maxMs: 1_000, jitter: 0.5 },
        random: () => 0.25,
      });
      scheduler.ingest(batchOf(0, ['A-1', 0]));
      (await handler.next()).fail();
      await timers.untilPending();
      timers.fireNext();
      (await handler.next()).fail();
      await timers.untilPending();
      expect(timers.pendingDelays()).toEqual([125]);
    });

    it('keeps the events of a failed call buffered and passes them, and what came meanwhile, to the retry', async () => {
      const { handler, scheduler, timers } = setup();
      scheduler.ingest(batchOf(0, ['A-1', 0]));
      (await handler.next()).fail();
      await timers.untilPending();
      scheduler.ingest(batchOf(1, ['A-1', 1]));
      await settle();
      expect(handler.waiting).toBe(0);

      timers.fireNext();
      expect((await handler.next()).positions).toEqual([0, 1]);
    });

    it('reports a stream stuck once it failed more than stuckThreshold times in a row, logs it once and keeps retrying', async () => {
      const { handler, scheduler, timers, logger } = setup({ stuckThreshold: 2 });
      const stuck: StuckStreamError[] = [];
      scheduler.onStreamStuck((e) => stuck.push(e));
      scheduler.ingest(batchOf(0, ['A-1', 0]));

      for (let attempt = 1; attempt <= 2; attempt++) {
        (await handler.next()).fail(new Error(`boom ${attempt}`));
        await timers.untilPending();
        timers.fireNext();
      }
      expect(scheduler.status().stuck).toEqual([]);
      (await handler.next()).fail(new Error('boom 3'));
      await timers.untilPending();

      expect(scheduler.status().stuck).toEqual([
        { streamName: 'A-1', attempts: 3, lastError: 'Error: boom 3', since: expect.any(Date) },
      ]);
      expect(stuck.map((e) => e.stream.streamName)).toEqual(['A-1']);
      expect(logger.lines.error).toHaveLength(1);
      expect(logger.lines.error[0]).toContain('A-1 is stuck');

      timers.fireNext();
      (await handler.next()).fail(new Error('boom 4'));
      await timers.untilPending();
      expect(logger.lines.error).toHaveLength(1);
      expect(logger.lines.warn).toHaveLength(2);
      expect(stuck).toHaveLength(1);
      expect(scheduler.status().stuck[0]).toMatchObject({ attempts: 4, lastError: 'Error: boom 4' });
      expect(scheduler.stuckError()).toBeInstanceOf(StuckStreamError);

      timers.fireNext();
      (await handler.next()).reach();
      await settle();
      expect(scheduler.status().stuck).toEqual([]);
      expect(logger.lines.log.some((l) => l.includes('A-1 recovered'))).toBe(true);
    });
  });

  describe('stats and shutdown', () => {
    it('counts outcomes by name', async () => {
      const { handler, scheduler, timers } = setup();
      scheduler.ingest(batchOf(0, ['A-1', 0], ['B-1', 0], ['C-1', 0]));
      (await handler.next()).reach(undefined, 'Merged');
      (await handler.next()).reach(undefined, 'Noop');
      (await handler.next()).fail();
      await timers.untilPending();
      expect(scheduler.status().outcomes).toEqual({ completed: 2, failed: 1, byOutcome: { Merged: 1, Noop: 1 } });
    });

    it('pause stops dispatching and waits for the calls in flight', async () => {
      const { handler, scheduler, timers } = setup({ maxConcurrentStreams: 1 });
      scheduler.ingest(batchOf(0, ['A-1', 0], ['B-1', 0]));
      const a = await handler.next();
      let drained: boolean | undefined;
      const pausing = scheduler.pause(1_000).then((d) => (drained = d));
      await settle();
      expect(drained).toBeUndefined();

      a.reach();
      await pausing;
      expect(drained).toBe(true);
      await settle();
      expect(handler.calls).toHaveLength(1);
      expect(timers.pendingDelays()).toEqual([]);
    });

    it('pause gives up waiting after its timeout', async () => {
      const { handler, scheduler, timers } = setup();
      scheduler.ingest(batchOf(0, ['A-1', 0]));
      await handler.next();
      const pausing = scheduler.pause(500);
      await timers.untilPending();
      timers.advance(500);
      expect(await pausing).toBe(false);
    });

    it('forgets the write positions of the oldest idle streams beyond idleStreamCapacity', async () => {
      const { handler, scheduler } = setup({ idleStreamCapacity: 1 });
      scheduler.ingest(batchOf(0, ['A-1', 0]));
      (await handler.next()).reach(3);
      scheduler.ingest(batchOf(1, ['B-1', 0]));
      (await handler.next()).reach(3);
      await settle();

      scheduler.ingest(batchOf(2, ['B-1', 1], ['A-1', 1]));
      const call = await handler.next();
      await settle();
      expect(call.streamName).toBe('A-1');
      expect(handler.waiting).toBe(0);
    });
  });
});
