import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where the API serves the front-desk page; `GET /` redirects there. */
export const DESK_PATH = '/desk';

/**
 * The built page (apps/desk, built by esbuild): dist/desk of the repository this file belongs to, found by walking up
 * to its package.json, so that the source (ts-node, jest) and the build (dist/apps/api/…) agree.
 */
export function defaultDeskAssetsDir(from: string = __dirname): string {
  return path.join(repositoryRoot(from), 'dist', 'desk');
}

function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}
