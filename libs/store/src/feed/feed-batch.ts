import { RecordedEvent } from '../core/event-store';

/** A page of a category's events, in global order, as a source hands it to a sink. */
export interface FeedBatch {
  readonly events: readonly RecordedEvent[];
  /** The global position to read from once this batch is handled: its checkpoint. */
  readonly nextPosition: number;
}

/** What a source feeds: it waits for room before reading, so a sink bounds what is read ahead. */
export interface FeedSink<B extends FeedBatch = FeedBatch> {
  /** Resolves once the sink takes another batch without going past its read-ahead bound. */
  awaitCapacity(): Promise<void>;
  ingest(batch: B): void;
}
