import { CategorySpec, ConcurrencyExhaustedError, Decision, Loaded, fold, foldRecorded } from './category-spec';
import { reportConflict } from './conflict-reports';
import { ConflictRetry, ConflictRetryOptions } from './conflict-retry';
import { eventToWrite } from './event-metadata';
import { EventStore, ReadConsistency, WrongExpectedVersionError } from './event-store';
import { KeyedQueue } from './keyed-queue';
import { streamName } from './stream-name';
import { DecideEach, StreamOutcome, transactEach } from './unit-of-work';

type Decide<S, R, E> = (state: S) => Decision<R, E> | Promise<Decision<R, E>>;

/** How a Category's commands retry conflicts before ConcurrencyExhaustedError. */
export type DeciderOptions = ConflictRetryOptions;

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

type LoadedAt<S> = Loaded<S> & { readonly globalPosition: number };

/**
 * A category bound to a store: hands out a Decider per stream. Its Deciders' commands on one stream run one after
 * another, so commands in this process never conflict with each other; only writers elsewhere can.
 */
export class Category<E, S> {
  private readonly retry: ConflictRetry;
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly store: EventStore,
    readonly spec: CategorySpec<E, S>,
    options: DeciderOptions = {},
  ) {
    this.retry = new ConflictRetry(options);
  }

  decider(streamId: string): Decider<E, S> {
    return new Decider(this.store, this.spec, streamName(this.spec.name, streamId), this.retry, this.queue);
  }

  /**
   * Decides on each of several streams and writes all their events as one unit of work (see transactEach). Not queued
   * behind this Category's commands on those streams: the expected version of each decides any race.
   */
  transactEach<R>(streamIds: readonly string[], decide: DecideEach<S, R, E>): Promise<StreamOutcome<R>[]> {
    const names = streamIds.map((id) => streamName(this.spec.name, id));
    return transactEach({ store: this.store, spec: this.spec, retry: this.retry }, names, decide);
  }
}

/**
 * Load → decide → append with the expected version, queued behind the commands on the same stream (a decision must
 * therefore not await another command on its own stream through the same Category). On a conflict it backs off,
 * reloads and decides again (the decision may be async and is simply re-run) while the retry budget lasts. Decisions
 * load from the leader: the expected version guards only the writes, and a decision that writes nothing must not rest
 * on a lagging replica.
 */
export class Decider<E, S> {
  constructor(
    private readonly store: EventStore,
    private readonly spec: CategorySpec<E, S>,
    readonly streamName: string,
    private readonly retry: ConflictRetry = new ConflictRetry(),
    private readonly queue: KeyedQueue = new KeyedQueue(),
  ) {}

  /** Renders the current state (and version), read from a replica unless the caller needs to see its own latest writes. */
  async query<R>(render: (state: S, version: number) => R, consistency: ReadConsistency = 'replica'): Promise<R> {
    const { state, version } = await this.load(consistency);
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
   * version, a load at another version (first or after a conflict) throws StaleVersionError before deciding.
   */
  transactWithPostState<R>(decide: Decide<S, R, E>, options: TransactOptions = {}): Promise<Transacted<R, S>> {
    return this.queue.run(this.streamName, () => this.transactInTurn(decide, options));
  }

  private async transactInTurn<R>(decide: Decide<S, R, E>, options: TransactOptions): Promise<Transacted<R, S>> {
    const startedAt = this.retry.now();
    for (let attempt = 1; ; attempt++) {
      const done = await this.attempt(decide, options);
      if (done) return done;
      const delay = this.retry.delayAfter(attempt, startedAt);
      if (delay === undefined) throw new ConcurrencyExhaustedError(this.streamName, attempt);
      await this.retry.sleep(delay);
    }
  }

  /** One load → decide → append; undefined when another writer appended first. */
  private async attempt<R>(decide: Decide<S, R, E>, { expectedVersion }: TransactOptions): Promise<Transacted<R, S> | undefined> {
    const loaded = await this.load('leader');
    if (expectedVersion !== undefined && expectedVersion !== loaded.version) {
      throw new StaleVersionError(this.streamName, expectedVersion, loaded.version);
    }
    const [result, events] = await decide(loaded.state);
    if (events.length === 0) return { result, ...loaded };
    const state = fold(this.spec, loaded.state, events);
    try {
      const written = events.map((e) => eventToWrite(this.spec.codec.encode(e)));
      return { result, state, ...(await this.store.appendToStream(this.streamName, loaded.version, written)) };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      reportConflict(this.streamName);
      return undefined;
    }
  }

  private async load(consistency: ReadConsistency): Promise<LoadedAt<S>> {
    const recorded = await this.store.readStream(this.streamName, 0, consistency);
    const state = foldRecorded(this.spec, this.spec.initial, recorded);
    return { state, version: recorded.length, globalPosition: recorded.at(-1)?.globalPosition ?? -1 };
  }
}
