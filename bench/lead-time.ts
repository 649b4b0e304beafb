/**
 * Lead time of the reactor: from StaysSelected committed to StaysMerged committed, both as Message DB records them
 * (the `time` column), over BENCH_GROUPS groups (default 300) of BENCH_STAYS stays (default 3) written at a steady
 * BENCH_RATE groups per second (default 50), for the reactor woken by NOTIFY and for polling only.
 *   npm run bench:lead-time
 * Uses BENCH_DATABASE_URL / DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) to create and drop a
 * scratch database per mode. The reactor runs in this process, as `npm run start:reactor` wires it.
 */
import { GroupCheckoutService, GuestStayService, groupCheckoutStreamName } from '@app/domain';
import { MessageDbStore, createPool } from '@app/store';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { withScratchDatabase } from './scratch-database';
import { startGroupCheckoutReactor } from '../apps/reactor/src/group-checkout-reactor';

const GROUPS = Number(process.env.BENCH_GROUPS ?? 300);
const STAYS = Number(process.env.BENCH_STAYS ?? 3);
const RATE = Number(process.env.BENCH_RATE ?? 50);

interface Mode {
  readonly name: string;
  readonly notifications: boolean;
  readonly tailSleepMs: number;
}

const MODES: readonly Mode[] = [
  { name: 'NOTIFY (fallback poll 1000 ms)', notifications: true, tailSleepMs: 1000 },
  { name: 'polling only, 100 ms (the template)', notifications: false, tailSleepMs: 100 },
  { name: 'polling only, 1000 ms', notifications: false, tailSleepMs: 1000 },
];

async function main(): Promise<void> {
  console.log(`Lead time StaysSelected → StaysMerged: ${GROUPS} groups of ${STAYS} stays at ${RATE} groups/s`);
  console.log('mode                                   |   p50 ms |   p90 ms |   p99 ms |   max ms');
  for (const mode of MODES) {
    const leadTimes = await withScratchDatabase('lead_time_bench', (url) => measure(url, mode));
    console.log(
      `${mode.name.padEnd(38)} | ${[0.5, 0.9, 0.99, 1].map((q) => percentile(leadTimes, q).toFixed(1).padStart(8)).join(' | ')}`,
    );
  }
}

async function measure(url: string, mode: Mode): Promise<number[]> {
  const pool = createPool(url, { max: 8 });
  const store = new MessageDbStore({ writePool: pool });
  const stays = new GuestStayService(store);
  const groups = new GroupCheckoutService(store);
  const selections = await prepareStays(stays);
  const reactor = await startGroupCheckoutReactor({
    writeUrl: url,
    processorName: 'lead-time-bench',
    notifications: mode.notifications,
    source: { tailSleepMs: mode.tailSleepMs },
    statsIntervalMs: 0,
  });
  try {
    const started = Date.now();
    const groupIds: string[] = [];
    for (const [i, stayIds] of selections.entries()) {
      await sleepUntil(started + (i * 1000) / RATE);
      const groupId = randomUUID();
      await groups.select(groupId, stayIds);
      groupIds.push(groupId);
    }
    await reactor.handle.awaitCompletion();
    return await leadTimes(pool, groupIds);
  } finally {
    await reactor.stop();
    await pool.end();
  }
}

async function prepareStays(stays: GuestStayService): Promise<string[][]> {
  const selections: string[][] = [];
  for (let g = 0; g < GROUPS; g++) {
    const stayIds = Array.from({ length: STAYS }, () => randomUUID());
    for (const stayId of stayIds) {
      await stays.checkIn(stayId);
      await stays.charge(stayId, randomUUID(), 100_00);
    }
    selections.push(stayIds);
  }
  return selections;
}

async function leadTimes(pool: pg.Pool, groupIds: readonly string[]): Promise<number[]> {
  const { rows } = await pool.query<{ lead_ms: number }>(
    `SELECT extract(epoch FROM merged.time - selected.time) * 1000 AS lead_ms
       FROM unnest($1::text[]) AS s(stream_name)
       JOIN message_store.messages selected ON selected.stream_name = s.stream_name AND selected.type = 'StaysSelected'
       JOIN message_store.messages merged ON merged.stream_name = s.stream_name AND merged.type = 'StaysMerged'`,
    [groupIds.map(groupCheckoutStreamName)],
  );
  if (rows.length !== groupIds.length) throw new Error(`Only ${rows.length} of ${groupIds.length} groups were merged`);
  return rows.map((r) => Number(r.lead_ms)).sort((a, b) => a - b);
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function sleepUntil(at: number): Promise<void> {
  const wait = at - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
