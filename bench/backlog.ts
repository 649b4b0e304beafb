/**
 * Reactor catch-up: BENCH_GROUPS groups (default 2000) of BENCH_STAYS stays (default 3) are written while no reactor
 * runs; then a reactor drains the backlog. Prints the drain time, groups merged per second and the peak heap and RSS
 * while draining, for a few MAX_CONCURRENT_STREAMS settings (each on a fresh copy of the same backlog).
 *   npm run bench:backlog
 * Uses BENCH_DATABASE_URL / DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) for scratch databases.
 */
import { GroupCheckoutService, GuestStayService } from '@app/domain';
import { MessageDbStore, createPool } from '@app/store';
import { randomUUID } from 'node:crypto';
import { withScratchDatabase } from './scratch-database';
import { startGroupCheckoutReactor } from '../apps/reactor/src/group-checkout-reactor';

const GROUPS = Number(process.env.BENCH_GROUPS ?? 2000);
const STAYS = Number(process.env.BENCH_STAYS ?? 3);
const STREAM_SETTINGS = [8, 32];
const WRITERS = 16;
const MiB = 1024 * 1024;

async function main(): Promise<void> {
  await withScratchDatabase('backlog_bench', async (backlogUrl, backlog) => {
    const written = await writeBacklog(backlogUrl);
    console.log(`Backlog: ${GROUPS} groups of ${STAYS} stays (${written.events} events written in ${written.seconds.toFixed(1)} s)`);
    console.log('max concurrent streams | drain s | groups/s | peak heap MiB | peak RSS MiB');
    for (const streams of STREAM_SETTINGS) {
      const result = await withScratchDatabase('backlog_copy', (url) => drain(url, streams), { template: backlog });
      console.log(
        `${String(streams).padStart(22)} | ${result.seconds.toFixed(2).padStart(7)} | ${(GROUPS / result.seconds).toFixed(0).padStart(8)} | ` +
          `${(result.peakHeap / MiB).toFixed(0).padStart(13)} | ${(result.peakRss / MiB).toFixed(0).padStart(12)}`,
      );
    }
  });
}

async function writeBacklog(url: string): Promise<{ events: number; seconds: number }> {
  const pool = createPool(url, { max: 16 });
  const store = new MessageDbStore({ writePool: pool });
  const stays = new GuestStayService(store);
  const groups = new GroupCheckoutService(store);
  const started = performance.now();
  try {
    let next = 0;
    const writer = async (): Promise<void> => {
      while (next++ < GROUPS) {
        const stayIds = Array.from({ length: STAYS }, () => randomUUID());
        for (const stayId of stayIds) {
          await stays.checkIn(stayId);
          await stays.charge(stayId, randomUUID(), 100_00);
        }
        await groups.select(randomUUID(), stayIds);
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
  } finally {
    await pool.end();
  }
  return { events: GROUPS * (2 * STAYS + 1), seconds: (performance.now() - started) / 1000 };
}

async function drain(url: string, maxConcurrentStreams: number): Promise<{ seconds: number; peakHeap: number; peakRss: number }> {
  global.gc?.();
  let peakHeap = 0;
  let peakRss = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
  }, 20);
  const started = performance.now();
  const reactor = await startGroupCheckoutReactor({ writeUrl: url, processorName: 'backlog-bench', sink: { maxConcurrentStreams }, statsIntervalMs: 0 });
  try {
    await reactor.handle.awaitCompletion();
    const merged = reactor.handle.status().outcomes.byOutcome['merged'] ?? 0;
    if (merged !== GROUPS) throw new Error(`merged ${merged} of ${GROUPS} groups`);
    return { seconds: (performance.now() - started) / 1000, peakHeap, peakRss };
  } finally {
    clearInterval(sampler);
    await reactor.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
