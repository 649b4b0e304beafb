import { MemoryBatch, MemoryStoreSource } from '../feed/memory-store-source';
import { MemoryStore } from '../memory/memory-store';
import { ReactionOptions, ReactorHandle, assembleReactor } from './reactor';
import { MEMORY_REACTOR_DEFAULTS, resolveSettings } from './reactor-settings';

export interface MemoryReactorOptions<O> extends ReactionOptions<O> {
  readonly category: string;
  /** Shown in logs and status. */
  readonly processorName?: string;
}

/**
 * A reactor on a MemoryStore category, fed every commit made from now on (one batch per commit). Its
 * awaitCompletion() resolves, without sleeping or polling, once the reactions to every commit made before the call
 * are complete (commits the handlers make meanwhile are not awaited). Its defaults: MEMORY_REACTOR_DEFAULTS.
 */
export function startMemoryReactor<O>(store: MemoryStore, options: MemoryReactorOptions<O>): ReactorHandle {
  const settings = resolveSettings(options, MEMORY_REACTOR_DEFAULTS);
  return assembleReactor<O, MemoryBatch>(options, settings, {
    processorName: options.processorName ?? 'MemoryReactor',
    category: options.category,
    feed: new MemoryStoreSource(store, options.category),
  });
}
