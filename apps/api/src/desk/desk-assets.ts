import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where the API serves the front-desk page; `GET /` redirects there. */
export const DESK_PATH = '/desk';

/**
 * The built page (apps/desk, built by esbuild): dist/desk of the repository this file belongs to, found by walking up
 * to its package.json, so that the source (ts-node, jest) and the build (dist/apps/api/…) agree. A build copied out of
 * the repository (the fault suite's private one) looks under the working directory instead; where nothing is built the
 * API still runs, and /desk/ answers 404.
 */
export function defaultDeskAssetsDir(from: string = __dirname): string {
  return path.join(repositoryRoot(from) ?? process.cwd(), 'dist', 'desk');
}

function repositoryRoot(from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
