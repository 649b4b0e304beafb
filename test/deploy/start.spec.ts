import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isBuildCurrent, recordBuild, sourcesFingerprint } from '../../scripts/app-build';
import { tryLockInstance } from '../../scripts/instance-lock';

const MARKER = 'hotel-start-spec-instance';
const ROOT = path.resolve(__dirname, '../..');

const children: ChildProcess[] = [];

/** A live process whose command line carries `args` (without the marker: a pid reused by something else). */
async function processWith(args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'process.stdout.write("up"); setInterval(() => {}, 1000)', ...args]);
  children.push(child);
  await once(child.stdout!, 'data');
  return child;
}

describe('npm start', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'hotel-start-spec-'));
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts from the command npm runs, launcher and supervisor, as far as refusing a bad setting', async () => {
    const start = spawn('npm', ['run', '--silent', 'start'], { cwd: ROOT, env: { ...process.env, PORT: 'not-a-port' } });
    let output = '';
    start.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    start.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    const [code] = await once(start, 'exit');
    expect(output).not.toContain('Cannot find module');
    expect(output).toMatch(/PORT/);
    expect(code).toBe(1);
  });

  describe('instance lock', () => {
    it('refuses a second instance while the first runs, naming its pid and ports', async () => {
      const first = await processWith([MARKER]);
      const lockFile = path.join(dir, 'lock');
      writeFileSync(lockFile, JSON.stringify({ pid: first.pid, apiPort: 3000, databasePort: 54329 }));

      const attempt = tryLockInstance(lockFile, { pid: process.pid, apiPort: 3000 }, MARKER);
      expect(attempt).toEqual({ acquired: false, holder: { pid: first.pid, apiPort: 3000, databasePort: 54329 } });
      expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(first.pid);
    });

    it.each([
      ['a dead process', async () => 2 ** 22 + 1],
      ['a pid reused by another program', async () => (await processWith([])).pid!],
      ['unreadable content', async () => Number.NaN],
    ])('takes over a lock left by %s, and releases it', async (_, stalePid) => {
      const lockFile = path.join(dir, 'lock');
      writeFileSync(lockFile, JSON.stringify({ pid: await stalePid(), apiPort: 1 }));

      const attempt = tryLockInstance(lockFile, { pid: process.pid, apiPort: 3000 }, MARKER);
      expect(attempt.acquired).toBe(true);
      expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toEqual({ pid: process.pid, apiPort: 3000 });
      if (attempt.acquired) attempt.release();
      expect(existsSync(lockFile)).toBe(false);
    });
  });

  describe('build when sources changed', () => {
    const OUTPUT = 'dist/app.js';

    beforeEach(() => {
      for (const directory of ['apps/api/src', 'libs/store', 'dist']) mkdirSync(path.join(dir, directory), { recursive: true });
      writeFileSync(path.join(dir, 'apps/api/src/main.ts'), 'one');
      writeFileSync(path.join(dir, 'tsconfig.json'), '{}');
      writeFileSync(path.join(dir, OUTPUT), '');
    });

    it('needs no build of the sources last built, while their outputs are there', () => {
      expect(isBuildCurrent(dir, [OUTPUT])).toBe(false);
      recordBuild(dir, sourcesFingerprint(dir));
      expect(isBuildCurrent(dir, [OUTPUT])).toBe(true);
      rmSync(path.join(dir, OUTPUT));
      expect(isBuildCurrent(dir, [OUTPUT])).toBe(false);
    });

    it.each([
      ['a changed source', 'apps/api/src/main.ts'],
      ['a new source', 'libs/store/index.ts'],
      ['a changed compiler setting', 'tsconfig.json'],
      ['a changed lock file', 'package-lock.json'],
    ])('builds again after %s', (_, file) => {
      recordBuild(dir, sourcesFingerprint(dir));
      writeFileSync(path.join(dir, file), 'two');
      expect(isBuildCurrent(dir, [OUTPUT])).toBe(false);
    });
  });
});
