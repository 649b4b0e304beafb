import { CheckpointMovedError } from '../checkpoints/committed-checkpoint';
import { RecordedEvent } from '../core/event-store';
import { FeedBatch } from '../feed/feed-batch';
import { BackoffOptions } from '../runtime/backoff';
import { describeError } from '../runtime/logger';
import { BatchSink, SchedulerStatus } from './batch-sink';
import { OutcomeStats } from './outcome-stats';
import { HandlerCall } from './sink-observer';
import { requirePositiveInteger } from './scheduler-support';
import { ReportingSink, ReportingSinkOptions } from './sink-support';

/**
 * Applies the events of consecutive batches (global order) AND moves the checkpoint from `from` to `to`, atomically:
 * both or neither. It must refuse (CheckpointMovedError) when the stored checkpoint is not at `from`.
 */
export type ProjectBatches = (events: readonly RecordedEvent[], checkpoint: { readonly from: number; readonly to: number }) => Promise<void>;

/** How a projection is applied. */
export interface ProjectionSinkSettings {
  /** Batches read ahead of the one being applied. */
  readonly maxReadAhead: number;
  /** Queued batches are applied together, in one transaction, up to this many events (at least one batch). */
  readonly maxEventsPerCommit: number;
  /** Backoff between attempts of a commit that failed. */
  readonly retry: BackoffOptions;
  /** The projection is reported stuck after more than this many consecutive failed attempts (it keeps retrying). */
  readonly stuckThreshold: number;
}

export interface ProjectionSinkOptions extends ProjectionSinkSettings, ReportingSinkOptions {
  readonly project: ProjectBatches;
  /** The checkpoint as stored when the feed started: the `from` of the first commit. */
  readonly startPosition: number;
  /** Names the projection in logs and in status().stuck. */
  readonly name: string;
  /**
   * Reads `count` events of the feed from `fromPosition` again. When given, an attempt after a failure applies the
   * events as they are now rather than as first read, so that events repaired in the store are projected once fixed.
   */
  readonly reread?: (fromPosition: number, count: number) => Promise<RecordedEvent[]>;
}

/**
 * The sink of a projection: unlike the StreamScheduler, which runs a handler per stream and commits the checkpoint
 * later, it applies whole batches in feed order, one commit at a time, each together with the checkpoint it reaches.
 * So a batch is applied exactly once, whatever is redelivered after a crash. A failed commit is retried (the same
 * events, possibly with more queued behind them) with backoff; a checkpoint that moved under it is a fault. Its
 * observer hears each commit as a handler call on the stream named after the projection.
 */
export class ProjectionSink<B extends FeedBatch = FeedBatch> extends ReportingSink<B> implements BatchSink<B> {
  private readonly queue: B[] = [];
  private readonly stats = new OutcomeStats<string>();
  private readonly capacityWaiters: Array<() => void> = [];
  private position: number;
  private applying: Promise<void> | undefined;
  private paused = false;
  private faulted = false;
  private lastAttemptFailed = false;

  constructor(private readonly options: ProjectionSinkOptions) {
    super(options);
    requirePositiveInteger('maxReadAhead', options.maxReadAhead);
    requirePositiveInteger('maxEventsPerCommit', options.maxEventsPerCommit);
    this.position = options.startPosition;
  }

  awaitCapacity(): Promise<void> {
    if (this.hasCapacity()) return Promise.resolve();
    return new Promise((resolve) => this.capacityWaiters.push(resolve));
  }

  ingest(batch: B): void {
    this.queue.push(batch);
    this.pump();
  }

  async pause(timeoutMs: number): Promise<boolean> {
    this.paused = true;
    this.retries.halt();
    const applying = this.applying;
    return applying === undefined || this.settlesWithin(applying, timeoutMs);
  }

  /** A commit counts as a stream in flight; the queued batches hold read-ahead. */
  status(): SchedulerStatus {
    const streams = new Set(this.queue.flatMap((batch) => batch.events.map((event) => event.streamName)));
    const events = this.queue.reduce((sum, batch) => sum + batch.events.length, 0);
    return {
      batchesBuffered: this.queue.length,
      batchesHoldingReadAhead: this.queue.length,
      eventsHoldingReadAhead: events,
      batchRecords: this.queue.length,
      eventsBuffered: events,
      streamsBuffered: streams.size,
      streamsInFlight: this.applying ? 1 : 0,
      streamsBackingOff: this.retries.backingOffCount,
      stuck: this.retries.stuckStreams(),
      outcomes: this.stats.counters(),
    };
  }

  private hasCapacity(): boolean {
    return this.queue.length < this.options.maxReadAhead;
  }

  protected retryDue(): void {
    this.pump();
  }

  private pump(): void {
    if (this.applying || this.paused || this.faulted || this.queue.length === 0) return;
    if (this.retries.isBackingOff(this.options.name)) return;
    const count = this.batchesForOneCommit();
    this.applying = this.apply(this.queue.slice(0, count)).finally(() => {
      this.applying = undefined;
      this.pump();
    });
  }

  /** As many queued batches as fit maxEventsPerCommit, and at least one. */
  private batchesForOneCommit(): number {
    let count = 0;
    let events = 0;
    while (count < this.queue.length) {
      events += this.queue[count].events.length;
      if (count > 0 && events > this.options.maxEventsPerCommit) break;
      count++;
    }
    return count;
  }

  private async apply(batches: readonly B[]): Promise<void> {
    const to = batches[batches.length - 1].nextPosition;
    let events = batches.flatMap((batch) => batch.events);
    const startedAt = this.timers.now();
    const call = (): HandlerCall => ({ streamName: this.options.name, events, durationMs: this.timers.now() - startedAt });
    try {
      events = await this.asTheyAreNow(events);
      await this.options.project(events, { from: this.position, to });
    } catch (error) {
      this.observer.handlerFailed(call(), error);
      this.lastAttemptFailed = true;
      this.failed(error);
      return;
    }
    this.lastAttemptFailed = false;
    this.observer.handled(call(), this.stats.completed('committed'));
    this.position = to;
    this.queue.splice(0, batches.length);
    this.retries.recovered(this.options.name);
    this.reportCompleted(batches[batches.length - 1]);
    while (this.capacityWaiters.length > 0 && this.hasCapacity()) this.capacityWaiters.shift()!();
  }

  private async asTheyAreNow(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const { reread } = this.options;
    if (!this.lastAttemptFailed || reread === undefined || events.length === 0) return events;
    return reread(events[0].globalPosition, events.length);
  }

  private failed(error: unknown): void {
    this.stats.failed();
    if (error instanceof CheckpointMovedError) {
      this.faulted = true;
      this.logger.warn(`Projection ${this.options.name}: ${describeError(error)}`);
      this.reportFault(error);
      return;
    }
    this.observer.retryScheduled(this.options.name);
    this.retries.failed(this.options.name, error);
  }
}
