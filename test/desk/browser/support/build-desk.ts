import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildDesk } from '../../../../apps/desk/build';

/** Set for the test workers: where this run's build of the page lies. */
export const DESK_ASSETS_VARIABLE = 'TEST_DESK_ASSETS_DIR';

/**
 * Global setup of the browser tests: type-checks and builds the page into a private directory (a concurrent
 * `npm start`, which serves dist/desk, is left alone), which the API under test serves.
 */
export default async function buildDeskForTests(): Promise<void> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'hotel-desk-build-'));
  await buildDesk(outDir);
  process.env[DESK_ASSETS_VARIABLE] = outDir;
}
