/**
 * Micro-benchmark of the change feed on Message DB (run: npx ts-node --transpile-only bench/feed-consumer-group.ts).
 *  1. Catching up a category as one member of a consumer group: get_category_messages as is, versus our reader, which
 *     turns bitmap scans and JIT off for the read; the whole category (no group) for reference.
 *  2. Feed throughput: CategorySource → StreamScheduler with a handler that does nothing.
 *  3. Write-to-handler latency at the tail: woken by NOTIFY, versus polling every 100 ms.
 * Uses BENCH_DATABASE_URL / DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) to create and drop a
 * scratch database. Sizes: BENCH_EVENTS (default 200000 per category), BENCH_STREAMS (default 2000).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { readWhole } from './baselines';
import { withScratchDatabase } from './scratch-database';
import { median, percentile, sleep } from './stats';
import { RecordedEvent } from '../libs/store/src/core/event-store';
import { CategorySource } from '../libs/store/src/feed/category-source';
import { createPool } from '../libs/store/src/message-db/connection';
import { MessageDbCategoryReader } from '../libs/store/src/message-db/category-reader';
import { MessageDbChangeNotifier } from '../libs/store/src/message-db/change-notifier';
import { MessageDbStore } from '../libs/store/src/message-db/message-db-store';
import { REACTOR_DEFAULTS } from '../libs/store/src/reactor/reactor-settings';
import { StreamScheduler } from '../libs/store/src/sink/scheduler';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 2_000);
const GROUP_SIZE = 4;
const BATCH = 1_000;
const RUNS = 5;

async function main(): Promise<void> {
  await withScratchDatabase('feed_bench', async (url) => {
    const pool = createPool(url, { max: 4 });
    try {
      await fill(pool);
      await catchUp(pool);
      await throughput(pool);
      await tailLatency(pool, url);
    } finally {
      await pool.end();
    }
  });
}

/** Bench and Other events interleaved, inserted in bulk (the trigger is off meanwhile: nobody listens yet). */
async function fill(pool: pg.Pool): Promise<void> {
  const started = Date.now();
  await pool.query('ALTER TABLE message_store.messages DISABLE TRIGGER message_store_write_notify');
  await pool.query(
    `INSERT INTO message_store.messages (stream_name, position, type, data, metadata)
     SELECT c || '-' || md5((g % $2)::text)::uuid, g / $2, 'Happened', '{"n":1}', NULL
     FROM generate_series(0, $1 - 1) AS g, unnest(ARRAY['Bench', 'Other']) AS c
     ORDER BY g, c`,
    [EVENTS, STREAMS],
  );
  await pool.query('ALTER TABLE message_store.messages ENABLE TRIGGER message_store_write_notify');
  await pool.query('ANALYZE message_store.messages');
  console.log(`Filled ${EVENTS} Bench + ${EVENTS} Other events over ${STREAMS} streams each in ${Date.now() - started} ms`);
}

async function catchUp(pool: pg.Pool): Promise<void> {
  const raw = (from: number) =>
    pool
      .query<{ global_position: number }>(
        'SELECT global_position FROM message_store.get_category_messages($1, $2, $3, NULL, $4, $5)',
        ['Bench', from, BATCH, 0, GROUP_SIZE],
      )
      .then((r) => r.rows);
  const rawWith = (settings: string) => async (from: number) => {
    const client = await pool.connect();
    try {
      await client.query(`BEGIN; ${settings}`);
      const { rows } = await client.query<{ global_position: number }>(
        'SELECT global_position FROM message_store.get_category_messages($1, $2, $3, NULL, $4, $5)',
        ['Bench', from, BATCH, 0, GROUP_SIZE],
      );
      await client.query('COMMIT');
      return rows;
    } finally {
      client.release();
    }
  };
  const member = new MessageDbCategoryReader(pool, { consumerGroup: { member: 0, size: GROUP_SIZE } });
  const whole = new MessageDbCategoryReader(pool);
  const viaReader = (reader: MessageDbCategoryReader) => (from: number) =>
    reader.readCategory('Bench', from, BATCH).then((events) => events.map((e) => ({ global_position: e.globalPosition })));

  console.log(`\nCatch-up of category Bench (${EVENTS} events), pages of ${BATCH}, median of ${RUNS}:`);
  for (const [label, read] of [
    ['whole category (no group)', viaReader(whole)],
    [`member 0 of ${GROUP_SIZE}, get_category_messages as is`, raw],
    [`member 0 of ${GROUP_SIZE}, only enable_bitmapscan off`, rawWith('SET LOCAL enable_bitmapscan = off')],
    [`member 0 of ${GROUP_SIZE}, only jit off`, rawWith('SET LOCAL jit = off')],
    [`member 0 of ${GROUP_SIZE}, MessageDbCategoryReader (bitmapscan, jit off)`, viaReader(member)],
  ] as const) {
    const times: number[] = [];
    let count = 0;
    for (let run = 0; run < RUNS; run++) {
      const started = process.hrtime.bigint();
      count = await readWhole(read);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const ms = median(times);
    console.log(`  ${label.padEnd(66)} ${count} events in ${ms.toFixed(0)} ms: ${Math.round((count / ms) * 1000)} events/s`);
  }
}

async function throughput(pool: pg.Pool): Promise<void> {
  console.log(`\nFeed → scheduler, no-op handler, ${BATCH} per page, 16 pages ahead, 8 streams at once:`);
  for (let run = 0; run < 3; run++) {
    let handled = 0;
    const started = process.hrtime.bigint();
    const done = new Promise<void>((resolve) => {
      const scheduler = new StreamScheduler<string>({
        handler: async (_, events: readonly RecordedEvent[]) => {
          handled += events.length;
          return { outcome: 'ok', version: events[events.length - 1].position + 1 };
        },
        ...REACTOR_DEFAULTS.sink,
      });
      const source = new CategorySource({
        reader: new MessageDbCategoryReader(pool),
        category: 'Bench',
        startPosition: 0,
        batchSize: BATCH,
        tailSleepMs: 10,
        readRetry: REACTOR_DEFAULTS.source.readRetry,
      });
      scheduler.onBatchCompleted((batch) => source.batchCompleted(batch));
      source.onProgress(() => {
        const { atTail, completedPosition, readPosition } = source.status();
        if (atTail && completedPosition === readPosition) {
          source.stop();
          resolve();
        }
      });
      void source.run(scheduler);
    });
    await done;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`  run ${run + 1}: ${handled} events in ${ms.toFixed(0)} ms: ${Math.round((handled / ms) * 1000)} events/s`);
  }
}

async function tailLatency(pool: pg.Pool, url: string): Promise<void> {
  const store = new MessageDbStore({ writePool: pool });
  const notifier = new MessageDbChangeNotifier({ connectionString: url });
  await notifier.start();
  console.log('\nWrite → handler latency at the tail (30 writes, one every 25 ms):');
  try {
    for (const [label, withNotifier] of [
      ['NOTIFY wake-up, tailSleepMs 1000', true],
      ['polling only, tailSleepMs 100', false],
    ] as const) {
      const latencies = await measureTail(pool, store, withNotifier ? notifier : undefined, withNotifier ? 1000 : 100);
      console.log(
        `  ${label.padEnd(34)} p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms, ` +
          `max ${Math.max(...latencies).toFixed(1)} ms`,
      );
    }
  } finally {
    await notifier.stop();
  }
}

async function measureTail(
  pool: pg.Pool,
  store: MessageDbStore,
  notifier: MessageDbChangeNotifier | undefined,
  tailSleepMs: number,
): Promise<number[]> {
  const category = `Tail${randomBytes(3).toString('hex')}`;
  const written = new Map<string, bigint>();
  const latencies: number[] = [];
  const scheduler = new StreamScheduler<string>({
    handler: async (streamName, events) => {
      const at = written.get(streamName);
      if (at !== undefined) latencies.push(Number(process.hrtime.bigint() - at) / 1e6);
      return { outcome: 'ok', version: events[events.length - 1].position + 1 };
    },
    ...REACTOR_DEFAULTS.sink,
  });
  const source = new CategorySource({
    reader: new MessageDbCategoryReader(pool),
    category,
    startPosition: 0,
    batchSize: BATCH,
    tailSleepMs,
    readRetry: REACTOR_DEFAULTS.source.readRetry,
    notifier,
  });
  scheduler.onBatchCompleted((batch) => source.batchCompleted(batch));
  const running = source.run(scheduler);
  await sleep(100);
  for (let i = 0; i < 30; i++) {
    const stream = `${category}-${randomUUID()}`;
    written.set(stream, process.hrtime.bigint());
    await store.appendToStream(stream, 0, [{ id: randomUUID(), type: 'Happened', data: {} }]);
    await sleep(25);
  }
  await sleep(tailSleepMs + 100);
  source.stop();
  await running;
  return latencies;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
