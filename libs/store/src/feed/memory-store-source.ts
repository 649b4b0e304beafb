import { RecordedEvent } from '../core/event-store';
import { categoryOf } from '../core/stream-name';
import { MemoryStore } from '../memory/memory-store';
import { Feed, FeedStatus } from './feed';
import { FeedBatch, FeedSink } from './feed-batch';

/** A MemoryStore commit to the category, numbered in commit order. */
export interface MemoryBatch extends FeedBatch {
  readonly epoch: number;
}

/**
 * Feeds each commit to a MemoryStore category as one batch. Commits get their epoch synchronously, inside the append,
 * from the moment the source is constructed; so completionTarget() knows exactly what "everything written so far" is
 * and its test passes as soon as the last of those epochs is handled: no sleeps, no polling.
 */
export class MemoryStoreSource implements Feed<MemoryBatch> {
  private readonly pending: MemoryBatch[] = [];
  private readonly progressListeners = new Set<() => void>();
  private readonly unsubscribe: () => void;
  private preparedEpoch = 0;
  private completedEpoch = 0;
  private readPosition = 0;
  private categoryTail: number | undefined;
  private completedPosition = 0;
  private lastReadAt: Date | undefined;
  private stopping = false;
  private wakePump: (() => void) | undefined;
  private readonly stopped: Promise<void>;
  private signalStopped!: () => void;

  constructor(
    store: MemoryStore,
    category: string,
  ) {
    this.unsubscribe = store.onCommit((streamName, events) => {
      if (categoryOf(streamName) === category && events.length > 0) this.prepare(events);
    });
    this.stopped = new Promise((resolve) => (this.signalStopped = resolve));
  }

  async run(sink: FeedSink<MemoryBatch>): Promise<void> {
    while (!this.stopping) {
      if (this.pending.length === 0) {
        await new Promise<void>((resolve) => (this.wakePump = resolve));
        continue;
      }
      await Promise.race([sink.awaitCapacity(), this.stopped]);
      if (this.stopping) break;
      const batch = this.pending.shift()!;
      this.readPosition = batch.nextPosition;
      this.lastReadAt = new Date();
      sink.ingest(batch);
    }
  }

  stop(): void {
    this.stopping = true;
    this.unsubscribe();
    this.signalStopped();
    this.wake();
  }

  batchCompleted(batch: MemoryBatch): void {
    this.completedEpoch = batch.epoch;
    this.completedPosition = batch.nextPosition;
    for (const listener of this.progressListeners) listener();
  }

  completionTarget(): Promise<() => boolean> {
    const target = this.preparedEpoch;
    return Promise.resolve(() => this.completedEpoch >= target);
  }

  onProgress(listener: () => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** The tail is known without asking: it is where the last commit ended. */
  refreshTail(): Promise<void> {
    return Promise.resolve();
  }

  status(): FeedStatus & { readonly preparedEpoch: number; readonly completedEpoch: number } {
    return {
      readPosition: this.readPosition,
      completedPosition: this.completedPosition,
      atTail: this.pending.length === 0,
      lastReadAt: this.lastReadAt,
      categoryTail: this.categoryTail,
      consecutiveReadErrors: 0,
      preparedEpoch: this.preparedEpoch,
      completedEpoch: this.completedEpoch,
    };
  }

  private prepare(events: readonly RecordedEvent[]): void {
    const epoch = ++this.preparedEpoch;
    this.categoryTail = events[events.length - 1].globalPosition + 1;
    this.pending.push({ events, nextPosition: this.categoryTail, epoch });
    this.wake();
  }

  private wake(): void {
    const wake = this.wakePump;
    this.wakePump = undefined;
    wake?.();
  }
}
