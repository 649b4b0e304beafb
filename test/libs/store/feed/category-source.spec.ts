import { CategoryReader, RecordedEvent } from '@app/store/core';
import { CategorySource, CategorySourceOptions } from '@app/store/feed';
import { REACTOR_DEFAULTS } from '@app/store/reactor';
import { FeedLogger } from '@app/store/runtime';
import { MemoryStore } from '@app/store/memory/memory-store';
import { StreamScheduler } from '@app/store/sink';
import { deferred, settle } from '../support/async';
import { ManualNotifier, RecordingSink } from '../support/feed-doubles';
import { ControlledHandler } from '../support/handler-calls';
import { ManualTimers } from '../support/manual-timers';

const HOUR = 3_600_000;

async function append(store: MemoryStore, streamName: string, count = 1): Promise<void> {
  const version = (await store.readStream(streamName)).length;
  const events = Array.from({ length: count }, (_, i) => ({ id: `${streamName}@${version + i}`, type: 'Happened', data: {} }));
  await store.appendToStream(streamName, version, events);
}

function globalPositions(events: readonly RecordedEvent[]): number[] {
  return events.map((e) => e.globalPosition);
}

function source(options: Partial<CategorySourceOptions> & Pick<CategorySourceOptions, 'reader'>) {
  const timers = new ManualTimers();
  const feed = new CategorySource({ ...REACTOR_DEFAULTS.source, category: 'Cat', startPosition: 0, batchSize: 2, tailSleepMs: HOUR, timers, ...options });
  const sink = new RecordingSink();
  const running = feed.run(sink);
  const stop = async () => {
    feed.stop();
    await running;
  };
  return { feed, sink, timers: (options.timers as ManualTimers | undefined) ?? timers, stop };
}

describe('CategorySource', () => {
  it('reads the category page after page from its start position, skipping other categories', async () => {
    const store = new MemoryStore();
    await append(store, 'Cat-1', 3);
    await append(store, 'Other-1');
    await append(store, 'Cat-2', 2);
    const { sink, stop, feed, timers } = source({ reader: store, startPosition: 1 });

    const pages = [await sink.batches.next(), await sink.batches.next()];
    expect(pages.map((p) => globalPositions(p.events))).toEqual([
      [1, 2],
      [4, 5],
    ]);
    expect(pages.map((p) => p.nextPosition)).toEqual([3, 6]);
    await timers.untilPending();
    await stop();
    expect(feed.status()).toMatchObject({ readPosition: 6, atTail: true });
  });

  it('wakes at once on a notifier hint instead of sleeping out tailSleepMs', async () => {
    const store = new MemoryStore();
    const notifier = new ManualNotifier();
    const { sink, timers, stop } = source({ reader: store, notifier });
    await timers.untilPending();

    await append(store, 'Cat-1');
    notifier.notify('Cat-1');
    expect(globalPositions((await sink.batches.next()).events)).toEqual([0]);
    await stop();
    expect(notifier.subscribers('Cat')).toBe(0);
  });

  it('ignores hints for other categories', async () => {
    const store = new MemoryStore();
    const notifier = new ManualNotifier();
    const { sink, timers, stop } = source({ reader: store, notifier });
    await timers.untilPending();
    await append(store, 'Cat-1');
    notifier.notify('Other-1');
    await settle();
    expect(sink.batches.size).toBe(0);
    await stop();
  });

  it('polls every tailSleepMs when no hint comes (a lost notification)', async () => {
    const store = new MemoryStore();
    const { sink, timers, stop } = source({ reader: store, notifier: new ManualNotifier(), tailSleepMs: 100 });
    await timers.untilPending();
    await append(store, 'Cat-1');
    await settle();
    expect(sink.batches.size).toBe(0);

    timers.advance(100);
    expect(globalPositions((await sink.batches.next()).events)).toEqual([0]);
    await stop();
  });

  it('does not sleep after a read during which a hint arrived', async () => {
    const store = new MemoryStore();
    const notifier = new ManualNotifier();
    const firstRead = deferred();
    let reads = 0;
    const reader: CategoryReader = {
      readCategory: async (...args) => {
        const page = await store.readCategory(...args);
        if (++reads === 1) await firstRead.promise;
        return page;
      },
      categoryTail: (category) => store.categoryTail(category),
    };
    const { sink, stop } = source({ reader, notifier });
    await settle();
    await append(store, 'Cat-1');
    notifier.notify('Cat-1');
    firstRead.resolve();

    expect(globalPositions((await sink.batches.next()).events)).toEqual([0]);
    await stop();
  });

  it('logs a failed read and retries it with backoff, never giving up', async () => {
    const store = new MemoryStore();
    await append(store, 'Cat-1');
    const warnings: string[] = [];
    const logger: FeedLogger = { log: () => undefined, warn: (m) => warnings.push(m), error: () => undefined };
    let failuresLeft = 2;
    const reader: CategoryReader = {
      readCategory: async (...args) => {
        if (failuresLeft-- > 0) throw new Error('connection refused');
        return store.readCategory(...args);
      },
      categoryTail: (category) => store.categoryTail(category),
    };
    const { feed, sink, timers, stop } = source({ reader, logger, readRetry: { baseMs: 50, maxMs: 1_000, jitter: 0 } });

    await timers.untilPending();
    expect(timers.pendingDelays()).toEqual([50]);
    expect(feed.status()).toMatchObject({ consecutiveReadErrors: 1, lastReadError: 'Error: connection refused' });
    timers.fireNext();
    await timers.untilPending();
    expect(timers.pendingDelays()).toEqual([100]);
    timers.fireNext();

    expect(globalPositions((await sink.batches.next()).events)).toEqual([0]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('connection refused');
    expect(feed.status()).toMatchObject({ consecutiveReadErrors: 0, lastReadError: undefined });
    await stop();
  });

  it('reads the next page while the sink takes in a full one, and waits for a short one before reading on', async () => {
    const store = new MemoryStore();
    for (let i = 0; i < 5; i++) await append(store, `Cat-${i}`);
    const reads: number[] = [];
    const answers: Array<ReturnType<typeof deferred<void>>> = [];
    const reader: CategoryReader = {
      readCategory: async (category, from, batchSize) => {
        reads.push(from);
        const answer = deferred<void>();
        answers.push(answer);
        await answer.promise;
        return store.readCategory(category, from, batchSize);
      },
      categoryTail: (category) => store.categoryTail(category),
    };
    const { sink, stop } = source({ reader, batchSize: 2 });
    await settle();
    expect(reads).toEqual([0]);

    answers[0].resolve();
    expect(globalPositions((await sink.batches.next()).events)).toEqual([0, 1]);
    expect(reads).toEqual([0, 2]);
    answers[1].resolve();
    expect(globalPositions((await sink.batches.next()).events)).toEqual([2, 3]);
    expect(reads).toEqual([0, 2, 4]);
    answers[2].resolve();
    expect(globalPositions((await sink.batches.next()).events)).toEqual([4]);
    await settle();
    expect(reads).toEqual([0, 2, 4]);
    await stop();
  });

  it('stops reading while the sink holds maxReadAhead incomplete batches (one page more read, not taken), and reads on as they complete', async () => {
    const store = new MemoryStore();
    for (let i = 0; i < 6; i++) await append(store, `Cat-${i}`);
    let reads = 0;
    const reader: CategoryReader = {
      readCategory: (...args) => {
        reads++;
        return store.readCategory(...args);
      },
      categoryTail: (category) => store.categoryTail(category),
    };
    const handler = new ControlledHandler('ok');
    const scheduler = new StreamScheduler({ ...REACTOR_DEFAULTS.sink, handler: handler.handle, maxConcurrentStreams: 10, maxReadAhead: 2 });
    const timers = new ManualTimers();
    const feed = new CategorySource({ ...REACTOR_DEFAULTS.source, reader, category: 'Cat', startPosition: 0, batchSize: 1, tailSleepMs: HOUR, timers });
    const running = feed.run(scheduler);

    const first = await handler.next();
    await handler.next();
    await settle();
    expect(reads).toBe(3);
    expect(handler.waiting).toBe(0);
    expect(feed.status().readPosition).toBe(2);

    first.reach();
    await handler.next();
    await settle();
    expect(reads).toBe(4);
    expect(feed.status().readPosition).toBe(3);

    feed.stop();
    await running;
  });
});
