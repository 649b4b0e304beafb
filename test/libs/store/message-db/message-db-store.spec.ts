import { randomUUID } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import {
  Category,
  ConcurrencyExhaustedError,
  StoreUnavailableError,
  WrongExpectedVersionError,
} from '@app/store';
import { createPool, MessageDbNotInstalledError, MessageDbStore, withDatabase } from '@app/store/message-db';
import { findFreePort } from '../../../../scripts/embedded-postgres';
import { counter } from '../support/counter';
import { createTestDatabase, TestDatabase, uniqueDatabaseName, withAdminClient } from '../../../support/database';
import { event, events, newStreamName } from '../support/event-store-contract';
import { SilenceableProxy } from '../support/silenceable-proxy';

/** Fails a test that would hang without the timeouts it checks, long before jest's own timeout. */
const HANG_GUARD_MILLIS = 10_000;

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

  it("reads a stream's messages exactly as get_stream_messages returns them, and refuses a category name as it does", async () => {
    const [a, b] = [newStreamName(), newStreamName()];
    await store.appendToStream(a, 0, [event('One', { n: 1 }, { by: 'test' }), event('Two', { s: 'é' })]);
    await store.appendToStream(b, 0, events(3));
    const { rows } = await pool.query('SELECT * FROM message_store.get_stream_messages($1, 1, 1000)', [a]);
    const [read] = await store.readStreams([{ streamName: a, fromVersion: 1 }]);
    expect(read.map((e) => [e.id, e.type, e.position, e.globalPosition, e.data, e.metadata, e.time])).toEqual(
      rows.map((r) => [r.id, r.type, r.position, r.global_position, JSON.parse(r.data), r.metadata && JSON.parse(r.metadata), r.time]),
    );
    expect((await store.readStreams([{ streamName: b }, { streamName: a }])).map((s) => s.length)).toEqual([3, 2]);
    await expect(store.readStream('Contract')).rejects.toThrow('Must be a stream name: Contract');
    await expect(store.readStreams([{ streamName: a }, { streamName: 'Contract' }])).rejects.toThrow(RangeError);
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

  it('writes and reads the leader with the write pool, and reads that accept a replica with the read pool', async () => {
    const unreachable = createPool(`postgres://postgres@127.0.0.1:${await findFreePort()}/nowhere`);
    try {
      const split = new MessageDbStore({ writePool: pool, readPool: unreachable });
      const stream = newStreamName();
      await expect(split.appendToStream(stream, 0, events(1))).resolves.toMatchObject({ version: 1 });
      await expect(split.readStream(stream)).resolves.toHaveLength(1);
      await expect(split.readStream(stream, 0, 'leader')).resolves.toHaveLength(1);
      await expect(split.readStream(stream, 0, 'replica')).rejects.toBeInstanceOf(StoreUnavailableError);
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

    it(
      'fails with StoreUnavailableError, instead of hanging, when the server goes silent mid-session',
      async () => {
        const proxy = await SilenceableProxy.start(database.url);
        const proxied = createPool(proxy.url, { max: 1, statementTimeoutMillis: 200 });
        const silenced = new MessageDbStore({ writePool: proxied });
        const stream = newStreamName('Silenced');
        try {
          await silenced.appendToStream(stream, 0, events(1));
          proxy.goSilent();

          await expect(silenced.readStream(stream)).rejects.toThrow(
            /^Message DB unavailable \(read stream\): Query read timeout$/,
          );
          expect(proxied.totalCount).toBe(0);
          proxy.resume();
          await expect(silenced.readStream(stream)).resolves.toHaveLength(1);
        } finally {
          await proxy.close();
          await proxied.end();
        }
      },
      HANG_GUARD_MILLIS,
    );

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

    it('re-decides on the new state after losing a race, and records both decisions', async () => {
      const id = randomUUID();
      const decider = new Category(store, counter).decider(id);
      const seen: number[] = [];

      const result = await decider.transactResult(async (total) => {
        seen.push(total);
        if (seen.length === 1) await new Category(store, counter).decider(id).transactResult(() => [undefined, [{ type: 'Counted', by: 10 }]]);
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
        await rival.transactResult(() => [undefined, [{ type: 'Counted', by: 100 }]]);
        return [undefined, [{ type: 'Counted', by: 1 }]] as const;
      });

      await expect(giveUp).rejects.toThrow(ConcurrencyExhaustedError);
      await expect(giveUp).rejects.toMatchObject({ attempts: 2 });
      expect(await rival.query((total) => total)).toBe(200);
    });

    it('decides on the leader, and queries a replica unless asked for the leader', async () => {
      const unreachable = createPool(`postgres://postgres@127.0.0.1:${await findFreePort()}/nowhere`);
      try {
        const decider = new Category(new MessageDbStore({ writePool: pool, readPool: unreachable }), counter).decider(randomUUID());
        await expect(decider.transactResult((total) => [total, []])).resolves.toBe(0);
        await expect(decider.transactWithPostVersion((total) => [total, [{ type: 'Counted', by: 2 }]])).resolves.toEqual([0, 1]);
        await expect(decider.transactResult((total) => [total, []])).resolves.toBe(2);
        await expect(decider.query((total) => total, 'leader')).resolves.toBe(2);
        await expect(decider.query((total) => total)).rejects.toBeInstanceOf(StoreUnavailableError);
      } finally {
        await unreachable.end();
      }
    });
  });

  it('maps only the refusal to WrongExpectedVersionError', async () => {
    const stream = newStreamName();
    await store.appendToStream(stream, 0, events(1));
    await expect(store.appendToStream(stream, 0, events(1))).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(store.appendToStream(stream, 1, [{ ...event(), id: 'not-a-uuid' }])).rejects.toMatchObject({ code: '22P02' });
  });
});
