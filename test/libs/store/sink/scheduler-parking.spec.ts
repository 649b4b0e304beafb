import { ParkedStream } from '@app/store/sink';
import { deferred, settle } from '../support/async';
import { batchOf } from '../support/events';
import { setup } from '../support/scheduler-setup';

/** A scheduler that parks after `parkAfter` failed attempts, with a park callback the test answers. */
function parkingSetup(parkAfter: number) {
  const parked: ParkedStream[] = [];
  let answer = deferred();
  const context = setup({
    parkAfter,
    park: async (stream) => {
      await answer.promise;
      parked.push(stream);
    },
  });
  return {
    ...context,
    parked,
    recordParking: () => answer.resolve(),
    failParking: () => {
      answer.reject(new Error('checkpoint database down'));
      answer = deferred();
    },
  };
}

async function failAttempts(context: ReturnType<typeof parkingSetup>, count: number): Promise<void> {
  for (let attempt = 1; attempt <= count; attempt++) {
    (await context.handler.next()).fail(new Error(`boom ${attempt}`));
    if (attempt < count) {
      await context.timers.untilPending();
      context.timers.fireNext();
    }
  }
  await settle();
}

describe('StreamScheduler parking', () => {
  it('by default (parkAfter 0) retries a failing stream forever and holds the checkpoint back', async () => {
    const { handler, scheduler, timers, completed } = setup({ stuckThreshold: 2 });
    scheduler.ingest(batchOf(0, ['A-1', 0], ['B-1', 0]));
    for (let attempt = 0; attempt < 10; attempt++) {
      const call = await handler.next();
      if (call.streamName === 'B-1') call.reach();
      else call.fail();
      if (call.streamName === 'A-1') {
        await timers.untilPending();
        timers.fireNext();
      }
    }
    expect(completed).toEqual([]);
    expect(scheduler.status().stuck.map((s) => s.streamName)).toEqual(['A-1']);
  });

  it('records a stream failing parkAfter times in a row, then skips its events so the batches complete', async () => {
    const context = parkingSetup(3);
    const { handler, scheduler, completed, parked, timers } = context;
    scheduler.ingest(batchOf(0, ['A-1', 0], ['B-1', 0]));
    scheduler.ingest(batchOf(2, ['A-1', 1]));
    const first = await handler.next();
    expect(first.streamName).toBe('A-1');
    (await handler.next()).reach();
    first.fail(new Error('boom 1'));
    await timers.untilPending();
    timers.fireNext();
    (await handler.next()).fail(new Error('boom 2'));
    await timers.untilPending();
    timers.fireNext();
    (await handler.next()).fail(new Error('boom 3'));
    await settle();

    expect(completed).toEqual([]);
    expect(timers.pendingDelays()).toEqual([]);
    expect(scheduler.status().streamsInFlight).toBe(1);
    context.recordParking();
    await settle();

    expect(parked).toEqual([
      {
        streamName: 'A-1',
        attempts: 3,
        lastError: 'Error: boom 3',
        parkedAt: expect.any(Date),
        fromVersion: 0,
        toVersion: 1,
        lastGlobalPosition: 2,
      },
    ]);
    expect(completed).toEqual([2, 3]);
    expect(scheduler.status()).toMatchObject({ stuck: [], streamsBackingOff: 0, streamsInFlight: 0, eventsBuffered: 0 });
    expect(context.logger.lines.error.some((line) => line.includes('Parked A-1 after 3 failed attempts'))).toBe(true);
  });

  it('handles events that arrive after parking afresh, and skips none of them', async () => {
    const context = parkingSetup(1);
    const { handler, scheduler, completed } = context;
    scheduler.ingest(batchOf(0, ['A-1', 0]));
    context.recordParking();
    await failAttempts(context, 1);
    expect(completed).toEqual([1]);

    scheduler.ingest(batchOf(1, ['A-1', 1]));
    const next = await handler.next();
    expect(next.positions).toEqual([1]);
    next.reach();
    await settle();
    expect(completed).toEqual([1, 2]);
  });

  it('keeps a stream failing, and retries it after a backoff, when recording it as parked fails', async () => {
    const context = parkingSetup(2);
    const { handler, scheduler, completed, timers, parked } = context;
    scheduler.ingest(batchOf(0, ['A-1', 0]));
    await failAttempts(context, 2);
    context.failParking();
    await settle();

    expect(parked).toEqual([]);
    expect(completed).toEqual([]);
    expect(context.logger.lines.error.some((line) => line.includes('Could not park A-1'))).toBe(true);
    await timers.untilPending();
    timers.fireNext();
    context.recordParking();
    (await handler.next()).fail(new Error('boom 3'));
    await settle();
    expect(parked.map((p) => p.attempts)).toEqual([3]);
    expect(completed).toEqual([1]);
  });

  it('refuses a parkAfter without a park callback, and a negative one', () => {
    expect(() => setup({ parkAfter: 2 })).toThrow('parkAfter needs a park callback');
    expect(() => setup({ parkAfter: -1, park: async () => undefined })).toThrow('parkAfter must be a non-negative integer');
  });
});
