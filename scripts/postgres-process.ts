// Runs initdb and the postgres server as child processes, as the server user when there is one. Every failure to start
// either becomes one Error that says what failed (never an unhandled 'error' event).
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chown, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PostgresBinaries, binaryPath } from './postgres-binaries';

export interface ClusterSettings {
  readonly dataDir: string;
  readonly port: number;
  readonly superuser: string;
  readonly password: string;
  readonly durable: boolean;
  readonly log: (line: string) => void;
}

export interface RunningServer {
  stop(): Promise<void>;
}

const READY_MESSAGE = 'database system is ready to accept connections';
const RECENT_OUTPUT_LINES = 20;

export async function initialiseCluster(binaries: PostgresBinaries, settings: ClusterSettings): Promise<void> {
  await mkdir(settings.dataDir, { recursive: true });
  if (binaries.user) await chown(settings.dataDir, binaries.user.uid, binaries.user.gid);
  const passwordFile = await writePasswordFile(binaries, settings);
  try {
    const initdb = spawnAs(binaries, 'initdb', [
      `--pgdata=${settings.dataDir}`,
      '--auth=scram-sha-256',
      `--username=${settings.superuser}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--no-locale',
    ]);
    const output = recentOutputOf(initdb, settings.log);
    const [code, signal] = (await exitOf(initdb, binaries)) as [number | null, NodeJS.Signals | null];
    if (code !== 0) throw new Error(`initdb failed (${code ?? signal}) on ${settings.dataDir}:\n${output()}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

/** Resolves once the server accepts connections; rejects with its last output if it exits first. */
export async function startServer(binaries: PostgresBinaries, settings: ClusterSettings): Promise<RunningServer> {
  const server = spawnAs(binaries, 'postgres', ['-D', settings.dataDir, '-p', String(settings.port), ...serverFlags(settings.durable)]);
  let markReady: (ready: boolean) => void = () => undefined;
  const ready = new Promise<boolean>((resolve) => (markReady = resolve));
  const output = recentOutputOf(server, settings.log, (line) => {
    if (line.includes(READY_MESSAGE)) markReady(true);
  });
  const started = await Promise.race([ready, exitOf(server, binaries).then(() => false)]);
  if (!started) {
    throw new Error(`PostgreSQL (data ${settings.dataDir}, port ${settings.port}) exited during start-up:\n${output()}`);
  }
  // A Node process that exits without stop() (an uncaught error, process.exit) must not leave its server behind.
  const stopOnExit = () => server.kill('SIGINT');
  process.once('exit', stopOnExit);
  return {
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await stopServer(server);
    },
  };
}

/** SIGINT is PostgreSQL's fast shutdown. A server that already exited on its own is left as it is. */
async function stopServer(server: ChildProcess): Promise<void> {
  if (hasExited(server)) return;
  const exited = once(server, 'exit');
  server.kill('SIGINT');
  await exited;
}

function serverFlags(durable: boolean): string[] {
  // Messages in English whatever the environment's locale: start-up is detected from the server's output.
  const settings = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'lc_messages=C'];
  if (!durable) settings.push('fsync=off', 'synchronous_commit=off', 'full_page_writes=off');
  return settings.flatMap((setting) => ['-c', setting]);
}

function spawnAs(binaries: PostgresBinaries, name: 'initdb' | 'postgres', args: string[]): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_MESSAGES: 'C' };
  delete env.LC_ALL;
  return spawn(binaryPath(binaries, name), args, {
    uid: binaries.user?.uid,
    gid: binaries.user?.gid,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The exit code and signal; a binary that cannot be started at all rejects with a sentence naming it and the user. */
function exitOf(child: ChildProcess, binaries: PostgresBinaries): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      const as = binaries.user ? ` as the user ${binaries.user.name}` : '';
      reject(new Error(`Cannot run ${child.spawnfile}${as}: ${error.code ?? error.message}`, { cause: error }));
    });
    child.once('exit', (...codeAndSignal) => resolve(codeAndSignal));
  });
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Passes each output line to `log` (and `watch`); returns a reader of the last lines, for error messages. */
function recentOutputOf(child: ChildProcess, log: (line: string) => void, watch?: (line: string) => void): () => string {
  const recent: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      recent.push(line);
      if (recent.length > RECENT_OUTPUT_LINES) recent.shift();
      log(line);
      watch?.(line);
    });
  }
  return () => recent.join('\n');
}

/** Next to the data directory, which the server user can reach (checked before), and readable by that user only. */
async function writePasswordFile(binaries: PostgresBinaries, settings: ClusterSettings): Promise<string> {
  const file = path.join(path.dirname(settings.dataDir), `.${path.basename(settings.dataDir)}.pwfile-${process.pid}`);
  await writeFile(file, `${settings.password}\n`, { mode: 0o600 });
  if (binaries.user) await chown(file, binaries.user.uid, binaries.user.gid);
  return file;
}
