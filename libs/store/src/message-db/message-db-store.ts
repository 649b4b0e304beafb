import pg from 'pg';
import {
  AppendResult,
  EventStore,
  EventToWrite,
  ReadConsistency,
  RecordedEvent,
  StreamAppend,
  StoreUnavailableError,
  StreamRead,
  WrongExpectedVersionError,
  validateStreamAppends,
} from '../core/event-store';
import { categoryOf } from '../core/stream-name';
import { Semaphore, TurnLimit, beforeDeadline } from '../runtime/semaphore';
import { isMessageDbMissing, MessageDbNotInstalledError, translateStoreError, wrongExpectedVersionReport } from './errors';
import { MessageRow, toRecordedEvent } from './message-row';

export interface MessageDbStoreOptions {
  /** Where writes go, and reads that ask for the leader. */
  readonly writePool: pg.Pool;
  /** Where reads that accept a replica go (e.g. a streaming replica); the write pool when omitted. */
  readonly readPool?: pg.Pool;
  /** Messages per get_stream_messages call. Default 1000. */
  readonly batchSize?: number;
  /** Appends in flight at once per category from this store (DEFAULT_WRITES_PER_CATEGORY). */
  readonly writesPerCategory?: number;
}

export interface MessageDbHealth {
  /** message_store_version() of the database written to. */
  readonly version: string;
}

const DEFAULT_BATCH_SIZE = 1000;

/**
 * Message DB's write lock serialises a category's writes (held to commit): a second append is already waiting at the
 * lock when the first commits, and more would only queue there, in front of other processes' writes. Beyond these,
 * appends of a category wait in this process, holding no connection.
 */
export const DEFAULT_WRITES_PER_CATEGORY = 2;

/**
 * A stream's messages as get_stream_messages returns them (same columns, same order, same batch limit), read from
 * Message DB's table directly: get_stream_messages builds this query as text and EXECUTEs it on every call, so it is
 * parsed and planned afresh each time; prepared (see PREPARED_STATEMENTS), this costs about a third of its server CPU.
 * Its one check, that the name is not a category's, is made before the query (assertStreamName).
 */
const READ_STREAM_SQL = `
  SELECT id::varchar, stream_name::varchar, type::varchar, position::bigint, global_position::bigint,
         data::varchar, metadata::varchar, time::timestamp
  FROM message_store.messages
  WHERE stream_name = $1 AND position >= $2
  ORDER BY position
  LIMIT $3`;

/** Several streams in one statement, each read as READ_STREAM_SQL reads it, stream after stream. */
const READ_STREAMS_SQL = `
  SELECT m.*, s.ordinal::int AS ordinal
  FROM unnest($1::varchar[], $2::bigint[]) WITH ORDINALITY AS s(name, position, ordinal)
  CROSS JOIN LATERAL (${READ_STREAM_SQL.replace('$1', 's.name').replace('$2', 's.position')}) AS m
  ORDER BY s.ordinal, m.position`;

/**
 * All events in one statement, hence one implicit transaction: each write_message takes its category's lock and checks
 * the position it expects (the previous event of its stream in the statement wrote the one before). Sorting on the
 * ordinality makes Postgres evaluate the (volatile) calls after the sort, in event order; any other order would fail
 * the expected-version checks rather than misplace an event. Each row's currval, evaluated right after its
 * write_message in this session, is the global position that write took.
 */
const APPEND_SQL = `
  SELECT message_store.write_message(e.id, e.stream, e.type, e.data, e.metadata, e.expected) AS position,
         currval('message_store.messages_global_position_seq') AS global_position
  FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::jsonb[], $5::jsonb[], $6::bigint[])
       WITH ORDINALITY AS e(id, stream, type, data, metadata, expected, ordinal)
  ORDER BY e.ordinal`;

const LAST_MESSAGE_SQL = 'SELECT position, global_position FROM message_store.get_last_stream_message($1)';

type WrittenRow = { position: number; global_position: number };

/**
 * The hot statements, prepared once per connection (pg's named statements): each call then skips parsing and
 * planning. The names are this module's own; a connection of these pools runs no other statements of those names.
 */
const PREPARED_STATEMENTS = new Map([
  [READ_STREAM_SQL, 'message_db_store_read_stream'],
  [READ_STREAMS_SQL, 'message_db_store_read_streams'],
  [APPEND_SQL, 'message_db_store_append'],
  [LAST_MESSAGE_SQL, 'message_db_store_last_message'],
]);

/**
 * The EventStore on Message DB. Pools must come from createPool() (search_path, bigint and timestamp parsing).
 * A stream's version here is Message DB's stream version + 1. The store never asks a pool for more connections than
 * it has (further statements wait here, not against the pool's connection timeout), and keeps at most
 * `writesPerCategory` appends of a category in flight.
 */
export class MessageDbStore implements EventStore {
  private readonly writePool: pg.Pool;
  private readonly readPool: pg.Pool;
  private readonly batchSize: number;
  private readonly writesPerCategory: number;
  private readonly connections = new Map<pg.Pool, Semaphore>();
  private readonly categoryWrites = new Map<string, Semaphore>();

  constructor(options: MessageDbStoreOptions) {
    this.writePool = options.writePool;
    this.readPool = options.readPool ?? options.writePool;
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.writesPerCategory = options.writesPerCategory ?? DEFAULT_WRITES_PER_CATEGORY;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer, got ${this.batchSize}`);
    }
    for (const pool of [this.writePool, this.readPool]) this.connections.set(pool, new Semaphore(pool.options.max ?? 10));
  }

  async readStream(streamName: string, fromVersion = 0, consistency: ReadConsistency = 'leader'): Promise<RecordedEvent[]> {
    assertStreamName(streamName);
    const pool = this.poolFor(consistency);
    const events: RecordedEvent[] = [];
    for (let position = fromVersion; ; ) {
      const rows = await this.query<MessageRow>(pool, 'read stream', READ_STREAM_SQL, [streamName, position, this.batchSize]);
      for (const row of rows) events.push(toRecordedEvent(row));
      if (rows.length < this.batchSize) return events;
      position = rows[rows.length - 1].position + 1;
    }
  }

  /** One statement for all; a stream with a whole batch or more is read on with readStream. */
  async readStreams(reads: readonly StreamRead[], consistency: ReadConsistency = 'leader'): Promise<RecordedEvent[][]> {
    if (reads.length === 0) return [];
    reads.forEach((r) => assertStreamName(r.streamName));
    const rows = await this.query<MessageRow & { ordinal: number }>(this.poolFor(consistency), 'read streams', READ_STREAMS_SQL, [
      reads.map((r) => r.streamName),
      reads.map((r) => r.fromVersion ?? 0),
      this.batchSize,
    ]);
    const streams: RecordedEvent[][] = reads.map(() => []);
    for (const row of rows) streams[row.ordinal - 1].push(toRecordedEvent(row));
    return Promise.all(
      streams.map(async (events, i) => {
        if (events.length < this.batchSize) return events;
        const rest = await this.readStream(reads[i].streamName, events[events.length - 1].position + 1, consistency);
        return [...events, ...rest];
      }),
    );
  }

  async appendToStream(streamName: string, expectedVersion: number, events: readonly EventToWrite[]): Promise<AppendResult> {
    if (events.length === 0) return this.checkVersion(streamName, expectedVersion);
    const [result] = await this.append('append to stream', [{ streamName, expectedVersion, events }]);
    return result;
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    validateStreamAppends(appends);
    return this.append('append to streams', appends);
  }

  /** Reachable, and Message DB installed: for a readiness probe. */
  async health(): Promise<MessageDbHealth> {
    const pools = this.readPool === this.writePool ? [this.writePool] : [this.writePool, this.readPool];
    const versions = await Promise.all(pools.map((pool) => this.messageDbVersion(pool)));
    return { version: versions[0] };
  }

  /**
   * Streams are written grouped by category, in category order: the category locks of a unit of work are always taken
   * in the same order, so two units of work over the same categories cannot deadlock.
   */
  private async append(operation: string, appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    const ordered = [...appends].sort((a, b) => compare(categoryOf(a.streamName), categoryOf(b.streamName)));
    const rows = ordered.flatMap(({ streamName, expectedVersion, events }) =>
      events.map((event, i) => ({ streamName, expected: expectedVersion - 1 + i, event })),
    );
    const categories = [...new Set(ordered.map((a) => categoryOf(a.streamName)))];
    let written: WrittenRow[];
    try {
      written = await this.inTurnToWrite(categories, () =>
        this.query<WrittenRow>(this.writePool, operation, APPEND_SQL, [
          rows.map((r) => r.event.id),
          rows.map((r) => r.streamName),
          rows.map((r) => r.event.type),
          rows.map((r) => toJson(r.event.data)),
          rows.map((r) => toJson(r.event.metadata)),
          rows.map((r) => r.expected),
        ]),
      );
    } catch (error) {
      const refused = wrongExpectedVersionReport(error);
      if (refused === undefined) throw error;
      const expected = appends.find((a) => a.streamName === refused.streamName)?.expectedVersion ?? Number.NaN;
      throw new WrongExpectedVersionError(refused.streamName, expected, refused.actual + 1);
    }
    const lastPositions = new Map(rows.map((row, i) => [row.streamName, written[i].global_position]));
    return appends.map((a) => ({ version: a.expectedVersion + a.events.length, globalPosition: lastPositions.get(a.streamName)! }));
  }

  /**
   * Waits for a write slot of each category, in category order (so that two waiters cannot hold each other's). With a
   * query timeout on the pool, that bounds the wait and the write together: a write queued behind writes to a silent
   * server fails in as much time as they do, not in that time plus its own.
   */
  private inTurnToWrite<T>(categories: readonly string[], write: () => Promise<T>): Promise<T> {
    const budgetMs = this.writePool.options.query_timeout;
    const inTurn = (last: () => Promise<T>, limit?: () => TurnLimit) =>
      categories.reduceRight<() => Promise<T>>((inner, category) => () => this.writeSlots(category).run(inner, limit?.()), last)();
    if (!budgetMs) return inTurn(write);
    const deadline = Date.now() + budgetMs;
    const timedOut = () => new StoreUnavailableError(`Message DB unavailable (append): no write within ${budgetMs} ms`);
    return inTurn(
      () => beforeDeadline(write(), deadline, timedOut),
      () => ({ maxWaitMs: Math.max(0, deadline - Date.now()), timedOut }),
    );
  }

  private writeSlots(category: string): Semaphore {
    let slots = this.categoryWrites.get(category);
    if (!slots) this.categoryWrites.set(category, (slots = new Semaphore(this.writesPerCategory)));
    return slots;
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
  private async checkVersion(streamName: string, expectedVersion: number): Promise<AppendResult> {
    const [last] = await this.query<WrittenRow>(this.writePool, 'read stream version', LAST_MESSAGE_SQL, [streamName]);
    const actualVersion = (last?.position ?? -1) + 1;
    if (actualVersion !== expectedVersion) throw new WrongExpectedVersionError(streamName, expectedVersion, actualVersion);
    return { version: actualVersion, globalPosition: last?.global_position ?? -1 };
  }

  private poolFor(consistency: ReadConsistency): pg.Pool {
    return consistency === 'leader' ? this.writePool : this.readPool;
  }

  private async query<R extends pg.QueryResultRow>(pool: pg.Pool, operation: string, sql: string, values?: unknown[]): Promise<R[]> {
    const name = PREPARED_STATEMENTS.get(sql);
    try {
      return (await this.connections.get(pool)!.run(() => pool.query<R>({ text: sql, values, ...(name && { name }) }))).rows;
    } catch (error) {
      throw translateStoreError(error, operation);
    }
  }
}

/** Message DB's is_category: a name without a hyphen names a category, not a stream, and has no messages of its own. */
function assertStreamName(streamName: string): void {
  if (!streamName.includes('-')) throw new RangeError(`Must be a stream name: ${streamName}`);
}

/** undefined (no body) is stored as SQL NULL. */
function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
