import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createPool, databaseNameOf, DEFAULT_CONNECTION_TIMEOUT_MILLIS, redactConnectionString, withDatabase } from './connection';
import { withTransaction } from './transaction';
import { PARKED_STREAM_TABLE, PARKED_STREAM_TABLE_SQL } from './postgres-parked-stream-store';

export interface InstallResult {
  /** True when this run installed Message DB itself; false when it found it already there. */
  readonly installed: boolean;
  /** The Message DB version now in the database (which may differ from the shipped one: see the log). */
  readonly version: string;
}

/**
 * The channel our trigger notifies after each message written to a registered category (see NOTIFIED_CATEGORIES_TABLE);
 * the payload is the message's stream name. PostgreSQL delivers identical notifications of one transaction once: a
 * transaction notifies once per stream it wrote to.
 */
export const MESSAGE_STORE_WRITE_CHANNEL = 'message_store_write';

/**
 * The categories whose writes notify, registered by their listeners. A transaction that notifies takes PostgreSQL's
 * global notification lock at commit, which serialises the commits of all notifying writers: categories nobody follows
 * must not pay that.
 */
export const NOTIFIED_CATEGORIES_TABLE = 'message_store.notified_categories';

const MESSAGE_DB_DIR = path.join(path.dirname(require.resolve('@eventide/message-db/package.json')), 'database');

/** The SQL files of the package, in the order its install.sh (and the install-*.sh it sources) runs them. */
export const MESSAGE_DB_INSTALL_FILES: readonly string[] = [
  'schema/message-store.sql',
  'extensions/pgcrypto.sql',
  'tables/messages.sql',
  'types/message.sql',
  'functions/message-store-version.sql',
  'functions/hash-64.sql',
  'functions/acquire-lock.sql',
  'functions/category.sql',
  'functions/is-category.sql',
  'functions/id.sql',
  'functions/cardinal-id.sql',
  'functions/stream-version.sql',
  'functions/write-message.sql',
  'functions/get-stream-messages.sql',
  'functions/get-category-messages.sql',
  'functions/get-last-stream-message.sql',
  'indexes/messages-id.sql',
  'indexes/messages-stream.sql',
  'indexes/messages-category.sql',
  'views/stream-summary.sql',
  'views/type-summary.sql',
  'views/stream-type-summary.sql',
  'views/type-stream-summary.sql',
  'views/category-type-summary.sql',
  'views/type-category-summary.sql',
  'privileges/schema.sql',
  'privileges/table.sql',
  'privileges/sequence.sql',
  'privileges/functions.sql',
  'privileges/views.sql',
];

/** The role file runs apart: roles are cluster-wide, the rest lives in one database. */
const ROLE_FILE = 'roles/message-store.sql';

export function shippedMessageDbVersion(): string {
  return readFileSync(path.join(MESSAGE_DB_DIR, 'VERSION.txt'), 'utf8').trim();
}

const NOTIFIED_CATEGORIES_TABLE_SQL = `
CREATE TABLE ${NOTIFIED_CATEGORIES_TABLE} (
  category text PRIMARY KEY,
  registered_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, DELETE ON ${NOTIFIED_CATEGORIES_TABLE} TO message_store;
`;

const NOTIFY_FUNCTION_SQL = `
CREATE FUNCTION message_store.notify_message_store_write()
RETURNS trigger
AS $$
BEGIN
  IF EXISTS (SELECT FROM ${NOTIFIED_CATEGORIES_TABLE} WHERE category = message_store.category(NEW.stream_name)) THEN
    PERFORM pg_notify('${MESSAGE_STORE_WRITE_CHANNEL}', NEW.stream_name);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
`;

const NOTIFY_TRIGGER_SQL = `
CREATE TRIGGER message_store_write_notify
  AFTER INSERT ON message_store.messages
  FOR EACH ROW EXECUTE FUNCTION message_store.notify_message_store_write();
`;

const CHECKPOINT_TABLE_SQL = `
CREATE TABLE public.propulsion_checkpoint (
  source text NOT NULL,
  tranche text NOT NULL,
  consumer_group text NOT NULL,
  position bigint NOT NULL,
  PRIMARY KEY (source, tranche, consumer_group)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON public.propulsion_checkpoint TO message_store;
`;

/** Serialises installers of one database (advisory locks are per database). */
const INSTALL_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('message-db-install'))`;

const noLog = (): void => undefined;

/**
 * Installs Message DB (the SQL that @eventide/message-db ships), our write-notification trigger with its table of
 * notified categories, the Propulsion checkpoint table and the parked streams table, in one transaction. Idempotent: what is there is left
 * alone, so a second run changes nothing, and a Message DB installed without our parts gets them. A Message DB of
 * another version than the shipped one is reported and not touched (nor is anything else).
 */
export async function installMessageDb(connectionString: string, log: (line: string) => void = noLog): Promise<InstallResult> {
  const shipped = shippedMessageDbVersion();
  const pool = createPool(connectionString, { max: 1, applicationName: 'message-db-installer' });
  try {
    const client = await pool.connect();
    try {
      await ensureMessageStoreRole(client, log);
      return await withTransaction(client, async () => {
        await client.query(INSTALL_LOCK_SQL);
        const found = await installedVersion(client);
        if (found !== undefined && found !== shipped) {
          log(
            `Message DB ${found} is installed, this installer ships ${shipped}: left untouched ` +
              `(no trigger, no notified categories, no checkpoint table); upgrade it with the package's update scripts`,
          );
          return { installed: false, version: found };
        }
        if (found === undefined) await installShippedMessageDb(client, shipped, log);
        else log(`Message DB ${found} already installed`);
        await ensureNotifiedCategoriesTable(client, log);
        await ensureNotifyFunction(client, log);
        await ensureNotifyTrigger(client, log);
        await ensureCheckpointTable(client, log);
        await ensureTable(client, PARKED_STREAM_TABLE, PARKED_STREAM_TABLE_SQL, log);
        return { installed: found === undefined, version: shipped };
      });
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}

/**
 * Creates the database named in the URL when it is missing. Only then does it connect to the server's `postgres`
 * database (which a restricted user may not be allowed to reach).
 */
export async function ensureDatabase(connectionString: string): Promise<{ created: boolean }> {
  const database = databaseNameOf(connectionString);
  try {
    if (await databaseAccepts(connectionString)) return { created: false };
    await withClient(withDatabase(connectionString, 'postgres'), async (admin) => {
      await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
    });
    return { created: true };
  } catch (error) {
    if (sqlState(error) === DUPLICATE_DATABASE) return { created: false };
    throw new Error(`Could not ensure database ${database} on ${redactConnectionString(connectionString)}: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

/** True when a connection to the database succeeds, false when the database does not exist. */
async function databaseAccepts(connectionString: string): Promise<boolean> {
  try {
    await withClient(connectionString, async () => undefined);
    return true;
  } catch (error) {
    if (sqlState(error) === INVALID_CATALOG_NAME) return false;
    throw error;
  }
}

async function withClient(connectionString: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: DEFAULT_CONNECTION_TIMEOUT_MILLIS });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

const INVALID_CATALOG_NAME = '3D000';
const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';
const DUPLICATE_OBJECT = '42710';

async function ensureMessageStoreRole(client: pg.PoolClient, log: (line: string) => void): Promise<void> {
  const found = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = 'message_store'`);
  if (found.rowCount) return;
  try {
    await client.query(readSql(ROLE_FILE));
    log('Created the message_store role');
  } catch (error) {
    // Another installer (of another database of the same server) created it meanwhile.
    if (sqlState(error) !== UNIQUE_VIOLATION && sqlState(error) !== DUPLICATE_OBJECT) throw error;
  }
}

async function installedVersion(client: pg.PoolClient): Promise<string | undefined> {
  const { rows } = await client.query<{ messages: string | null; versionFunction: string | null }>(
    `SELECT to_regclass('message_store.messages')::text AS messages,
            to_regprocedure('message_store.message_store_version()')::text AS "versionFunction"`,
  );
  if (rows[0].messages === null) return undefined;
  if (rows[0].versionFunction === null) return 'unknown (message_store.messages exists without message_store_version())';
  const version = await client.query<{ version: string }>('SELECT message_store.message_store_version() AS version');
  return version.rows[0].version;
}

async function installShippedMessageDb(client: pg.PoolClient, version: string, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  for (const file of MESSAGE_DB_INSTALL_FILES) await client.query(readSql(file));
  log(`Installed Message DB ${version} (${MESSAGE_DB_INSTALL_FILES.length} SQL files, ${Date.now() - started} ms)`);
}

async function ensureNotifiedCategoriesTable(client: pg.PoolClient, log: (line: string) => void): Promise<void> {
  if (await tableExists(client, NOTIFIED_CATEGORIES_TABLE)) return;
  await client.query(NOTIFIED_CATEGORIES_TABLE_SQL);
  log(`Created ${NOTIFIED_CATEGORIES_TABLE} (the categories whose writes notify)`);
}

async function ensureNotifyFunction(client: pg.PoolClient, log: (line: string) => void): Promise<void> {
  const { rows } = await client.query<{ found: boolean }>(
    `SELECT to_regprocedure('message_store.notify_message_store_write()') IS NOT NULL AS found`,
  );
  if (rows[0].found) return;
  await client.query(NOTIFY_FUNCTION_SQL);
  log(
    `Created the trigger function: it notifies '${MESSAGE_STORE_WRITE_CHANNEL}' ` +
      `with the stream written to, only for the categories in ${NOTIFIED_CATEGORIES_TABLE}`,
  );
}

async function ensureNotifyTrigger(client: pg.PoolClient, log: (line: string) => void): Promise<void> {
  const found = await client.query(
    `SELECT 1 FROM pg_trigger WHERE tgrelid = 'message_store.messages'::regclass AND tgname = 'message_store_write_notify'`,
  );
  if (found.rowCount) return;
  await client.query(NOTIFY_TRIGGER_SQL);
  log('Created the trigger message_store_write_notify, which runs that function after each message written');
}

async function ensureCheckpointTable(client: pg.PoolClient, log: (line: string) => void): Promise<void> {
  if (await tableExists(client, 'public.propulsion_checkpoint')) return;
  await client.query(CHECKPOINT_TABLE_SQL);
  log('Created the checkpoint table public.propulsion_checkpoint');
}

async function ensureTable(client: pg.PoolClient, table: string, sql: string, log: (line: string) => void): Promise<void> {
  if (await tableExists(client, table)) return;
  await client.query(sql);
  log(`Created ${table}`);
}

async function tableExists(client: pg.PoolClient, table: string): Promise<boolean> {
  const { rows } = await client.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [table]);
  return rows[0].found;
}

function readSql(file: string): string {
  return readFileSync(path.join(MESSAGE_DB_DIR, file), 'utf8');
}

function sqlState(error: unknown): string | undefined {
  return (error as { code?: unknown } | null)?.code as string | undefined;
}

/** Duck-typed: socket errors come from Node's own realm, where another realm's `instanceof Error` fails. */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
