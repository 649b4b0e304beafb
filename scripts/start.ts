// `npm start`: the whole service on one machine. Without DATABASE_URL it runs an embedded PostgreSQL (data in .data/,
// port 54329); it installs Message DB, builds both apps when their sources changed, then runs the API (on 127.0.0.1
// unless HOST is set) and the reactor until Ctrl-C, and stops everything in order: the apps first (the reactor drains
// and checkpoints), the database last. One instance per directory: a second start is refused (.data/npm-start.lock).
//
// Ctrl-C signals the terminal's whole process group, and the embedded PostgreSQL runs in its starter's group, so a
// launcher in that group would see the database stop before the reactor commits its checkpoint. The launcher therefore
// runs the real work in a supervisor of its own session and only forwards signals to it.
import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { validateApiConfig } from '../apps/api/src/config/api-config';
import { DEFAULT_DESK_OUT_DIR, buildDesk } from '../apps/desk/build';
import { ensureDatabase, installMessageDb, redactConnectionString, withDatabase } from '../libs/store/src/message-db';
import { AppBuild, BUILT_APPS, buildApps, isBuildCurrent } from './app-build';
import { EmbeddedPostgres, startEmbeddedPostgres, untraversableAncestor } from './embedded-postgres';
import { tryLockInstance } from './instance-lock';

const ROOT = path.resolve(__dirname, '..');
const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
const EMBEDDED_DATABASE = 'hotel';
const APPS = BUILT_APPS;
/** The front-desk page the API serves at /desk/, built with the apps. */
const DESK_ENTRY = path.relative(ROOT, path.join(DEFAULT_DESK_OUT_DIR, 'index.html'));
/** `npm start` serves this machine only, unless HOST says otherwise. */
const LOOPBACK = '127.0.0.1';
const STATE_DIR = path.join(ROOT, '.data');

const SUPERVISOR_VARIABLE = 'HOTEL_START_SUPERVISOR';

const log = (line: string) => console.log(`[start] ${line}`);

function launchSupervisor(): void {
  const supervisor = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', '-r', 'tsconfig-paths/register', __filename], {
    cwd: ROOT,
    env: { ...process.env, [SUPERVISOR_VARIABLE]: '1' },
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    detached: true,
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => supervisor.kill('SIGTERM'));
  supervisor.on('exit', (code) => process.exit(code ?? 1));
}

async function main(): Promise<void> {
  const appEnvironment = appEnvironmentOf(process.env);
  if (!lockThisInstance(validateApiConfig(appEnvironment).PORT)) process.exit(1);

  const embedded = process.env.DATABASE_URL ? undefined : startEmbedded();
  let build: AppBuild | undefined;
  let children: ChildProcess[] = [];
  let shuttingDown: Promise<void> | undefined;
  const shutdown = (reason: string) =>
    (shuttingDown ??= (async () => {
      log(`${reason}: stopping the API and the reactor`);
      build?.cancel();
      await Promise.all(children.map((child) => stopChild(child)));
      const server = await embedded?.catch(() => undefined);
      if (server) {
        log('stopping the embedded PostgreSQL');
        await server.stop();
      }
      log('stopped');
    })());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void shutdown(signal).then(() => process.exit(0)));
  }
  process.on('disconnect', () => void shutdown('the launcher is gone').then(() => process.exit(0)));

  try {
    const databaseUrl = process.env.DATABASE_URL ?? withDatabase((await embedded!).url, EMBEDDED_DATABASE);
    await ensureDatabase(databaseUrl);
    await installMessageDb(databaseUrl, log);
    if (isBuildCurrent(ROOT, [...Object.values(APPS), DESK_ENTRY])) log('the apps are built from the current sources');
    else {
      log('building the desk');
      await buildDesk();
      await (build = buildApps(ROOT, Object.keys(APPS), log)).done;
    }
    if (shuttingDown) return;
    log(`database ${redactConnectionString(databaseUrl)}`);
    const names = Object.keys(APPS) as (keyof typeof APPS)[];
    children = names.map((app) => runApp(app, { ...appEnvironment, DATABASE_URL: databaseUrl }));
    const exited = await Promise.race(children.map((child, i) => exitOf(child).then((code) => ({ name: names[i], code }))));
    await shutdown(`${exited.name} exited with code ${exited.code}`);
    process.exit(1);
  } catch (error) {
    if (shuttingDown) return;
    console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
    await shutdown('start-up failed');
    process.exit(1);
  }
}

function appEnvironmentOf(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const appEnvironment: NodeJS.ProcessEnv = { ...environment, HOST: environment.HOST?.trim() || LOOPBACK };
  delete appEnvironment[SUPERVISOR_VARIABLE];
  return appEnvironment;
}

/** False, having said why, when another `npm start` runs in this directory: nothing of it may be touched. */
function lockThisInstance(apiPort: number): boolean {
  mkdirSync(STATE_DIR, { recursive: true });
  const lockFile = path.join(STATE_DIR, 'npm-start.lock');
  const databasePort = process.env.DATABASE_URL ? undefined : EMBEDDED_PORT;
  const lock = tryLockInstance(lockFile, { pid: process.pid, apiPort, databasePort }, __filename);
  if (lock.acquired) {
    process.on('exit', () => lock.release());
    return true;
  }
  const { pid, apiPort: port, databasePort: dbPort } = lock.holder;
  const ports = `API on port ${port}${dbPort === undefined ? '' : `, embedded PostgreSQL on port ${dbPort}`}`;
  console.error(`[start] npm start is already running in ${ROOT} (pid ${pid}, ${ports}): stop it first (Ctrl-C in its terminal).`);
  return false;
}

async function startEmbedded(): Promise<EmbeddedPostgres> {
  const dataDir = embeddedDataDir();
  const shownDir = path.relative(ROOT, dataDir).startsWith('..') ? dataDir : path.relative(ROOT, dataDir);
  log(`${existsSync(dataDir) ? 'starting' : 'initialising'} the embedded PostgreSQL in ${shownDir} on port ${EMBEDDED_PORT}`);
  return startEmbeddedPostgres({ dataDir, port: EMBEDDED_PORT, persistent: true, log: logProblems });
}

/**
 * .data/postgres; as root, Postgres runs as the `postgres` user, which must reach the data directory: when the project
 * lies under a directory other users cannot traverse, the cluster lives under /var/lib instead, one per project path.
 */
function embeddedDataDir(): string {
  const asRoot = process.getuid?.() === 0;
  if (asRoot && untraversableAncestor(ROOT) !== undefined) {
    const project = createHash('sha256').update(ROOT).digest('hex').slice(0, 12);
    const dataDir = path.join('/var/lib/hotel-group-checkout', project, 'postgres');
    mkdirSync(path.dirname(dataDir), { recursive: true });
    return dataDir;
  }
  if (asRoot) chmodSync(STATE_DIR, 0o755);
  return path.join(STATE_DIR, 'postgres');
}
/**
 * The server's own log is chatty; only its warnings and errors are worth a user's attention, except the one that
 * ensureDatabase's first probe causes on a new cluster.
 */
function logProblems(line: string): void {
  if (/\b(WARNING|ERROR|FATAL|PANIC):/.test(line) && !/FATAL: +database "[^"]+" does not exist/.test(line)) log(line);
}

function runApp(app: keyof typeof APPS, env: NodeJS.ProcessEnv): ChildProcess {
  log(`starting the ${app}`);
  return spawn(process.execPath, [path.join(ROOT, APPS[app])], { cwd: ROOT, env, stdio: 'inherit' });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function stopChild(child: ChildProcess, graceMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exitOf(child);
  clearTimeout(timer);
}

if (process.env[SUPERVISOR_VARIABLE]) {
  main().catch((error: unknown) => {
    console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
} else {
  launchSupervisor();
}
