/**
 * The hotel projector: catch-up rate of a rebuild against raw get_category_messages over the same events, and the
 * lag at the tail (a write committed → its row visible in hotel_read).
 *   npm run bench:projection
 * BENCH_STAYS stays of 4 events (default 20 000) and BENCH_STAYS / 4 groups of 4 events (5 000): 100 000 events,
 * interleaved across both categories, written straight into a scratch database (BENCH_DATABASE_URL / DATABASE_URL,
 * default postgres://postgres@127.0.0.1:5432/postgres). Then BENCH_LAG_SAMPLES (default 300) charges, one at a time.
 */
import { GuestStayService } from '@app/domain';
import { HOTEL_READ_CATEGORIES, HotelReadQueries, installHotelReadSchema, resetHotelRead, startHotelProjector } from '@app/read-model';
import { MessageDbStore, createPool } from '@app/store';
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { readWhole } from './baselines';
import { withScratchDatabase } from './scratch-database';
import { percentile, sleep } from './stats';

const STAYS = Number(process.env.BENCH_STAYS ?? 20_000);
const GROUPS = Math.floor(STAYS / 4);
const LAG_SAMPLES = Number(process.env.BENCH_LAG_SAMPLES ?? 300);
const PAGE = 1000;

async function main(): Promise<void> {
  await withScratchDatabase('projection_bench', async (url) => {
    const pool = createPool(url, { max: 4 });
    try {
      const events = await writeBacklog(pool);
      console.log(`Backlog: ${events} events (${STAYS} stays × 4, ${GROUPS} groups × 4), both categories interleaved`);
      const raw = await rawRead(pool);
      console.log(`raw get_category_messages, pages of ${PAGE}: ${raw.events} events in ${raw.seconds.toFixed(2)} s = ${rate(raw)} events/s`);
      await installHotelReadSchema(pool);
      const rebuild = await catchUp(url, pool);
      console.log(`projector rebuild (rows + checkpoint per commit): ${rebuild.events} events in ${rebuild.seconds.toFixed(2)} s = ${rate(rebuild)} events/s`);
      console.log(`  ratio projector / raw read: ${(rate(rebuild) / rate(raw)).toFixed(2)}`);
      const lags = await tailLag(url, pool);
      console.log(
        `tail lag, write committed → row visible, ${lags.length} writes one at a time (NOTIFY): ` +
          `p50 ${percentile(lags, 0.5).toFixed(1)} ms, p99 ${percentile(lags, 0.99).toFixed(1)} ms, max ${percentile(lags, 1).toFixed(1)} ms`,
      );
    } finally {
      await pool.end();
    }
  });
}

/** Stays: CheckedIn, Charged, Charged, Paid; groups: StaysSelected, StaysMerged, Paid, Confirmed; written round by round. */
async function writeBacklog(pool: pg.Pool): Promise<number> {
  for (let round = 0; round < 4; round++) {
    await pool.query(
      `INSERT INTO message_store.messages (id, stream_name, type, position, data, metadata)
       SELECT gen_random_uuid(), 'GuestStay-' || md5('stay' || n), $2, $1, $3::jsonb, NULL FROM generate_series(1, $4) n`,
      [round, ...stayEvent(round), STAYS],
    );
    await pool.query(
      `INSERT INTO message_store.messages (id, stream_name, type, position, data, metadata)
       SELECT gen_random_uuid(), 'GroupCheckout-' || md5('group' || n), $2, $1,
              replace($3, '"STAY"', '"' || uuid(md5('stay' || n)) || '"')::jsonb, NULL
       FROM generate_series(1, $4) n`,
      [round, ...groupEvent(round), GROUPS],
    );
  }
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM message_store.messages');
  return rows[0].n;
}

const AT = '2026-01-01T12:00:00.000Z';

function stayEvent(round: number): [string, string] {
  const body = [
    ['CheckedIn', { at: AT }],
    ['Charged', { amount: 120.5, at: AT, chargeId: randomUUID() }],
    ['Charged', { amount: 30, at: AT, chargeId: randomUUID() }],
    ['Paid', { amount: 50.5, at: AT, paymentId: randomUUID() }],
  ][round] as [string, object];
  return [body[0], JSON.stringify(body[1])];
}

function groupEvent(round: number): [string, string] {
  const body = [
    ['StaysSelected', { at: AT, stays: ['STAY'] }],
    ['StaysMerged', { residuals: [{ residual: 100, stay: 'STAY' }] }],
    ['Paid', { amount: 100, at: AT, paymentId: randomUUID() }],
    ['Confirmed', { at: AT }],
  ][round] as [string, object];
  return [body[0], JSON.stringify(body[1])];
}

interface Measured {
  readonly events: number;
  readonly seconds: number;
}

async function rawRead(pool: pg.Pool): Promise<Measured> {
  const started = process.hrtime.bigint();
  let events = 0;
  for (const category of HOTEL_READ_CATEGORIES) {
    events += await readWhole(async (position) => {
      const { rows } = await pool.query<{ global_position: number }>(
        'SELECT * FROM message_store.get_category_messages($1, $2, $3)',
        [category, position, PAGE],
      );
      return rows;
    });
  }
  return { events, seconds: secondsSince(started) };
}

/** A rebuild, timed from the reset to the tables holding everything: what `npm run projections:rebuild` does. */
async function catchUp(url: string, pool: pg.Pool): Promise<Measured> {
  const target = await resetHotelRead(pool);
  const queries = new HotelReadQueries(pool);
  const started = process.hrtime.bigint();
  const projector = startHotelProjector({ url, notifications: false });
  try {
    while ((await queries.projectionState()).rebuildingTo !== undefined) await sleep(20);
  } finally {
    await projector.stop();
  }
  const seconds = secondsSince(started);
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM message_store.messages WHERE global_position <= $1', [target]);
  return { events: rows[0].n, seconds };
}

/** Charges one stay at a time; each time, polls its row every millisecond until it shows the charge. */
async function tailLag(url: string, pool: pg.Pool): Promise<number[]> {
  const projector = startHotelProjector({ url });
  const stays = new GuestStayService(new MessageDbStore({ writePool: pool }));
  const lags: number[] = [];
  try {
    await projector.handle.awaitCompletion();
    for (let i = 0; i < LAG_SAMPLES; i++) {
      const stayId = uuidOf(`stay${(i % STAYS) + 1}`);
      const { version } = await stays.charge(stayId, randomUUID(), 1_00);
      const written = process.hrtime.bigint();
      while (!(await rowReached(pool, stayId, version))) await sleep(1);
      lags.push(Number(process.hrtime.bigint() - written) / 1e6);
      await sleep(10);
    }
  } finally {
    await projector.stop();
  }
  return lags;
}

async function rowReached(pool: pg.Pool, stayId: string, version: number): Promise<boolean> {
  const { rows } = await pool.query('SELECT version FROM hotel_read.stays WHERE id = $1', [stayId]);
  return rows.length > 0 && Number(rows[0].version) >= version;
}

/** uuid(md5(text)) as the SQL above computes it. */
function uuidOf(text: string): string {
  const hex = createHash('md5').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function rate({ events, seconds }: Measured): number {
  return Math.round(events / seconds);
}

function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
