import { CachedStream, LoadOption, Origin } from './cached-stream';
import { CategorySpec, ConcurrencyExhaustedError, Decision, Loaded, fold } from './category-spec';
import { reportConflict } from './conflict-reports';
import { ConflictRetry, ConflictRetryOptions } from './conflict-retry';
import { eventToWrite } from './event-metadata';
import { EventStore, ReadConsistency, WrongExpectedVersionError } from './event-store';
import { KeyedQueue } from './keyed-queue';
import { StateCache, StreamState } from './state-cache';
import { streamName } from './stream-name';

type Decide<S, R, E> = (state: S) => Decision<R, E> | Promise<Decision<R, E>>;

/**
 * How a Category's commands retry conflicts before ConcurrencyExhaustedError, and the cache of stream states they
 * decide on without reading (none by default: every command reads its stream).
 */
export interface DeciderOptions extends ConflictRetryOptions {
  readonly cache?: StateCache;
}

/**
 * A decision's result, with the state and stream version after its events (as loaded when it wrote none), and the
 * global position of the write's last event (when it wrote none: of the stream's last event as loaded, -1 if none).
 */
export interface Transacted<R, S> extends Loaded<S> {
  readonly result: R;
  readonly globalPosition: number;
}

export interface TransactOptions {
  /** Decide only when the stream is at this version (what the caller last saw), else throw StaleVersionError. */
  readonly expectedVersion?: number;
  /** Where the decision starts from when the stream's state is not cached (default `load`: read the stream). */
  readonly load?: LoadOption;
}

/** The caller decided on a version of the stream that is no longer its current one: nothing was decided. */
export class StaleVersionError extends Error {
  override readonly name = 'StaleVersionError';
  constructor(
    readonly streamName: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`Stream ${streamName} is at version ${actualVersion}, not at the expected ${expectedVersion}`);
  }
}

/**
 * A category bound to a store: hands out a Decider per stream. Its Deciders' commands on one stream run one after
 * another, so commands in this process never conflict with each other; only writers elsewhere can.
 */
export class Category<E, S> {
  private readonly retry: ConflictRetry;
  private readonly queue = new KeyedQueue();
  private readonly cache: StateCache | undefined;

  constructor(
    private readonly store: EventStore,
    readonly spec: CategorySpec<E, S>,
    options: DeciderOptions = {},
  ) {
    this.retry = new ConflictRetry(options);
    this.cache = options.cache;
  }

  decider(streamId: string): Decider<E, S> {
    const stream = new CachedStream(this.store, this.spec, streamName(this.spec.name, streamId), this.cache);
    return new Decider(this.store, this.spec, stream, this.retry, this.queue);
  }
}

/**
 * Load → decide → append with the expected version, queued behind the commands on the same stream (a decision must
 * therefore not await another command on its own stream through the same Category). On a conflict it backs off, reads
 * what was written since and decides again (the decision may be async and is simply re-run) while the retry budget
 * lasts. Decisions load from the leader: the expected version guards only the writes, and a decision that writes
 * nothing must not rest on a lagging replica. With a StateCache it decides on the cached state without reading: a
 * write proves that state current (a conflict only means reading what was written since and deciding again, without
 * backing off), and a decision that writes nothing is confirmed by reading the events written since (if any came,
 * it decides again on them).
 */
export class Decider<E, S> {
  constructor(
    private readonly store: EventStore,
    private readonly spec: CategorySpec<E, S>,
    private readonly stream: CachedStream<E, S>,
    private readonly retry: ConflictRetry = new ConflictRetry(),
    private readonly queue: KeyedQueue = new KeyedQueue(),
  ) {}

  get streamName(): string {
    return this.stream.streamName;
  }

  /**
   * Renders the current state (and version), read from a replica unless the caller needs to see its own latest writes;
   * with a cached state, only the events written after it are read.
   */
  async query<R>(render: (state: S, version: number) => R, consistency: ReadConsistency = 'replica'): Promise<R> {
    const { state, version } = await this.stream.current(consistency);
    return render(state, version);
  }

  async transactResult<R>(decide: Decide<S, R, E>, options?: TransactOptions): Promise<R> {
    return (await this.transactWithPostState(decide, options)).result;
  }

  /** Returns the decision's result and the stream version after the write, or as loaded when nothing was written. */
  async transactWithPostVersion<R>(decide: Decide<S, R, E>, options?: TransactOptions): Promise<readonly [R, number]> {
    const { result, version } = await this.transactWithPostState(decide, options);
    return [result, version];
  }

  /**
   * Returns the decision's result with the state folded from the same load and the decision's events, and the version
   * after them, so that a command can answer how things stand without reading the stream again. With an expected
   * version, a current state at another version (first or after a conflict) throws StaleVersionError before deciding.
   */
  transactWithPostState<R>(decide: Decide<S, R, E>, options: TransactOptions = {}): Promise<Transacted<R, S>> {
    return this.queue.run(this.streamName, () => this.transactInTurn(decide, options));
  }

  private async transactInTurn<R>(decide: Decide<S, R, E>, { expectedVersion, load }: TransactOptions): Promise<Transacted<R, S>> {
    const startedAt = this.retry.now();
    let origin = await this.stream.origin(load);
    for (let conflicts = 0; ; ) {
      if (expectedVersion !== undefined && expectedVersion !== origin.version) {
        if (!origin.confirmed) {
          origin = await this.stream.catchUp(origin);
          continue;
        }
        throw new StaleVersionError(this.streamName, expectedVersion, origin.version);
      }
      const [result, events] = await decide(origin.state);
      if (events.length === 0) {
        if (origin.confirmed) return { result, ...stateOf(origin) };
        const current = await this.stream.catchUp(origin);
        if (current.version === origin.version) return { result, ...stateOf(current) };
        origin = current;
        continue;
      }
      const written = await this.append(origin, events);
      if (written) return { result, ...written };
      // A state read just before lost a race with another writer; a cached or assumed one was merely out of date.
      if (origin.confirmed) await this.backOff(++conflicts, startedAt);
      origin = await this.stream.catchUp(origin);
    }
  }

  /** Reports the conflict and waits before the retry, or throws when the retry budget is spent. */
  private async backOff(conflicts: number, startedAt: number): Promise<void> {
    reportConflict(this.streamName);
    const delay = this.retry.delayAfter(conflicts, startedAt);
    if (delay === undefined) throw new ConcurrencyExhaustedError(this.streamName, conflicts);
    await this.retry.sleep(delay);
  }

  /** Appends the decision's events at the origin's version; undefined when another writer appended first. */
  private async append(origin: Origin<S>, events: readonly E[]): Promise<StreamState<S> | undefined> {
    const state = fold(this.spec, origin.state, events);
    try {
      const written = events.map((e) => eventToWrite(this.spec.codec.encode(e)));
      return this.stream.written(state, await this.store.appendToStream(this.streamName, origin.version, written));
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      return undefined;
    }
  }
}

function stateOf<S>({ state, version, globalPosition }: Origin<S>): StreamState<S> {
  return { state, version, globalPosition };
}
