import { MemoryBatch, MemoryStoreSource } from '../feed/memory-store-source';
import { BackoffOptions } from '../feed/backoff';
import { FeedLogger, silentLogger } from '../feed/logger';
import { Timers, systemTimers } from '../feed/timers';
import { MemoryStore } from '../memory/memory-store';
import { StreamHandler, StreamScheduler } from '../sink/scheduler';
import { DEFAULT_DRAIN_TIMEOUT_MS, DEFAULT_STATS_INTERVAL_MS, Reactor, ReactorHandle } from './reactor';

export interface MemoryReactorOptions<O> {
  readonly category: string;
  readonly handler: StreamHandler<O>;
  /** Shown in logs and status (default `MemoryReactor`). */
  readonly processorName?: string;
  /** Handlers in flight at once (default 4, as the F# test fixture). */
  readonly maxConcurrentStreams?: number;
  /** Commits buffered ahead of the handlers (default 1024, as the F# test fixture). */
  readonly maxReadAhead?: number;
  readonly retry?: BackoffOptions;
  readonly stuckThreshold?: number;
  readonly describeOutcome?: (outcome: O) => string;
  /** Interval of the stats line (default 1 min; 0: none). */
  readonly statsIntervalMs?: number;
  readonly drainTimeoutMs?: number;
  readonly logger?: FeedLogger;
  readonly timers?: Timers;
  readonly random?: () => number;
}

/**
 * A reactor on a MemoryStore category, fed every commit made from now on (one batch per commit). Its
 * awaitCompletion() resolves, without sleeping or polling, once the reactions to every commit made before the call
 * are complete (commits the handlers make meanwhile are not awaited).
 */
export function startMemoryReactor<O>(store: MemoryStore, options: MemoryReactorOptions<O>): ReactorHandle {
  const logger = options.logger ?? silentLogger;
  const timers = options.timers ?? systemTimers;
  return new Reactor<O, MemoryBatch>({
    processorName: options.processorName ?? 'MemoryReactor',
    category: options.category,
    feed: new MemoryStoreSource(store, options.category),
    scheduler: new StreamScheduler<O, MemoryBatch>({
      handler: options.handler,
      maxConcurrentStreams: options.maxConcurrentStreams ?? 4,
      maxReadAhead: options.maxReadAhead ?? 1024,
      retry: options.retry,
      stuckThreshold: options.stuckThreshold,
      describeOutcome: options.describeOutcome,
      logger,
      timers,
      random: options.random,
    }),
    logger,
    timers,
    statsIntervalMs: options.statsIntervalMs ?? DEFAULT_STATS_INTERVAL_MS,
    drainTimeoutMs: options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS,
  });
}
