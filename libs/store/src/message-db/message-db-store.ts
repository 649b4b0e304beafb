import pg from 'pg';
import { EventStore, EventToWrite, ReadConsistency, RecordedEvent, WrongExpectedVersionError } from '../core/event-store';
import { isMessageDbMissing, MessageDbNotInstalledError, translateStoreError, wrongExpectedVersionActual } from './errors';
import { MessageRow, toRecordedEvent } from './message-row';

export interface MessageDbStoreOptions {
  /** Where writes go, and reads that ask for the leader. */
  readonly writePool: pg.Pool;
  /** Where reads that accept a replica go (e.g. a streaming replica); the write pool when omitted. */
  readonly readPool?: pg.Pool;
  /** Messages per get_stream_messages call. Default 1000. */
  readonly batchSize?: number;
}

export interface MessageDbHealth {
  /** message_store_version() of the database written to. */
  readonly version: string;
}

const DEFAULT_BATCH_SIZE = 1000;

const READ_STREAM_SQL = 'SELECT * FROM message_store.get_stream_messages($1, $2, $3)';

/**
 * All events in one statement, hence one implicit transaction: the first write_message takes the category lock and
 * checks the expected version, each next one expects the position the previous one wrote. Sorting on the ordinality
 * makes Postgres evaluate the (volatile) calls after the sort, in event order; any other order would fail the
 * expected-version checks rather than misplace an event.
 */
const APPEND_SQL = `
  SELECT message_store.write_message(e.id, $1, e.type, e.data, e.metadata, $2::bigint + e.ordinal - 1) AS position
  FROM unnest($3::varchar[], $4::varchar[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY AS e(id, type, data, metadata, ordinal)
  ORDER BY e.ordinal`;

const STREAM_VERSION_SQL = 'SELECT message_store.stream_version($1) AS version';

/**
 * The EventStore on Message DB. Pools must come from createPool() (search_path, bigint and timestamp parsing).
 * A stream's version here is Message DB's stream version + 1.
 */
export class MessageDbStore implements EventStore {
  private readonly writePool: pg.Pool;
  private readonly readPool: pg.Pool;
  private readonly batchSize: number;

  constructor(options: MessageDbStoreOptions) {
    this.writePool = options.writePool;
    this.readPool = options.readPool ?? options.writePool;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer, got ${this.batchSize}`);
    }
  }

  async readStream(streamName: string, fromVersion = 0, consistency: ReadConsistency = 'leader'): Promise<RecordedEvent[]> {
    const pool = consistency === 'leader' ? this.writePool : this.readPool;
    const events: RecordedEvent[] = [];
    for (let position = fromVersion; ; ) {
      const rows = await this.query<MessageRow>(pool, 'read stream', READ_STREAM_SQL, [
        streamName,
        position,
        this.batchSize,
      ]);
      for (const row of rows) events.push(toRecordedEvent(row));
      if (rows.length < this.batchSize) return events;
      position = rows[rows.length - 1].position + 1;
    }
  }

  async appendToStream(streamName: string, expectedVersion: number, events: readonly EventToWrite[]): Promise<number> {
    if (events.length === 0) return this.checkVersion(streamName, expectedVersion);
    try {
      const rows = await this.query<{ position: number }>(this.writePool, 'append to stream', APPEND_SQL, [
        streamName,
        expectedVersion - 1,
        events.map((e) => e.id),
        events.map((e) => e.type),
        events.map((e) => toJson(e.data)),
        events.map((e) => toJson(e.metadata)),
      ]);
      return rows[rows.length - 1].position + 1;
    } catch (error) {
      const actual = wrongExpectedVersionActual(error);
      if (actual !== undefined) throw new WrongExpectedVersionError(streamName, expectedVersion, actual + 1);
      throw error;
    }
  }

  /** Reachable, and Message DB installed: for a readiness probe. */
  async health(): Promise<MessageDbHealth> {
    const pools = this.readPool === this.writePool ? [this.writePool] : [this.writePool, this.readPool];
    const versions = await Promise.all(pools.map((pool) => this.messageDbVersion(pool)));
    return { version: versions[0] };
  }

  private async messageDbVersion(pool: pg.Pool): Promise<string> {
    try {
      const rows = await this.query<{ version: string }>(pool, 'health', 'SELECT message_store.message_store_version() AS version');
      return rows[0].version;
    } catch (error) {
      if (isMessageDbMissing(error)) throw new MessageDbNotInstalledError({ cause: error });
      throw error;
    }
  }

  /** What appending no events means: only the version check. */
  private async checkVersion(streamName: string, expectedVersion: number): Promise<number> {
    const rows = await this.query<{ version: number | null }>(this.writePool, 'read stream version', STREAM_VERSION_SQL, [
      streamName,
    ]);
    const actualVersion = (rows[0].version ?? -1) + 1;
    if (actualVersion !== expectedVersion) throw new WrongExpectedVersionError(streamName, expectedVersion, actualVersion);
    return actualVersion;
  }

  private async query<R extends pg.QueryResultRow>(pool: pg.Pool, operation: string, sql: string, values?: unknown[]): Promise<R[]> {
    try {
      return (await pool.query<R>(sql, values)).rows;
    } catch (error) {
      throw translateStoreError(error, operation);
    }
  }
}

/** undefined (no body) is stored as SQL NULL. */
function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
