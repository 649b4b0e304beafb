import { rm } from 'node:fs/promises';
import { DESK_ASSETS_VARIABLE } from './build-desk';

export default async function removeDeskBuild(): Promise<void> {
  const outDir = process.env[DESK_ASSETS_VARIABLE];
  if (outDir) await rm(outDir, { recursive: true, force: true });
}
