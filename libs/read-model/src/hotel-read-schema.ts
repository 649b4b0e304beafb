import { GROUP_CHECKOUT_CATEGORY, GUEST_STAY_CATEGORY } from '@app/domain';
import { withTransaction } from '@app/store/message-db';
import pg from 'pg';

/** The schema of the front desk's read tables, in the database of the event store. */
export const HOTEL_READ_SCHEMA = 'hotel_read';
export const STAYS_TABLE = `${HOTEL_READ_SCHEMA}.stays`;
export const GROUP_CHECKOUTS_TABLE = `${HOTEL_READ_SCHEMA}.group_checkouts`;
/** At most one row: the global position a running rebuild has to reach before the tables are whole again. */
export const REBUILD_TABLE = `${HOTEL_READ_SCHEMA}.rebuild`;

/** The projector's name: its checkpoints are `messageDb/<category>/hotel-projector`. */
export const HOTEL_PROJECTOR_NAME = 'hotel-projector';
export const HOTEL_READ_CATEGORIES = [GUEST_STAY_CATEGORY, GROUP_CHECKOUT_CATEGORY] as const;

// Money in minor units. The list orders (newest first, the id breaking ties) are keyset-paginated; their keys never
// change once a row exists, so rows changing under a cursor neither repeat nor go missing.
const SCHEMA_SQL = `
CREATE SCHEMA IF NOT EXISTS ${HOTEL_READ_SCHEMA};
CREATE TABLE IF NOT EXISTS ${STAYS_TABLE} (
  id uuid PRIMARY KEY,
  room text,
  guest_name text,
  status text NOT NULL CHECK (status IN ('open', 'checkedOut', 'transferred')),
  balance bigint NOT NULL,
  checked_in_at timestamptz NOT NULL,
  checked_out_at timestamptz,
  group_checkout_id uuid,
  version bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS stays_newest ON ${STAYS_TABLE} (checked_in_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS stays_by_status ON ${STAYS_TABLE} (status, checked_in_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS stays_by_room ON ${STAYS_TABLE} (room, checked_in_at DESC, id DESC);
CREATE TABLE IF NOT EXISTS ${GROUP_CHECKOUTS_TABLE} (
  id uuid PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('merging', 'ready', 'confirmed')),
  pending integer NOT NULL,
  merged integer NOT NULL,
  failed integer NOT NULL,
  balance bigint NOT NULL,
  stays jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  confirmed_at timestamptz,
  version bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS group_checkouts_newest ON ${GROUP_CHECKOUTS_TABLE} (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS group_checkouts_by_status ON ${GROUP_CHECKOUTS_TABLE} (status, created_at DESC, id DESC);
CREATE TABLE IF NOT EXISTS ${REBUILD_TABLE} (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  target bigint NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now()
);`;

/** Creates the read schema and its tables where missing (idempotent; serialised against concurrent installers). */
export async function installHotelReadSchema(pool: pg.Pool): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('${HOTEL_READ_SCHEMA}'))`);
    await client.query(SCHEMA_SQL);
  });
}
