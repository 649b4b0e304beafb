import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { withDatabase } from '../../libs/store/src/message-db/connection';
import { ensureDatabase, installMessageDb } from '../../libs/store/src/message-db/install';
import { EmbeddedPostgres, findFreePort, startEmbeddedPostgres, stopOrphanedServer } from '../../scripts/embedded-postgres';
import { dropDatabase, TEST_SERVER_URL_VARIABLE, TEST_TEMPLATE_VARIABLE, uniqueDatabaseName } from './database';

/** What global teardown must undo (global setup and teardown run in the same process). */
export interface TestRun {
  readonly serverUrl: string;
  readonly template: string;
  readonly embedded?: EmbeddedPostgres;
}

const RUN_KEY = Symbol.for('hotel-group-checkout.test-run');

/**
 * Uses the server at DATABASE_URL, or else starts a throw-away embedded PostgreSQL; then prepares a uniquely named
 * template database with Message DB installed, which createTestDatabase() clones. Workers learn both through
 * process.env (they are started after global setup and inherit it).
 */
export default async function globalSetup(): Promise<void> {
  const embedded = process.env.DATABASE_URL ? undefined : await startThrowAwayPostgres();
  const run: TestRun = {
    serverUrl: process.env.DATABASE_URL ?? embedded!.url,
    template: uniqueDatabaseName('template'),
    embedded,
  };
  try {
    const templateUrl = withDatabase(run.serverUrl, run.template);
    await ensureDatabase(templateUrl);
    await installMessageDb(templateUrl);
  } catch (error) {
    await undoTestRun(run);
    throw error;
  }
  (globalThis as Record<symbol, unknown>)[RUN_KEY] = run;
  process.env[TEST_SERVER_URL_VARIABLE] = run.serverUrl;
  process.env[TEST_TEMPLATE_VARIABLE] = run.template;
}

/** The run global setup prepared, once (undefined afterwards). */
export function takeTestRun(): TestRun | undefined {
  const run = (globalThis as Record<symbol, unknown>)[RUN_KEY] as TestRun | undefined;
  delete (globalThis as Record<symbol, unknown>)[RUN_KEY];
  return run;
}

export async function undoTestRun(run: TestRun): Promise<void> {
  try {
    await dropDatabase(run.serverUrl, run.template);
  } finally {
    await run.embedded?.stop();
  }
}

const CLUSTER_DIR_PREFIX = 'hotel-test-pg-';

async function startThrowAwayPostgres(): Promise<EmbeddedPostgres> {
  await reapClustersOfDeadRuns();
  // mkdtemp's directory is private (0700); as root, startEmbeddedPostgres hands it over to the `postgres` user.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `${CLUSTER_DIR_PREFIX}${process.pid}-`));
  return startEmbeddedPostgres({ dataDir, port: await findFreePort(), persistent: false, durable: false });
}

/** A run killed before its teardown leaves its server running and its data behind: the dir names the run's pid. */
async function reapClustersOfDeadRuns(): Promise<void> {
  const pattern = new RegExp(`^${CLUSTER_DIR_PREFIX}(\\d+)-`);
  for (const entry of await readdir(os.tmpdir())) {
    const owner = pattern.exec(entry)?.[1];
    if (owner === undefined || isAlive(Number(owner))) continue;
    const dataDir = path.join(os.tmpdir(), entry);
    await stopOrphanedServer(dataDir);
    await rm(dataDir, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
