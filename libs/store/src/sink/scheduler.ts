import { causedBy } from '../core/event-metadata';
import { RecordedEvent } from '../core/event-store';
import { BackoffOptions, validateBackoff } from '../runtime/backoff';
import { FeedBatch, FeedSink } from '../feed/feed-batch';
import { FeedLogger, describeError, silentLogger } from '../runtime/logger';
import { TimerHandle, Timers, systemTimers } from '../runtime/timers';
import { BatchProgress } from './batch-progress';
import { OutcomeCounters, OutcomeStats } from './outcome-stats';
import { HandlerCall, SinkObserver, silentSinkObserver } from './sink-observer';
import { StreamBuffer } from './stream-buffer';
import { HandlerResult, NoProgressError, StreamHandler, invokeHandler } from './stream-handler';
import { StreamRetries, StuckStream, StuckStreamError } from './stream-retries';

export type { OutcomeCounters } from './outcome-stats';
export type { HandlerResult, StreamHandler } from './stream-handler';

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
  /** Backoff between attempts of a stream whose handler failed or made no progress. */
  readonly retry: BackoffOptions;
  /** A stream is reported stuck after more than this many consecutive failed attempts (it keeps being retried). */
  readonly stuckThreshold: number;
  /** Write positions remembered for idle streams (the oldest are forgotten beyond it, which can cost a redundant call). */
  readonly idleStreamCapacity: number;
}

export interface SchedulerOptions<O> extends SinkSettings {
  readonly handler: StreamHandler<O>;
  /** The counter an outcome is tallied under: by default a string outcome itself, else its string `kind` or `type`. */
  readonly describeOutcome?: (outcome: O) => string;
  readonly logger?: FeedLogger;
  readonly timers?: Timers;
  readonly random?: () => number;
  readonly observer?: SinkObserver;
}

export interface SchedulerStatus {
  /** Batches taken and not yet reported complete: how far, in batches, the checkpoint lags what was read. */
  readonly batchesBuffered: number;
  /** Of those, the batches waiting for a stream that is not failing: what maxReadAhead bounds. */
  readonly batchesHoldingReadAhead: number;
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

type Listener<T> = (value: T) => void;

/**
 * The sink: buffers a feed's batches per stream and runs the handler with at most one call in flight per stream and
 * up to maxConcurrentStreams at once; a failing stream is retried with backoff while the others flow on. A facade
 * over its parts: the stream buffer (events and write positions), batch progress (completion in feed order and
 * read-ahead), stream retries (backoff and stuck streams) and outcome stats.
 */
export class StreamScheduler<O, B extends FeedBatch = FeedBatch> implements FeedSink<B> {
  private readonly buffer: StreamBuffer;
  private readonly progress: BatchProgress<B>;
  private readonly retries: StreamRetries;
  private readonly stats: OutcomeStats<O>;
  private readonly ready = new Set<string>();
  private readonly inFlight = new Set<string>();
  private readonly capacityWaiters: Array<() => void> = [];
  private readonly drainWaiters: Array<() => void> = [];
  private readonly completedListeners = new Set<Listener<B>>();
  private readonly faultListeners = new Set<Listener<unknown>>();
  private readonly logger: FeedLogger;
  private readonly timers: Timers;
  private readonly observer: SinkObserver;
  private paused = false;

  constructor(private readonly options: SchedulerOptions<O>) {
    requirePositiveInteger('maxConcurrentStreams', options.maxConcurrentStreams);
    requirePositiveInteger('maxReadAhead', options.maxReadAhead);
    validateBackoff('retry', options.retry);
    requirePositiveInteger('stuckThreshold', options.stuckThreshold);
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? systemTimers;
    this.observer = options.observer ?? silentSinkObserver;
    this.buffer = new StreamBuffer(options.idleStreamCapacity);
    this.progress = new BatchProgress<B>(options.maxReadAhead);
    this.retries = new StreamRetries({
      retry: options.retry,
      stuckThreshold: options.stuckThreshold,
      onRetryDue: (streamName) => this.retryDue(streamName),
      logger: this.logger,
      timers: this.timers,
      random: options.random ?? Math.random,
    });
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
   * Calls `listener` with batches once they and every batch before them are complete, in feed order, without their
   * events (they are handled): what is left is their position. Of a run of batches that completed while waiting behind
   * an incomplete one, only the last is reported: its position covers the others.
   */
  onBatchCompleted(listener: Listener<B>): () => void {
    return subscribe(this.completedListeners, listener);
  }

  /** Calls `listener` when a stream becomes stuck (once per stuck spell). */
  onStreamStuck(listener: Listener<StuckStreamError>): () => void {
    return this.retries.onStuck(listener);
  }

  /** Calls `listener` if the scheduler's own bookkeeping fails (a bug, not a handler error). */
  onFault(listener: Listener<unknown>): () => void {
    return subscribe(this.faultListeners, listener);
  }

  /** The first stuck stream, as an error, if any. */
  stuckError(): StuckStreamError | undefined {
    return this.retries.firstStuckError();
  }

  /**
   * Stops starting handler calls (retries included) and waits for those in flight, at most `timeoutMs`.
   * Resolves to whether they all finished.
   */
  async pause(timeoutMs: number): Promise<boolean> {
    this.paused = true;
    this.retries.halt();
    if (this.inFlight.size === 0) return true;
    let timer: TimerHandle;
    const timedOut = new Promise<boolean>((resolve) => (timer = this.timers.setTimeout(() => resolve(false), timeoutMs)));
    const drained = new Promise<boolean>((resolve) => this.drainWaiters.push(() => resolve(true)));
    const result = await Promise.race([drained, timedOut]);
    this.timers.clearTimeout(timer!);
    return result;
  }

  status(): SchedulerStatus {
    return {
      batchesBuffered: this.progress.batchesUnreported,
      batchesHoldingReadAhead: this.progress.batchesHoldingReadAhead,
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
    const events = this.buffer.pending(streamName);
    const startedAt = this.timers.now();
    const call = (): HandlerCall => ({ streamName, events, durationMs: this.timers.now() - startedAt });
    invokeHandler(this.options.handler, streamName, events, (conflicted) => this.observer.conflicted(conflicted))
      .then(
        (result) => this.handled(call(), result),
        (error: unknown) => this.failed(call(), error),
      )
      .then(() => this.afterCall())
      .catch((error: unknown) => this.fault(error));
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

  private retryDue(streamName: string): void {
    this.markReadyIfSo(streamName);
    this.pump();
  }

  private afterCall(): void {
    if (this.inFlight.size === 0) this.drainWaiters.splice(0).forEach((wake) => wake());
    this.pump();
  }

  private report(completed: readonly B[]): void {
    for (const batch of completed) for (const listener of this.completedListeners) listener(batch);
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
    for (const listener of this.faultListeners) listener(error);
  }
}

function groupByStream(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const list = byStream.get(event.streamName);
    if (list) list.push(event);
    else byStream.set(event.streamName, [event]);
  }
  return byStream;
}

function subscribe<T>(listeners: Set<Listener<T>>, listener: Listener<T>): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer (got ${value})`);
}
