import { CheckpointKeeper, describeKey } from '../checkpoints/checkpoint-writer';
import { CheckpointKey } from '../checkpoints/checkpoint-store';
import { Feed } from '../feed/feed';
import { FeedBatch } from '../feed/feed-batch';
import { FeedLogger, describeError, silentLogger } from '../runtime/logger';
import { TimerHandle, Timers, systemTimers } from '../runtime/timers';
import { BatchSink } from '../sink/batch-sink';
import { OutcomeCounters, SchedulerStatus, SinkSettings, StreamHandler, StreamScheduler } from '../sink/scheduler';
import { ReactorMonitor } from './reactor-monitor';
import { ReactorSettings } from './reactor-settings';
import { ParkedStreams } from './parked-streams';
import { difference, statsLine } from './reactor-stats';
import { ParkedStream } from '../sink/stream-parking';
import { ReactorWatch } from './reactor-watch';

export type ReactorState = 'running' | 'stopping' | 'stopped' | 'faulted';

/**
 * What a health endpoint needs to know of one reactor: its feed and checkpoint (positions are global positions in the
 * category), plus its scheduler's lag and outcomes.
 */
export interface ReactorStatus extends SchedulerStatus {
  readonly processorName: string;
  readonly category: string;
  /** `<source>/<category>/<consumer group>`, when the reactor keeps a checkpoint. */
  readonly checkpointKey?: string;
  readonly state: ReactorState;
  /** Why the reactor faulted, when it did. */
  readonly fault?: string;
  /** The position the feed reads from next. */
  readonly readPosition: number;
  /** Everything before it is handled: the checkpoint to commit. */
  readonly completedPosition: number;
  readonly committedPosition?: number;
  readonly lastCommitAt?: Date;
  readonly lastCommitError?: string;
  /** The category's tail when last observed (a consumer-group member sees every member's events in it). */
  readonly categoryTail?: number;
  readonly atTail: boolean;
  readonly lastReadAt?: Date;
  readonly consecutiveReadErrors: number;
  readonly lastReadError?: string;
  /** The feed has wanted a read for a while without one succeeding: the store is failing or silent. */
  readonly readOverdue: boolean;
  /** The streams this member parked that are still parked (reloaded from the store now and then). */
  readonly parked: readonly ParkedStream[];
  /** The time of the first event of the oldest batch read and not yet complete (none: all read is handled). */
  readonly oldestUnhandledEventAt?: Date;
  /** When the reactor last made progress: a read ended (either way) or a handler call settled. */
  readonly lastProgressAt: Date;
}

export interface StopOptions {
  /** The longest wait for handlers in flight, and for a read under way, before the final checkpoint is committed anyway. */
  readonly drainTimeoutMs?: number;
}

export interface ReactorHandle {
  status(): ReactorStatus;
  /**
   * Resolves once every reaction to what was written to the category before the call has completed. Rejects if the
   * reactor faults, stops first, or a stream is stuck.
   */
  awaitCompletion(): Promise<void>;
  /** Stops reading, lets the handlers in flight and a read under way finish (bounded), commits the checkpoint. Idempotent. */
  stop(options?: StopOptions): Promise<void>;
}

export class ReactorStoppedError extends Error {
  override readonly name = 'ReactorStoppedError';
  constructor(processorName: string) {
    super(`Reactor ${processorName} stopped before the awaited reactions completed`);
  }
}

export class ReactorFaultedError extends Error {
  override readonly name = 'ReactorFaultedError';
  constructor(processorName: string, cause: unknown) {
    super(`Reactor ${processorName} faulted: ${describeError(cause)}`, { cause });
  }
}

export interface ReactorParts<B extends FeedBatch> {
  readonly processorName: string;
  readonly category: string;
  readonly feed: Feed<B>;
  readonly scheduler: BatchSink<B>;
  readonly watch: ReactorWatch;
  readonly checkpoints?: { readonly key: CheckpointKey; readonly writer: CheckpointKeeper };
  readonly parking?: ParkedStreams;
  readonly logger: FeedLogger;
  readonly timers: Timers;
  /** 0 disables the periodic stats line. */
  readonly statsIntervalMs: number;
  readonly drainTimeoutMs: number;
}

interface Waiter {
  readonly reached: () => boolean;
  resolve(): void;
  reject(error: unknown): void;
}

/** The handler and its sink settings (those left out keep their defaults, see REACTOR_DEFAULTS). */
export interface SinkOptions<O> extends Partial<SinkSettings> {
  readonly handler: StreamHandler<O>;
  readonly describeOutcome?: (outcome: O) => string;
}

/** What startReactor and startMemoryReactor share: the sink, the reporting settings and the injected runtime. */
export interface ReactionOptions<O> {
  readonly sink: SinkOptions<O>;
  /** Interval of the stats line (0: none). */
  readonly statsIntervalMs?: number;
  /** Default bound on stop()'s wait for handlers in flight and a read under way. */
  readonly drainTimeoutMs?: number;
  readonly logger?: FeedLogger;
  readonly timers?: Timers;
  readonly random?: () => number;
  /** Watches the reactor (metrics). */
  readonly monitor?: ReactorMonitor;
}

/** A Reactor around `feed`, with the scheduler the resolved settings describe. */
export function assembleReactor<O, B extends FeedBatch>(
  options: ReactionOptions<O>,
  settings: ReactorSettings,
  parts: Pick<ReactorParts<B>, 'processorName' | 'category' | 'feed' | 'checkpoints' | 'parking'>,
): Reactor<B> {
  const logger = options.logger ?? silentLogger;
  const timers = options.timers ?? systemTimers;
  const { handler, describeOutcome } = options.sink;
  const watch = new ReactorWatch(timers);
  const reactor = new Reactor<B>({
    ...parts,
    scheduler: new StreamScheduler<O, B>({
      ...settings.sink,
      handler,
      describeOutcome,
      park: parts.parking?.park,
      logger,
      timers,
      random: options.random,
      observer: watch,
    }),
    watch,
    logger,
    timers,
    statsIntervalMs: settings.statsIntervalMs,
    drainTimeoutMs: settings.drainTimeoutMs,
  });
  if (options.monitor) watch.forwardTo(options.monitor.watch({ ...parts, status: () => reactor.status() }));
  return reactor;
}

/** A running feed → scheduler → checkpoint pipeline. Built by startReactor and startMemoryReactor. */
export class Reactor<B extends FeedBatch> implements ReactorHandle {
  private state: ReactorState = 'running';
  private fault: ReactorFaultedError | undefined;
  private readonly waiters = new Set<Waiter>();
  private readonly running: Promise<void>;
  private stopping: Promise<void> | undefined;
  private statsTimer: TimerHandle | undefined;
  private lastStats: OutcomeCounters = { completed: 0, failed: 0, byOutcome: {} };

  constructor(private readonly parts: ReactorParts<B>) {
    const { feed, scheduler, checkpoints, watch } = parts;
    scheduler.onBatchCompleted((batch) => {
      watch.completed(batch.nextPosition);
      checkpoints?.writer.update(batch.nextPosition);
      feed.batchCompleted(batch);
    });
    feed.onProgress(() => this.settleWaiters());
    scheduler.onStreamStuck((error) => this.settleWaiters(error));
    scheduler.onFault((error) => this.faulted(error));
    checkpoints?.writer.start();
    this.scheduleStats();
    this.running = feed.run(watch.sinkFor(scheduler)).catch((error: unknown) => this.faulted(error));
  }

  status(): ReactorStatus {
    const { feed, scheduler, checkpoints } = this.parts;
    const feedStatus = feed.status();
    const sink = scheduler.status();
    const commits = checkpoints?.writer.status();
    return {
      processorName: this.parts.processorName,
      category: this.parts.category,
      checkpointKey: checkpoints && describeKey(checkpoints.key),
      state: this.state,
      fault: this.fault?.message,
      readPosition: feedStatus.readPosition,
      completedPosition: feedStatus.completedPosition,
      committedPosition: commits?.committedPosition,
      lastCommitAt: commits?.lastCommitAt,
      lastCommitError: commits?.lastCommitError,
      categoryTail: feedStatus.categoryTail,
      atTail: feedStatus.atTail,
      lastReadAt: feedStatus.lastReadAt,
      consecutiveReadErrors: feedStatus.consecutiveReadErrors,
      lastReadError: feedStatus.lastReadError,
      readOverdue: feedStatus.readOverdue ?? false,
      parked: this.parts.parking?.list() ?? [],
      oldestUnhandledEventAt: this.parts.watch.oldestUnhandledEventAt,
      lastProgressAt: this.parts.watch.lastProgressAt(feedStatus.lastReadEndedAt ?? feedStatus.lastReadAt),
      ...sink,
    };
  }

  async awaitCompletion(): Promise<void> {
    this.throwIfUnable();
    const reached = await this.parts.feed.completionTarget();
    this.throwIfUnable();
    if (reached()) return;
    return new Promise((resolve, reject) => this.waiters.add({ reached, resolve, reject }));
  }

  stop(options: StopOptions = {}): Promise<void> {
    this.stopping ??= this.shutDown(options.drainTimeoutMs ?? this.parts.drainTimeoutMs);
    return this.stopping;
  }

  private async shutDown(drainTimeoutMs: number): Promise<void> {
    const { feed, scheduler, checkpoints, logger, processorName } = this.parts;
    if (this.state === 'running') this.state = 'stopping';
    feed.stop();
    const [drained, feedStopped] = await Promise.all([
      scheduler.pause(drainTimeoutMs),
      this.within(drainTimeoutMs, this.running),
    ]);
    if (!drained) logger.warn(`Reactor ${processorName}: handlers still in flight after ${drainTimeoutMs} ms; stopping anyway`);
    if (!feedStopped) logger.warn(`Reactor ${processorName}: a read still unanswered after ${drainTimeoutMs} ms; stopping anyway`);
    if (this.statsTimer !== undefined) this.parts.timers.clearTimeout(this.statsTimer);
    this.parts.parking?.stop();
    try {
      await checkpoints?.writer.stop();
    } finally {
      this.logStats(true);
      if (this.state === 'stopping') this.state = 'stopped';
      this.settleWaiters(new ReactorStoppedError(processorName));
      this.parts.watch.stopped();
    }
  }

  /** Resolves to whether `work` settled within `timeoutMs`. */
  private async within(timeoutMs: number, work: Promise<void>): Promise<boolean> {
    let timer: TimerHandle;
    const timedOut = new Promise<boolean>((resolve) => (timer = this.parts.timers.setTimeout(() => resolve(false), timeoutMs)));
    const settled = await Promise.race([work.then(() => true), timedOut]);
    this.parts.timers.clearTimeout(timer!);
    return settled;
  }

  private throwIfUnable(): void {
    if (this.fault) throw this.fault;
    if (this.state !== 'running') throw new ReactorStoppedError(this.parts.processorName);
    const stuck = this.parts.scheduler.stuckError();
    if (stuck) throw stuck;
  }

  /** Resolves the waits whose target is reached; with an error, rejects all the others. */
  private settleWaiters(error?: unknown): void {
    for (const waiter of this.waiters) {
      if (waiter.reached()) waiter.resolve();
      else if (error !== undefined) waiter.reject(error);
      else continue;
      this.waiters.delete(waiter);
    }
  }

  private faulted(error: unknown): void {
    if (this.fault) return;
    this.fault = new ReactorFaultedError(this.parts.processorName, error);
    this.state = 'faulted';
    this.parts.logger.error(this.fault.message);
    this.settleWaiters(this.fault);
  }

  private scheduleStats(): void {
    if (this.parts.statsIntervalMs <= 0) return;
    this.statsTimer = this.parts.timers.setTimeout(() => {
      this.parts.feed
        .refreshTail()
        .catch(() => undefined)
        .then(() => {
          this.logStats(false);
          if (this.state === 'running') this.scheduleStats();
        });
    }, this.parts.statsIntervalMs);
  }

  private logStats(final: boolean): void {
    const status = this.status();
    const line = statsLine(status, difference(status.outcomes, this.lastStats), final);
    this.lastStats = status.outcomes;
    if (line !== undefined) this.parts.logger.log(line);
  }
}
