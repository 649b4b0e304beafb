import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import {
  createPool,
  ensureDatabase,
  installMessageDb,
  MESSAGE_DB_INSTALL_FILES,
  MESSAGE_STORE_WRITE_CHANNEL,
  MessageDbStore,
  NOTIFIED_CATEGORIES_TABLE,
  PARKED_STREAM_TABLE,
  shippedMessageDbVersion,
  withDatabase,
  withTransaction,
} from '@app/store/message-db';
import { dropDatabase, uniqueDatabaseName, withAdminClient } from '../../../support/database';
import { events, newStreamName } from '../support/event-store-contract';

const serverUrl = (): string => process.env.TEST_DATABASE_SERVER_URL!;

/** An empty database (not cloned from the template), dropped after the test. */
async function withEmptyDatabase(work: (url: string) => Promise<void>): Promise<void> {
  const name = uniqueDatabaseName('install');
  await withAdminClient(serverUrl(), (admin) => admin.query(`CREATE DATABASE ${name}`));
  try {
    await work(withDatabase(serverUrl(), name));
  } finally {
    await dropDatabase(serverUrl(), name);
  }
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const pool = createPool(url, { max: 1 });
  try {
    return (await pool.query<R>(sql)).rows;
  } finally {
    await pool.end();
  }
}

/** Runs `work` on a connection that has SET ROLE message_store (the role Message DB grants its objects to). */
async function asMessageStoreRole(url: string, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const pool = createPool(url, { max: 1 });
  try {
    const client = await pool.connect();
    try {
      await client.query('SET ROLE message_store');
      await work(client);
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}

/** One write transaction: `events` events (default 1) appended to each of `streams` in turn. */
interface Write {
  readonly streams: readonly string[];
  readonly events?: number;
}

/** Sent after the writes: notifications arrive in commit order, so those of the writes have all arrived before it. */
const END_OF_WRITES = 'end of the writes';

/** Registers `registered` for notifications, makes the writes in turn, and returns the notification payloads they sent. */
async function notificationsOf(url: string, registered: readonly string[], writes: readonly Write[]): Promise<string[]> {
  const pool = createPool(url);
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  try {
    const payloads: string[] = [];
    const allArrived = new Promise<void>((resolve) =>
      listener.on('notification', ({ channel, payload }) => {
        if (channel !== MESSAGE_STORE_WRITE_CHANNEL) return;
        if (payload === END_OF_WRITES) resolve();
        else payloads.push(payload!);
      }),
    );
    await listener.query(`LISTEN ${MESSAGE_STORE_WRITE_CHANNEL}`);
    await pool.query(`INSERT INTO ${NOTIFIED_CATEGORIES_TABLE} (category) SELECT unnest($1::text[])`, [registered]);
    for (const write of writes) await inOneTransaction(pool, write);
    await pool.query('SELECT pg_notify($1, $2)', [MESSAGE_STORE_WRITE_CHANNEL, END_OF_WRITES]);
    await allArrived;
    return payloads;
  } finally {
    await listener.end();
    await pool.end();
  }
}

async function inOneTransaction(pool: pg.Pool, { streams, events: count = 1 }: Write): Promise<void> {
  await withTransaction(pool, async (client) => {
    for (const stream of streams) {
      for (let n = 0; n < count; n++) await client.query(`SELECT write_message($1, $2, 'Happened', '{}')`, [randomUUID(), stream]);
    }
  });
}

/**
 * Every catalog row the installer may create, with its oid and xmin: dropping and re-creating an object, or rewriting
 * it in place (CREATE OR REPLACE), changes the fingerprint.
 */
async function schemaFingerprint(url: string): Promise<string> {
  const rows = await query<{ row: string }>(
    url,
    `SELECT format('class %s %s %s %s', n.nspname, c.relname, c.oid, c.xmin) AS row
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('message_store', 'public')
     UNION ALL
     SELECT format('proc %s %s %s %s', p.proname, p.oid, p.xmin, md5(p.prosrc))
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'message_store'
     UNION ALL
     SELECT format('type %s %s %s', t.typname, t.oid, t.xmin)
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'message_store'
     UNION ALL
     SELECT format('trigger %s %s %s', tgname, oid, xmin) FROM pg_trigger WHERE NOT tgisinternal
     UNION ALL
     SELECT format('extension %s %s %s', extname, oid, xmin) FROM pg_extension
     UNION ALL
     SELECT format('namespace %s %s %s', nspname, oid, xmin) FROM pg_namespace
     UNION ALL
     SELECT format('role %s %s %s', rolname, oid, xmin) FROM pg_authid WHERE rolname = 'message_store'
     ORDER BY 1`,
  );
  return rows.map((r) => r.row).join('\n');
}

describe('installMessageDb', () => {
  it('installs Message DB, the write trigger and the checkpoint table into an empty database', async () => {
    await withEmptyDatabase(async (url) => {
      const log: string[] = [];
      await expect(installMessageDb(url, (line) => log.push(line))).resolves.toEqual({ installed: true, version: '1.3.0' });
      expect(log.join('\n')).toMatch(/Installed Message DB 1\.3\.0/);

      const pool = createPool(url);
      try {
        const store = new MessageDbStore({ writePool: pool });
        const stream = newStreamName();
        await expect(store.appendToStream(stream, 0, events(2))).resolves.toMatchObject({ version: 2 });
        await pool.query(`INSERT INTO propulsion_checkpoint VALUES ('messageDb', 'Contract', 'reactor', 42)`);
        const checkpoint = await pool.query(`SELECT position FROM public.propulsion_checkpoint`);
        expect(checkpoint.rows).toEqual([{ position: 42 }]);
      } finally {
        await pool.end();
      }
    });
  });

  it('changes nothing when run again', async () => {
    await withEmptyDatabase(async (url) => {
      await installMessageDb(url);
      const before = await schemaFingerprint(url);
      const log: string[] = [];

      await expect(installMessageDb(url, (line) => log.push(line))).resolves.toEqual({ installed: false, version: '1.3.0' });

      expect(await schemaFingerprint(url)).toBe(before);
      expect(log).toEqual(['Message DB 1.3.0 already installed']);
    });
  });

  it('lets one of several racing installers install, and the others find it installed', async () => {
    await withEmptyDatabase(async (url) => {
      const results = await Promise.all([installMessageDb(url), installMessageDb(url), installMessageDb(url)]);
      expect(results.filter((r) => r.installed)).toHaveLength(1);
      expect(results.map((r) => r.version)).toEqual(['1.3.0', '1.3.0', '1.3.0']);
    });
  });

  it("adds the registry, trigger, checkpoint and parked-stream tables to a Message DB installed without them (by the package's scripts)", async () => {
    await withEmptyDatabase(async (url) => {
      await installMessageDb(url);
      await query(
        url,
        `DROP TRIGGER message_store_write_notify ON message_store.messages;
         DROP FUNCTION message_store.notify_message_store_write();
         DROP TABLE ${NOTIFIED_CATEGORIES_TABLE};
         DROP TABLE propulsion_checkpoint;
         DROP TABLE ${PARKED_STREAM_TABLE}`,
      );
      const log: string[] = [];

      await expect(installMessageDb(url, (line) => log.push(line))).resolves.toEqual({ installed: false, version: '1.3.0' });

      expect(log).toEqual([
        'Message DB 1.3.0 already installed',
        `Created ${NOTIFIED_CATEGORIES_TABLE} (the categories whose writes notify)`,
        `Created the trigger function: it notifies '${MESSAGE_STORE_WRITE_CHANNEL}' with the stream written to, ` +
          `only for the categories in ${NOTIFIED_CATEGORIES_TABLE}`,
        'Created the trigger message_store_write_notify, which runs that function after each message written',
        'Created the checkpoint table public.propulsion_checkpoint',
        `Created ${PARKED_STREAM_TABLE}`,
      ]);
      const before = await schemaFingerprint(url);
      await installMessageDb(url);
      expect(await schemaFingerprint(url)).toBe(before);
      const heard = newStreamName('Heard');
      expect(await notificationsOf(url, ['Heard'], [{ streams: [newStreamName('Unheard')] }, { streams: [heard] }])).toEqual([heard]);
    });
  });

  it('grants the message_store role what writers, listeners and checkpoint resets need', async () => {
    await withEmptyDatabase(async (url) => {
      await installMessageDb(url);
      await asMessageStoreRole(url, async (client) => {
        await client.query(`INSERT INTO ${NOTIFIED_CATEGORIES_TABLE} (category) VALUES ('Granted') ON CONFLICT DO NOTHING`);
        // The trigger looks the category up with the writer's privileges.
        await client.query(`SELECT write_message($1, $2, 'Happened', '{}')`, [randomUUID(), newStreamName('Granted')]);
        await client.query(`SELECT write_message($1, $2, 'Happened', '{}')`, [randomUUID(), newStreamName('Ungranted')]);
        await client.query(`INSERT INTO propulsion_checkpoint VALUES ('messageDb', 'Granted', 'reactor', 1)`);
        await client.query(`UPDATE propulsion_checkpoint SET position = 2`);
        await expect(client.query('DELETE FROM propulsion_checkpoint')).resolves.toMatchObject({ rowCount: 1 });
        await expect(client.query(`DELETE FROM ${NOTIFIED_CATEGORIES_TABLE}`)).resolves.toMatchObject({ rowCount: 1 });
      });
    });
  });

  it('reports another Message DB version and leaves it untouched', async () => {
    await withEmptyDatabase(async (url) => {
      await installMessageDb(url);
      await query(
        url,
        `DROP TABLE propulsion_checkpoint;
         CREATE OR REPLACE FUNCTION message_store.message_store_version() RETURNS varchar AS $$ BEGIN RETURN '1.2.6'; END; $$ LANGUAGE plpgsql`,
      );
      const before = await schemaFingerprint(url);
      const log: string[] = [];

      await expect(installMessageDb(url, (line) => log.push(line))).resolves.toEqual({ installed: false, version: '1.2.6' });

      expect(log).toEqual([expect.stringMatching(/Message DB 1\.2\.6 is installed, this installer ships 1\.3\.0: left untouched/)]);
      expect(await schemaFingerprint(url)).toBe(before);
    });
  });

  it("runs the package's SQL files in the order of its install scripts", () => {
    const databaseDir = path.join(path.dirname(require.resolve('@eventide/message-db/package.json')), 'database');
    const sqlFilesOf = (script: string): string[] =>
      readFileSync(path.join(databaseDir, script), 'utf8')
        .split('\n')
        .flatMap((line) => {
          const sourced = /^source \$base\/(\S+\.sh)/.exec(line);
          if (sourced) return sqlFilesOf(sourced[1]);
          const file = /\$base\/(\S+\.sql)/.exec(line);
          return file ? [file[1]] : [];
        });

    expect(['roles/message-store.sql', ...MESSAGE_DB_INSTALL_FILES]).toEqual(sqlFilesOf('install.sh'));
    expect(shippedMessageDbVersion()).toBe('1.3.0');
  });

  describe('write notifications', () => {
    it(`notify '${MESSAGE_STORE_WRITE_CHANNEL}' with the stream name, once per transaction and stream of a registered category`, async () => {
      await withEmptyDatabase(async (url) => {
        await installMessageDb(url);
        const [first, second, last] = [newStreamName('First'), newStreamName('First'), newStreamName('Last')];

        const payloads = await notificationsOf(
          url,
          ['First', 'Last'],
          [{ streams: [first, second, first], events: 2 }, { streams: [newStreamName('Unregistered')] }, { streams: [last] }],
        );

        // In commit order; the six events of First's single transaction notify once per stream.
        expect(payloads).toEqual([first, second, last]);
      });
    });
  });
});

describe('ensureDatabase', () => {
  it('creates the database named in the URL when it is missing, and only then', async () => {
    const name = uniqueDatabaseName('ensure');
    const url = withDatabase(serverUrl(), name);
    try {
      await expect(ensureDatabase(url)).resolves.toEqual({ created: true });
      await expect(ensureDatabase(url)).resolves.toEqual({ created: false });
    } finally {
      await dropDatabase(serverUrl(), name);
    }
  });

  it('names the server (without its password) when it cannot be reached', async () => {
    await expect(ensureDatabase('postgres://someone:secret@127.0.0.1:1/app')).rejects.toThrow(
      'Could not ensure database app on postgres://someone:***@127.0.0.1:1/app: connect ECONNREFUSED 127.0.0.1:1',
    );
  });
});
