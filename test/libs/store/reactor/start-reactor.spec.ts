import { MemoryCheckpointStore, ConsumerGroupSizeChangedError } from '@app/store/checkpoints';
import { idOf } from '@app/store/core';
import { ConsumerGroup, PartitionedCategoryReader } from '@app/store/feed';
import { MemoryStore } from '@app/store/memory/memory-store';
import { CheckpointOptions, ReactorHandle, ReactorOptions, SourceOptions, startReactor } from '@app/store/reactor';
import { StreamHandler } from '@app/store/sink';
import { FeedLogger } from '@app/store/runtime';
import { settle } from '../support/async';
import { ControlledHandler } from '../support/handler-calls';
import { ManualTimers } from '../support/manual-timers';

const key = (consumerGroup: string) => ({ source: 'messageDb', tranche: 'Cat', consumerGroup });

async function append(store: MemoryStore, streamName: string, count = 1): Promise<void> {
  const version = (await store.readStream(streamName)).length;
  const events = Array.from({ length: count }, (_, i) => ({ id: `${streamName}@${version + i}`, type: 'Happened', data: {} }));
  await store.appendToStream(streamName, version, events);
}

/** Reads the share of a group member: streams `Cat-<n>` go to member n mod size. */
function memberReader(store: MemoryStore, group: ConsumerGroup): PartitionedCategoryReader {
  const ours = (streamName: string) => Number(idOf(streamName)) % group.size === group.member;
  return {
    consumerGroup: group,
    readCategory: async (category, from, batchSize) =>
      (await store.readCategory(category, from, Number.MAX_SAFE_INTEGER)).filter((e) => ours(e.streamName)).slice(0, batchSize),
    categoryTail: (category) => store.categoryTail(category),
  };
}

/** A handler that completes every call at once and records what it saw. */
function recordingHandler() {
  const seen: number[] = [];
  const handle = async (_: string, events: readonly { globalPosition: number; position: number }[]) => {
    seen.push(...events.map((e) => e.globalPosition));
    return { outcome: 'ok', version: events[events.length - 1].position + 1 };
  };
  return { seen, handle };
}

function recordingLogger(): FeedLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (m) => lines.push(m), warn: (m) => lines.push(`WARN ${m}`), error: (m) => lines.push(`ERROR ${m}`) };
}

describe('startReactor', () => {
  const reactors: ReactorHandle[] = [];
  afterEach(async () => {
    await Promise.all(reactors.splice(0).map((r) => r.stop()));
  });

  type StartOptions<O> = Partial<Omit<ReactorOptions<O>, 'source' | 'sink' | 'checkpoints'>> & {
    readonly reader: PartitionedCategoryReader;
    readonly handler: StreamHandler<O>;
    readonly source?: Partial<SourceOptions>;
    readonly checkpoints?: Partial<CheckpointOptions>;
  };

  async function start<O>({ reader, handler, source, checkpoints, ...options }: StartOptions<O>) {
    const reactor = await startReactor<O>({
      category: 'Cat',
      processorName: 'Proc',
      statsIntervalMs: 0,
      timers: new ManualTimers(),
      ...options,
      source: { tailSleepMs: 3_600_000, ...source, reader },
      sink: { handler },
      checkpoints: { store: new MemoryCheckpointStore(), ...checkpoints },
    });
    reactors.push(reactor);
    return reactor;
  }

  it('starts from the beginning of the category when there is no checkpoint, and records that origin', async () => {
    const store = new MemoryStore();
    await append(store, 'Cat-1', 2);
    const checkpoints = new MemoryCheckpointStore();
    const { seen, handle } = recordingHandler();
    const reactor = await start({ reader: store, handler: handle, checkpoints: { store: checkpoints } });
    expect(await checkpoints.load(key('Proc'))).toBe(0);

    await reactor.awaitCompletion();
    expect(seen).toEqual([0, 1]);
  });

  it('resumes from the stored checkpoint', async () => {
    const store = new MemoryStore();
    await append(store, 'Cat-1', 3);
    await append(store, 'Cat-2', 2);
    const checkpoints = new MemoryCheckpointStore();
    await checkpoints.commit(key('Proc'), 2);
    const { seen, handle } = recordingHandler();
    const reactor = await start({ reader: store, handler: handle, checkpoints: { store: checkpoints }, source: { fromTail: true } });

    await reactor.awaitCompletion();
    expect(seen.sort()).toEqual([2, 3, 4]);
    expect(reactor.status()).toMatchObject({ readPosition: 5, completedPosition: 5 });
  });

  it('with fromTail and no checkpoint, starts at the tail, records it, and handles only what comes next', async () => {
    const store = new MemoryStore();
    await append(store, 'Cat-1', 3);
    const checkpoints = new MemoryCheckpointStore();
    const { seen, handle } = recordingHandler();
    const reactor = await start({ reader: store, handler: handle, checkpoints: { store: checkpoints }, source: { fromTail: true } });
    expect(await checkpoints.load(key('Proc'))).toBe(3);

    await append(store, 'Cat-2');
    await reactor.awaitCompletion();
    expect(seen).toEqual([3]);
  });

  it('commits the checkpoint at its interval and on stop, never past an incomplete batch', async () => {
    const store = new MemoryStore();
    await append(store, 'Cat-1');
    await append(store, 'Cat-2');
    await append(store, 'Cat-3');
    const checkpoints = new MemoryCheckpointStore();
    const handler = new ControlledHandler('ok');
    const timers = new ManualTimers();
    const reactor = await start({
      reader: store,
      handler: handler.handle,
      checkpoints: { store: checkpoints, intervalMs: 1_000 },
      timers,
      source: { batchSize: 1 },
    });
    const [one, two, three] = [await handler.next(), await handler.next(), await handler.next()];

    three.reach();
    one.reach();
    await settle();
    timers.advance(1_000);
    await settle();
    expect(await checkpoints.load(key('Proc'))).toBe(1);

    two.reach();
    await settle();
    expect(await checkpoints.load(key('Proc'))).toBe(1);
    await reactor.stop();
    expect(await checkpoints.load(key('Proc'))).toBe(3);
    expect(reactor.status()).toMatchObject({ committedPosition: 3, state: 'stopped' });
  });

  it('stop lets the handlers in flight finish before the final commit', async () => {
    const store = new MemoryStore();
    await append(store, 'Cat-1');
    const checkpoints = new MemoryCheckpointStore();
    const handler = new ControlledHandler('ok');
    const reactor = await start({ reader: store, handler: handler.handle, checkpoints: { store: checkpoints } });
    const call = await handler.next();

    const stopping = reactor.stop({ drainTimeoutMs: 60_000 });
    await settle();
    expect(reactor.status().state).toBe('stopping');
    call.reach();
    await stopping;
    expect(await checkpoints.load(key('Proc'))).toBe(1);
  });

  it('stop waits at most drainTimeoutMs for a read that never answers, then commits the final checkpoint', async () => {
    const store = new MemoryStore();
    await append(store, 'Cat-1');
    let reads = 0;
    const hangsAfterTheFirstRead: PartitionedCategoryReader = {
      readCategory: (...args) => (++reads === 1 ? store.readCategory(...args) : new Promise(() => undefined)),
      categoryTail: (category) => store.categoryTail(category),
    };
    const checkpoints = new MemoryCheckpointStore();
    const timers = new ManualTimers();
    const logger = recordingLogger();
    const { handle } = recordingHandler();
    const reactor = await start({
      reader: hangsAfterTheFirstRead,
      handler: handle,
      checkpoints: { store: checkpoints },
      timers,
      logger,
      source: { batchSize: 1 },
    });
    await reactor.awaitCompletion();
    await settle();
    expect(reads).toBe(2);

    let stopped = false;
    void reactor.stop({ drainTimeoutMs: 1_000 }).then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    timers.advance(1_000);
    await settle();

    expect(stopped).toBe(true);
    expect(await checkpoints.load(key('Proc'))).toBe(1);
    expect(reactor.status()).toMatchObject({ state: 'stopped', committedPosition: 1 });
    expect(logger.lines).toContain('WARN Reactor Proc: a read still unanswered after 1000 ms; stopping anyway');
  });

  it('a consumer-group member keeps its own checkpoint and awaitCompletion ends at its share of the tail', async () => {
    const store = new MemoryStore();
    for (const id of [1, 2, 3, 4]) await append(store, `Cat-${id}`);
    const checkpoints = new MemoryCheckpointStore();
    const { seen, handle } = recordingHandler();
    const reactor = await start({ reader: memberReader(store, { member: 1, size: 2 }), handler: handle, checkpoints: { store: checkpoints } });

    await reactor.awaitCompletion();
    expect(seen).toEqual([0, 2]);
    await reactor.stop();
    expect(await checkpoints.loadProcessor('messageDb', 'Cat', 'Proc')).toEqual([{ consumerGroup: 'Proc/1of2', position: 3 }]);
  });

  it('refuses to start with another consumer-group size than the stored checkpoints, naming both sizes', async () => {
    const store = new MemoryStore();
    const checkpoints = new MemoryCheckpointStore();
    await checkpoints.commit(key('Proc/0of2'), 10);
    await checkpoints.commit(key('Proc/1of2'), 12);
    const { handle } = recordingHandler();

    const starting = start({ reader: memberReader(store, { member: 0, size: 3 }), handler: handle, checkpoints: { store: checkpoints } });
    await expect(starting).rejects.toThrow(ConsumerGroupSizeChangedError);
    await expect(starting).rejects.toThrow(/consumer group of 2 member.*starts a group of 3/);
    expect(await checkpoints.loadProcessor('messageDb', 'Cat', 'Proc')).toHaveLength(2);
  });

  it('with resetCheckpoints, replaces them by checkpoints of the new size at the lowest old position', async () => {
    const store = new MemoryStore();
    for (let id = 0; id < 15; id++) await append(store, `Cat-${id}`);
    const checkpoints = new MemoryCheckpointStore();
    await checkpoints.commit(key('Proc'), 11);
    await checkpoints.commit(key('Proc/0of2'), 10);
    await checkpoints.commit(key('Proc/1of2'), 12);
    const { seen, handle } = recordingHandler();
    const logger = recordingLogger();

    const reactor = await start({
      reader: memberReader(store, { member: 0, size: 3 }),
      handler: handle,
      checkpoints: { store: checkpoints, resetCheckpoints: true },
      logger,
    });
    expect(await checkpoints.loadProcessor('messageDb', 'Cat', 'Proc')).toEqual([
      { consumerGroup: 'Proc/0of3', position: 10 },
      { consumerGroup: 'Proc/1of3', position: 10 },
      { consumerGroup: 'Proc/2of3', position: 10 },
    ]);
    expect(logger.lines.some((l) => l.startsWith('WARN') && l.includes('deleted the checkpoints'))).toBe(true);
    await reactor.awaitCompletion();
    expect(seen).toEqual([12]);
  });

  it('with resetCheckpoints at a given position, the new members start there', async () => {
    const checkpoints = new MemoryCheckpointStore();
    await checkpoints.commit(key('Proc/0of2'), 10);
    const { handle } = recordingHandler();
    await start({
      reader: memberReader(new MemoryStore(), { member: 1, size: 3 }),
      handler: handle,
      checkpoints: { store: checkpoints, resetCheckpoints: { position: 4 } },
    });
    expect(await checkpoints.load(key('Proc/1of3'))).toBe(4);
    expect(await checkpoints.load(key('Proc/0of2'))).toBeUndefined();
  });

  it('refuses a consumerGroup that is not the one its reader reads', async () => {
    const { handle } = recordingHandler();
    await expect(
      start({ reader: new MemoryStore(), handler: handle, checkpoints: { consumerGroup: { member: 0, size: 2 } } }),
    ).rejects.toThrow(/does not match the reader's \(whole category\)/);
  });

  it('logs a Propulsion-style stats line at its interval, with the outcomes since the last one', async () => {
    const store = new MemoryStore();
    await append(store, 'Cat-1');
    const timers = new ManualTimers();
    const logger = recordingLogger();
    const reactor = await start({
      reader: store,
      handler: async (_, events) => ({ outcome: { kind: 'Merged' }, version: events.length }),
      timers,
      logger,
      statsIntervalMs: 60_000,
    });
    await reactor.awaitCompletion();

    timers.advance(60_000);
    await settle();
    expect(logger.lines[logger.lines.length - 1]).toMatch(
      /^Reactor Proc Cat: handled 1 failed 0 \| Merged 1 \| read 1 completed 1 committed 1 tail 1 \| buffered 0 batches 0 events/,
    );
  });
});
