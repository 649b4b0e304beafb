import { RecordedEvent } from '../core/event-store';

/** One settled handler call: the stream, the events it was given and how long it took. */
export interface HandlerCall {
  readonly streamName: string;
  readonly events: readonly RecordedEvent[];
  readonly durationMs: number;
}

/** Hears what the scheduler does, as it happens: what metrics count (see ReactorMonitor). */
export interface SinkObserver {
  /** A handler call returned; `outcome` is the name its outcome is tallied under. */
  handled(call: HandlerCall, outcome: string): void;
  /** A handler call threw (or returned no valid version). */
  handlerFailed(call: HandlerCall, error: unknown): void;
  /** A stream that failed or made no progress is to be tried again after a backoff. */
  retryScheduled(streamName: string): void;
  /** A write of a handler met a conflict (and retried it, see reportConflictsTo). */
  conflicted(streamName: string): void;
}

export const silentSinkObserver: SinkObserver = {
  handled: () => undefined,
  handlerFailed: () => undefined,
  retryScheduled: () => undefined,
  conflicted: () => undefined,
};
