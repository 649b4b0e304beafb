import { BackoffOptions, backoffDelay } from '../runtime/backoff';
import { FeedLogger, LogFields, describeError } from '../runtime/logger';
import { TimerHandle, Timers } from '../runtime/timers';
import { ParkedStream, ParkingFailure, isParkingDue } from './stream-parking';

export interface StuckStream {
  readonly streamName: string;
  readonly attempts: number;
  readonly lastError: string;
  readonly since: Date;
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

export interface StreamRetriesOptions {
  readonly retry: BackoffOptions;
  /** A stream is stuck after more than this many consecutive failed attempts. */
  readonly stuckThreshold: number;
  /** Called when a failed stream's backoff is over. */
  readonly onRetryDue: (streamName: string) => void;
  /** Consecutive failed attempts after which a stream is parked instead of retried (0 or absent: never). */
  readonly parkAfter?: number;
  /** Called instead of scheduling a retry once a stream's attempts reach parkAfter. */
  readonly onParkDue?: (failure: ParkingFailure) => void;
  readonly logger: FeedLogger;
  readonly timers: Timers;
  readonly random: () => number;
}

interface FailingStream {
  readonly name: string;
  attempts: number;
  lastError: unknown;
  /** What the log lines about the stream show as fields: its name, and the correlation of the event its last attempt handled. */
  fields: LogFields;
  retryTimer: TimerHandle | undefined;
  stuckSince: Date | undefined;
}

type Listener<T> = (value: T) => void;

/**
 * The streams whose last attempt failed: their consecutive failures, the backoff timer before the next attempt, and
 * which of them are stuck (reported once per stuck spell, to the log and the listeners). Only failing streams are kept.
 */
export class StreamRetries {
  private readonly failing = new Map<string, FailingStream>();
  /** In the order they became stuck. */
  private readonly stuck = new Set<FailingStream>();
  private readonly stuckListeners = new Set<Listener<StuckStreamError>>();
  private halted = false;

  constructor(private readonly options: StreamRetriesOptions) {}

  /**
   * Counts a failed attempt and, unless halted, schedules the next one. Returns whether it starts a failing spell.
   * `cause` (the correlation of the event the attempt handled) is shown in the log lines about the stream.
   */
  failed(streamName: string, error: unknown, cause: LogFields = {}): boolean {
    const stream = this.failingStream(streamName);
    stream.attempts++;
    stream.lastError = error;
    stream.fields = { streamName, ...cause };
    const delay = backoffDelay(stream.attempts, this.options.retry, this.options.random);
    if (stream.attempts > this.options.stuckThreshold && stream.stuckSince === undefined) this.becameStuck(stream);
    else if (stream.stuckSince === undefined) this.warnRetrying(stream, delay);
    if (this.halted) return stream.attempts === 1;
    if (isParkingDue(this.options.parkAfter ?? 0, stream.attempts)) this.options.onParkDue?.(describeFailure(stream));
    else this.scheduleRetry(stream, delay);
    return stream.attempts === 1;
  }

  /** Recording the stream as parked failed: it stays failing, retried after the backoff its failures call for. */
  parkingFailed(streamName: string, error: unknown): void {
    const stream = this.failing.get(streamName);
    if (!stream) return;
    this.options.logger.error(`Could not park ${streamName} (${describeError(error)}): it stays failing and is retried`, stream.fields);
    if (!this.halted) this.scheduleRetry(stream, backoffDelay(stream.attempts, this.options.retry, this.options.random));
  }

  /** Forgets a stream that was parked, saying so: it is neither failing nor stuck any more. */
  parked({ streamName, attempts, toVersion, lastError }: ParkedStream): void {
    const stream = this.failing.get(streamName);
    if (!stream) return;
    this.options.logger.error(
      `Parked ${streamName} after ${attempts} failed attempts, skipping its events up to ${toVersion}: ${lastError}`,
      stream.fields,
    );
    this.cancelRetry(stream);
    this.stuck.delete(stream);
    this.failing.delete(streamName);
  }

  /** Forgets the stream's failures after a successful attempt. Returns whether it was failing. */
  recovered(streamName: string): boolean {
    const stream = this.failing.get(streamName);
    if (!stream) return false;
    if (stream.stuckSince !== undefined) {
      this.options.logger.log(`Stream ${streamName} recovered after ${stream.attempts} failed attempts`, stream.fields);
      this.stuck.delete(stream);
    }
    this.failing.delete(streamName);
    return true;
  }

  isBackingOff(streamName: string): boolean {
    return this.failing.get(streamName)?.retryTimer !== undefined;
  }

  /** Cancels the pending retries and schedules no more (failures are still counted). */
  halt(): void {
    this.halted = true;
    for (const stream of this.failing.values()) this.cancelRetry(stream);
  }

  /** Calls `listener` when a stream becomes stuck (once per stuck spell). */
  onStuck(listener: Listener<StuckStreamError>): () => void {
    this.stuckListeners.add(listener);
    return () => this.stuckListeners.delete(listener);
  }

  get backingOffCount(): number {
    let count = 0;
    for (const stream of this.failing.values()) if (stream.retryTimer !== undefined) count++;
    return count;
  }

  stuckStreams(): StuckStream[] {
    return [...this.stuck].map(describeStuck);
  }

  /** The stream stuck longest, as an error, if any. */
  firstStuckError(): StuckStreamError | undefined {
    const [first] = this.stuck;
    return first && new StuckStreamError(describeStuck(first));
  }

  private failingStream(name: string): FailingStream {
    let stream = this.failing.get(name);
    if (!stream) {
      stream = { name, attempts: 0, lastError: undefined, fields: { streamName: name }, retryTimer: undefined, stuckSince: undefined };
      this.failing.set(name, stream);
    }
    return stream;
  }

  private scheduleRetry(stream: FailingStream, delay: number): void {
    stream.retryTimer = this.options.timers.setTimeout(() => {
      stream.retryTimer = undefined;
      this.options.onRetryDue(stream.name);
    }, delay);
  }

  private cancelRetry(stream: FailingStream): void {
    if (stream.retryTimer === undefined) return;
    this.options.timers.clearTimeout(stream.retryTimer);
    stream.retryTimer = undefined;
  }

  private warnRetrying(stream: FailingStream, delay: number): void {
    this.options.logger.warn(
      `Stream ${stream.name}: attempt ${stream.attempts} failed (${describeError(stream.lastError)}); ` +
        `retrying in ${delay} ms`,
      stream.fields,
    );
  }

  private becameStuck(stream: FailingStream): void {
    stream.stuckSince = new Date(this.options.timers.now());
    this.stuck.add(stream);
    const error = new StuckStreamError(describeStuck(stream));
    this.options.logger.error(error.message, stream.fields);
    for (const listener of this.stuckListeners) listener(error);
  }
}

function describeFailure(stream: FailingStream): ParkingFailure {
  return { streamName: stream.name, attempts: stream.attempts, lastError: describeError(stream.lastError) };
}

function describeStuck(stream: FailingStream): StuckStream {
  return {
    streamName: stream.name,
    attempts: stream.attempts,
    lastError: describeError(stream.lastError),
    since: stream.stuckSince!,
  };
}
