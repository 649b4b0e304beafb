import { FeedBatch, FeedSink } from './feed-batch';

export interface FeedStatus {
  /** The global position the feed reads from next. */
  readonly readPosition: number;
  /** The position after the last batch that, with all before it, has been handled: the checkpoint to commit. */
  readonly completedPosition: number;
  /** Whether the last read found nothing new. */
  readonly atTail: boolean;
  readonly lastReadAt?: Date;
  /** When the last read ended, successfully or not. */
  readonly lastReadEndedAt?: Date;
  /** The category's tail (position after its last event) when last observed; for a consumer-group member it counts
   *  every member's events. */
  readonly categoryTail?: number;
  readonly consecutiveReadErrors: number;
  readonly lastReadError?: string;
  /** A read has been wanted for a while and none has succeeded: the store is failing or not answering. */
  readonly readOverdue?: boolean;
}

/** A source of a category's batches, as the reactor drives it. */
export interface Feed<B extends FeedBatch = FeedBatch> {
  /** Reads until stop(), handing batches to the sink as it has room for them. */
  run(sink: FeedSink<B>): Promise<void>;
  stop(): void;
  /** The sink reports each batch once it and every batch before it are handled. */
  batchCompleted(batch: B): void;
  /**
   * Observes what has been written so far and resolves to a test that passes once all of it has been handled.
   * Re-evaluate the test whenever onProgress fires.
   */
  completionTarget(): Promise<() => boolean>;
  onProgress(listener: () => void): () => void;
  /** Refreshes what status() knows of the store (the category's tail). */
  refreshTail(): Promise<void>;
  status(): FeedStatus;
}
