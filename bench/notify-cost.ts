/**
 * What the write-notification trigger costs writers. A transaction that notifies takes PostgreSQL's notification lock
 * at commit, so the commits of all notifying writers serialise; the opt-in trigger notifies only for the categories in
 * message_store.notified_categories. Measures writes/s of BENCH_WRITERS connections (default 16), each writing
 * one-message transactions to new streams of its own category, under each trigger setup for BENCH_SECONDS (default 3),
 * in BENCH_RUNS rounds (default 5; setups interleaved, each round starting with the next one), and prints the medians.
 * One connection LISTENs throughout, as the reactor would.
 *   npx ts-node --transpile-only bench/notify-cost.ts
 * Uses BENCH_DATABASE_URL / DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) to create and drop a
 * scratch database.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { closedLoop, RateSample } from './baselines';
import { withScratchDatabase } from './scratch-database';
import { median, rotated } from './stats';
import { createPool } from '../libs/store/src/message-db/connection';
import { MESSAGE_STORE_WRITE_CHANNEL, NOTIFIED_CATEGORIES_TABLE } from '../libs/store/src/message-db/install';

const WRITERS = Number(process.env.BENCH_WRITERS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Setup {
  readonly name: string;
  readonly trigger: boolean;
  /** The trigger function of the installer before opt-in notifications, instead of the installed one. */
  readonly notifyEveryWrite: boolean;
  /** How many of the writers' categories are registered. */
  readonly registered: number;
}

const SETUPS: readonly Setup[] = [
  { name: 'no trigger', trigger: false, notifyEveryWrite: false, registered: 0 },
  { name: 'notify every write (previous trigger)', trigger: true, notifyEveryWrite: true, registered: 0 },
  { name: 'opt-in, no category registered', trigger: true, notifyEveryWrite: false, registered: 0 },
  { name: `opt-in, 1 of ${WRITERS} categories registered`, trigger: true, notifyEveryWrite: false, registered: 1 },
];

const PREVIOUS_TRIGGER_FUNCTION_SQL = `
CREATE OR REPLACE FUNCTION message_store.notify_message_store_write()
RETURNS trigger
AS $$
BEGIN
  PERFORM pg_notify('${MESSAGE_STORE_WRITE_CHANNEL}', message_store.category(NEW.stream_name));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
`;

interface Measurement {
  readonly writesPerSecond: number;
  readonly notifications: number;
  readonly writes: number;
}

/** Unmeasured writing first: connections, caches and plans warm up. */
const WARM_UP_MS = 1_000;

const categoryOf = (writer: number): string => `Bench${String(writer).padStart(2, '0')}`;

async function main(): Promise<void> {
  await withScratchDatabase('notify_bench', benchmark);
}

async function benchmark(url: string): Promise<void> {
  const pool = createPool(url, { max: WRITERS + 1 });
  const listener = new pg.Client({ connectionString: url });
  let notifications = 0;
  listener.on('notification', () => notifications++);
  await listener.connect();
  try {
    await listener.query(`LISTEN ${MESSAGE_STORE_WRITE_CHANNEL}`);
    const { rows } = await pool.query<{ commit: string }>(`SELECT current_setting('synchronous_commit') AS commit`);
    console.log(
      `${WRITERS} connections, each writing one-message transactions to its own category; ${SECONDS} s per measurement, ` +
        `median of ${RUNS} (synchronous_commit ${rows[0].commit})`,
    );
    const installedFunctionSql = await functionDefinition(pool);
    const writers = await Promise.all(Array.from({ length: WRITERS }, () => pool.connect()));
    const results = new Map<Setup, Measurement[]>(SETUPS.map((setup) => [setup, []]));
    try {
      await writeFor(writers, WARM_UP_MS);
      for (let run = 0; run < RUNS; run++) {
        for (const setup of rotated(SETUPS, run)) {
          await apply(pool, setup, installedFunctionSql);
          notifications = 0;
          const { perSecond, latencies } = await writeFor(writers, SECONDS * 1000);
          results.get(setup)!.push({ writesPerSecond: perSecond, notifications, writes: latencies.length });
        }
        console.log(`  round ${run + 1}: ${SETUPS.map((s) => Math.round(results.get(s)![run].writesPerSecond)).join(' / ')} writes/s`);
      }
    } finally {
      writers.forEach((writer) => writer.release());
      await apply(pool, SETUPS[2], installedFunctionSql);
    }
    report(results);
  } finally {
    await listener.end();
    await pool.end();
  }
}

async function functionDefinition(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ sql: string }>(
    `SELECT pg_get_functiondef('message_store.notify_message_store_write()'::regprocedure) AS sql`,
  );
  return rows[0].sql;
}

async function apply(pool: pg.Pool, setup: Setup, installedFunctionSql: string): Promise<void> {
  await pool.query(`ALTER TABLE message_store.messages ${setup.trigger ? 'ENABLE' : 'DISABLE'} TRIGGER message_store_write_notify`);
  await pool.query(setup.notifyEveryWrite ? PREVIOUS_TRIGGER_FUNCTION_SQL : installedFunctionSql);
  await pool.query(`DELETE FROM ${NOTIFIED_CATEGORIES_TABLE}`);
  const registered = Array.from({ length: setup.registered }, (_, writer) => categoryOf(writer));
  await pool.query(`INSERT INTO ${NOTIFIED_CATEGORIES_TABLE} (category) SELECT unnest($1::text[])`, [registered]);
}

/** Every writer writes to new streams of its own category (no lock shared between writers) until the time is up. */
function writeFor(writers: readonly pg.PoolClient[], durationMs: number): Promise<RateSample> {
  return closedLoop(writers.length, { durationMs, warmUpMs: 0 }, async (index) => {
    await writers[index].query(`SELECT message_store.write_message($1, $2, 'Happened', '{"n":1}')`, [
      randomUUID(),
      `${categoryOf(index)}-${randomUUID()}`,
    ]);
  });
}

function report(results: ReadonlyMap<Setup, readonly Measurement[]>): void {
  const baseline = median(results.get(SETUPS[0])!.map((m) => m.writesPerSecond));
  console.log('\nsetup                                         | writes/s (median) |   min |   max | vs no trigger | notified');
  for (const [setup, measurements] of results) {
    const rates = measurements.map((m) => m.writesPerSecond);
    const rate = median(rates);
    const notified = measurements.reduce((n, m) => n + m.notifications, 0) / measurements.reduce((n, m) => n + m.writes, 0);
    console.log(
      `${setup.name.padEnd(45)} | ${String(Math.round(rate)).padStart(17)} | ${String(Math.round(Math.min(...rates))).padStart(5)} | ` +
        `${String(Math.round(Math.max(...rates))).padStart(5)} | ${`${Math.round((rate / baseline) * 100)} %`.padStart(13)} | ` +
        `${(notified * 100).toFixed(1).padStart(6)} %`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
