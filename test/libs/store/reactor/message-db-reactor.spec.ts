import { randomUUID } from 'node:crypto';
import { PostgresCheckpointStore } from '@app/store/message-db';
import { RecordedEvent } from '@app/store/core';
import { MessageDbCategoryReader } from '@app/store/message-db/category-reader';
import { MessageDbChangeNotifier } from '@app/store/message-db/change-notifier';
import { ReactorHandle, startReactor } from '@app/store/reactor';
import { deferred } from '../support/async';
import { messageDbFixture, MessageDbFixture } from '../support/message-db';

interface Handled {
  readonly run: number;
  readonly streamName: string;
  readonly positions: number[];
  readonly globalPositions: number[];
}

const STREAMS = 12;
const EVENTS_PER_STREAM = 10;

describe('a reactor on Message DB', () => {
  let mdb: MessageDbFixture;
  beforeAll(async () => {
    mdb = await messageDbFixture();
  });
  afterAll(async () => {
    await mdb.close();
  });

  it('restarted mid-backlog resumes from its checkpoint and handles every event at least once, in stream order', async () => {
    const streams = Array.from({ length: STREAMS }, () => `Backlog-${randomUUID()}`);
    for (let round = 0; round < EVENTS_PER_STREAM; round++) for (const stream of streams) await mdb.append(stream);
    const total = STREAMS * EVENTS_PER_STREAM;
    const handled: Handled[] = [];
    const checkpoints = new PostgresCheckpointStore(mdb.pool);
    const reader = new MessageDbCategoryReader(mdb.pool);
    const halfway = deferred();
    const start = (run: number, notifier?: MessageDbChangeNotifier) =>
      startReactor({
        source: { reader, notifier, batchSize: 10, tailSleepMs: 50 },
        checkpoints: { store: checkpoints },
        category: 'Backlog',
        processorName: 'EndToEnd',
        statsIntervalMs: 0,
        sink: {
          maxReadAhead: 2,
          maxConcurrentStreams: 4,
          handler: async (streamName, events: readonly RecordedEvent[]) => {
            handled.push({
              run,
              streamName,
              positions: events.map((e) => e.position),
              globalPositions: events.map((e) => e.globalPosition),
            });
            if (handled.reduce((n, h) => n + h.positions.length, 0) >= total / 2) halfway.resolve();
            return { outcome: 'ok', version: events[events.length - 1].position + 1 };
          },
        },
      });

    const first = await start(1);
    await halfway.promise;
    await first.stop();
    const committed = first.status().committedPosition!;
    const tail = await reader.categoryTail('Backlog');
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(tail);
    expect(await checkpoints.load({ source: 'messageDb', tranche: 'Backlog', consumerGroup: 'EndToEnd' })).toBe(committed);

    const notifier = new MessageDbChangeNotifier({ connectionString: mdb.db.url });
    await notifier.start();
    let second: ReactorHandle | undefined;
    try {
      second = await start(2, notifier);
      await second.awaitCompletion();
      const laterStream = `Backlog-${randomUUID()}`;
      await mdb.append(laterStream, 2);
      await second.awaitCompletion();
      expect(handled.some((h) => h.run === 2 && h.streamName === laterStream)).toBe(true);
      expect(second.status()).toMatchObject({ eventsBuffered: 0, batchesBuffered: 0, stuck: [] });
    } finally {
      await second?.stop();
      await notifier.stop();
    }

    const secondRun = handled.filter((h) => h.run === 2);
    expect(Math.min(...secondRun.flatMap((h) => h.globalPositions))).toBeGreaterThanOrEqual(committed);
    for (const stream of streams) {
      const seen = new Set(handled.filter((h) => h.streamName === stream).flatMap((h) => h.positions));
      expect(seen.size).toBe(EVENTS_PER_STREAM);
      for (const run of [1, 2]) {
        const inRun = handled.filter((h) => h.run === run && h.streamName === stream).flatMap((h) => h.positions);
        expect(inRun).toEqual([...inRun].sort((a, b) => a - b));
        expect(new Set(inRun).size).toBe(inRun.length);
      }
    }
  });
});
