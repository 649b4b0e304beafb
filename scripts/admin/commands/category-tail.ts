import pg from 'pg';

/** The global position of the category's last event (-1 when it has none). */
export async function categoryTail(pool: pg.Pool, category: string): Promise<number> {
  const { rows } = await pool.query<{ tail: string | null }>(
    `SELECT max(global_position) AS tail FROM message_store.messages WHERE message_store.category(stream_name) = $1`,
    [category],
  );
  return rows[0].tail === null ? -1 : Number(rows[0].tail);
}

/**
 * Events of the category at or after `position` that the member reads: for `<i>of<n>`, those whose stream Message DB
 * hashes to member i (its consumer-group rule), else all of them.
 */
export async function eventsBehind(pool: pg.Pool, category: string, position: number, member: string | null): Promise<number> {
  const group = member === null ? undefined : /^(\d+)of(\d+)$/.exec(member);
  const { rows } = await pool.query<{ lag: number }>(
    `SELECT count(*)::int AS lag FROM message_store.messages
      WHERE message_store.category(stream_name) = $1 AND global_position >= $2
        AND ($3::bigint IS NULL OR MOD(@message_store.hash_64(message_store.cardinal_id(stream_name)), $4::bigint) = $3)`,
    [category, position, group ? Number(group[1]) : null, group ? Number(group[2]) : null],
  );
  return rows[0].lag;
}
