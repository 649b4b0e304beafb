import { ChangeNotifier } from '../core/change-notifier';
import { CategoryReader, RecordedEvent } from '../core/event-store';
import { BackoffOptions, backoffDelay, validateBackoff } from '../runtime/backoff';
import { Feed, FeedStatus } from './feed';
import { FeedBatch, FeedSink } from './feed-batch';
import { FeedLogger, describeError, silentLogger } from '../runtime/logger';
import { Timers, WakeableSleep, systemTimers, wakeableSleep } from '../runtime/timers';

/** How the category is read. */
export interface SourceSettings {
  /** Events per page. */
  readonly batchSize: number;
  /** Longest sleep at the tail before polling again; a notifier hint cuts it short. */
  readonly tailSleepMs: number;
  /** With no stored checkpoint, start at the category's tail instead of its beginning. */
  readonly fromTail: boolean;
  /** Backoff between failed reads. */
  readonly readRetry: BackoffOptions;
}

export interface CategorySourceOptions extends Omit<SourceSettings, 'fromTail'> {
  readonly reader: CategoryReader;
  readonly category: string;
  /** The global position to read from first (a checkpoint, 0, or the tail). */
  readonly startPosition: number;
  /** Wake-up hints after writes to the category; polling every tailSleepMs stays the fallback. */
  readonly notifier?: ChangeNotifier;
  readonly logger?: FeedLogger;
  readonly timers?: Timers;
  readonly random?: () => number;
}

/** The shortest time a read may be outstanding without success before the source reports it overdue. */
export const READ_OVERDUE_FLOOR_MS = 2_000;

interface TailRead {
  /** Which read found the tail (reads are numbered as they start). */
  readonly read: number;
  /** Everything before it has been read. */
  readonly position: number;
}

/**
 * Reads a category page after page with CategoryReader.readCategory. While the sink takes in a full page, the next is
 * already being read (so a sink waiting for capacity has at most one page more read than it took). A page shorter
 * than batchSize reached the tail:
 * the source then sleeps up to tailSleepMs unless a notifier hint arrived since that read started (it then reads
 * again at once). Read errors are logged and retried with backoff; they never end the loop. A notifier that says
 * anything may have changed (it reconnected) also cuts a backoff short.
 *
 * A read is overdue when the source has wanted one for max(2 × tailSleepMs, READ_OVERDUE_FLOOR_MS) without any
 * succeeding (hanging or failing): a store that went silent shows in status() long before a query timeout fires.
 */
export class CategorySource implements Feed {
  private readonly logger: FeedLogger;
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly readOverdueMs: number;
  private readonly progressListeners = new Set<() => void>();
  private readPosition: number;
  private completedPosition: number;
  private readsStarted = 0;
  private lastTailRead: TailRead | undefined;
  private hinted = false;
  private atTail = false;
  private lastReadAt: Date | undefined;
  private lastReadEndedAt: Date | undefined;
  private categoryTail: number | undefined;
  private consecutiveReadErrors = 0;
  private lastReadError: string | undefined;
  /** When the source began wanting the read that has not succeeded yet; undefined while it wants none. */
  private awaitingReadSince: number | undefined;
  private tailSleep: WakeableSleep | undefined;
  private retrySleep: WakeableSleep | undefined;
  private stopping = false;
  private readonly stopped: Promise<void>;
  private signalStopped!: () => void;

  constructor(private readonly options: CategorySourceOptions) {
    if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer (got ${options.batchSize})`);
    }
    if (!(options.tailSleepMs >= 0)) throw new RangeError(`tailSleepMs must be ≥ 0 (got ${options.tailSleepMs})`);
    validateBackoff('readRetry', options.readRetry);
    this.readOverdueMs = Math.max(2 * options.tailSleepMs, READ_OVERDUE_FLOOR_MS);
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? systemTimers;
    this.random = options.random ?? Math.random;
    this.readPosition = options.startPosition;
    this.completedPosition = options.startPosition;
    this.stopped = new Promise((resolve) => (this.signalStopped = resolve));
  }

  async run(sink: FeedSink): Promise<void> {
    const unsubscribe = this.options.notifier?.subscribe(this.options.category, (streamName) =>
      streamName === undefined ? this.hintAnythingChanged() : this.hint(),
    );
    let prefetched: Promise<RecordedEvent[] | undefined> | undefined;
    try {
      while (!this.stopping) {
        await Promise.race([sink.awaitCapacity(), this.stopped]);
        if (this.stopping) break;
        const page = await (prefetched ?? this.readPage(this.readPosition));
        prefetched = undefined;
        if (page === undefined || this.stopping) continue;
        const full = page.length === this.options.batchSize;
        // A full page is followed by more: the store reads the next while the sink takes this one in.
        if (full) prefetched = this.readPage(page[page.length - 1].globalPosition + 1);
        if (page.length > 0) this.ingest(sink, page);
        if (!full) await this.sleepAtTail();
      }
    } finally {
      unsubscribe?.();
      await prefetched;
    }
  }

  stop(): void {
    this.stopping = true;
    this.tailSleep?.wake();
    this.signalStopped();
  }

  batchCompleted(batch: FeedBatch): void {
    this.completedPosition = batch.nextPosition;
    this.progressed();
  }

  async completionTarget(): Promise<() => boolean> {
    const tail = await this.observeTail();
    const readsBefore = this.readsStarted;
    // Only a read started from now on proves this member has seen all of its share below the tail: start one now.
    if (this.completedPosition < tail) this.hint();
    return () => {
      if (this.completedPosition >= tail) return true;
      const tailRead = this.lastTailRead;
      return tailRead !== undefined && tailRead.read > readsBefore && this.completedPosition >= tailRead.position;
    };
  }

  async refreshTail(): Promise<void> {
    await this.observeTail();
  }

  /** Reads the category's tail from the store (also shown in status()). */
  async observeTail(): Promise<number> {
    this.categoryTail = await this.options.reader.categoryTail(this.options.category);
    return this.categoryTail;
  }

  onProgress(listener: () => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  status(): FeedStatus {
    return {
      readPosition: this.readPosition,
      completedPosition: this.completedPosition,
      atTail: this.atTail,
      lastReadAt: this.lastReadAt,
      lastReadEndedAt: this.lastReadEndedAt,
      categoryTail: this.categoryTail,
      consecutiveReadErrors: this.consecutiveReadErrors,
      lastReadError: this.lastReadError,
      readOverdue: this.isReadOverdue(),
    };
  }

  private isReadOverdue(): boolean {
    return this.awaitingReadSince !== undefined && this.timers.now() - this.awaitingReadSince > this.readOverdueMs;
  }

  /** Reads the page from `position`; undefined when the read failed (it is logged and backed off). */
  private async readPage(position: number): Promise<RecordedEvent[] | undefined> {
    const read = ++this.readsStarted;
    this.hinted = false;
    this.awaitingReadSince ??= this.timers.now();
    try {
      const page = await this.options.reader.readCategory(this.options.category, position, this.options.batchSize);
      this.readSucceeded(page, read, position);
      return page;
    } catch (error) {
      await this.readFailed(error, position);
      return undefined;
    }
  }

  private readSucceeded(page: readonly RecordedEvent[], read: number, position: number): void {
    this.lastReadAt = new Date(this.timers.now());
    this.lastReadEndedAt = this.lastReadAt;
    this.awaitingReadSince = undefined;
    if (this.consecutiveReadErrors > 0) {
      this.logger.log(`${this.options.category}: reading again after ${this.consecutiveReadErrors} failed reads`);
    }
    this.consecutiveReadErrors = 0;
    this.lastReadError = undefined;
    this.atTail = page.length < this.options.batchSize;
    if (!this.atTail) return;
    const next = page.length === 0 ? position : page[page.length - 1].globalPosition + 1;
    this.lastTailRead = { read, position: next };
    if (this.categoryTail === undefined || this.categoryTail < next) this.categoryTail = next;
    this.progressed();
  }

  private async readFailed(error: unknown, position: number): Promise<void> {
    this.consecutiveReadErrors++;
    this.lastReadEndedAt = new Date(this.timers.now());
    this.lastReadError = describeError(error);
    const delay = backoffDelay(this.consecutiveReadErrors, this.options.readRetry, this.random);
    this.logger.warn(
      `${this.options.category}: read from ${position} failed (${this.consecutiveReadErrors} in a row): ` +
        `${this.lastReadError}; retrying in ${delay} ms`,
    );
    this.retrySleep = wakeableSleep(this.timers, delay);
    await Promise.race([this.retrySleep.done, this.stopped]);
    this.retrySleep.wake();
    this.retrySleep = undefined;
  }

  private ingest(sink: FeedSink, page: readonly RecordedEvent[]): void {
    this.readPosition = page[page.length - 1].globalPosition + 1;
    sink.ingest({ events: page, nextPosition: this.readPosition });
  }

  private async sleepAtTail(): Promise<void> {
    if (this.hinted || this.stopping) return;
    this.tailSleep = wakeableSleep(this.timers, this.options.tailSleepMs);
    await this.tailSleep.done;
    this.tailSleep = undefined;
  }

  private hint(): void {
    this.hinted = true;
    this.tailSleep?.wake();
  }

  /**
   * Only these cut a read backoff short: a hint per write would turn failing reads (say, of a replica that is down
   * while the leader takes writes) into a busy loop.
   */
  private hintAnythingChanged(): void {
    this.hint();
    this.retrySleep?.wake();
  }

  private progressed(): void {
    for (const listener of this.progressListeners) listener();
  }
}
