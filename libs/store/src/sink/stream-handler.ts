import { reportConflictsTo } from '../core/conflict-reports';
import { causedBy, withEventMetadata } from '../core/event-metadata';
import { RecordedEvent } from '../core/event-store';

/** What a handler reports: its outcome (for stats) and the stream version it reached (the index of the next event). */
export interface HandlerResult<O> {
  readonly outcome: O;
  readonly version: number;
}

/** Handles ALL buffered events of one stream; never called twice at once for the same stream. */
export type StreamHandler<O> = (streamName: string, events: readonly RecordedEvent[]) => Promise<HandlerResult<O>>;

/** A handler returned a version that does not pass the first event it was given (e.g. it read a lagging replica). */
export class NoProgressError extends Error {
  override readonly name = 'NoProgressError';
  constructor(
    readonly streamName: string,
    readonly version: number,
    readonly firstPosition: number,
  ) {
    super(`Handler for ${streamName} returned version ${version}: still short of the event at position ${firstPosition}`);
  }
}

export class InvalidHandlerResultError extends Error {
  override readonly name = 'InvalidHandlerResultError';
  constructor(streamName: string, result: unknown) {
    super(`Handler for ${streamName} returned ${safeJson(result)}: expected { outcome, version } with a non-negative integer version`);
  }
}

/**
 * Calls `handler` as a reaction to the last of `events`: what it writes carries that event's correlation id and its id
 * as the causation id, and each conflict its writes meet is reported to `onConflict`. A result without a valid version
 * counts as a failure of the call.
 */
export async function invokeHandler<O>(
  handler: StreamHandler<O>,
  streamName: string,
  events: readonly RecordedEvent[],
  onConflict: (streamName: string) => void = () => undefined,
): Promise<HandlerResult<O>> {
  const cause = causedBy(events[events.length - 1]);
  const result = await withEventMetadata(cause, () => reportConflictsTo(onConflict, () => handler(streamName, events)));
  if (!isValidResult(result)) throw new InvalidHandlerResultError(streamName, result);
  return result;
}

function isValidResult(result: unknown): result is HandlerResult<unknown> {
  const version = (result as { version?: unknown } | null | undefined)?.version;
  return typeof version === 'number' && Number.isSafeInteger(version) && version >= 0;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
