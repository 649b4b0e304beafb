import { AsyncLocalStorage } from 'node:async_hooks';

type ConflictListener = (streamName: string) => void;

const listeners = new AsyncLocalStorage<ConflictListener>();

/**
 * Runs `work` so that each write conflict a Decider or unit of work within it meets (and retries) is reported to
 * `listener`: how a reactor counts the conflicts of its handlers without knowing how they write.
 */
export function reportConflictsTo<T>(listener: ConflictListener, work: () => T): T {
  return listeners.run(listener, work);
}

/** Tells the listener of the work under way, if any, that a write to `streamName` met a conflict. */
export function reportConflict(streamName: string): void {
  listeners.getStore()?.(streamName);
}
