import pg from 'pg';
import { findFreePort } from '../../../scripts/embedded-postgres';
import { createTestDatabase, TestDatabase } from '../../support/database';
import { BuiltApps } from './build';
import { AppProcess, killEveryApp, spawnApp, waitUntilReady } from './processes';
import { openPool } from './store';

export interface ScenarioDatabase {
  readonly url: string;
  readonly pool: pg.Pool;
}

export interface RunningApi {
  readonly process: AppProcess;
  readonly baseUrl: string;
}

export interface RunningReactor {
  readonly process: AppProcess;
  readonly healthPort: number;
}

/** Owns everything a scenario starts (databases, pools, processes) so that afterAll can undo it even after a failure. */
export class FaultHarness {
  private readonly databases: TestDatabase[] = [];
  private readonly pools: pg.Pool[] = [];
  private readonly cleanups: (() => Promise<void>)[] = [];

  constructor(readonly apps: BuiltApps) {}

  async database(): Promise<ScenarioDatabase> {
    const database = await createTestDatabase();
    this.databases.push(database);
    const pool = openPool(database.url, 6);
    this.pools.push(pool);
    return { url: database.url, pool };
  }

  async startApi(label: string, databaseUrl: string, env: Record<string, string> = {}): Promise<RunningApi> {
    const port = await findFreePort();
    const process = spawnApp(this.apps, 'api', label, { DATABASE_URL: databaseUrl, PORT: String(port), ...env });
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitUntilReady(process, `${baseUrl}/health/ready`, 60_000);
    return { process, baseUrl };
  }

  /** Starts a reactor; `waitReady` false returns at once (to kill it during start-up). */
  async startReactor(label: string, databaseUrl: string, env: Record<string, string> = {}, waitReady = true): Promise<RunningReactor> {
    const healthPort = await findFreePort();
    const process = spawnApp(this.apps, 'reactor', label, { ...REACTOR_DEFAULTS, DATABASE_URL: databaseUrl, REACTOR_HTTP_PORT: String(healthPort), ...env });
    if (waitReady) await waitUntilReady(process, `http://127.0.0.1:${healthPort}/health/live`, 60_000);
    return { process, healthPort };
  }

  /** Something else to undo in afterAll (e.g. a proxy), in case the scenario never reached its own clean-up. */
  onDispose(cleanup: () => Promise<void>): void {
    this.cleanups.push(cleanup);
  }

  /** After each scenario: its processes, proxies, pools and databases go, so PostgreSQL's connection slots come back. */
  async endScenario(): Promise<void> {
    await killEveryApp();
    for (const cleanup of this.cleanups.splice(0)) await cleanup().catch(() => undefined);
    await Promise.all(this.pools.splice(0).map((pool) => pool.end().catch(() => undefined)));
    for (const database of this.databases.splice(0)) await database.drop().catch(() => undefined);
  }

  async dispose(): Promise<void> {
    await this.endScenario();
    this.apps.remove();
  }
}

/** Short intervals so that a run of minutes exercises many checkpoints and retries. */
const REACTOR_DEFAULTS: Record<string, string> = {
  CHECKPOINT_INTERVAL_MS: '300',
  RETRY_BASE_MS: '50',
  RETRY_MAX_MS: '1000',
  SHUTDOWN_TIMEOUT_MS: '5000',
  TAIL_SLEEP_MS: '500',
};

export function figuresLine(label: string, figures: Record<string, unknown>): void {
  console.log(`[faults] ${label}: ${JSON.stringify(figures)}`);
}
