// Relative imports: jest loads global setup without its moduleNameMapper, and global setup imports this file.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withDatabase } from '../../libs/store/src/message-db/connection';

/** Set by global setup for the test workers. */
export const TEST_SERVER_URL_VARIABLE = 'TEST_DATABASE_SERVER_URL';
export const TEST_TEMPLATE_VARIABLE = 'TEST_DATABASE_TEMPLATE';

export interface TestDatabase {
  /** Connection string of a fresh database with Message DB installed. */
  readonly url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

/** A fresh, uniquely named database cloned from the template that global setup prepared (Message DB installed). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = requiredVariable(TEST_SERVER_URL_VARIABLE);
  const template = requiredVariable(TEST_TEMPLATE_VARIABLE);
  const name = uniqueDatabaseName('test');
  await withAdminClient(serverUrl, (admin) =>
    admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`),
  );
  return {
    url: withDatabase(serverUrl, name),
    drop: () => dropDatabase(serverUrl, name),
  };
}

/** Lower-case, at most 63 characters, unique across workers and concurrent runs. */
export function uniqueDatabaseName(purpose: string): string {
  return `mdb_${purpose}_${Date.now().toString(36)}_${randomBytes(6).toString('hex')}`;
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdminClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
}

/** Runs `work` on a connection to the server's `postgres` database. */
export async function withAdminClient<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres'), connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function requiredVariable(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest, whose global setup prepares the database server`);
  return value;
}
