import { CategorySpec, ConcurrencyExhaustedError, Loaded, fold, foldRecorded } from './category-spec';
import { reportConflict } from './conflict-reports';
import { ConflictRetry, ConflictRetryOptions } from './conflict-retry';
import { eventToWrite } from './event-metadata';
import { EventStore, RecordedEvent, StreamAppend, WrongExpectedVersionError } from './event-store';

/** A stream as a unit of work sees it: its state and version, or why it could not be loaded (an undecodable event). */
export type StreamView<S> = Loaded<S> | { readonly error: unknown };

/**
 * One stream of a MultiStreamUnit, of any category. Between decisions it holds the state and version last loaded (or
 * written), so a unit can be given a stream it already knows (`known`: no read) and hand it on to the next unit.
 */
export class UnitStream<E, S> {
  private current: StreamView<S> | undefined;
  private pending: readonly E[] = [];

  constructor(
    readonly spec: CategorySpec<E, S>,
    readonly streamName: string,
    known?: Loaded<S>,
  ) {
    this.current = known;
  }

  /**
   * A stream known from a feed: when `events` are its events from position 0 on, without a gap, they are the whole
   * stream up to the last of them, so their fold is its state at that version (undefined otherwise, or when an event
   * cannot be decoded: the unit then loads the stream).
   */
  static fromStart<E, S>(spec: CategorySpec<E, S>, streamName: string, events: readonly RecordedEvent[]): UnitStream<E, S> {
    const whole = events.length > 0 && events.every((e, i) => e.position === i && e.streamName === streamName);
    const stream = new UnitStream(spec, streamName);
    if (whole) stream.catchUp(events);
    if (stream.isLoaded && 'error' in stream.view) return new UnitStream(spec, streamName);
    return stream;
  }

  /** As loaded or last written; throws before the unit has loaded it. */
  get view(): StreamView<S> {
    if (this.current === undefined) throw new Error(`${this.streamName} has not been loaded by its unit of work`);
    return this.current;
  }

  /** Records `events` to append in this attempt of the decision (replacing any recorded before in it). */
  append(events: readonly E[]): void {
    if (events.length > 0 && 'error' in this.view) throw new Error(`${this.streamName} cannot be loaded: nothing may be appended`);
    this.pending = events;
  }

  get isLoaded(): boolean {
    return this.current !== undefined;
  }

  catchUp(events: readonly RecordedEvent[]): void {
    const base = this.current ?? { state: this.spec.initial, version: 0 };
    if ('error' in base) return;
    try {
      this.current = { state: foldRecorded(this.spec, base.state, events), version: base.version + events.length };
    } catch (error) {
      this.current = { error };
    }
  }

  takeAppend(): StreamAppend | undefined {
    const events = this.pending;
    if (events.length === 0) return undefined;
    const { version } = this.view as Loaded<S>;
    return { streamName: this.streamName, expectedVersion: version, events: events.map((e) => eventToWrite(this.spec.codec.encode(e))) };
  }

  written(): void {
    const { state, version } = this.view as Loaded<S>;
    this.current = { state: fold(this.spec, state, this.pending), version: version + this.pending.length };
    this.pending = [];
  }

  discard(): void {
    this.pending = [];
  }
}

/**
 * A decision over several streams of several categories, written as ONE unit of work: every stream's events in one
 * appendToStreams (all or nothing, an expected version per stream). The streams it does not know yet are loaded in one
 * read; `decide` reads their views and records what each stream appends. On a conflict nothing was written: it reads
 * only what was written to its streams since (one read), decides again on the streams as they now stand and retries
 * while the retry budget lasts; past it, ConcurrencyExhaustedError. Any other failure of the write is thrown, with
 * nothing written. After it resolves, each stream holds its state and version after the write.
 */
export class MultiStreamUnit {
  private readonly streams: UnitStream<unknown, unknown>[] = [];

  private readonly retry: ConflictRetry;

  constructor(
    private readonly store: EventStore,
    options: ConflictRetryOptions = {},
  ) {
    this.retry = new ConflictRetry(options);
  }

  /** Adds a stream to the unit (a new handle, or one handed on from an earlier unit) and returns it. */
  add<E, S>(stream: UnitStream<E, S>): UnitStream<E, S> {
    this.streams.push(stream as UnitStream<unknown, unknown>);
    return stream;
  }

  async transact<R>(decide: () => R): Promise<R> {
    const startedAt = this.retry.now();
    const unloaded = this.streams.filter((s) => !s.isLoaded);
    // Streams all known (e.g. folded from a feed): no read, and no turn of the event loop waiting for none.
    if (unloaded.length > 0) await this.read(unloaded, () => 0);
    for (let attempt = 1; ; attempt++) {
      this.streams.forEach((s) => s.discard());
      const result = decide();
      const appends = this.streams.flatMap((s) => s.takeAppend() ?? []);
      try {
        if (appends.length > 0) await this.store.appendToStreams(appends);
        this.streams.forEach((s) => s.written());
        return result;
      } catch (error) {
        this.streams.forEach((s) => s.discard());
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        reportConflict(error.streamName);
        const delay = this.retry.delayAfter(attempt, startedAt);
        if (delay === undefined) throw new ConcurrencyExhaustedError(error.streamName, attempt);
        await this.retry.sleep(delay);
        await this.read(this.streams, (s) => (s.view as Loaded<unknown>).version);
      }
    }
  }

  /** One read for `streams` (those in error are left as they are), each from the version `from` gives. */
  private async read(streams: readonly UnitStream<unknown, unknown>[], from: (s: UnitStream<unknown, unknown>) => number): Promise<void> {
    const readable = streams.filter((s) => !s.isLoaded || !('error' in s.view));
    if (readable.length === 0) return;
    const fresh = await this.store.readStreams(readable.map((s) => ({ streamName: s.streamName, fromVersion: from(s) })));
    readable.forEach((s, i) => s.catchUp(fresh[i]));
  }
}
