import { CategoryReader, RecordedEvent } from '@app/store/core';
import { CategorySource, CategorySourceOptions, FeedBatch, FeedSink, READ_OVERDUE_FLOOR_MS } from '@app/store/feed';
import { REACTOR_DEFAULTS } from '@app/store/reactor';
import { MemoryStore } from '@app/store/memory/memory-store';
import { Deferred, deferred, settle } from '../support/async';
import { ManualNotifier, RecordingSink } from '../support/feed-doubles';
import { ManualTimers } from '../support/manual-timers';

const HOUR = 3_600_000;

/** A reader whose every read waits for the test to answer it (or to fail it). */
class ControlledReader implements CategoryReader {
  readonly reads: Array<Deferred<RecordedEvent[]>> = [];
  private readonly waiters: Array<() => void> = [];

  readCategory(): Promise<RecordedEvent[]> {
    const read = deferred<RecordedEvent[]>();
    this.reads.push(read);
    this.waiters.splice(0).forEach((wake) => wake());
    return read.promise;
  }

  async categoryTail(): Promise<number> {
    return 0;
  }

  /** Resolves once `count` reads have started. */
  async untilReads(count: number): Promise<Deferred<RecordedEvent[]>> {
    while (this.reads.length < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.reads[count - 1];
  }
}

function source(reader: CategoryReader, options: Partial<CategorySourceOptions> = {}, sink: FeedSink = new RecordingSink()) {
  const timers = new ManualTimers();
  const feed = new CategorySource({ ...REACTOR_DEFAULTS.source, reader, category: 'Cat', startPosition: 0, batchSize: 10, tailSleepMs: 100, timers, ...options });
  const running = feed.run(sink);
  const stop = async () => {
    feed.stop();
    await running;
  };
  return { feed, timers, stop };
}

describe('CategorySource: reads overdue', () => {
  it('reports a read overdue once it has gone unanswered for longer than the floor, and not once it succeeds', async () => {
    const reader = new ControlledReader();
    const { feed, timers, stop } = source(reader, { tailSleepMs: 100 });
    const read = await reader.untilReads(1);

    timers.advance(READ_OVERDUE_FLOOR_MS);
    expect(feed.status().readOverdue).toBe(false);
    timers.advance(1);
    expect(feed.status().readOverdue).toBe(true);

    read.resolve([]);
    await timers.untilPending();
    expect(feed.status()).toMatchObject({ readOverdue: false, consecutiveReadErrors: 0 });
    await stop();
  });

  it('allows twice tailSleepMs when that is longer than the floor', async () => {
    const reader = new ControlledReader();
    const { feed, timers, stop } = source(reader, { tailSleepMs: 5_000 });
    await reader.untilReads(1);

    timers.advance(10_000);
    expect(feed.status().readOverdue).toBe(false);
    timers.advance(1);
    expect(feed.status().readOverdue).toBe(true);
    reader.reads[0].resolve([]);
    await stop();
  });

  it('stays overdue through failed reads and their backoffs, counting from the first of them', async () => {
    const reader = new ControlledReader();
    const { feed, timers, stop } = source(reader, { readRetry: { baseMs: 500, maxMs: 500, jitter: 0 } });
    const overdue: boolean[] = [];
    for (let read = 1; read <= 6; read++) {
      (await reader.untilReads(read)).reject(new Error('Query read timeout'));
      await timers.untilPending();
      overdue.push(feed.status().readOverdue!);
      timers.fireNext();
    }
    // The sixth read fails 2500 ms after the first started.
    expect(overdue).toEqual([false, false, false, false, false, true]);
    (await reader.untilReads(7)).resolve([]);
    await timers.untilPending();
    expect(feed.status().readOverdue).toBe(false);
    await stop();
  });

  it('is not overdue while it sleeps at the tail or waits for the sink, however long', async () => {
    const store = new MemoryStore();
    const atTail = source(store, { tailSleepMs: HOUR });
    await atTail.timers.untilPending();
    atTail.timers.advance(HOUR - 1);
    expect(atTail.feed.status()).toMatchObject({ atTail: true, readOverdue: false });
    await atTail.stop();

    const full: FeedSink = { awaitCapacity: () => new Promise(() => undefined), ingest: (_: FeedBatch) => undefined };
    const blocked = source(store, {}, full);
    await settle();
    blocked.timers.advance(HOUR);
    expect(blocked.feed.status().readOverdue).toBe(false);
    await blocked.stop();
  });
});

describe('CategorySource: read backoff', () => {
  it('is capped at 1 s by default, so reading resumes within about a second of the store answering', async () => {
    const reader = new ControlledReader();
    const { timers, stop } = source(reader, { random: () => 1 });
    const delays: number[] = [];
    for (let read = 1; read <= 6; read++) {
      (await reader.untilReads(read)).reject(new Error('connect ETIMEDOUT'));
      await timers.untilPending();
      delays.push(...timers.pendingDelays());
      timers.fireNext();
    }
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    (await reader.untilReads(7)).resolve([]);
    await stop();
  });

  it('is cut short when the notifier says anything may have changed (it reconnected), not by a stream hint', async () => {
    const reader = new ControlledReader();
    const notifier = new ManualNotifier();
    const { timers, stop } = source(reader, { notifier, readRetry: { baseMs: HOUR, maxMs: HOUR } });
    (await reader.untilReads(1)).reject(new Error('connection terminated'));
    await timers.untilPending();

    notifier.notify('Cat-1');
    await settle();
    expect(reader.reads).toHaveLength(1);

    notifier.notifyAnythingChanged('Cat');
    (await reader.untilReads(2)).resolve([]);
    await stop();
  });
});
