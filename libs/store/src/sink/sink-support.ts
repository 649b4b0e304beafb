import { FeedBatch } from '../feed/feed-batch';
import { BackoffOptions, validateBackoff } from '../runtime/backoff';
import { FeedLogger, silentLogger } from '../runtime/logger';
import { TimerHandle, Timers, systemTimers } from '../runtime/timers';
import { Listener, requirePositiveInteger, subscribe } from './scheduler-support';
import { SinkObserver, silentSinkObserver } from './sink-observer';
import { StreamRetries, StuckStreamError } from './stream-retries';
import { ParkingFailure } from './stream-parking';

export interface ReportingSinkOptions {
  /** Backoff between attempts of what failed. */
  readonly retry: BackoffOptions;
  /** Reported stuck after more than this many consecutive failed attempts (and still retried). */
  readonly stuckThreshold: number;
  readonly logger?: FeedLogger;
  readonly timers?: Timers;
  readonly random?: () => number;
  /** Hears what the sink does (metrics, see ReactorMonitor). */
  readonly observer?: SinkObserver;
  /** Consecutive failed attempts after which a stream is parked instead of retried (0 or absent: never). */
  readonly parkAfter?: number;
}

/**
 * What every BatchSink reports, and how: completed batches, faults, and stuck streams (from its retries, whose due
 * attempts it hands to retryDue).
 */
export abstract class ReportingSink<B extends FeedBatch> {
  private readonly completedListeners = new Set<Listener<B>>();
  private readonly faultListeners = new Set<Listener<unknown>>();
  protected readonly retries: StreamRetries;
  protected readonly logger: FeedLogger;
  protected readonly timers: Timers;
  protected readonly observer: SinkObserver;

  protected constructor(options: ReportingSinkOptions) {
    validateBackoff('retry', options.retry);
    requirePositiveInteger('stuckThreshold', options.stuckThreshold);
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? systemTimers;
    this.observer = options.observer ?? silentSinkObserver;
    this.retries = new StreamRetries({
      retry: options.retry,
      stuckThreshold: options.stuckThreshold,
      onRetryDue: (name) => this.retryDue(name),
      parkAfter: options.parkAfter,
      onParkDue: (failure) => this.parkDue?.(failure),
      logger: this.logger,
      timers: this.timers,
      random: options.random ?? Math.random,
    });
  }

  /** The backoff of a failed stream (or projection) `name` is over. */
  protected abstract retryDue(name: string): void;

  /** A stream failed parkAfter times in a row: a sink that parks streams overrides this. */
  protected parkDue?(failure: ParkingFailure): void;

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

  /** Calls `listener` if the sink cannot go on (its own bookkeeping failed, or its checkpoint moved under it). */
  onFault(listener: Listener<unknown>): () => void {
    return subscribe(this.faultListeners, listener);
  }

  /** The first stuck stream, as an error, if any. */
  stuckError(): StuckStreamError | undefined {
    return this.retries.firstStuckError();
  }

  protected reportCompleted(batch: B): void {
    for (const listener of this.completedListeners) listener(batch);
  }

  protected reportFault(error: unknown): void {
    for (const listener of this.faultListeners) listener(error);
  }

  /** Resolves to whether `work` settled within `timeoutMs`. */
  protected async settlesWithin(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
    let timer: TimerHandle;
    const timedOut = new Promise<boolean>((resolve) => (timer = this.timers.setTimeout(() => resolve(false), timeoutMs)));
    const result = await Promise.race([work.then(() => true), timedOut]);
    this.timers.clearTimeout(timer!);
    return result;
  }
}
