import { MemoryBatch, MemoryStoreSource } from '../feed/memory-store-source';
import { MemoryStore } from '../memory/memory-store';
import { ReactionOptions, ReactorHandle, assembleReactor } from './reactor';

export interface MemoryReactorOptions<O> extends ReactionOptions<O> {
  readonly category: string;
  /** Shown in logs and status (default `MemoryReactor`). */
  readonly processorName?: string;
}

/**
 * A reactor on a MemoryStore category, fed every commit made from now on (one batch per commit). Its
 * awaitCompletion() resolves, without sleeping or polling, once the reactions to every commit made before the call
 * are complete (commits the handlers make meanwhile are not awaited). Defaults as the F# test fixture: 4 streams at
 * once, 1024 commits read ahead.
 */
export function startMemoryReactor<O>(store: MemoryStore, options: MemoryReactorOptions<O>): ReactorHandle {
  return assembleReactor<O, MemoryBatch>(
    { ...options, maxConcurrentStreams: options.maxConcurrentStreams ?? 4, maxReadAhead: options.maxReadAhead ?? 1024 },
    {
      processorName: options.processorName ?? 'MemoryReactor',
      category: options.category,
      feed: new MemoryStoreSource(store, options.category),
    },
  );
}
