import pg from 'pg';
import { createPool, MessageDbCategoryReader, StoreUnavailableError, withTransaction } from '@app/store';
import { createTestDatabase, TestDatabase } from '../../../support/database';
import { SilenceableProxy } from '../support/silenceable-proxy';

/** Fails a test that would hang without the timeouts it checks, long before jest's own timeout. */
const HANG_GUARD_MILLIS = 10_000;

describe('withTransaction', () => {
  let database: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 1 });
    await pool.query('CREATE TABLE noted (note text)');
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });
  beforeEach(() => pool.query('TRUNCATE noted'));

  const notes = async (): Promise<string[]> => (await pool.query<{ note: string }>('SELECT note FROM noted')).rows.map((r) => r.note);
  const note = (client: pg.PoolClient, text: string) => client.query('INSERT INTO noted VALUES ($1)', [text]);

  it('commits what the work did, resolves to its result and releases the connection', async () => {
    const result = await withTransaction(pool, async (client) => {
      await note(client, 'kept');
      return 42;
    });

    expect(result).toBe(42);
    expect(await notes()).toEqual(['kept']);
    expect({ total: pool.totalCount, idle: pool.idleCount }).toEqual({ total: 1, idle: 1 });
  });

  it('rolls back when the work fails, rethrows its error and keeps the connection', async () => {
    const failure = new Error('changed my mind');
    await expect(
      withTransaction(pool, async (client) => {
        await note(client, 'undone');
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(await notes()).toEqual([]);
    expect({ total: pool.totalCount, idle: pool.idleCount }).toEqual({ total: 1, idle: 1 });
  });

  it("runs on the caller's client and leaves it to the caller, out of any transaction", async () => {
    const client = await pool.connect();
    try {
      await withTransaction(client, (own) => note(own, 'committed'));
      await expect(withTransaction(client, () => Promise.reject(new Error('no')))).rejects.toThrow('no');
      expect(pool.idleCount).toBe(0);

      await note(client, 'autocommitted');
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await notes()).toEqual(['committed', 'autocommitted']);
  });

  describe('when the server goes silent mid-transaction', () => {
    let proxy: SilenceableProxy;
    let proxied: pg.Pool;

    beforeEach(async () => {
      proxy = await SilenceableProxy.start(database.url);
      proxied = createPool(proxy.url, { max: 1, statementTimeoutMillis: 200 });
      await proxied.query('SELECT 1');
    });
    afterEach(async () => {
      await proxy.close();
      await proxied.end();
    });

    it(
      'fails with the query timeout and discards its connection',
      async () => {
        const failing = withTransaction(proxied, async (client) => {
          proxy.goSilent();
          await note(client, 'never heard of');
        });

        await expect(failing).rejects.toThrow('Query read timeout');
        expect(proxied.totalCount).toBe(0);
        proxy.resume();
        await expect(withTransaction(proxied, (client) => note(client, 'heard'))).resolves.toBeDefined();
        expect(await notes()).toEqual(['heard']);
      },
      HANG_GUARD_MILLIS,
    );

    it(
      "ends the caller's client, so that releasing it discards it",
      async () => {
        const client = await proxied.connect();
        try {
          proxy.goSilent();
          await expect(withTransaction(client, (own) => note(own, 'never heard of'))).rejects.toThrow('Query read timeout');
        } finally {
          client.release();
        }
        expect(proxied.totalCount).toBe(0);
      },
      HANG_GUARD_MILLIS,
    );

    it(
      "fails a consumer group member's category read with StoreUnavailableError",
      async () => {
        const reader = new MessageDbCategoryReader(proxied, { consumerGroup: { member: 0, size: 2 } });
        proxy.goSilent();

        const read = reader.readCategory('Anything', 0, 10);

        await expect(read).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(read).rejects.toThrow(/Query read timeout/);
        expect(proxied.totalCount).toBe(0);
      },
      HANG_GUARD_MILLIS,
    );
  });
});
