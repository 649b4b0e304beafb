import pg from 'pg';
import { createPool, isStoreUnavailable } from '@app/store/message-db';
import { createTestDatabase, TestDatabase } from '../../../support/database';
import { SilenceableProxy } from '../support/silenceable-proxy';

/** What node-pg (or PostgreSQL) rejects `work` with. */
async function rejectionOf(work: () => Promise<unknown>): Promise<unknown> {
  const outcome = await work().then(
    () => new Error('expected a rejection'),
    (error: unknown) => ({ error }),
  );
  if (outcome instanceof Error) throw outcome;
  return outcome.error;
}

describe('isStoreUnavailable knows what node-pg 8 actually says', () => {
  let database: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 1, connectionTimeoutMillis: 100 });
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('when no connection of the pool is free in time', async () => {
    const held = await pool.connect();
    try {
      const error = await rejectionOf(() => pool.query('SELECT 1'));
      expect(error).toMatchObject({ message: 'timeout exceeded when trying to connect' });
      expect(isStoreUnavailable(error)).toBe(true);
    } finally {
      held.release();
    }
  });

  it('when a client whose connection was lost is asked again', async () => {
    const client = await pool.connect();
    const lost = new Promise((resolve) => client.once('error', resolve));
    try {
      await client.query('SELECT pg_terminate_backend(pg_backend_pid())').catch(() => undefined);
      await lost;
      const error = await rejectionOf(() => client.query('SELECT 1'));
      expect(error).toMatchObject({ message: expect.stringMatching(/is not queryable$/) });
      expect(isStoreUnavailable(error)).toBe(true);
    } finally {
      client.release(true);
    }
  });

  it('when the connection closes under a query', async () => {
    const proxy = await SilenceableProxy.start(database.url);
    const client = new pg.Client({ connectionString: proxy.url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      proxy.goSilent();
      const query = rejectionOf(() => client.query('SELECT 1'));
      proxy.hangUp();
      const error = await query;
      expect(error).toMatchObject({ message: 'Connection terminated unexpectedly' });
      expect(isStoreUnavailable(error)).toBe(true);
    } finally {
      await client.end();
      await proxy.close();
    }
  });

  it('and not when the statement itself is at fault', async () => {
    // A pool that waits for a connection as long as a loaded machine may need: only the statements may fail here.
    const patient = createPool(database.url, { max: 1, connectionTimeoutMillis: 30_000 });
    try {
      for (const sql of ['SELEC 1', 'SELECT 1/0', `SELECT 'x'::int`]) {
        expect(isStoreUnavailable(await rejectionOf(() => patient.query(sql)))).toBe(false);
      }
    } finally {
      await patient.end();
    }
  });
});
