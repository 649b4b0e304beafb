import { FeedBatch } from '@app/store/feed';
import { StreamHandler, StuckStreamError } from '@app/store/sink';
import { deferred, settle } from '../support/async';
import { batchOf } from '../support/events';
import { setup } from '../support/scheduler-setup';

const OTHER_BATCHES = 30;
/** The position after the last batch fed by `feedBehindPoison`. */
const LAST_POSITION = 2 + OTHER_BATCHES;

/**
 * A handler that throws for Poison-1 while `poisoned` is set and completes every other stream at once. Resolves
 * `allOthersHandled` once every stream but Poison-1 of `feedBehindPoison` is handled.
 */
function poisonableHandler() {
  const state = { poisoned: true, handled: [] as string[] };
  const allOthersHandled = deferred();
  const handler: StreamHandler<string> = async (streamName, events) => {
    if (streamName === 'Poison-1' && state.poisoned) throw new Error('poison');
    state.handled.push(streamName);
    if (state.handled.length === OTHER_BATCHES + 1) allOthersHandled.resolve();
    return { outcome: 'ok', version: events[events.length - 1].position + 1 };
  };
  return { state, handler, allOthersHandled: allOthersHandled.promise };
}

/** One healthy batch, the batch of Poison-1, then OTHER_BATCHES batches of other streams, fed as capacity allows. */
async function feedBehindPoison(scheduler: ReturnType<typeof setup>['scheduler'], onIngested: () => void): Promise<void> {
  const batches = [
    batchOf(0, ['Before-1', 0]),
    batchOf(1, ['Poison-1', 0]),
    ...Array.from({ length: OTHER_BATCHES }, (_, i) => batchOf(2 + i, [`Other${i}-1`, 0])),
  ];
  for (const batch of batches) {
    await scheduler.awaitCapacity();
    scheduler.ingest(batch);
    onIngested();
  }
}

describe('StreamScheduler read-ahead', () => {
  it('holds the source back while maxReadAhead batches are incomplete, and lets it on when one completes', async () => {
    const { handler, scheduler } = setup({ maxReadAhead: 2 });
    await scheduler.awaitCapacity();
    scheduler.ingest(batchOf(0, ['A-1', 0]));
    await scheduler.awaitCapacity();
    scheduler.ingest(batchOf(1, ['B-1', 0]));

    let released = false;
    const capacity = scheduler.awaitCapacity().then(() => (released = true));
    const a = await handler.next();
    await handler.next();
    await settle();
    expect(released).toBe(false);

    a.reach();
    await capacity;
    expect(scheduler.status().batchesBuffered).toBe(1);
  });

  it('lets the source on when a stream that holds it back fails, and holds it back again when it recovers', async () => {
    const { handler, scheduler, timers } = setup({ maxReadAhead: 1 });
    scheduler.ingest(batchOf(0, ['A-1', 0]));
    let released = false;
    const capacity = scheduler.awaitCapacity().then(() => (released = true));
    (await handler.next()).fail();
    await capacity;
    expect(scheduler.status()).toMatchObject({ batchesBuffered: 1, batchesHoldingReadAhead: 0 });

    scheduler.ingest(batchOf(1, ['A-1', 1]));
    expect(released).toBe(true);
    timers.fireNext();
    const retried = await handler.next();
    retried.reach(1);
    await settle();
    expect(scheduler.status()).toMatchObject({ batchesBuffered: 1, batchesHoldingReadAhead: 1 });
  });

  describe('behind a stream whose handler keeps failing (issue 7)', () => {
    async function runBehindPoison() {
      const poison = poisonableHandler();
      const { scheduler, timers, completed } = setup({ maxReadAhead: 2, handler: poison.handler });
      const reported: FeedBatch[] = [];
      scheduler.onBatchCompleted((batch) => reported.push(batch));
      const stuck = new Promise<StuckStreamError>((resolve) => scheduler.onStreamStuck(resolve));
      let mostRecordsRetained = 0;
      const feeding = feedBehindPoison(scheduler, () => {
        mostRecordsRetained = Math.max(mostRecordsRetained, scheduler.status().batchRecords);
      });
      const retrying = (async () => {
        for (let retry = 1; retry <= 3; retry++) {
          await timers.untilPending();
          timers.fireNext();
        }
      })();
      await Promise.all([feeding, retrying, poison.allOthersHandled]);
      return { ...poison, scheduler, timers, completed, reported, stuck: await stuck, mostRecordsRetained };
    }

    it('handles every other stream, reports the failing one stuck and never reports past its batch', async () => {
      const { state, scheduler, completed, stuck } = await runBehindPoison();

      expect(new Set(state.handled).size).toBe(OTHER_BATCHES + 1);
      expect(stuck.stream.streamName).toBe('Poison-1');
      expect(scheduler.status().stuck).toEqual([expect.objectContaining({ streamName: 'Poison-1', attempts: 4 })]);
      expect(completed).toEqual([1]);
    });

    it('keeps a position per run of completed batches behind it, not the batches', async () => {
      const { scheduler, mostRecordsRetained } = await runBehindPoison();

      expect(mostRecordsRetained).toBeLessThanOrEqual(4);
      expect(scheduler.status()).toMatchObject({
        batchesBuffered: OTHER_BATCHES + 1,
        batchesHoldingReadAhead: 0,
        batchRecords: 2,
        eventsBuffered: 1,
        streamsBuffered: 1,
      });
    });

    it('once the stream succeeds, moves the checkpoint past its batch straight to the last completed one', async () => {
      const { state, scheduler, timers, completed, reported } = await runBehindPoison();
      const caughtUp = new Promise<void>((resolve) =>
        scheduler.onBatchCompleted((batch) => batch.nextPosition === LAST_POSITION && resolve()),
      );

      state.poisoned = false;
      timers.fireNext();
      await caughtUp;

      expect(completed).toEqual([1, 2, LAST_POSITION]);
      expect(reported.map((batch) => batch.events)).toEqual([[], [], []]);
      expect(scheduler.status()).toMatchObject({ batchesBuffered: 0, batchRecords: 0, eventsBuffered: 0, stuck: [] });
    });
  });
});
