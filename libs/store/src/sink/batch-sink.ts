import { FeedBatch, FeedSink } from '../feed/feed-batch';
import { OutcomeCounters } from './outcome-stats';
import { StuckStream, StuckStreamError } from './stream-retries';

export interface SchedulerStatus {
  /** Batches taken and not yet reported complete: how far, in batches, the checkpoint lags what was read. */
  readonly batchesBuffered: number;
  /** Of those, the batches waiting for a stream that is not failing: what maxReadAhead bounds. */
  readonly batchesHoldingReadAhead: number;
  /** The events of those batches: what maxReadAheadEvents bounds (0 for a sink without that bound). */
  readonly eventsHoldingReadAhead: number;
  /** Batch records kept in memory: the incomplete batches, and one per run of completed batches behind them. */
  readonly batchRecords: number;
  /** Events waiting for (or in) a handler call. */
  readonly eventsBuffered: number;
  readonly streamsBuffered: number;
  readonly streamsInFlight: number;
  readonly streamsBackingOff: number;
  readonly stuck: readonly StuckStream[];
  readonly outcomes: OutcomeCounters;
}

/**
 * What a reactor drives behind its feed: a sink that reports batches complete in feed order. The StreamScheduler
 * (a handler per stream) and the ProjectionSink (batches applied with their checkpoint in one transaction) are two.
 */
export interface BatchSink<B extends FeedBatch = FeedBatch> extends FeedSink<B> {
  /** Calls `listener` with batches once they and every batch before them are complete, in feed order. */
  onBatchCompleted(listener: (batch: B) => void): () => void;
  /** Calls `listener` when a stream (or, for a projection, the whole feed) becomes stuck. */
  onStreamStuck(listener: (error: StuckStreamError) => void): () => void;
  /** Calls `listener` when the sink cannot go on (a bug, or a checkpoint that moved under it). */
  onFault(listener: (error: unknown) => void): () => void;
  stuckError(): StuckStreamError | undefined;
  /** Stops starting work and waits for what is in flight, at most `timeoutMs`; resolves to whether it all finished. */
  pause(timeoutMs: number): Promise<boolean>;
  status(): SchedulerStatus;
}
