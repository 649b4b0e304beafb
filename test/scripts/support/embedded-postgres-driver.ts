// Runs startEmbeddedPostgres in a Node process of its own, which a test can kill or run from another directory:
//   start <dataDir> <port>       start (persistent), print "url <url>", and keep running until killed
//   restart <dataDir> <port>     start (persistent), query it, stop, print "stopped"
//   die-alone <dataDir> <port>   start, kill the server behind the library's back, then stop(): print "stopped"
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../../scripts/embedded-postgres';

const STOP_HANG_GUARD_MILLIS = 10_000;

async function main(): Promise<void> {
  const [command, dataDir, port] = process.argv.slice(2);
  const server = await startEmbeddedPostgres({ dataDir, port: Number(port), persistent: command !== 'die-alone', durable: false });
  if (command === 'start') {
    console.log(`url ${server.url}`);
    return;
  }
  if (command === 'restart') {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query('SELECT 1');
    await client.end();
  }
  if (command === 'die-alone') await killBehindTheLibrarysBack(dataDir);
  await stopOrGiveUp(server.stop());
  console.log('stopped');
}

async function killBehindTheLibrarysBack(dataDir: string): Promise<void> {
  const pid = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
  process.kill(pid, 'SIGKILL');
  // Once the pid is gone, Node has reaped the child and emitted its 'exit' event.
  while (isAlive(pid)) await new Promise((resolve) => setImmediate(resolve));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopOrGiveUp(stopping: Promise<void>): Promise<void> {
  let guard: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    guard = setTimeout(() => reject(new Error('stop() hung')), STOP_HANG_GUARD_MILLIS);
  });
  try {
    await Promise.race([stopping, hung]);
  } finally {
    clearTimeout(guard);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
