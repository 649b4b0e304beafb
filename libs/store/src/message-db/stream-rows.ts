import pg from 'pg';
import { RecordedEvent } from '../core/event-store';

/** A row's columns by name, as JSON values (to_jsonb's forms: timestamps as ISO strings, numbers, JSON objects). */
export type RowValues = Record<string, unknown>;

/**
 * A projection table with one row per stream, folded from that stream's events. The table has a `version` bigint column
 * (the stream version the row reflects: the index of the next event) besides `columns`.
 */
export interface StreamTable<R extends RowValues> {
  /** Schema-qualified and safe to splice into SQL, e.g. `hotel_read.stays`. */
  readonly table: string;
  /** The primary key column; its value comes from keyOf. */
  readonly keyColumn: string;
  /** Every column but `version`, the key included. */
  readonly columns: readonly string[];
  /** The row key of a stream; undefined passes the stream over. */
  keyOf(streamName: string): string | undefined;
  /** The row after `events` (in order, none reflected yet), starting from `row` (undefined: none yet); undefined: no row. */
  fold(row: R | undefined, key: string, events: readonly RecordedEvent[]): R | undefined;
}

/** A stream's events skip some the row never reflected: its row was removed without resetting the checkpoint. */
export class ProjectionGapError extends Error {
  override readonly name = 'ProjectionGapError';
  constructor(table: string, streamName: string, version: number, position: number) {
    super(`${table}: the row of ${streamName} reflects version ${version}, but its next event here is at ${position}`);
  }
}

/**
 * Folds `events` (a page of a category, in global order) into `table`, on `client`: two statements whatever the page
 * holds. Rows only move forward by stream version: events a row already reflects are skipped, and the upsert never
 * replaces a row with one of a lower version. So redelivery and replays from 0 leave the rows as they are.
 */
export async function foldIntoRows<R extends RowValues>(
  client: pg.ClientBase,
  table: StreamTable<R>,
  events: readonly RecordedEvent[],
): Promise<void> {
  const byKey = groupByKey(table, events);
  if (byKey.size === 0) return;
  const current = await loadRows(client, table, [...byKey.keys()]);
  const changed: RowValues[] = [];
  for (const [key, streamEvents] of byKey) {
    const row = current.get(key);
    const version = row === undefined ? 0 : Number(row.version);
    const unseen = streamEvents.filter((event) => event.position >= version);
    if (unseen.length === 0) continue;
    if (unseen[0].position !== version) {
      throw new ProjectionGapError(table.table, unseen[0].streamName, version, unseen[0].position);
    }
    const folded = table.fold(row?.values, key, unseen);
    if (folded !== undefined) changed.push({ ...folded, version: unseen[unseen.length - 1].position + 1 });
  }
  if (changed.length > 0) await upsertRows(client, table, changed);
}

function groupByKey<R extends RowValues>(table: StreamTable<R>, events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const byKey = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const key = table.keyOf(event.streamName);
    if (key === undefined) continue;
    const list = byKey.get(key);
    if (list) list.push(event);
    else byKey.set(key, [event]);
  }
  return byKey;
}

async function loadRows<R extends RowValues>(
  client: pg.ClientBase,
  table: StreamTable<R>,
  keys: readonly string[],
): Promise<Map<string, { values: R; version: number }>> {
  const { rows } = await client.query<{ key: string; version: string | number; row: R & { version?: unknown } }>(
    `SELECT t.${table.keyColumn}::text AS key, t.version, to_jsonb(t) AS row FROM ${table.table} t WHERE t.${table.keyColumn} = ANY($1)`,
    [keys],
  );
  return new Map(
    rows.map(({ key, version, row }) => {
      const { version: _ignored, ...values } = row;
      return [key, { values: values as R, version: Number(version) }];
    }),
  );
}

async function upsertRows<R extends RowValues>(client: pg.ClientBase, table: StreamTable<R>, rows: readonly RowValues[]): Promise<void> {
  const columns = [...table.columns, 'version'];
  const list = columns.join(', ');
  await client.query(
    `INSERT INTO ${table.table} AS target (${list})
     SELECT ${list} FROM jsonb_populate_recordset(NULL::${table.table}, $1::jsonb)
     ON CONFLICT (${table.keyColumn}) DO UPDATE SET (${list}) = ROW(${columns.map((c) => `EXCLUDED.${c}`).join(', ')})
     WHERE target.version < EXCLUDED.version`,
    [JSON.stringify(rows)],
  );
}
