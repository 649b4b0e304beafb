/**
 * Catch-up: a reactor started from position 0 over a backlog of finished groups (StaysSelected, StaysMerged, Paid,
 * Confirmed each; nothing left to do), then one sentinel group that still needs its merge, last in the category. The
 * reactor, in a child process, has caught up when the sentinel's StaysMerged is committed; its start-up (spawn to the
 * sentinel merged on an otherwise empty category) is measured apart and subtracted. Beside it: reading the same
 * events with raw get_category_messages calls, page after page, on one connection.
 */
import pg from 'pg';
import { createPool } from '../libs/store/src/message-db/connection';
import { REACTOR_DEFAULTS } from '../libs/store/src/reactor/reactor-settings';
import { Contender, equinoxReactor, ourReactor } from './contenders';
import { installEquinoxTables } from './equinox';
import { readWhole } from './baselines';
import { BenchContext } from './figures';
import { awaitReactions, Group, groupStream, insertChargedStays, newGroups, STREAM_IDS, StreamIdFormat, writeSelections } from './fixtures';
import { withScratchDatabase } from './scratch-database';
import { elapsedMs, rotated } from './stats';

export interface CatchUpSettings {
  readonly finishedGroups: number;
}

const SECTION = 'catch-up';
const EVENTS_PER_FINISHED_GROUP = 4;
const RAW_PAGE = REACTOR_DEFAULTS.source.batchSize;

interface Templates {
  readonly backlog: string;
  readonly empty: string;
}

export async function benchCatchUp(context: BenchContext, settings: CatchUpSettings): Promise<void> {
  const { figures, rounds, log, server, equinox } = context;
  const events = settings.finishedGroups * EVENTS_PER_FINISHED_GROUP + 1;
  const note = `${settings.finishedGroups} finished groups: ${events} GroupCheckout events from position 0`;
  const contenders = [ourReactor('', {}), ...(equinox ? [equinoxReactor(equinox)] : [])];
  const sentinel = newGroups(1, 1)[0];
  const raw = figures.declare({ section: SECTION, measure: 'events/s', subject: 'raw', unit: 'events/s', better: 'higher', note: `get_category_messages, pages of ${RAW_PAGE}` });
  const key = (contender: Contender, measure: string, unit: string, better: 'higher' | 'lower', baselines: string[] = []) =>
    figures.declare({ section: SECTION, measure, subject: contender.subject, variant: contender.label, unit, better, baselines, note });
  await withTemplates(context, contenders, settings.finishedGroups, sentinel, async (templates) => {
    for (let round = 0; round < rounds; round++) {
      const rawRate = await withScratchDatabase('catch_up_raw', (url) => readCategory(url, events), { template: templates.get('ours')!.backlog, server });
      figures.record(raw, rawRate);
      log(`catch-up round ${round + 1}/${rounds}: raw get_category_messages ${rawRate.toFixed(0)} events/s`);
      for (const contender of rotated(contenders, round)) {
        const { backlog, empty } = templates.get(contender.subject)!;
        const startUp = await withScratchDatabase('catch_up_empty', (url) => timeToSentinel(url, contender, sentinel), { template: empty, server });
        const full = await withScratchDatabase('catch_up', (url) => timeToSentinel(url, contender, sentinel), { template: backlog, server });
        const rate = events / ((full.ms - startUp.ms) / 1000);
        const ratesOfOthers = contender.subject === 'ours' ? [raw, ...contenders.slice(1).map((other) => key(other, 'events/s', 'events/s', 'higher'))] : [raw];
        figures.record(key(contender, 'events/s', 'events/s', 'higher', ratesOfOthers), rate);
        figures.record(key(contender, 'start-up to first reaction', 'ms', 'lower'), startUp.ms);
        figures.record(key(contender, 'reactor peak RSS', 'MiB', 'lower'), full.peakRssMiB);
        figures.record(key(contender, 'reactor CPU', 's', 'lower'), full.cpuSeconds);
        log(`  ${contender.subject}: ${rate.toFixed(0)} events/s (${full.ms.toFixed(0)} ms − start-up ${startUp.ms.toFixed(0)} ms), peak RSS ${full.peakRssMiB.toFixed(0)} MiB`);
      }
    }
  });
}

/** Per contender's id format: a database with the backlog and the sentinel, and one with the sentinel alone. */
async function withTemplates(
  context: BenchContext,
  contenders: readonly Contender[],
  finishedGroups: number,
  sentinel: Group,
  work: (templates: ReadonlyMap<string, Templates>) => Promise<void>,
): Promise<void> {
  const templates = new Map<string, Templates>();
  const build = async (index: number): Promise<void> => {
    if (index === contenders.length) return work(templates);
    const contender = contenders[index];
    const prepare = (groups: number) => async (url: string) => {
      if (contender.subject === 'equinox-js') await installEquinoxTables(url, context.equinox!);
      await fillBacklog(url, groups, contender.format, sentinel);
    };
    await withScratchDatabase('catch_up_backlog', async (backlogUrl, backlog) => {
      await prepare(finishedGroups)(backlogUrl);
      await withScratchDatabase('catch_up_empty', async (emptyUrl, empty) => {
        await prepare(0)(emptyUrl);
        templates.set(contender.subject, { backlog, empty });
        await build(index + 1);
      }, { server: context.server });
    }, { server: context.server });
  };
  await build(0);
}

async function fillBacklog(url: string, finishedGroups: number, format: StreamIdFormat, sentinel: Group): Promise<void> {
  const pool = createPool(url, { max: 1 });
  try {
    await pool.query(
      `INSERT INTO message_store.messages (stream_name, position, type, data)
       SELECT 'GroupCheckout-' || CASE WHEN $2 THEN g.id ELSE replace(g.id, '-', '') END, e.position, e.type,
              CASE e.type
                WHEN 'StaysSelected' THEN jsonb_build_object('at', $3::text, 'stays', jsonb_build_array(g.s1, g.s2))
                WHEN 'StaysMerged' THEN jsonb_build_object('residuals', jsonb_build_array(
                  jsonb_build_object('stay', g.s1, 'residual', 100), jsonb_build_object('stay', g.s2, 'residual', 100)))
                WHEN 'Paid' THEN jsonb_build_object('amount', 200, 'at', $3::text, 'paymentId', g.payment)
                ELSE jsonb_build_object('at', $3::text) END
         FROM (SELECT n, gen_random_uuid()::text AS id, gen_random_uuid()::text AS s1, gen_random_uuid()::text AS s2,
                      gen_random_uuid()::text AS payment FROM generate_series(1, $1) AS n) AS g,
              (VALUES (0, 'StaysSelected'), (1, 'StaysMerged'), (2, 'Paid'), (3, 'Confirmed')) AS e(position, type)
        ORDER BY g.n, e.position`,
      [finishedGroups, format === STREAM_IDS['equinox-js'], new Date().toISOString()],
    );
    await insertChargedStays(pool, sentinel.stayIds, [format]);
    await writeSelections(pool, [sentinel], format);
    await pool.query('ANALYZE message_store.messages');
  } finally {
    await pool.end();
  }
}

/** From spawning the reactor to its StaysMerged on the sentinel (as committed), and what the reactor used meanwhile. */
async function timeToSentinel(url: string, contender: Contender, sentinel: Group): Promise<{ ms: number; peakRssMiB: number; cpuSeconds: number }> {
  const pool = createPool(url, { max: 1 });
  const spawnedAt = Date.now();
  const reactor = contender.start(url);
  try {
    const stream = groupStream(contender.format, sentinel.groupId);
    await awaitReactions(pool, [stream], 1, { timeoutMs: 600_000, pollMs: 100, assertAlive: reactor.assertRunning });
    const { rows } = await pool.query<{ merged_at: number }>(
      `SELECT extract(epoch FROM min(time)) * 1000 AS merged_at FROM message_store.messages WHERE stream_name = $1 AND type = 'StaysMerged'`,
      [stream],
    );
    return { ms: Number(rows[0].merged_at) - spawnedAt, peakRssMiB: reactor.peakRssMiB(), cpuSeconds: reactor.cpuSeconds() };
  } finally {
    await reactor.stop();
    await pool.end();
  }
}

/** The whole GroupCheckout category through get_category_messages, one page after the other: events/s. */
async function readCategory(url: string, expected: number): Promise<number> {
  const pool: pg.Pool = createPool(url, { max: 1 });
  try {
    const started = process.hrtime.bigint();
    const count = await readWhole(async (from) => {
      const { rows } = await pool.query<{ global_position: number }>(
        'SELECT global_position, data FROM message_store.get_category_messages($1, $2, $3)',
        ['GroupCheckout', from, RAW_PAGE],
      );
      return rows;
    });
    if (count !== expected) throw new Error(`Read ${count} of ${expected} events`);
    return count / (elapsedMs(started) / 1000);
  } finally {
    await pool.end();
  }
}
