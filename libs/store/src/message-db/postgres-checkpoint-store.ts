import pg from 'pg';
import { withTransaction } from './transaction';
import { CheckpointKey, CheckpointStore, Regrouping, StoredCheckpoint } from '../checkpoints/checkpoint-store';

export interface PostgresCheckpointStoreOptions {
  /** The schema holding `propulsion_checkpoint` (default `public`). */
  readonly schema?: string;
}

/**
 * Propulsion's checkpoint table, `<schema>.propulsion_checkpoint(source, tranche, consumer_group, position)` with
 * primary key (source, tranche, consumer_group); the table must exist (the Message DB installer creates it).
 */
export class PostgresCheckpointStore implements CheckpointStore {
  private readonly table: string;

  constructor(
    private readonly pool: pg.Pool,
    options: PostgresCheckpointStoreOptions = {},
  ) {
    this.table = `${pg.escapeIdentifier(options.schema ?? 'public')}.propulsion_checkpoint`;
  }

  async load(key: CheckpointKey): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ position: string | number }>(
      `SELECT position FROM ${this.table} WHERE source = $1 AND tranche = $2 AND consumer_group = $3`,
      [key.source, key.tranche, key.consumerGroup],
    );
    return rows.length === 0 ? undefined : Number(rows[0].position);
  }

  async commit(key: CheckpointKey, position: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.table} (source, tranche, consumer_group, position) VALUES ($1, $2, $3, $4)
       ON CONFLICT (source, tranche, consumer_group) DO UPDATE SET position = EXCLUDED.position`,
      [key.source, key.tranche, key.consumerGroup, position],
    );
  }

  /**
   * Moves the checkpoint from `from` to `to` on `client` (in the caller's transaction, which then holds the row until it
   * ends). False, and nothing changed, when the stored position is not `from` or there is none.
   */
  async advance(client: pg.ClientBase, key: CheckpointKey, from: number, to: number): Promise<boolean> {
    const { rowCount } = await client.query(
      `UPDATE ${this.table} SET position = $5 WHERE source = $1 AND tranche = $2 AND consumer_group = $3 AND position = $4`,
      [key.source, key.tranche, key.consumerGroup, from, to],
    );
    return rowCount === 1;
  }

  async loadProcessor(source: string, tranche: string, processorName: string): Promise<StoredCheckpoint[]> {
    const { rows } = await this.pool.query<{ consumer_group: string; position: string | number }>(
      `SELECT consumer_group, position FROM ${this.table}
       WHERE source = $1 AND tranche = $2 AND (consumer_group = $3 OR left(consumer_group, length($3) + 1) = $3 || '/')
       ORDER BY consumer_group`,
      [source, tranche, processorName],
    );
    return rows.map((r) => ({ consumerGroup: r.consumer_group, position: Number(r.position) }));
  }

  async regroup(source: string, tranche: string, { remove, add, position }: Regrouping): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query(`DELETE FROM ${this.table} WHERE source = $1 AND tranche = $2 AND consumer_group = ANY($3::text[])`, [
        source,
        tranche,
        remove,
      ]);
      await client.query(
        `INSERT INTO ${this.table} (source, tranche, consumer_group, position)
         SELECT $1, $2, unnest($3::text[]), $4 ON CONFLICT (source, tranche, consumer_group) DO NOTHING`,
        [source, tranche, add, position],
      );
    });
  }
}
