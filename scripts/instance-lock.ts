// One `npm start` per project directory: a lock file names the running instance (pid and ports). A lock whose process
// is gone, or is no longer the instance (its pid reused), is stale and taken over.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';

export interface InstanceDetails {
  readonly pid: number;
  readonly apiPort: number;
  readonly databasePort?: number;
}

export type LockAttempt = { readonly acquired: true; release(): void } | { readonly acquired: false; readonly holder: InstanceDetails };

const TAKE_OVER_ATTEMPTS = 3;

/** `commandMarker`: a string in the command line of every instance (its script), told apart from a reused pid. */
export function tryLockInstance(file: string, details: InstanceDetails, commandMarker: string): LockAttempt {
  const content = JSON.stringify(details);
  for (let attempt = 0; attempt < TAKE_OVER_ATTEMPTS; attempt++) {
    if (createExclusively(file, content)) return { acquired: true, release: () => removeIfStill(file, content) };
    const held = readLock(file);
    if (held === undefined) continue;
    if (isInstance(held.details.pid, commandMarker)) return { acquired: false, holder: held.details };
    removeIfStill(file, held.content);
  }
  throw new Error(`Could not take over the stale lock ${file}: remove it, and start again`);
}

function createExclusively(file: string, content: string): boolean {
  try {
    writeFileSync(file, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** undefined when the file vanished meanwhile; an unreadable lock counts as stale (pid 0 is never an instance). */
function readLock(file: string): { content: string; details: InstanceDetails } | undefined {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return { content, details: JSON.parse(content) as InstanceDetails };
  } catch {
    return { content, details: { pid: 0, apiPort: 0 } };
  }
}

function isInstance(pid: number, commandMarker: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(commandMarker);
  } catch {
    return true; // No /proc (macOS): a live pid is all there is to go by.
  }
}

function removeIfStill(file: string, content: string): void {
  try {
    if (readFileSync(file, 'utf8') === content) unlinkSync(file);
  } catch {
    // Gone already.
  }
}
