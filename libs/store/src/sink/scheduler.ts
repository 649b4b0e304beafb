import { RecordedEvent } from '../core/event-store';
import { BackoffOptions, backoffDelay, validateBackoff } from '../feed/backoff';
import { FeedBatch, FeedSink } from '../feed/feed-batch';
import { FeedLogger, describeError, silentLogger } from '../feed/logger';
import { TimerHandle, Timers, systemTimers } from '../feed/timers';

/** What a handler reports: its outcome (for stats) and the stream version it reached (the index of the next event). */
export interface HandlerResult<O> {
  readonly outcome: O;
  readonly version: number;
}

/** Handles ALL buffered events of one stream; never called twice at once for the same stream. */
export type StreamHandler<O> = (streamName: string, events: readonly RecordedEvent[]) => Promise<HandlerResult<O>>;

export interface SchedulerOptions<O> {
  readonly handler: StreamHandler<O>;
  /** Handlers in flight at once, each on a different stream. */
  readonly maxConcurrentStreams: number;
  /**
   * Batches taken and not yet reported complete (in feed order, as the checkpoint follows them) before the source is
   * held back. Batches that completed behind an incomplete one count too: a stuck stream cannot make them pile up.
   */
  readonly maxReadAhead: number;
  /** Delays between attempts of a stream whose handler failed or made no progress. */
  readonly retry?: BackoffOptions;
  /** A stream is reported stuck after more than this many consecutive failed attempts (it keeps being retried). */
  readonly stuckThreshold?: number;
  /** The counter an outcome is tallied under: by default a string outcome itself, else its string `kind` or `type`. */
  readonly describeOutcome?: (outcome: O) => string;
  /** Write positions remembered for idle streams (the oldest are forgotten beyond it, which can cost a redundant call). */
  readonly idleStreamCapacity?: number;
  readonly logger?: FeedLogger;
  readonly timers?: Timers;
  readonly random?: () => number;
}

export const DEFAULT_HANDLER_RETRY: BackoffOptions = { baseMs: 100, maxMs: 30_000 };
export const DEFAULT_STUCK_THRESHOLD = 5;
export const DEFAULT_IDLE_STREAM_CAPACITY = 50_000;

export interface StuckStream {
  readonly streamName: string;
  readonly attempts: number;
  readonly lastError: string;
  readonly since: Date;
}

export interface OutcomeCounters {
  /** Handler calls that returned. */
  readonly completed: number;
  /** Handler calls that threw (or returned no valid version). */
  readonly failed: number;
  readonly byOutcome: Readonly<Record<string, number>>;
}

export interface SchedulerStatus {
  /** Batches taken and not yet reported complete: what maxReadAhead bounds. */
  readonly batchesBuffered: number;
  /** Events waiting for (or in) a handler call. */
  readonly eventsBuffered: number;
  readonly streamsBuffered: number;
  readonly streamsInFlight: number;
  readonly streamsBackingOff: number;
  readonly stuck: readonly StuckStream[];
  readonly outcomes: OutcomeCounters;
}

export class StuckStreamError extends Error {
  override readonly name = 'StuckStreamError';
  constructor(readonly stream: StuckStream) {
    super(
      `Stream ${stream.streamName} is stuck: ${stream.attempts} consecutive attempts failed ` +
        `(it is still being retried); last error: ${stream.lastError}`,
    );
  }
}

/** A handler returned a version that does not pass the first event it was given (e.g. it read a lagging replica). */
export class NoProgressError extends Error {
  override readonly name = 'NoProgressError';
  constructor(
    readonly streamName: string,
    readonly version: number,
    readonly firstPosition: number,
  ) {
    super(`Handler for ${streamName} returned version ${version}: still short of the event at position ${firstPosition}`);
  }
}

export class InvalidHandlerResultError extends Error {
  override readonly name = 'InvalidHandlerResultError';
  constructor(streamName: string, result: unknown) {
    super(`Handler for ${streamName} returned ${safeJson(result)}: expected { outcome, version } with a non-negative integer version`);
  }
}

interface TrackedBatch<B> {
  /** Without its events once complete: a completed batch waiting for its turn to be reported holds none. */
  batch: B;
  streamsPending: number;
  complete: boolean;
}

interface Awaiting<B> {
  readonly batch: TrackedBatch<B>;
  /** The write position the stream must reach for the batch to be complete as far as the stream goes. */
  readonly required: number;
}

interface StreamState<B> {
  readonly name: string;
  /** Events below it are handled: dropped when buffered and on arrival. Monotonic. */
  writePosition: number | undefined;
  readonly buffer: RecordedEvent[];
  readonly awaiting: Awaiting<B>[];
  busy: boolean;
  retryTimer: TimerHandle | undefined;
  attempts: number;
  lastError: unknown;
  stuckSince: Date | undefined;
}

type Listener<T> = (value: T) => void;

/**
 * The sink: buffers a feed's batches per stream and runs the handler with at most one call in flight per stream and
 * up to maxConcurrentStreams at once. A batch completes when each of its streams has reached past its events there;
 * batches are reported complete in feed order, so a checkpoint taken from them never runs ahead of the handlers.
 * Memory stays bounded when a stream is stuck: at most maxReadAhead batches are held, the completed ones without
 * their events.
 */
export class StreamScheduler<O, B extends FeedBatch = FeedBatch> implements FeedSink<B> {
  private readonly streams = new Map<string, StreamState<B>>();
  private readonly ready = new Set<StreamState<B>>();
  private readonly backingOff = new Set<StreamState<B>>();
  private readonly stuck = new Set<StreamState<B>>();
  /** Recently idle streams, oldest first: the ones whose write position is forgotten first. */
  private readonly idle = new Set<StreamState<B>>();
  private readonly batches = new BatchQueue<TrackedBatch<B>>();
  private readonly capacityWaiters: Array<() => void> = [];
  private readonly idleWaiters: Array<() => void> = [];
  private readonly completedListeners = new Set<Listener<B>>();
  private readonly stuckListeners = new Set<Listener<StuckStreamError>>();
  private readonly faultListeners = new Set<Listener<unknown>>();
  private readonly byOutcome: Record<string, number> = {};
  private readonly retry: BackoffOptions;
  private readonly stuckThreshold: number;
  private readonly idleStreamCapacity: number;
  private readonly describeOutcome: (outcome: O) => string;
  private readonly logger: FeedLogger;
  private readonly timers: Timers;
  private readonly random: () => number;
  private bufferedEvents = 0;
  private inFlight = 0;
  private completedCalls = 0;
  private failedCalls = 0;
  private paused = false;

  constructor(private readonly options: SchedulerOptions<O>) {
    requirePositiveInteger('maxConcurrentStreams', options.maxConcurrentStreams);
    requirePositiveInteger('maxReadAhead', options.maxReadAhead);
    this.retry = options.retry ?? DEFAULT_HANDLER_RETRY;
    validateBackoff('retry', this.retry);
    this.stuckThreshold = options.stuckThreshold ?? DEFAULT_STUCK_THRESHOLD;
    requirePositiveInteger('stuckThreshold', this.stuckThreshold);
    this.idleStreamCapacity = options.idleStreamCapacity ?? DEFAULT_IDLE_STREAM_CAPACITY;
    this.describeOutcome = options.describeOutcome ?? defaultOutcomeName;
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? systemTimers;
    this.random = options.random ?? Math.random;
  }

  awaitCapacity(): Promise<void> {
    if (this.hasCapacity()) return Promise.resolve();
    return new Promise((resolve) => this.capacityWaiters.push(resolve));
  }

  ingest(batch: B): void {
    const tracked: TrackedBatch<B> = { batch, streamsPending: 0, complete: false };
    this.batches.push(tracked);
    for (const [name, events] of groupByStream(batch.events)) this.buffer(this.streamFor(name), events, tracked);
    if (tracked.streamsPending === 0) this.batchCompleted(tracked);
    this.pump();
  }

  /**
   * Calls `listener` with each batch once it and every batch before it are complete, in feed order. The batch comes
   * without its events (they are handled): what is left is its position.
   */
  onBatchCompleted(listener: Listener<B>): () => void {
    return subscribe(this.completedListeners, listener);
  }

  /** Calls `listener` when a stream becomes stuck (once per stuck spell). */
  onStreamStuck(listener: Listener<StuckStreamError>): () => void {
    return subscribe(this.stuckListeners, listener);
  }

  /** Calls `listener` if the scheduler's own bookkeeping fails (a bug, not a handler error). */
  onFault(listener: Listener<unknown>): () => void {
    return subscribe(this.faultListeners, listener);
  }

  /** The first stuck stream, as an error, if any. */
  stuckError(): StuckStreamError | undefined {
    const [first] = this.stuck;
    return first && new StuckStreamError(this.describeStuck(first));
  }

  /**
   * Stops starting handler calls (retries included) and waits for those in flight, at most `timeoutMs`.
   * Resolves to whether they all finished.
   */
  async pause(timeoutMs: number): Promise<boolean> {
    this.paused = true;
    for (const stream of this.backingOff) this.timers.clearTimeout(stream.retryTimer);
    this.backingOff.clear();
    if (this.inFlight === 0) return true;
    let timer: TimerHandle;
    const timedOut = new Promise<boolean>((resolve) => (timer = this.timers.setTimeout(() => resolve(false), timeoutMs)));
    const drained = new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true)));
    const result = await Promise.race([drained, timedOut]);
    this.timers.clearTimeout(timer!);
    return result;
  }

  status(): SchedulerStatus {
    let streamsBuffered = 0;
    for (const stream of this.streams.values()) if (stream.buffer.length > 0) streamsBuffered++;
    return {
      batchesBuffered: this.batches.size,
      eventsBuffered: this.bufferedEvents,
      streamsBuffered,
      streamsInFlight: this.inFlight,
      streamsBackingOff: this.backingOff.size,
      stuck: [...this.stuck].map((s) => this.describeStuck(s)),
      outcomes: { completed: this.completedCalls, failed: this.failedCalls, byOutcome: { ...this.byOutcome } },
    };
  }

  private hasCapacity(): boolean {
    return this.batches.size < this.options.maxReadAhead;
  }

  private streamFor(name: string): StreamState<B> {
    let stream = this.streams.get(name);
    if (!stream) {
      stream = {
        name,
        writePosition: undefined,
        buffer: [],
        awaiting: [],
        busy: false,
        retryTimer: undefined,
        attempts: 0,
        lastError: undefined,
        stuckSince: undefined,
      };
      this.streams.set(name, stream);
    }
    this.idle.delete(stream);
    return stream;
  }

  private buffer(stream: StreamState<B>, events: readonly RecordedEvent[], batch: TrackedBatch<B>): void {
    let required: number | undefined;
    for (const event of events) {
      if (stream.writePosition !== undefined && event.position < stream.writePosition) continue;
      const last = stream.buffer[stream.buffer.length - 1];
      if (last && event.position <= last.position) continue;
      stream.buffer.push(event);
      this.bufferedEvents++;
      required = event.position + 1;
    }
    if (required === undefined) {
      this.markIdleIfSo(stream);
      return;
    }
    stream.awaiting.push({ batch, required });
    batch.streamsPending++;
    this.markReadyIfSo(stream);
  }

  private markReadyIfSo(stream: StreamState<B>): void {
    if (!stream.busy && stream.retryTimer === undefined && stream.buffer.length > 0) this.ready.add(stream);
  }

  private pump(): void {
    if (this.paused) return;
    for (const stream of this.ready) {
      if (this.inFlight >= this.options.maxConcurrentStreams) return;
      this.ready.delete(stream);
      this.dispatch(stream);
    }
  }

  private dispatch(stream: StreamState<B>): void {
    stream.busy = true;
    this.inFlight++;
    const events = stream.buffer.slice();
    this.invoke(stream.name, events)
      .then(
        (result) => this.handled(stream, events[0].position, result),
        (error: unknown) => this.failed(stream, error),
      )
      .then(() => this.afterCall())
      .catch((error: unknown) => this.fault(error));
  }

  private async invoke(streamName: string, events: readonly RecordedEvent[]): Promise<HandlerResult<O>> {
    const result = await this.options.handler(streamName, events);
    if (!isValidResult(result)) throw new InvalidHandlerResultError(streamName, result);
    return result;
  }

  private handled(stream: StreamState<B>, firstPosition: number, result: HandlerResult<O>): void {
    stream.busy = false;
    this.completedCalls++;
    const name = this.describeOutcome(result.outcome);
    this.byOutcome[name] = (this.byOutcome[name] ?? 0) + 1;
    this.advance(stream, result.version);
    if (stream.buffer.length > 0 && stream.writePosition! <= firstPosition) {
      this.retryLater(stream, new NoProgressError(stream.name, result.version, firstPosition));
      return;
    }
    this.recovered(stream);
    this.markReadyIfSo(stream);
    this.markIdleIfSo(stream);
  }

  private failed(stream: StreamState<B>, error: unknown): void {
    stream.busy = false;
    this.failedCalls++;
    this.retryLater(stream, error);
  }

  private afterCall(): void {
    this.inFlight--;
    if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((wake) => wake());
    this.pump();
  }

  /** Moves the stream's write position (never back), drops what it covers and completes the batches it satisfies. */
  private advance(stream: StreamState<B>, version: number): void {
    const writePosition = Math.max(stream.writePosition ?? version, version);
    stream.writePosition = writePosition;
    let handled = 0;
    while (handled < stream.buffer.length && stream.buffer[handled].position < writePosition) handled++;
    stream.buffer.splice(0, handled);
    this.bufferedEvents -= handled;
    while (stream.awaiting.length > 0 && stream.awaiting[0].required <= writePosition) {
      const { batch } = stream.awaiting.shift()!;
      if (--batch.streamsPending === 0) this.batchCompleted(batch);
    }
  }

  private batchCompleted(batch: TrackedBatch<B>): void {
    batch.complete = true;
    batch.batch = { ...batch.batch, events: NO_EVENTS };
    while (this.batches.peek()?.complete) {
      const completed = this.batches.shift()!;
      for (const listener of this.completedListeners) listener(completed.batch);
    }
    while (this.capacityWaiters.length > 0 && this.hasCapacity()) this.capacityWaiters.shift()!();
  }

  private retryLater(stream: StreamState<B>, error: unknown): void {
    stream.attempts++;
    stream.lastError = error;
    const delay = backoffDelay(stream.attempts, this.retry, this.random);
    if (stream.attempts > this.stuckThreshold && stream.stuckSince === undefined) {
      this.becameStuck(stream);
    } else if (stream.stuckSince === undefined) {
      this.logger.warn(
        `Stream ${stream.name}: attempt ${stream.attempts} failed (${describeError(error)}); retrying in ${delay} ms`,
      );
    }
    if (this.paused) return;
    this.backingOff.add(stream);
    stream.retryTimer = this.timers.setTimeout(() => {
      stream.retryTimer = undefined;
      this.backingOff.delete(stream);
      this.markReadyIfSo(stream);
      this.pump();
    }, delay);
  }

  private becameStuck(stream: StreamState<B>): void {
    stream.stuckSince = new Date(this.timers.now());
    this.stuck.add(stream);
    const error = new StuckStreamError(this.describeStuck(stream));
    this.logger.error(error.message);
    for (const listener of this.stuckListeners) listener(error);
  }

  private recovered(stream: StreamState<B>): void {
    if (stream.stuckSince !== undefined) {
      this.logger.log(`Stream ${stream.name} recovered after ${stream.attempts} failed attempts`);
      this.stuck.delete(stream);
    }
    stream.attempts = 0;
    stream.lastError = undefined;
    stream.stuckSince = undefined;
  }

  private markIdleIfSo(stream: StreamState<B>): void {
    if (stream.busy || stream.buffer.length > 0 || stream.retryTimer !== undefined) return;
    this.idle.delete(stream);
    this.idle.add(stream);
    for (const oldest of this.idle) {
      if (this.idle.size <= this.idleStreamCapacity) break;
      this.idle.delete(oldest);
      this.streams.delete(oldest.name);
    }
  }

  private describeStuck(stream: StreamState<B>): StuckStream {
    return {
      streamName: stream.name,
      attempts: stream.attempts,
      lastError: describeError(stream.lastError),
      since: stream.stuckSince!,
    };
  }

  private fault(error: unknown): void {
    this.logger.error(`Scheduler fault: ${describeError(error)}`);
    for (const listener of this.faultListeners) listener(error);
  }
}

/** A FIFO queue with O(1) shift. */
class BatchQueue<T> {
  private items: T[] = [];
  private head = 0;

  push(item: T): void {
    this.items.push(item);
  }

  peek(): T | undefined {
    return this.items[this.head];
  }

  get size(): number {
    return this.items.length - this.head;
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

const NO_EVENTS: readonly RecordedEvent[] = [];

function groupByStream(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    const list = byStream.get(event.streamName);
    if (list) list.push(event);
    else byStream.set(event.streamName, [event]);
  }
  return byStream;
}

function subscribe<T>(listeners: Set<Listener<T>>, listener: Listener<T>): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function isValidResult(result: unknown): result is HandlerResult<unknown> {
  const version = (result as { version?: unknown } | null | undefined)?.version;
  return typeof version === 'number' && Number.isSafeInteger(version) && version >= 0;
}

function defaultOutcomeName(outcome: unknown): string {
  if (typeof outcome === 'string') return outcome;
  if (typeof outcome === 'object' && outcome !== null) {
    const { kind, type } = outcome as { kind?: unknown; type?: unknown };
    if (typeof kind === 'string') return kind;
    if (typeof type === 'string') return type;
  }
  return String(outcome);
}

function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer (got ${value})`);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
