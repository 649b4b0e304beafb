import { ChangeNotifier } from '@app/store/core';
import { FeedBatch, FeedSink } from '@app/store/feed';
import { AsyncQueue } from './async';

/** A sink that always has room and hands the batches to the test. */
export class RecordingSink implements FeedSink {
  readonly batches = new AsyncQueue<FeedBatch>();
  awaitCapacity(): Promise<void> {
    return Promise.resolve();
  }
  ingest(batch: FeedBatch): void {
    this.batches.push(batch);
  }
}

/** A notifier the test fires by hand (or never, to play a lost notification). */
export class ManualNotifier implements ChangeNotifier {
  private readonly listeners = new Map<string, Set<() => void>>();

  subscribe(category: string, listener: () => void): () => void {
    const set = this.listeners.get(category) ?? new Set();
    this.listeners.set(category, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  notify(category: string): void {
    for (const listener of this.listeners.get(category) ?? []) listener();
  }

  subscribers(category: string): number {
    return this.listeners.get(category)?.size ?? 0;
  }
}
