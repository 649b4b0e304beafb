import { REACTOR_DEFAULTS } from '@app/store';
import { withTransaction } from '@app/store/message-db';
import pg from 'pg';
import { GROUP_CHECKOUTS_TABLE, HOTEL_PROJECTOR_NAME, HOTEL_READ_CATEGORIES, REBUILD_TABLE, STAYS_TABLE } from './hotel-read-schema';

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
