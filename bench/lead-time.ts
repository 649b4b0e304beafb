/**
 * Idle lead time: groups selected one by one at a steady rate (the reactor idle in between), from StaysSelected
 * committed to the group's first StaysMerged committed, both as Message DB records them. Ours woken by NOTIFY and
 * polling only (its 1 s tail sleep), equinox-js's (polling, 1 s tail sleep as upstream); each in a child process.
 */
import pg from 'pg';
import { createPool } from '../libs/store/src/message-db/connection';
import { Contender, equinoxReactor, ourReactor, startWarm } from './contenders';
import { installEquinoxTables } from './equinox';
import { BenchContext } from './figures';
import { awaitReactions, Group, groupStream, insertChargedStays, newGroups, writeSelections } from './fixtures';
import { withScratchDatabase } from './scratch-database';
import { percentile, rotated, sleep } from './stats';

export interface LeadTimeSettings {
  readonly groups: number;
  readonly groupsPerSecond: number;
  readonly staysPerGroup: number;
}

const SECTION = 'lead-time';

export async function benchLeadTime(context: BenchContext, settings: LeadTimeSettings): Promise<void> {
  const { figures, rounds, log, equinox } = context;
  const notify = ourReactor('NOTIFY', { NOTIFICATIONS: 'true' });
  const polling = ourReactor('polling only, TAIL_SLEEP_MS=1000', { NOTIFICATIONS: 'false', TAIL_SLEEP_MS: '1000' });
  const contenders = equinox ? [notify, polling, equinoxReactor(equinox, 'polling, tail sleep 1 s')] : [notify, polling];
  const note = `${settings.groups} groups × ${settings.staysPerGroup} stays at ${settings.groupsPerSecond} groups/s`;
  const keyOf = (contender: Contender, q: string, baselines: string[] = []) =>
    figures.declare({ section: SECTION, measure: q, subject: contender.subject, variant: contender.label, unit: 'ms', better: 'lower', baselines, note });
  const baselinesOf = (q: string) => contenders.slice(1).map((other) => keyOf(other, q));
  const keys = new Map(contenders.map((contender) => [contender, { p50: keyOf(contender, 'p50', contender === notify ? baselinesOf('p50') : []), p99: keyOf(contender, 'p99', contender === notify ? baselinesOf('p99') : []) }]));
  for (let round = 0; round < rounds; round++) {
    for (const contender of rotated(contenders, round)) {
      const leadTimes = await withScratchDatabase('lead_time', (url) => measure(url, contender, settings, context), { server: context.server });
      figures.record(keys.get(contender)!.p50, percentile(leadTimes, 0.5));
      figures.record(keys.get(contender)!.p99, percentile(leadTimes, 0.99));
      log(`lead time round ${round + 1}/${rounds}: ${contender.subject} ${contender.label}: p50 ${percentile(leadTimes, 0.5).toFixed(1)} ms, p99 ${percentile(leadTimes, 0.99).toFixed(1)} ms`);
    }
  }
}

async function measure(url: string, contender: Contender, settings: LeadTimeSettings, context: BenchContext): Promise<number[]> {
  const groups = newGroups(settings.groups, settings.staysPerGroup);
  const warmUp = newGroups(1, settings.staysPerGroup)[0];
  const pool = createPool(url, { max: 2 });
  try {
    await insertChargedStays(pool, [...groups, warmUp].flatMap((group) => group.stayIds), [contender.format]);
    if (context.equinox && contender.subject === 'equinox-js') await installEquinoxTables(url, context.equinox);
    const reactor = await startWarm(contender, url, pool, warmUp);
    try {
      const started = Date.now();
      for (const [i, group] of groups.entries()) {
        await sleep(started + (i * 1000) / settings.groupsPerSecond - Date.now());
        await writeSelections(pool, [group], contender.format);
      }
      const streams = groups.map((group) => groupStream(contender.format, group.groupId));
      await awaitReactions(pool, streams, settings.staysPerGroup, { timeoutMs: 60_000, assertAlive: reactor.assertRunning });
    } finally {
      await reactor.stop();
    }
    return await leadTimes(pool, groups, contender);
  } finally {
    await pool.end();
  }
}

async function leadTimes(pool: pg.Pool, groups: readonly Group[], contender: Contender): Promise<number[]> {
  const { rows } = await pool.query<{ lead_ms: number }>(
    `SELECT extract(epoch FROM min(m.time) FILTER (WHERE m.type = 'StaysMerged') - min(m.time) FILTER (WHERE m.type = 'StaysSelected')) * 1000 AS lead_ms
       FROM message_store.messages m WHERE m.stream_name = ANY($1::text[]) GROUP BY m.stream_name`,
    [groups.map((group) => groupStream(contender.format, group.groupId))],
  );
  return rows.map((row) => Number(row.lead_ms));
}
