import pg from 'pg';
import { ParkedStreamKey, ParkedStreamStore, StoredParkedStream } from '../checkpoints/parked-stream-store';

export const PARKED_STREAM_TABLE = 'public.propulsion_parked_stream';

export const PARKED_STREAM_TABLE_SQL = `
CREATE TABLE ${PARKED_STREAM_TABLE} (
  source text NOT NULL,
  tranche text NOT NULL,
  processor text NOT NULL,
  stream_name text NOT NULL,
  consumer_group text NOT NULL,
  attempts integer NOT NULL,
  last_error text NOT NULL,
  parked_at timestamptz NOT NULL,
  from_version bigint NOT NULL,
  to_version bigint NOT NULL,
  last_global_position bigint NOT NULL,
  PRIMARY KEY (source, tranche, processor, stream_name)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON ${PARKED_STREAM_TABLE} TO message_store;
`;

interface ParkedRow {
  source: string;
  tranche: string;
  processor: string;
  stream_name: string;
  consumer_group: string;
  attempts: number;
  last_error: string;
  parked_at: Date;
  from_version: string;
  to_version: string;
  last_global_position: string;
}

/**
 * Parked streams in `public.propulsion_parked_stream` of the checkpoint database (the Message DB installer creates it).
 * Parking again adds the attempts and keeps the earliest skipped version.
 */
export class PostgresParkedStreamStore implements ParkedStreamStore {
  constructor(private readonly pool: pg.Pool) {}

  async park(stream: StoredParkedStream): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${PARKED_STREAM_TABLE} (source, tranche, processor, stream_name, consumer_group, attempts, last_error,
         parked_at, from_version, to_version, last_global_position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (source, tranche, processor, stream_name) DO UPDATE SET
         consumer_group = EXCLUDED.consumer_group, attempts = ${PARKED_STREAM_TABLE}.attempts + EXCLUDED.attempts,
         last_error = EXCLUDED.last_error, parked_at = EXCLUDED.parked_at,
         from_version = LEAST(${PARKED_STREAM_TABLE}.from_version, EXCLUDED.from_version),
         to_version = EXCLUDED.to_version, last_global_position = EXCLUDED.last_global_position`,
      [
        stream.source,
        stream.tranche,
        stream.processorName,
        stream.streamName,
        stream.consumerGroup,
        stream.attempts,
        stream.lastError,
        stream.parkedAt,
        stream.fromVersion,
        stream.toVersion,
        stream.lastGlobalPosition,
      ],
    );
  }

  async list(key?: ParkedStreamKey): Promise<StoredParkedStream[]> {
    const { rows } = await this.pool.query<ParkedRow>(
      `SELECT * FROM ${PARKED_STREAM_TABLE}
       WHERE $1::text IS NULL OR (source = $1 AND tranche = $2 AND processor = $3)
       ORDER BY parked_at, stream_name`,
      [key?.source ?? null, key?.tranche ?? null, key?.processorName ?? null],
    );
    return rows.map(parkedOf);
  }

  async remove(key: ParkedStreamKey, streamName: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM ${PARKED_STREAM_TABLE} WHERE source = $1 AND tranche = $2 AND processor = $3 AND stream_name = $4`,
      [key.source, key.tranche, key.processorName, streamName],
    );
    return (rowCount ?? 0) > 0;
  }
}

function parkedOf(row: ParkedRow): StoredParkedStream {
  return {
    source: row.source,
    tranche: row.tranche,
    processorName: row.processor,
    streamName: row.stream_name,
    consumerGroup: row.consumer_group,
    attempts: row.attempts,
    lastError: row.last_error,
    parkedAt: row.parked_at,
    fromVersion: Number(row.from_version),
    toVersion: Number(row.to_version),
    lastGlobalPosition: Number(row.last_global_position),
  };
}
