import { FeedLogger, REACTOR_DEFAULTS, silentLogger } from '@app/store';
import { withTransaction } from '@app/store/message-db';
import pg from 'pg';
import {
  GROUP_CHECKOUTS_TABLE,
  HOTEL_PROJECTOR_NAME,
  HOTEL_READ_CATEGORIES,
  REBUILD_TABLE,
  STAYS_TABLE,
  installHotelReadSchema,
} from './hotel-read-schema';
import { startHotelProjector } from './hotel-projector';
import { HotelReadQueries } from './hotel-read-queries';

/**
 * Starts a rebuild: in one transaction, resets the projector's checkpoints to 0, empties the tables and records the
 * last position written so far as the rebuild's target. A running projector notices its checkpoint moved and starts
 * again from 0. Checkpoints first: the projector locks its checkpoint row before the tables, and so does this.
 * Resolves to the target.
 */
export async function resetHotelRead(pool: pg.Pool): Promise<number> {
  return withTransaction(pool, async (client) => {
    await client.query(
      `UPDATE public.propulsion_checkpoint SET position = 0 WHERE source = $1 AND tranche = ANY($2::text[]) AND consumer_group = $3`,
      [REACTOR_DEFAULTS.checkpoints.source, HOTEL_READ_CATEGORIES, HOTEL_PROJECTOR_NAME],
    );
    await client.query(`TRUNCATE ${STAYS_TABLE}, ${GROUP_CHECKOUTS_TABLE}`);
    const { rows } = await client.query<{ target: number }>(
      `INSERT INTO ${REBUILD_TABLE} (target)
       SELECT coalesce(max(global_position), -1) FROM message_store.messages
       WHERE message_store.category(stream_name) = ANY($1::text[])
       ON CONFLICT (singleton) DO UPDATE SET target = EXCLUDED.target, started_at = now()
       RETURNING target`,
      [HOTEL_READ_CATEGORIES],
    );
    return Number(rows[0].target);
  });
}

export interface Rebuild {
  /** The global position the tables had to reach again. */
  readonly target: number;
  /** Whether this run caught up itself (or left it to the reactor's projector). */
  readonly caughtUp: boolean;
  readonly seconds: number;
}

/**
 * `projections rebuild`: creates the schema when missing, resets (resetHotelRead), then, unless `resetOnly`, catches
 * up with a projector of its own (polling, no LISTEN) until the tables hold everything written before the reset,
 * reporting progress every second. A reactor's projector running meanwhile starts again from 0 too: the two take
 * turns, each commit moving the checkpoint only from where it was.
 */
export async function rebuildHotelRead(
  url: string,
  pool: pg.Pool,
  options: { readonly resetOnly?: boolean; readonly progress?: (line: string) => void; readonly logger?: FeedLogger } = {},
): Promise<Rebuild> {
  const progress = options.progress ?? (() => undefined);
  await installHotelReadSchema(pool);
  const target = await resetHotelRead(pool);
  progress(`Emptied the read tables and reset the projector's checkpoints; rebuilding up to global position ${target}`);
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  if (options.resetOnly) return { target, caughtUp: false, seconds: seconds() };
  const queries = new HotelReadQueries(pool);
  const projector = startHotelProjector({ url, notifications: false, logger: options.logger ?? silentLogger });
  try {
    for (;;) {
      const { position, rebuildingTo } = await queries.projectionState();
      progress(`at ${position} of ${target} after ${seconds().toFixed(1)} s`);
      if (rebuildingTo === undefined) break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  } finally {
    await projector.stop();
  }
  return { target, caughtUp: true, seconds: seconds() };
}
