import { categoryOf } from '../core/stream-name';
import {
  AppendResult,
  CategoryReader,
  EventStore,
  EventToWrite,
  RecordedEvent,
  StreamAppend,
  StreamRead,
  WrongExpectedVersionError,
  validateStreamAppends,
} from '../core/event-store';

export type CommitListener = (streamName: string, events: readonly RecordedEvent[]) => void;

/**
 * An in-process store with the same version semantics as Message DB. Each append checks and writes without
 * yielding to the event loop, so concurrent async callers are serialised; listeners hear of each commit synchronously.
 */
export class MemoryStore implements EventStore, CategoryReader {
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly categories = new Map<string, RecordedEvent[]>();
  private readonly listeners = new Set<CommitListener>();
  private nextGlobalPosition = 0;

  /** One copy of each stream: every read sees every write, whatever consistency is asked for. */
  async readStream(streamName: string, fromVersion = 0): Promise<RecordedEvent[]> {
    return (this.streams.get(streamName) ?? []).slice(fromVersion);
  }

  async readStreams(reads: readonly StreamRead[]): Promise<RecordedEvent[][]> {
    return Promise.all(reads.map(({ streamName, fromVersion }) => this.readStream(streamName, fromVersion)));
  }

  async appendToStream(streamName: string, expectedVersion: number, events: readonly EventToWrite[]): Promise<AppendResult> {
    this.checkVersion(streamName, expectedVersion);
    return this.write(streamName, events, new Date());
  }

  /** Checks every version first, then writes every stream, without yielding in between: all or nothing. */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    validateStreamAppends(appends);
    for (const { streamName, expectedVersion } of appends) this.checkVersion(streamName, expectedVersion);
    const time = new Date();
    return appends.map(({ streamName, events }) => this.write(streamName, events, time));
  }

  async readCategory(category: string, fromGlobalPosition: number, batchSize: number): Promise<RecordedEvent[]> {
    const log = this.categories.get(category) ?? [];
    const start = firstIndexAtOrAfter(log, fromGlobalPosition);
    return log.slice(start, start + batchSize);
  }

  async categoryTail(category: string): Promise<number> {
    const log = this.categories.get(category) ?? [];
    return log.length === 0 ? 0 : log[log.length - 1].globalPosition + 1;
  }

  /** Subscribes to commits; the listener runs synchronously inside the append. Returns the unsubscribe function. */
  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private checkVersion(streamName: string, expectedVersion: number): void {
    const actual = this.streams.get(streamName)?.length ?? 0;
    if (actual !== expectedVersion) throw new WrongExpectedVersionError(streamName, expectedVersion, actual);
  }

  private write(streamName: string, events: readonly EventToWrite[], time: Date): AppendResult {
    const stream = this.streams.get(streamName) ?? [];
    const recorded = events.map(
      (e, i): RecordedEvent => ({
        id: e.id,
        streamName,
        type: e.type,
        data: structuredClone(e.data),
        metadata: e.metadata === undefined ? null : structuredClone(e.metadata),
        position: stream.length + i,
        globalPosition: this.nextGlobalPosition++,
        time,
      }),
    );
    stream.push(...recorded);
    this.streams.set(streamName, stream);
    this.categoryLog(categoryOf(streamName)).push(...recorded);
    for (const listener of this.listeners) listener(streamName, recorded);
    return { version: stream.length, globalPosition: stream.at(-1)?.globalPosition ?? -1 };
  }

  private categoryLog(category: string): RecordedEvent[] {
    let log = this.categories.get(category);
    if (!log) this.categories.set(category, (log = []));
    return log;
  }
}

function firstIndexAtOrAfter(log: readonly RecordedEvent[], globalPosition: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (log[mid].globalPosition < globalPosition) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
