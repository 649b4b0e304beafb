import pg from 'pg';
import { isClientReadTimeout } from './errors';

/**
 * Runs `work` between BEGIN and COMMIT, and rolls back when it fails (rethrowing its error). Given a pool, it takes a
 * connection of its own and releases it; given a client, it runs on it and leaves releasing to the caller.
 *
 * A connection that may be in the middle of something is not trusted again: when the rollback fails, or when a query
 * outlived the client-side query_timeout (it may still be running; a rollback would only wait as long again). An own
 * connection is then released as broken; a caller's client is ended (pg-pool discards an ended client on release).
 */
export async function withTransaction<T>(
  db: pg.Pool | pg.PoolClient,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = isPoolClient(db) ? db : await db.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken = !(await rolledBack(client, error));
    throw error;
  } finally {
    if (client !== db) client.release(broken);
    else if (broken) void client.end().catch(() => undefined);
  }
}

async function rolledBack(client: pg.PoolClient, failure: unknown): Promise<boolean> {
  if (isClientReadTimeout(failure)) return false;
  try {
    await client.query('ROLLBACK');
    return true;
  } catch {
    return false;
  }
}

function isPoolClient(db: pg.Pool | pg.PoolClient): db is pg.PoolClient {
  return typeof (db as pg.PoolClient).release === 'function';
}
