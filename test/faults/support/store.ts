import { randomUUID } from 'node:crypto';
import pg from 'pg';

export interface MessageRow {
  readonly id: string;
  readonly streamName: string;
  readonly type: string;
  readonly position: number;
  readonly globalPosition: number;
  readonly data: unknown;
}

export interface NewEvent {
  readonly stream: string;
  readonly type: string;
  readonly data: unknown;
}

export function openPool(url: string, max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, options: '-c search_path=message_store,public' });
  // An idle client cut off when its database is dropped must not become an unhandled error of the test process.
  pool.on('error', () => undefined);
  return pool;
}

export const stayStream = (stayId: string) => `GuestStay-${stayId.replace(/-/g, '')}`;
export const groupStream = (groupId: string) => `GroupCheckout-${groupId.replace(/-/g, '')}`;

/** The hyphenated UUID of a `<Category>-<32 hex>` stream name. */
export function idOfStream(streamName: string): string {
  const hex = streamName.slice(streamName.indexOf('-') + 1);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export async function readAllMessages(pool: pg.Pool): Promise<MessageRow[]> {
  const { rows } = await pool.query(
    'SELECT id, stream_name, type, position, global_position, data FROM message_store.messages ORDER BY global_position',
  );
  return rows.map((row) => ({
    id: row.id,
    streamName: row.stream_name,
    type: row.type,
    position: Number(row.position),
    globalPosition: Number(row.global_position),
    data: row.data,
  }));
}

export async function messageCountsByStream(pool: pg.Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query('SELECT stream_name, count(*)::int AS n FROM message_store.messages GROUP BY stream_name');
  return new Map(rows.map((row) => [row.stream_name as string, row.n as number]));
}

export async function totalMessages(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM message_store.messages');
  return rows[0].n;
}

/**
 * Appends events in bulk (one statement), positions continuing each stream. It takes Message DB's category locks first,
 * as write_message does, so a reader following a category never sees a position commit behind a later one.
 */
export async function appendEvents(pool: pg.Pool, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const categories = [...new Set(events.map((e) => e.stream.slice(0, e.stream.indexOf('-'))))].sort();
    for (const category of categories) await client.query('SELECT message_store.acquire_lock($1)', [`${category}-x`]);
    await client.query(
      `INSERT INTO message_store.messages (id, stream_name, type, position, data)
       SELECT e.id::uuid, e.stream, e.type,
              coalesce(last.position, -1) + row_number() OVER (PARTITION BY e.stream ORDER BY e.ord), e.data::jsonb
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS e(id, stream, type, data, ord)
       LEFT JOIN LATERAL (SELECT max(position) AS position FROM message_store.messages m WHERE m.stream_name = e.stream) last ON true
       ORDER BY e.ord`,
      [events.map(() => randomUUID()), events.map((e) => e.stream), events.map((e) => e.type), events.map((e) => JSON.stringify(e.data))],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export async function checkpointRows(pool: pg.Pool): Promise<{ consumerGroup: string; position: number }[]> {
  const { rows } = await pool.query('SELECT consumer_group, position FROM public.propulsion_checkpoint ORDER BY consumer_group');
  return rows.map((row) => ({ consumerGroup: row.consumer_group, position: Number(row.position) }));
}

/** The global position of the category's last message (-1 when it has none). */
export async function lastCategoryPosition(pool: pg.Pool, category: string): Promise<number> {
  const { rows } = await pool.query(
    'SELECT coalesce(max(global_position), -1) AS p FROM message_store.messages WHERE message_store.category(stream_name) = $1',
    [category],
  );
  return Number(rows[0].p);
}
