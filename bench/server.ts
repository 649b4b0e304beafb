import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { findFreePort, startEmbeddedPostgres } from '../scripts/embedded-postgres';

export interface BenchServer {
  /** postgres://… of the server's `postgres` database; scratch databases are made beside it. */
  readonly url: string;
  readonly embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL server the benchmarks run on: BENCH_DATABASE_URL or DATABASE_URL when set, otherwise an embedded
 * server (stock settings, fsync on) in a temporary directory, deleted when stopped.
 */
export async function benchServer(log: (line: string) => void): Promise<BenchServer> {
  const configured = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  if (configured) return { url: configured, embedded: false, stop: async () => undefined };
  const parent = mkdtempSync(path.join(os.tmpdir(), 'hotel-bench-'));
  chmodSync(parent, 0o755); // as root, PostgreSQL runs as the postgres user, who must reach the data directory
  const dataDir = path.join(parent, 'data');
  const server = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), persistent: false, durable: true });
  log(`embedded PostgreSQL at ${dataDir}`);
  return {
    url: server.url,
    embedded: true,
    stop: async () => {
      await server.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** What the report says about the server: version and the settings that bound the figures. */
export async function describeServer(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; setting: string }>(
      `SELECT name, current_setting(name) AS setting FROM pg_settings
        WHERE name IN ('server_version', 'max_connections', 'shared_buffers', 'fsync', 'synchronous_commit', 'jit')`,
    );
    return Object.fromEntries(rows.map((row) => [row.name, row.setting]));
  } finally {
    await client.end();
  }
}
