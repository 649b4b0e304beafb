import pg from 'pg';
import { claimCheckpoint } from '../checkpoints/claim-checkpoint';
import { CommittedCheckpoint } from '../checkpoints/committed-checkpoint';
import { CategorySource } from '../feed/category-source';
import { PostgresCheckpointStore } from '../message-db/postgres-checkpoint-store';
import { ProjectRows, postgresProjection } from '../message-db/postgres-projection';
import { BackoffOptions, backoffDelay } from '../runtime/backoff';
import { FeedLogger, describeError, silentLogger } from '../runtime/logger';
import { TimerHandle, Timers, WakeableSleep, systemTimers, wakeableSleep } from '../runtime/timers';
import { ProjectionSink, ProjectionSinkSettings } from '../sink/projection-sink';
import { Reactor, ReactorHandle, ReactorStatus } from './reactor';
import { ReactorMonitor } from './reactor-monitor';
import { ReactorWatch } from './reactor-watch';
import { PROJECTION_DEFAULTS, ReactorSettings, overrideSettings, resolveSettings } from './reactor-settings';
import { SourceOptions } from './start-reactor';

export interface ProjectorOptions {
  /** Names the checkpoints: one per category, under this consumer group name. */
  readonly processorName: string;
  readonly categories: readonly string[];
  /** The database of the projection's tables and of its checkpoints (`propulsion_checkpoint` must be there). */
  readonly pool: pg.Pool;
  /** Runs before every start (e.g. creates the tables); a failure is retried like a failed start. */
  readonly prepare?: () => Promise<void>;
  /** What a page of a category changes, written in the transaction that moves the category's checkpoint. */
  readonly project: (category: string) => ProjectRows;
  /** The reader of every category (no consumer group: a projector sees whole categories), and the source settings. */
  readonly source: Omit<SourceOptions, 'fromTail'>;
  readonly sink?: Partial<ProjectionSinkSettings>;
  /** The checkpoints' `source` column (default REACTOR_DEFAULTS'). */
  readonly checkpointSource?: string;
  /** Backoff between restarts of a category's pipeline after a failed start or a moved checkpoint. */
  readonly restart?: BackoffOptions;
  /**
   * How often an idle pipeline checks that its stored checkpoint was not reset below what it committed (a rebuild that
   * nothing else would reveal until the next event). Default 1 s.
   */
  readonly checkpointCheckMs?: number;
  readonly statsIntervalMs?: number;
  readonly drainTimeoutMs?: number;
  /** Watches each category's pipeline (metrics), as it does every reactor. */
  readonly monitor?: ReactorMonitor;
  readonly logger?: FeedLogger;
  readonly timers?: Timers;
  readonly random?: () => number;
}

export interface CategoryProjectionStatus {
  readonly category: string;
  /** The running pipeline's, absent while (re)starting. */
  readonly reactor?: ReactorStatus;
  readonly restarts: number;
  readonly lastRestartReason?: string;
}

export interface ProjectorHandle {
  status(): CategoryProjectionStatus[];
  /** Resolves once everything written to the categories before the call is projected (across restarts). */
  awaitCompletion(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_RESTART: BackoffOptions = { baseMs: 200, maxMs: 10_000 };
const DEFAULT_CHECKPOINT_CHECK_MS = 1_000;

/**
 * Projects categories into tables: per category a feed and a ProjectionSink, each commit writing the rows and moving
 * the category's checkpoint in one transaction. A category whose checkpoint moved under it (a rebuild reset it) or
 * that failed to start starts again from the stored checkpoint, with backoff; the others carry on. Resolves at once:
 * the pipelines start in the background, so a database that is down delays the projection, never its caller.
 */
export function startProjector(options: ProjectorOptions): ProjectorHandle {
  const pipelines = options.categories.map((category) => new SupervisedProjection(category, options));
  return {
    status: () => pipelines.map((pipeline) => pipeline.status()),
    awaitCompletion: async () => void (await Promise.all(pipelines.map((pipeline) => pipeline.awaitCompletion()))),
    stop: async () => void (await Promise.all(pipelines.map((pipeline) => pipeline.stop()))),
  };
}

class SupervisedProjection {
  private readonly logger: FeedLogger;
  private readonly timers: Timers;
  private readonly settings: ReactorSettings;
  private current: ReactorHandle | undefined;
  /** The pipeline once it runs; undefined once stopped. Never rejects. */
  private running: Promise<ReactorHandle | undefined>;
  private restarts = 0;
  private failedStarts = 0;
  private lastRestartReason: string | undefined;
  private stopped = false;
  private backoff: WakeableSleep | undefined;
  private checkTimer: TimerHandle | undefined;

  constructor(
    private readonly category: string,
    private readonly options: ProjectorOptions,
  ) {
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? systemTimers;
    this.settings = resolveSettings({
      source: options.source,
      checkpoints: { source: options.checkpointSource },
      statsIntervalMs: options.statsIntervalMs,
      drainTimeoutMs: options.drainTimeoutMs,
    });
    this.running = this.startUntilRunning();
  }

  status(): CategoryProjectionStatus {
    const { category, restarts, lastRestartReason } = this;
    return { category, reactor: this.current?.status(), restarts, lastRestartReason };
  }

  async awaitCompletion(): Promise<void> {
    for (;;) {
      const reactor = await this.running;
      if (reactor === undefined) throw new Error(`Projector ${this.options.processorName} on ${this.category} stopped`);
      try {
        return await reactor.awaitCompletion();
      } catch (error) {
        // A pipeline that faulted because its checkpoint moved is being replaced: wait for its successor.
        if (this.stopped || reactor === this.current) throw error;
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.backoff?.wake();
    if (this.checkTimer !== undefined) this.timers.clearTimeout(this.checkTimer);
    const reactor = await this.running;
    await reactor?.stop();
  }

  private async startUntilRunning(): Promise<ReactorHandle | undefined> {
    while (!this.stopped) {
      try {
        await this.options.prepare?.();
        const reactor = await this.start();
        this.failedStarts = 0;
        if (this.stopped) {
          await reactor.stop();
          return undefined;
        }
        this.current = reactor;
        return reactor;
      } catch (error) {
        this.failedStarts++;
        this.restarted(`start failed: ${describeError(error)}`);
        await this.sleep(backoffDelay(this.failedStarts, this.options.restart ?? DEFAULT_RESTART, this.options.random));
      }
    }
    return undefined;
  }

  private async start(): Promise<ReactorHandle> {
    const { options, category, settings } = this;
    const { pool, processorName, logger, timers } = { ...options, logger: this.logger, timers: this.timers };
    const store = new PostgresCheckpointStore(pool);
    const { key, position } = await claimCheckpoint({ store, source: settings.checkpoints.source, tranche: category, processorName, logger });
    if (position === undefined) await store.commit(key, 0);
    const startPosition = position ?? 0;
    const watch = new ReactorWatch(timers);
    const sink = new ProjectionSink({
      ...overrideSettings(PROJECTION_DEFAULTS, options.sink),
      project: postgresProjection({ pool, checkpoints: store, key, project: options.project(category) }),
      startPosition,
      name: `${processorName} ${category}`,
      reread: (fromPosition, count) => options.source.reader.readCategory(category, fromPosition, count),
      observer: watch,
      logger,
      timers,
      random: options.random,
    });
    const feed = new CategorySource({
      ...settings.source,
      reader: options.source.reader,
      notifier: options.source.notifier,
      category,
      startPosition,
      logger,
      timers,
      random: options.random,
    });
    const { statsIntervalMs, drainTimeoutMs } = settings;
    const reactor = new Reactor({
      processorName,
      category,
      feed,
      scheduler: sink,
      watch,
      checkpoints: { key, writer: new CommittedCheckpoint(startPosition, timers) },
      logger,
      timers,
      statsIntervalMs,
      drainTimeoutMs,
    });
    if (options.monitor) watch.forwardTo(options.monitor.watch({ processorName, category, status: () => reactor.status() }));
    sink.onFault((error) => void this.restartAfter(reactor, describeError(error)));
    this.scheduleCheckpointCheck(reactor, () => store.load(key));
    logger.log(`Projecting... ${processorName} on ${category} from ${startPosition}`);
    return reactor;
  }

  /**
   * A stored checkpoint below the committed one was reset (a commit under way only moves it forward): the pipeline is
   * replaced. Checks that fail are left to the next one.
   */
  private scheduleCheckpointCheck(reactor: ReactorHandle, stored: () => Promise<number | undefined>): void {
    this.checkTimer = this.timers.setTimeout(async () => {
      if (this.stopped || reactor !== this.current) return;
      const committed = reactor.status().committedPosition ?? 0;
      const position = await stored().catch(() => committed);
      if (position === undefined || position < committed) {
        await this.restartAfter(reactor, `checkpoint reset to ${position ?? 'nothing'} below ${committed}`);
      } else this.scheduleCheckpointCheck(reactor, stored);
    }, this.options.checkpointCheckMs ?? DEFAULT_CHECKPOINT_CHECK_MS);
  }

  /** Replaces a faulted pipeline: stops it, then starts again from the stored checkpoint. */
  private async restartAfter(reactor: ReactorHandle, reason: string): Promise<void> {
    if (this.stopped || reactor !== this.current) return;
    this.current = undefined;
    this.restarted(reason);
    this.running = reactor
      .stop()
      .catch(() => undefined)
      .then(() => this.sleep(backoffDelay(1, this.options.restart ?? DEFAULT_RESTART, this.options.random)))
      .then(() => this.startUntilRunning());
  }

  private restarted(reason: string): void {
    this.restarts++;
    this.lastRestartReason = reason;
    this.logger.warn(`Projector ${this.options.processorName} on ${this.category}: ${reason}; starting again`);
  }

  /** Cut short by stop(). */
  private async sleep(ms: number): Promise<void> {
    if (this.stopped) return;
    this.backoff = wakeableSleep(this.timers, ms);
    await this.backoff.done;
    this.backoff = undefined;
  }
}
