import pg from 'pg';
import { AdminError, EXIT } from '../errors';

export interface LiveConnection {
  readonly applicationName: string;
  readonly connections: number;
  readonly client: string;
}

/**
 * The reactor's connections to this database, found by their application_name: a reactor names each of its pools
 * `<processor>-<role>` (feed, write, checkpoint, listen), and its feed polls at least every TAIL_SLEEP_MS, so a
 * running member always shows. What a stopped member held is gone once its process ends.
 */
export async function liveConnections(pool: pg.Pool, processorName: string): Promise<LiveConnection[]> {
  const { rows } = await pool.query<{ application_name: string; connections: number; client: string }>(
    `SELECT application_name, count(*)::int AS connections,
            string_agg(DISTINCT coalesce(host(client_addr), 'local socket'), ', ') AS client
       FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()
        AND left(application_name, length($1) + 1) = $1 || '-'
      GROUP BY application_name ORDER BY application_name`,
    [processorName],
  );
  return rows.map((r) => ({ applicationName: r.application_name, connections: r.connections, client: r.client }));
}

/** Refuses (exit 3) while a member of the processor is connected to any of `pools`, unless forced. */
export async function refuseWhileLive(pools: readonly pg.Pool[], processorName: string, force: boolean): Promise<void> {
  if (force) return;
  const live = (await Promise.all([...new Set(pools)].map((pool) => liveConnections(pool, processorName)))).flat();
  if (live.length === 0) return;
  const held = live.map((c) => `${c.applicationName} (${c.connections} from ${c.client})`).join('; ');
  throw new AdminError(
    EXIT.refused,
    `Refused: processor "${processorName}" is live: ${held}. A running member would overwrite the checkpoint with its ` +
      'own position at its next commit. Stop its reactors first (e.g. scale the StatefulSet to 0), or pass --force.',
  );
}
