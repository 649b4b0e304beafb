import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withDatabase } from '../libs/store/src/message-db/connection';
import { installMessageDb } from '../libs/store/src/message-db/install';

/** The server the benchmarks make their scratch databases on. */
export const BENCH_SERVER_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Runs `work` on a fresh database of `server` (default BENCH_SERVER_URL) with Message DB installed, or on a copy of
 * `template`, and drops it afterwards whatever happens.
 */
export async function withScratchDatabase<T>(
  prefix: string,
  work: (url: string, name: string) => Promise<T>,
  options: { template?: string; server?: string } = {},
): Promise<T> {
  const server = options.server ?? BENCH_SERVER_URL;
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(server, 'postgres') });
  // Idle while `work` runs: a server that goes away meanwhile fails the DROP below, not the whole process.
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    const template = options.template ? ` TEMPLATE ${pg.escapeIdentifier(options.template)}` : '';
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${template}`);
    const url = withDatabase(server, name);
    if (!options.template) await installMessageDb(url);
    return await work(url, name);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.end();
  }
}
