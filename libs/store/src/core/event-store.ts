/** An event as the application hands it to a store. */
export interface EventToWrite {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: unknown;
}

/** An event as a store gives it back. `position` is its 0-based index in its stream. */
export interface RecordedEvent {
  readonly id: string;
  readonly streamName: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position: number;
  readonly globalPosition: number;
  readonly time: Date;
}

/**
 * Where a read is served. `leader`: where writes go, so it sees every committed write. `replica`: may lag behind the
 * leader; fine for showing state, not for deciding on it.
 */
export type ReadConsistency = 'leader' | 'replica';

/** One stream of a multi-stream read: its events from `fromVersion` (default 0) on. */
export interface StreamRead {
  readonly streamName: string;
  readonly fromVersion?: number;
}

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  readonly streamName: string;
  readonly expectedVersion: number;
  readonly events: readonly EventToWrite[];
}

/** Where an append left a stream: its version, and the global position of its last event (-1 while it has none). */
export interface AppendResult {
  readonly version: number;
  readonly globalPosition: number;
}

/**
 * The contract every store fulfils. A stream's *version* is the number of events in it (the index of the next event),
 * as in Equinox: an empty stream is at version 0.
 */
export interface EventStore {
  /** All events of the stream from `fromVersion` (default 0) on, in order, read from the leader unless told otherwise. */
  readStream(streamName: string, fromVersion?: number, consistency?: ReadConsistency): Promise<RecordedEvent[]>;
  /**
   * Appends atomically when the stream is at `expectedVersion`, else throws WrongExpectedVersionError.
   * Resolves to where the write left the stream (with no events: where it stands).
   */
  appendToStream(streamName: string, expectedVersion: number, events: readonly EventToWrite[]): Promise<AppendResult>;
  /** Several streams in one go (one round trip where the store can), each as readStream would read it, in order. */
  readStreams(reads: readonly StreamRead[], consistency?: ReadConsistency): Promise<RecordedEvent[][]>;
  /**
   * A unit of work over several streams: appends to all of them atomically when each is at its expected version, else
   * writes nothing and throws WrongExpectedVersionError naming a stream that was not. Each stream appears at most once
   * and has events. Resolves to where the write left each stream, in order.
   */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
}

/** appendToStreams' precondition: each stream at most once, each with events. */
export function validateStreamAppends(appends: readonly StreamAppend[]): void {
  const seen = new Set<string>();
  for (const { streamName, events } of appends) {
    if (seen.has(streamName)) throw new RangeError(`${streamName} appears more than once in one unit of work`);
    if (events.length === 0) throw new RangeError(`${streamName} has no events to append in the unit of work`);
    seen.add(streamName);
  }
}

export class WrongExpectedVersionError extends Error {
  override readonly name = 'WrongExpectedVersionError';
  constructor(
    readonly streamName: string,
    readonly expectedVersion: number,
    readonly actualVersion?: number,
  ) {
    super(
      `Wrong expected version ${expectedVersion} for stream ${streamName}` +
        (actualVersion === undefined ? '' : ` (actual ${actualVersion})`),
    );
  }
}

/** Reads a category's events in global order: what a change-feed source polls. */
export interface CategoryReader {
  /** Up to `batchSize` events of the category with globalPosition ≥ `fromGlobalPosition`, in global order. */
  readCategory(category: string, fromGlobalPosition: number, batchSize: number): Promise<RecordedEvent[]>;
  /** The global position after the category's last event (0 when it is empty): where a feed "from tail" starts. */
  categoryTail(category: string): Promise<number>;
}

/** The store could not be reached (or answer) within its bounded timeouts: a transient condition, worth a 503 or a retry. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
