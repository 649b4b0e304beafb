import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { RecordedEvent } from '@app/store/core';
import { MessageDbCategoryReader, PostgresCheckpointStore, StreamTable, foldIntoRows } from '@app/store/message-db';
import { ProjectorHandle, startProjector } from '@app/store/reactor';
import { deferred } from '../support/async';
import { messageDbFixture, MessageDbFixture } from '../support/message-db';

/** One row per stream: how many events it folded and the sum of their `n` (0, 1, 2…: a stream of k sums k(k-1)/2). */
type Totals = { stream: string; events: number; total: number };

const totals: StreamTable<Totals> = {
  table: 'projection_test.totals',
  keyColumn: 'stream',
  columns: ['stream', 'events', 'total'],
  keyOf: (streamName) => streamName,
  fold: (row, stream, events) => ({
    stream,
    events: (row?.events ?? 0) + events.length,
    total: events.reduce((sum, event) => sum + (event.data as { n: number }).n, row?.total ?? 0),
  }),
};

const CATEGORIES = ['Alpha', 'Beta'];

describe('a projector on Message DB', () => {
  let mdb: MessageDbFixture;
  let projector: ProjectorHandle | undefined;

  beforeEach(async () => {
    mdb = await messageDbFixture();
    await mdb.pool.query(`CREATE SCHEMA projection_test;
      CREATE TABLE projection_test.totals (stream text PRIMARY KEY, events int NOT NULL, total bigint NOT NULL, version bigint NOT NULL)`);
  });
  afterEach(async () => {
    await projector?.stop();
    projector = undefined;
    await mdb.close();
  });

  const start = (project: (client: pg.PoolClient, events: readonly RecordedEvent[]) => Promise<void> = fold) =>
    startProjector({
      processorName: 'test-projector',
      categories: CATEGORIES,
      pool: mdb.pool,
      project: () => project,
      source: { reader: new MessageDbCategoryReader(mdb.pool), batchSize: 7, tailSleepMs: 20 },
      sink: { maxEventsPerCommit: 10, retry: { baseMs: 50, maxMs: 100 } },
      restart: { baseMs: 10, maxMs: 50 },
      statsIntervalMs: 0,
    });

  it('projects interleaved categories exactly once, each with its own checkpoint moved in the same transaction', async () => {
    const streams = await appendInterleaved(mdb, 6, 9);
    projector = start();
    await projector.awaitCompletion();
    await expectExactTotals(mdb.pool, streams);
    for (const category of CATEGORIES) {
      const tail = await new MessageDbCategoryReader(mdb.pool).categoryTail(category);
      expect(await checkpointOf(mdb.pool, category)).toBe(tail);
    }
    const more = await appendInterleaved(mdb, 2, 3);
    await projector.awaitCompletion();
    await expectExactTotals(mdb.pool, new Map([...streams, ...more]));
  });

  it('replays from 0 (a checkpoint reset under it, as redelivery after a crash) without counting anything twice', async () => {
    const streams = await appendInterleaved(mdb, 4, 5);
    projector = start();
    await projector.awaitCompletion();
    await new PostgresCheckpointStore(mdb.pool).commit({ source: 'messageDb', tranche: 'Alpha', consumerGroup: 'test-projector' }, 0);
    const more = await appendInterleaved(mdb, 1, 2);
    await projector.awaitCompletion();
    await expectExactTotals(mdb.pool, new Map([...streams, ...more]));
    expect(projector.status().find((s) => s.category === 'Alpha')?.restarts).toBeGreaterThanOrEqual(1);
  });

  it('counts everything once with two instances projecting at the same time (each commit moves the checkpoint from where it was)', async () => {
    const streams = await appendInterleaved(mdb, 5, 6);
    const twin = start();
    projector = start();
    try {
      const more = await appendInterleaved(mdb, 3, 4);
      await Promise.all([projector.awaitCompletion(), twin.awaitCompletion()]);
      await expectExactTotals(mdb.pool, new Map([...streams, ...more]));
    } finally {
      await twin.stop();
    }
  });

  it('leaves nothing of commits killed between their rows and COMMIT, then applies them once', async () => {
    const streams = await appendInterleaved(mdb, 3, 4);
    const killedTwice = deferred();
    let kills = 0;
    let killing = true;
    projector = start(async (client, events) => {
      await fold(client, events);
      if (!killing) return;
      if (++kills === 2) killedTwice.resolve();
      await client.query('SELECT pg_terminate_backend(pg_backend_pid())');
    });
    await killedTwice.promise;
    const { rows } = await mdb.pool.query('SELECT count(*)::int AS n FROM projection_test.totals');
    expect(rows[0].n).toBe(0);
    for (const category of CATEGORIES) expect(await checkpointOf(mdb.pool, category)).toBe(0);
    killing = false;
    await projector.awaitCompletion();
    await expectExactTotals(mdb.pool, streams);
  });

  it('a page the projection refuses keeps its checkpoint and rows, and is retried until it goes through', async () => {
    const streams = await appendInterleaved(mdb, 2, 3);
    let failures = 0;
    projector = start(async (client, events) => {
      await fold(client, events);
      if (failures++ < 3) throw new Error('refused');
    });
    await projector.awaitCompletion();
    await expectExactTotals(mdb.pool, streams);
    expect(failures).toBeGreaterThan(3);
  });
});

const fold = (client: pg.PoolClient, events: readonly RecordedEvent[]) => foldIntoRows(client, totals, events);

/** `count` streams per category, `length` events each, written round-robin so that categories and streams interleave. */
async function appendInterleaved(mdb: MessageDbFixture, count: number, length: number): Promise<Map<string, number>> {
  const streams = CATEGORIES.flatMap((category) => Array.from({ length: count }, () => `${category}-${randomUUID()}`));
  for (let round = 0; round < length; round++) for (const stream of streams) await mdb.append(stream);
  return new Map(streams.map((stream) => [stream, length]));
}

async function expectExactTotals(pool: pg.Pool, streams: ReadonlyMap<string, number>): Promise<void> {
  const { rows } = await pool.query<{ stream: string; events: number; total: string; version: string }>(
    'SELECT stream, events, total, version FROM projection_test.totals',
  );
  const actual = new Map(rows.map((r) => [r.stream, { events: r.events, total: Number(r.total), version: Number(r.version) }]));
  const expected = new Map(
    [...streams].map(([stream, length]) => [stream, { events: length, total: (length * (length - 1)) / 2, version: length }]),
  );
  expect(actual).toEqual(expected);
}

async function checkpointOf(pool: pg.Pool, category: string): Promise<number | undefined> {
  return new PostgresCheckpointStore(pool).load({ source: 'messageDb', tranche: category, consumerGroup: 'test-projector' });
}
