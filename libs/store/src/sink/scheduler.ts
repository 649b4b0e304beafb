import { causedBy } from '../core/event-metadata';
import { RecordedEvent } from '../core/event-store';
import { BackoffOptions } from '../runtime/backoff';
import { FeedBatch } from '../feed/feed-batch';
import { FeedLogger, describeError } from '../runtime/logger';
import { Timers } from '../runtime/timers';
import { BatchProgress } from './batch-progress';
import { BatchSink, SchedulerStatus } from './batch-sink';
import { OutcomeStats } from './outcome-stats';
import { HandlerCall, SinkObserver } from './sink-observer';
import { StreamBuffer } from './stream-buffer';
import { HandlerResult, NoProgressError, StreamHandler, invokeHandler } from './stream-handler';
import { groupByStream, validateSinkSettings } from './scheduler-support';
import { ReportingSink } from './sink-support';
import { ParkStream, ParkedStream, ParkingFailure, describeParked } from './stream-parking';

export type { OutcomeCounters } from './outcome-stats';
export type { HandlerResult, StreamHandler } from './stream-handler';
export type { SchedulerStatus } from './batch-sink';

/** How the handler is scheduled. */
export interface SinkSettings {
  /** Handlers in flight at once, each on a different stream. */
  readonly maxConcurrentStreams: number;
  /**
   * Batches waiting for a stream that is not failing before the source is held back: what bounds memory. What a
   * failing stream keeps incomplete does not count, so other streams flow on behind it; it holds only its own events
   * and, for the checkpoint, a position per run of completed batches.
   */
  readonly maxReadAhead: number;
  /**
   * Events in those batches before the source is held back (one batch is always taken, however large): with pages of
   * batchSize events, what bounds memory in a catch-up, while small batches at the tail are bounded by maxReadAhead.
   */
  readonly maxReadAheadEvents: number;
  /** Backoff between attempts of a stream whose handler failed or made no progress. */
  readonly retry: BackoffOptions;
  /** A stream is reported stuck after more than this many consecutive failed attempts (it keeps being retried). */
  readonly stuckThreshold: number;
  /** Failed attempts after which a stream's events are parked (recorded, then skipped); 0: never, retry forever. */
  readonly parkAfter: number;
  /** Write positions remembered for idle streams (the oldest are forgotten beyond it, which can cost a redundant call). */
  readonly idleStreamCapacity: number;
}

export interface SchedulerOptions<O> extends SinkSettings {
  readonly handler: StreamHandler<O>;
  /** Records a parked stream: required when parkAfter > 0. */
  readonly park?: ParkStream;
  /** The counter an outcome is tallied under: by default a string outcome itself, else its string `kind` or `type`. */
  readonly describeOutcome?: (outcome: O) => string;
  readonly logger?: FeedLogger;
  readonly timers?: Timers;
  readonly random?: () => number;
  readonly observer?: SinkObserver;
}

/**
 * The sink: buffers a feed's batches per stream and runs the handler with at most one call in flight per stream and
 * up to maxConcurrentStreams at once; a failing stream is retried with backoff while the others flow on. A facade
 * over its parts: the stream buffer (events and write positions), batch progress (completion in feed order and
 * read-ahead), stream retries (backoff and stuck streams) and outcome stats.
 */
export class StreamScheduler<O, B extends FeedBatch = FeedBatch> extends ReportingSink<B> implements BatchSink<B> {
  private readonly buffer: StreamBuffer;
  private readonly progress: BatchProgress<B>;
  private readonly stats: OutcomeStats<O>;
  private readonly ready = new Set<string>();
  private readonly inFlight = new Set<string>();
  private readonly capacityWaiters: Array<() => void> = [];
  private readonly drainWaiters: Array<() => void> = [];
  private paused = false;
  private readonly reportConflict = (streamName: string): void => this.observer.conflicted(streamName);

  constructor(private readonly options: SchedulerOptions<O>) {
    super(options);
    validateSinkSettings(options);
    this.buffer = new StreamBuffer(options.idleStreamCapacity);
    this.progress = new BatchProgress<B>(options.maxReadAhead, options.maxReadAheadEvents);
    this.stats = new OutcomeStats(options.describeOutcome);
  }

  awaitCapacity(): Promise<void> {
    if (this.progress.hasCapacity()) return Promise.resolve();
    return new Promise((resolve) => this.capacityWaiters.push(resolve));
  }

  ingest(batch: B): void {
    const required = new Map<string, number>();
    for (const [streamName, events] of groupByStream(batch.events)) {
      const position = this.buffer.append(streamName, events);
      if (position === undefined) {
        this.markIdleIfSo(streamName);
        continue;
      }
      required.set(streamName, position);
      this.markReadyIfSo(streamName);
    }
    this.report(this.progress.add(batch, required));
    this.pump();
  }

  /**
   * Stops starting handler calls (retries included) and waits for those in flight, at most `timeoutMs`.
   * Resolves to whether they all finished.
   */
  async pause(timeoutMs: number): Promise<boolean> {
    this.paused = true;
    this.retries.halt();
    if (this.inFlight.size === 0) return true;
    return this.settlesWithin(new Promise<void>((resolve) => this.drainWaiters.push(resolve)), timeoutMs);
  }

  status(): SchedulerStatus {
    return {
      batchesBuffered: this.progress.batchesUnreported,
      batchesHoldingReadAhead: this.progress.batchesHoldingReadAhead,
      eventsHoldingReadAhead: this.progress.eventsHoldingReadAhead,
      batchRecords: this.progress.recordsRetained,
      eventsBuffered: this.buffer.eventCount,
      streamsBuffered: this.buffer.streamCount,
      streamsInFlight: this.inFlight.size,
      streamsBackingOff: this.retries.backingOffCount,
      stuck: this.retries.stuckStreams(),
      outcomes: this.stats.counters(),
    };
  }

  private pump(): void {
    if (this.paused) return;
    for (const streamName of this.ready) {
      if (this.inFlight.size >= this.options.maxConcurrentStreams) return;
      this.ready.delete(streamName);
      this.dispatch(streamName);
    }
  }

  private dispatch(streamName: string): void {
    this.inFlight.add(streamName);
    this.run(streamName, this.buffer.pending(streamName)).catch((error: unknown) => this.fault(error));
  }

  /** One handler call and its bookkeeping; rejects only if the bookkeeping fails (a fault). */
  private async run(streamName: string, events: readonly RecordedEvent[]): Promise<void> {
    const startedAt = this.timers.now();
    let result: HandlerResult<O>;
    try {
      result = await invokeHandler(this.options.handler, streamName, events, this.reportConflict);
    } catch (error) {
      this.failed({ streamName, events, durationMs: this.timers.now() - startedAt }, error);
      this.afterCall();
      return;
    }
    this.handled({ streamName, events, durationMs: this.timers.now() - startedAt }, result);
    this.afterCall();
  }

  private handled(call: HandlerCall, result: HandlerResult<O>): void {
    const { streamName, events } = call;
    this.inFlight.delete(streamName);
    this.observer.handled(call, this.stats.completed(result.outcome));
    const writePosition = this.buffer.advance(streamName, result.version);
    this.report(this.progress.reached(streamName, writePosition));
    if (this.buffer.hasEvents(streamName) && writePosition <= events[0].position) {
      this.retryLater(call, new NoProgressError(streamName, result.version, events[0].position));
      return;
    }
    if (this.retries.recovered(streamName)) this.progress.streamRecovered(streamName);
    this.markReadyIfSo(streamName);
    this.markIdleIfSo(streamName);
  }

  private failed(call: HandlerCall, error: unknown): void {
    this.inFlight.delete(call.streamName);
    this.stats.failed();
    this.observer.handlerFailed(call, error);
    this.retryLater(call, error);
  }

  private retryLater({ streamName, events }: HandlerCall, error: unknown): void {
    this.observer.retryScheduled(streamName);
    if (!this.retries.failed(streamName, error, causedBy(events[events.length - 1]))) return;
    this.progress.streamFailing(streamName);
    this.wakeCapacityWaiters();
  }

  /** Records the stream as parked (a call in flight meanwhile), then skips the events it was failing on. */
  protected override parkDue(failure: ParkingFailure): void {
    this.inFlight.add(failure.streamName);
    const parked = describeParked(failure, this.buffer.pending(failure.streamName), this.timers.now());
    this.options.park!(parked)
      .then(() => this.parked(parked), (error: unknown) => this.parkingFailed(failure.streamName, error))
      .then(() => this.afterCall())
      .catch((error: unknown) => this.fault(error));
  }

  private parked(stream: ParkedStream): void {
    const { streamName, toVersion } = stream;
    this.inFlight.delete(streamName);
    this.retries.parked(stream);
    const writePosition = this.buffer.advance(streamName, toVersion + 1);
    this.report(this.progress.reached(streamName, writePosition));
    this.progress.streamRecovered(streamName);
    this.markReadyIfSo(streamName);
    this.markIdleIfSo(streamName);
  }

  private parkingFailed(streamName: string, error: unknown): void {
    this.inFlight.delete(streamName);
    this.retries.parkingFailed(streamName, error);
  }

  protected retryDue(streamName: string): void {
    this.markReadyIfSo(streamName);
    this.pump();
  }

  private afterCall(): void {
    if (this.inFlight.size === 0) this.drainWaiters.splice(0).forEach((wake) => wake());
    this.pump();
  }

  private report(completed: readonly B[]): void {
    for (const batch of completed) this.reportCompleted(batch);
    this.wakeCapacityWaiters();
  }

  private wakeCapacityWaiters(): void {
    while (this.capacityWaiters.length > 0 && this.progress.hasCapacity()) this.capacityWaiters.shift()!();
  }

  private markReadyIfSo(streamName: string): void {
    if (this.isQuiet(streamName) && this.buffer.hasEvents(streamName)) this.ready.add(streamName);
  }

  private markIdleIfSo(streamName: string): void {
    if (this.isQuiet(streamName) && !this.buffer.hasEvents(streamName)) this.buffer.markIdle(streamName);
  }

  /** Neither in a handler call nor waiting out a backoff. */
  private isQuiet(streamName: string): boolean {
    return !this.inFlight.has(streamName) && !this.retries.isBackingOff(streamName);
  }

  private fault(error: unknown): void {
    this.logger.error(`Scheduler fault: ${describeError(error)}`);
    this.reportFault(error);
  }
}
