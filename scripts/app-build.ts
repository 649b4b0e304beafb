// Builds the apps for `npm start` only when their sources changed since the last successful build (a fingerprint of
// the sources is kept next to the output), in a process group of its own so that Ctrl-C can stop it at once.
import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Each app's entry point as `nest build <app>` writes it, relative to the repository root. */
export const BUILT_APPS = {
  api: 'dist/apps/api/apps/api/src/main.js',
  reactor: 'dist/apps/reactor/apps/reactor/src/main.js',
} as const;

/** Everything `nest build` reads: a change to any of them makes the output stale. */
const SOURCE_DIRECTORIES = ['apps', 'libs'];
const SOURCE_FILES = /^(tsconfig.*\.json|nest-cli\.json|package-lock\.json)$/;
const STAMP_FILE = path.join('dist', '.sources-fingerprint');

export interface AppBuild {
  readonly done: Promise<void>;
  /** Stops the build in progress (its whole process group) and starts no further one. */
  cancel(): void;
}

/** A hash of the path and content of every source file of the build. */
export function sourcesFingerprint(root: string): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles(root)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when the last successful build was of these sources and its outputs are still there. */
export function isBuildCurrent(root: string, outputs: readonly string[]): boolean {
  const stamp = path.join(root, STAMP_FILE);
  if (!existsSync(stamp) || !outputs.every((output) => existsSync(path.join(root, output)))) return false;
  return readFileSync(stamp, 'utf8') === sourcesFingerprint(root);
}

/** Marks the outputs as built from the sources with this fingerprint. */
export function recordBuild(root: string, fingerprint: string): void {
  writeFileSync(path.join(root, STAMP_FILE), fingerprint);
}

/** Runs `nest build <app>` for each app in turn; the fingerprint is written once all succeeded. */
export function buildApps(root: string, apps: readonly string[], log: (line: string) => void): AppBuild {
  const fingerprint = sourcesFingerprint(root);
  rmSync(path.join(root, STAMP_FILE), { force: true });
  let current: ChildProcess | undefined;
  let cancelled = false;
  const done = (async () => {
    for (const app of apps) {
      if (cancelled) throw new Error('the build was cancelled');
      log(`building ${app}`);
      current = spawn(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build', app], {
        cwd: root,
        stdio: 'inherit',
        detached: true,
      });
      const code = await exitCodeOf(current);
      if (code !== 0) throw new Error(cancelled ? 'the build was cancelled' : `nest build ${app} failed`);
    }
    recordBuild(root, fingerprint);
  })();
  return {
    done,
    cancel: () => {
      cancelled = true;
      if (current?.pid !== undefined && current.exitCode === null && current.signalCode === null) process.kill(-current.pid, 'SIGTERM');
    },
  };
}

function exitCodeOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

function sourceFiles(root: string): string[] {
  const topLevel = readdirSync(root).filter((name) => SOURCE_FILES.test(name));
  const nested = SOURCE_DIRECTORIES.flatMap((directory) =>
    readdirSync(path.join(root, directory), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name))),
  );
  return [...topLevel, ...nested].sort();
}
