import { randomUUID } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import {
  Category,
  CategorySpec,
  ConcurrencyExhaustedError,
  StoreUnavailableError,
  WrongExpectedVersionError,
} from '@app/store';
import { createPool, MessageDbNotInstalledError, MessageDbStore, withDatabase } from '@app/store/message-db';
import { findFreePort } from '../../scripts/embedded-postgres';
import { createTestDatabase, TestDatabase, uniqueDatabaseName, withAdminClient } from '../support/database';
import { event, events, newStreamName } from './event-store-contract';

describe('MessageDbStore on Message DB', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let store: MessageDbStore;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 4 });
    store = new MessageDbStore({ writePool: pool });
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('writes the events of a refused append not at all, even when a later event is the bad one', async () => {
    const stream = newStreamName();
    const duplicate = event();
    await store.appendToStream(stream, 0, [duplicate]);

    const failure = store.appendToStream(stream, 1, [event(), event(), { ...event(), id: duplicate.id }]);
    await expect(failure).rejects.toMatchObject({ code: '23505' });
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('stores an event body that is undefined as null', async () => {
    const stream = newStreamName();
    await store.appendToStream(stream, 0, [{ id: randomUUID(), type: 'Bodiless', data: undefined }]);
    expect((await store.readStream(stream))[0]).toMatchObject({ data: null, metadata: null });
  });

  it('reports its health with the Message DB version', async () => {
    await expect(store.health()).resolves.toEqual({ version: '1.3.0' });
  });

  it('reports a database without Message DB as not installed', async () => {
    const name = uniqueDatabaseName('bare');
    const serverUrl = process.env.TEST_DATABASE_SERVER_URL!;
    await withAdminClient(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
    const barePool = createPool(withDatabase(serverUrl, name));
    try {
      await expect(new MessageDbStore({ writePool: barePool }).health()).rejects.toBeInstanceOf(MessageDbNotInstalledError);
    } finally {
      await barePool.end();
      await withAdminClient(serverUrl, (admin) => admin.query(`DROP DATABASE ${name} WITH (FORCE)`));
    }
  });

  it('reads with the read pool and writes with the write pool', async () => {
    const unreachable = createPool(`postgres://postgres@127.0.0.1:${await findFreePort()}/nowhere`);
    try {
      const split = new MessageDbStore({ writePool: pool, readPool: unreachable });
      await expect(split.appendToStream(newStreamName(), 0, events(1))).resolves.toBe(1);
      await expect(split.readStream(newStreamName())).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await unreachable.end();
    }
  });

  describe('when the store cannot answer', () => {
    it('fails with StoreUnavailableError when nothing listens on the port', async () => {
      const closed = createPool(`postgres://postgres@127.0.0.1:${await findFreePort()}/nowhere`);
      try {
        const unreachable = new MessageDbStore({ writePool: closed });
        await expect(unreachable.readStream(newStreamName())).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(unreachable.appendToStream(newStreamName(), 0, events(1))).rejects.toBeInstanceOf(StoreUnavailableError);
        await expect(unreachable.health()).rejects.toThrow(/Message DB unavailable \(health\): .*ECONNREFUSED/);
      } finally {
        await closed.end();
      }
    });

    it('fails with StoreUnavailableError when the server accepts but never answers, after the connect timeout', async () => {
      const accepted: net.Socket[] = [];
      const silent = net.createServer((socket) => accepted.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const { port } = silent.address() as net.AddressInfo;
      const hanging = createPool(`postgres://postgres@127.0.0.1:${port}/silent`, { connectionTimeoutMillis: 200 });
      try {
        await expect(new MessageDbStore({ writePool: hanging }).readStream(newStreamName())).rejects.toThrow(
          StoreUnavailableError,
        );
      } finally {
        await hanging.end();
        for (const socket of accepted) socket.destroy();
        silent.close();
      }
    });

    it('fails with StoreUnavailableError when a statement outlives the statement timeout', async () => {
      const impatient = createPool(database.url, { statementTimeoutMillis: 100 });
      const blocker = await pool.connect();
      const stream = newStreamName('Blocked');
      try {
        await blocker.query('BEGIN');
        await blocker.query(`SELECT FROM message_store.acquire_lock($1)`, [stream]);
        const append = new MessageDbStore({ writePool: impatient }).appendToStream(stream, 0, events(1));
        await expect(append).rejects.toThrow(/Message DB unavailable \(append to stream\): canceling statement due to statement timeout/);
      } finally {
        await blocker.query('ROLLBACK');
        blocker.release();
        await impatient.end();
      }
    });

    it('fails with StoreUnavailableError when the server terminates the connection mid-statement', async () => {
      const applicationName = `terminated-${randomUUID()}`;
      const doomed = createPool(database.url, { applicationName });
      const blocker = await pool.connect();
      const stream = newStreamName('Terminated');
      try {
        await blocker.query('BEGIN');
        await blocker.query(`SELECT FROM message_store.acquire_lock($1)`, [stream]);
        const append = new MessageDbStore({ writePool: doomed }).appendToStream(stream, 0, events(1));
        const outcome = append.catch((e: unknown) => e);
        await untilWaitingOnLock(applicationName);
        await pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
        expect(await outcome).toBeInstanceOf(StoreUnavailableError);
      } finally {
        await blocker.query('ROLLBACK');
        blocker.release();
        await doomed.end();
      }
    });

    async function untilWaitingOnLock(applicationName: string): Promise<void> {
      for (;;) {
        const waiting = await pool.query(
          `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
          [applicationName],
        );
        if (waiting.rowCount) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  });

  describe('under the Decider', () => {
    type Counted = { type: 'Counted'; by: number };
    const counter: CategorySpec<Counted, number> = {
      name: 'Counter',
      initial: 0,
      evolve: (total, e) => total + e.by,
      codec: {
        encode: (e) => ({ type: e.type, data: { by: e.by } }),
        tryDecode: (e) => (e.type === 'Counted' ? { type: 'Counted', by: (e.data as { by: number }).by } : undefined),
      },
    };

    it('re-decides on the new state after losing a race, and records both decisions', async () => {
      const id = randomUUID();
      const decider = new Category(store, counter).decider(id);
      const seen: number[] = [];

      const result = await decider.transactResult(async (total) => {
        seen.push(total);
        if (seen.length === 1) await new Category(store, counter).decider(id).transact(() => [{ type: 'Counted', by: 10 }]);
        return [total + 1, [{ type: 'Counted', by: 1 }]] as const;
      });

      expect(seen).toEqual([0, 10]);
      expect(result).toBe(11);
      expect(await decider.query((total) => total)).toBe(11);
      expect(await store.readStream(decider.streamName)).toHaveLength(2);
    });

    it('gives up with ConcurrencyExhaustedError when it loses every race', async () => {
      const id = randomUUID();
      const rival = new Category(store, counter).decider(id);
      const decider = new Category(store, counter, { maxAttempts: 2 }).decider(id);

      const giveUp = decider.transactResult(async () => {
        await rival.transact(() => [{ type: 'Counted', by: 100 }]);
        return [undefined, [{ type: 'Counted', by: 1 }]] as const;
      });

      await expect(giveUp).rejects.toThrow(ConcurrencyExhaustedError);
      await expect(giveUp).rejects.toMatchObject({ attempts: 2 });
      expect(await rival.query((total) => total)).toBe(200);
    });
  });

  it('maps only the refusal to WrongExpectedVersionError', async () => {
    const stream = newStreamName();
    await store.appendToStream(stream, 0, events(1));
    await expect(store.appendToStream(stream, 0, events(1))).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(store.appendToStream(stream, 1, [{ ...event(), id: 'not-a-uuid' }])).rejects.toMatchObject({ code: '22P02' });
  });
});
