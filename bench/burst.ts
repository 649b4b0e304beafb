/**
 * Burst: groups × stays selected straight into Message DB by one writer while a reactor runs, the reactor in a child
 * process; groups/s from the first StaysSelected to the last StaysMerged / MergesFailed committed, as the messages
 * table records them. Beside it: the raw-write floor (the same writes a reaction makes, by plain write_message calls)
 * and a clerk's single writes to the GuestStay category, idle and during the burst.
 */
import pg from 'pg';
import { createPool } from '../libs/store/src/message-db/connection';
import { EquinoxHotel, installEquinoxTables } from './equinox';
import { BenchContext } from './figures';
import { awaitReactions, Group, groupStream, insertChargedStays, newGroups, STREAM_IDS, writeSelections } from './fixtures';
import { Contender, equinoxReactor, ourReactor, startWarm } from './contenders';
import { measureClerk, rawReactionWrites } from './baselines';
import { median, rotated } from './stats';
import { withScratchDatabase } from './scratch-database';

export interface BurstSettings {
  readonly groups: number;
  readonly staysPerGroup: number;
  readonly streamCounts: readonly number[];
  /** Connections of the raw-write floor. */
  readonly floorConnections: number;
}

interface BurstRun {
  readonly groupsPerSecond: number;
  readonly clerkIdleP50: number;
  readonly clerkBurstP50: number;
  readonly peakRssMiB: number;
  readonly cpuSeconds: number;
  readonly peakConnections: number;
  readonly meanLockWaiters: number;
}

const SECTION = 'burst';
const IDLE_CLERK_MS = 1_500;

export async function benchBurst(context: BenchContext, settings: BurstSettings): Promise<void> {
  const { figures, rounds, log } = context;
  const contenders = contendersOf(settings, context.equinox);
  const groups = newGroups(settings.groups, settings.staysPerGroup);
  const warmUp = newGroups(1, settings.staysPerGroup)[0];
  const size = `${settings.groups} groups × ${settings.staysPerGroup} stays`;
  const floor = figures.declare({
    section: SECTION, measure: 'groups/s', subject: 'raw', unit: 'groups/s', better: 'higher',
    note: `${size}: per group one transaction of ${settings.staysPerGroup} TransferredToGroup + one StaysMerged, ${settings.floorConnections} connections`,
  });
  const equinoxKey = `${SECTION}/groups/s/equinox-js`;
  const clerkIdle = figures.declare({
    section: SECTION, measure: 'clerk write p50', subject: 'raw', unit: 'ms', better: 'lower',
    note: 'clerk write p50: in the raw row, with the reactor running idle just before the burst; in the others, during the burst',
  });
  await withScratchDatabase('burst_template', async (templateUrl, template) => {
    await prepareTemplate(templateUrl, [...groups, warmUp], context.equinox);
    for (let round = 0; round < rounds; round++) {
      const floorRate = await withScratchDatabase('burst_floor', (url) => rawFloor(url, groups, settings.floorConnections), { template, server: context.server });
      figures.record(floor, floorRate);
      log(`burst round ${round + 1}/${rounds}: raw floor ${floorRate.toFixed(1)} groups/s`);
      for (const contender of rotated(contenders, round)) {
        const run = await withScratchDatabase('burst', (url) => burstRun(url, contender, groups, warmUp), { template, server: context.server });
        const key = (measure: string, unit: string, better: 'higher' | 'lower', baselines: string[] = []) =>
          figures.declare({ section: SECTION, measure, subject: contender.subject, variant: contender.label, unit, better, baselines, note: size });
        const isOurs = contender.subject === 'ours';
        figures.record(key('groups/s', 'groups/s', 'higher', isOurs ? [floor, equinoxKey] : [floor]), run.groupsPerSecond);
        figures.record(clerkIdle, run.clerkIdleP50);
        figures.record(key('clerk write p50', 'ms', 'lower', [clerkIdle]), run.clerkBurstP50);
        figures.record(key('reactor peak RSS', 'MiB', 'lower'), run.peakRssMiB);
        figures.record(key('reactor CPU', 's', 'lower'), run.cpuSeconds);
        figures.record(key('reactor connections (peak)', 'connections', 'lower'), run.peakConnections);
        figures.record(key('sessions waiting for a category lock (mean)', 'sessions', 'lower'), run.meanLockWaiters);
        log(`  ${contender.subject} ${contender.label}: ${run.groupsPerSecond.toFixed(1)} groups/s, clerk p50 ${run.clerkBurstP50.toFixed(1)} ms (idle ${run.clerkIdleP50.toFixed(1)}), RSS ${run.peakRssMiB.toFixed(0)} MiB`);
      }
    }
  }, { server: context.server });
}

function contendersOf(settings: BurstSettings, equinox: EquinoxHotel | undefined): Contender[] {
  const ours = settings.streamCounts.map((streams) =>
    ourReactor(`MAX_CONCURRENT_STREAMS=${streams}`, { MAX_CONCURRENT_STREAMS: String(streams) }),
  );
  return equinox ? [...ours, equinoxReactor(equinox)] : ours;
}

/** Charged stays of every group under both id formats, and equinox-js's checkpoint table: copied for each run. */
async function prepareTemplate(url: string, groups: readonly Group[], equinox: EquinoxHotel | undefined): Promise<void> {
  const pool = createPool(url, { max: 1 });
  try {
    await insertChargedStays(pool, groups.flatMap((group) => group.stayIds), Object.values(STREAM_IDS));
  } finally {
    await pool.end();
  }
  if (equinox) await installEquinoxTables(url, equinox);
}

async function burstRun(url: string, contender: Contender, groups: readonly Group[], warmUp: Group): Promise<BurstRun> {
  const pool = createPool(url, { max: 4, applicationName: BENCH_APPLICATION });
  const streams = groups.map((group) => groupStream(contender.format, group.groupId));
  const staysPerGroup = warmUp.stayIds.length;
  const reactor = await startWarm(contender, url, pool, warmUp).catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  try {
    const idle = await measureClerk(pool, contender.format, () => new Promise((resolve) => setTimeout(resolve, IDLE_CLERK_MS)));
    let window = { groupsDone: 0, ms: Number.NaN };
    const sessions = sampleSessions(pool);
    const during = await measureClerk(pool, contender.format, async () => {
      await writeSelections(pool, groups, contender.format);
      window = await awaitReactions(pool, streams, staysPerGroup, { timeoutMs: 600_000, assertAlive: reactor.assertRunning });
    });
    const { peakConnections, meanLockWaiters } = await sessions.stop();
    return {
      groupsPerSecond: groups.length / (window.ms / 1000),
      clerkIdleP50: median(idle),
      clerkBurstP50: median(during),
      peakRssMiB: reactor.peakRssMiB(),
      cpuSeconds: reactor.cpuSeconds(),
      peakConnections,
      meanLockWaiters,
    };
  } finally {
    await reactor.stop();
    await pool.end();
  }
}

/** The benchmark's own connections, told apart from the reactor's in pg_stat_activity. */
const BENCH_APPLICATION = 'hotel-bench';

/**
 * Samples pg_stat_activity until stopped: the peak of client connections to this database that are not the
 * benchmark's (the reactor's), and the mean number of sessions (anyone's) waiting for an advisory lock, which is how
 * Message DB's per-category write lock queues.
 */
function sampleSessions(pool: pg.Pool, everyMs = 200): { stop(): Promise<{ peakConnections: number; meanLockWaiters: number }> } {
  let peakConnections = 0;
  const waiters: number[] = [];
  let sampling: Promise<void> = Promise.resolve();
  const sample = async () => {
    const { rows } = await pool.query<{ reactor: number; waiting: number }>(
      `SELECT count(*) FILTER (WHERE application_name <> $1)::int AS reactor,
              count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event = 'advisory')::int AS waiting
         FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`,
      [BENCH_APPLICATION],
    );
    peakConnections = Math.max(peakConnections, rows[0].reactor);
    waiters.push(rows[0].waiting);
  };
  const timer = setInterval(() => (sampling = sampling.then(sample, sample)), everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await sampling.catch(() => undefined);
      return { peakConnections, meanLockWaiters: waiters.reduce((sum, n) => sum + n, 0) / waiters.length };
    },
  };
}

/** Groups/s of the reactions' writes alone: the StaysSelected are written first, untimed. */
async function rawFloor(url: string, groups: readonly Group[], connections: number): Promise<number> {
  const pool: pg.Pool = createPool(url, { max: connections });
  try {
    await writeSelections(pool, groups, STREAM_IDS.ours);
    const started = performance.now();
    await rawReactionWrites(pool, groups, connections);
    return groups.length / ((performance.now() - started) / 1000);
  } finally {
    await pool.end();
  }
}
