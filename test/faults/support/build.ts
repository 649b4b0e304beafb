import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const APPS = ['api', 'reactor'] as const;
export type AppName = (typeof APPS)[number];

export interface BuiltApps {
  readonly entry: Record<AppName, string>;
  /** Lets the built files, outside the repository, resolve the repository's node_modules. */
  readonly nodePath: string;
  remove(): void;
}

/**
 * Builds both apps with the project's `nest build` into a private directory, so a concurrent `npm start` (which builds
 * into dist/) is neither disturbed nor able to swap the files under a running test.
 */
export function buildAppsPrivately(): BuiltApps {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'hotel-faults-build-'));
  const entry = {} as Record<AppName, string>;
  for (const app of APPS) {
    const tsconfig = path.join(outDir, `tsconfig.${app}.json`);
    writeFileSync(tsconfig, JSON.stringify(privateTsconfig(app, outDir)));
    const result = spawnSync(
      process.execPath,
      [require.resolve('@nestjs/cli/bin/nest.js'), 'build', app, '--path', path.relative(ROOT, tsconfig)],
      { cwd: ROOT, encoding: 'utf8', timeout: 180_000 },
    );
    if (result.status !== 0) {
      rmSync(outDir, { recursive: true, force: true });
      throw new Error(`nest build ${app} failed (status ${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
    entry[app] = path.join(outDir, app, 'apps', app, 'src', 'main.js');
  }
  return {
    entry,
    nodePath: path.join(ROOT, 'node_modules'),
    remove: () => rmSync(outDir, { recursive: true, force: true }),
  };
}

function privateTsconfig(app: AppName, outDir: string) {
  return {
    extends: path.join(ROOT, 'apps', app, 'tsconfig.app.json'),
    compilerOptions: { outDir: path.join(outDir, app), typeRoots: [path.join(ROOT, 'node_modules', '@types')] },
  };
}
