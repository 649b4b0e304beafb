import { ParkedStream } from '../sink/stream-parking';

/** Whose parked streams: a processor on a category of a source (as a checkpoint, without the consumer-group member). */
export interface ParkedStreamKey {
  readonly source: string;
  readonly tranche: string;
  readonly processorName: string;
}

/** A parked stream as stored: which processor, and which member of its consumer group, parked it. */
export interface StoredParkedStream extends ParkedStream, ParkedStreamKey {
  /** The checkpoint's consumer group (`<name>` or `<name>/<i>of<n>`) of the member that parked it. */
  readonly consumerGroup: string;
}

/**
 * Where parked streams are kept (next to the checkpoints): parking again upserts, keeping the earliest skipped version.
 * Rows stay until an operator retries (and the retry succeeds) or drops them.
 */
export interface ParkedStreamStore {
  park(stream: StoredParkedStream): Promise<void>;
  /** A processor's parked streams (all of them when no key is given), oldest first. */
  list(key?: ParkedStreamKey): Promise<StoredParkedStream[]>;
  /** Resolves to whether the stream was parked. */
  remove(key: ParkedStreamKey, streamName: string): Promise<boolean>;
}

/** The record of a stream parked again: the earliest skipped version stays, the rest is the latest. */
export function parkedAgain(previous: StoredParkedStream | undefined, next: StoredParkedStream): StoredParkedStream {
  if (!previous) return next;
  return { ...next, fromVersion: Math.min(previous.fromVersion, next.fromVersion), attempts: previous.attempts + next.attempts };
}
