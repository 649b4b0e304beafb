import { takeTestRun, undoTestRun } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const run = takeTestRun();
  if (run) await undoTestRun(run);
}
