import { MemoryBatch, MemoryStoreSource } from '../feed/memory-store-source';
import { MemoryStore } from '../memory/memory-store';
import { ReactionOptions, ReactorHandle, assembleReactor } from './reactor';
import { MEMORY_REACTOR_DEFAULTS, resolveSettings } from './reactor-settings';
import { MemoryParkedStreamStore } from '../checkpoints/memory-parked-stream-store';
import { ParkedStreamStore } from '../checkpoints/parked-stream-store';
import { silentLogger } from '../runtime/logger';
import { systemTimers } from '../runtime/timers';
import { ParkedStreams } from './parked-streams';

export interface MemoryReactorOptions<O> extends ReactionOptions<O> {
  readonly category: string;
  /** Shown in logs and status. */
  readonly processorName?: string;
  /** Where streams parked after sink.parkAfter failed attempts are recorded (default: in memory). */
  readonly parked?: ParkedStreamStore;
}

/**
 * A reactor on a MemoryStore category, fed every commit made from now on (one batch per commit). Its
 * awaitCompletion() resolves, without sleeping or polling, once the reactions to every commit made before the call
 * are complete (commits the handlers make meanwhile are not awaited). Its defaults: MEMORY_REACTOR_DEFAULTS.
 */
export function startMemoryReactor<O>(store: MemoryStore, options: MemoryReactorOptions<O>): ReactorHandle {
  const settings = resolveSettings(options, MEMORY_REACTOR_DEFAULTS);
  const processorName = options.processorName ?? 'MemoryReactor';
  const parking = new ParkedStreams({
    store: options.parked ?? new MemoryParkedStreamStore(),
    key: { source: 'memory', tranche: options.category, processorName },
    consumerGroup: processorName,
    refreshMs: settings.checkpoints.intervalMs,
    logger: options.logger ?? silentLogger,
    timers: options.timers ?? systemTimers,
  });
  return assembleReactor<O, MemoryBatch>(options, settings, {
    processorName,
    category: options.category,
    feed: new MemoryStoreSource(store, options.category),
    parking,
  });
}
