import { ChangeNotifier, categoryOf } from '@app/store/core';
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

type Listener = (streamName: string | undefined) => void;

/** A notifier the test fires by hand (or never, to play a lost notification). */
export class ManualNotifier implements ChangeNotifier {
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe(category: string, listener: Listener): () => void {
    const set = this.listeners.get(category) ?? new Set();
    this.listeners.set(category, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Hints the listeners of the stream's category. */
  notify(streamName: string): void {
    for (const listener of this.listeners.get(categoryOf(streamName)) ?? []) listener(streamName);
  }

  /** Tells the category's listeners that anything may have changed, as a notifier does after reconnecting. */
  notifyAnythingChanged(category: string): void {
    for (const listener of this.listeners.get(category) ?? []) listener(undefined);
  }

  subscribers(category: string): number {
    return this.listeners.get(category)?.size ?? 0;
  }
}
