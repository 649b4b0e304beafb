import pg from 'pg';
import { notFound } from '../errors';

export interface CheckpointRow {
  readonly source: string;
  readonly category: string;
  readonly consumerGroup: string;
  readonly processor: string;
  /** `<i>of<n>` for a consumer-group member, null for a whole-category processor. */
  readonly member: string | null;
  readonly position: number;
}

const TABLE = 'public.propulsion_checkpoint';

/** The checkpoints, of one processor when named (its bare name or one member's `<name>/<i>of<n>`). */
export async function checkpointRows(pool: pg.Pool, processor?: string): Promise<CheckpointRow[]> {
  const { rows } = await pool.query<{ source: string; tranche: string; consumer_group: string; position: string }>(
    `SELECT source, tranche, consumer_group, position FROM ${TABLE}
      WHERE $1::text IS NULL OR consumer_group = $1 OR left(consumer_group, length($1) + 1) = $1 || '/'
      ORDER BY consumer_group, tranche, source`,
    [processor ?? null],
  );
  return rows.map((r) => {
    const [name, member] = r.consumer_group.split('/');
    const position = Number(r.position);
    return { source: r.source, category: r.tranche, consumerGroup: r.consumer_group, processor: name, member: member ?? null, position };
  });
}

/** The processor's checkpoints, or exit 4 naming what exists. */
export async function requireCheckpoints(pool: pg.Pool, processor: string): Promise<CheckpointRow[]> {
  const rows = await checkpointRows(pool, processor);
  if (rows.length > 0) return rows;
  const known = [...new Set((await checkpointRows(pool)).map((r) => r.processor))];
  throw notFound(
    `No checkpoint for processor "${processor}"` + (known.length ? ` (known: ${known.join(', ')})` : ' (there are none yet)'),
  );
}

export async function setPositions(
  pool: pg.Pool,
  rows: readonly CheckpointRow[],
  position: (row: CheckpointRow) => number,
): Promise<void> {
  for (const row of rows) {
    await pool.query(`UPDATE ${TABLE} SET position = $4 WHERE source = $1 AND tranche = $2 AND consumer_group = $3`, [
      row.source,
      row.category,
      row.consumerGroup,
      position(row),
    ]);
  }
}

export async function deleteCheckpoints(pool: pg.Pool, rows: readonly CheckpointRow[]): Promise<void> {
  for (const row of rows) {
    await pool.query(`DELETE FROM ${TABLE} WHERE source = $1 AND tranche = $2 AND consumer_group = $3`, [
      row.source,
      row.category,
      row.consumerGroup,
    ]);
  }
}
