import { randomUUID } from 'node:crypto';
import { EventCodec } from './codec';
import { EventStore, ReadConsistency, RecordedEvent, WrongExpectedVersionError } from './event-store';
import { streamName } from './stream-name';

/** What a category of streams is: its name, its events' codec and the fold of its state. */
export interface CategorySpec<E, S> {
  readonly name: string;
  readonly codec: EventCodec<E>;
  readonly initial: S;
  evolve(state: S, event: E): S;
}

/** A decision's result and the events that record it. */
export type Decision<R, E> = readonly [result: R, events: readonly E[]];

export interface DeciderOptions {
  /** Attempts in all (the first plus resyncs after conflicts) before ConcurrencyExhaustedError. */
  readonly maxAttempts?: number;
}

export class ConcurrencyExhaustedError extends Error {
  override readonly name = 'ConcurrencyExhaustedError';
  constructor(
    readonly streamName: string,
    readonly attempts: number,
  ) {
    super(`Stream ${streamName} kept changing under us: gave up after ${attempts} attempts`);
  }
}

interface Loaded<S> {
  readonly state: S;
  readonly version: number;
}

export function fold<E, S>(spec: CategorySpec<E, S>, state: S, events: readonly E[]): S {
  return events.reduce((s, e) => spec.evolve(s, e), state);
}

/** A category bound to a store: hands out a Decider per stream. */
export class Category<E, S> {
  constructor(
    private readonly store: EventStore,
    readonly spec: CategorySpec<E, S>,
    private readonly options: DeciderOptions = {},
  ) {}

  decider(streamId: string): Decider<E, S> {
    return new Decider(this.store, this.spec, streamName(this.spec.name, streamId), this.options);
  }
}

/**
 * Load → decide → append with the expected version. On a conflict it reloads and decides again
 * (the decision may be async and is simply re-run), up to maxAttempts in all. Decisions load from the leader: the
 * expected version guards only the writes, and a decision that writes nothing must not rest on a lagging replica.
 */
export class Decider<E, S> {
  private readonly maxAttempts: number;

  constructor(
    private readonly store: EventStore,
    private readonly spec: CategorySpec<E, S>,
    readonly streamName: string,
    options: DeciderOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  /** Renders the current state, read from a replica unless the caller needs to see its own latest writes. */
  async query<R>(render: (state: S) => R, consistency: ReadConsistency = 'replica'): Promise<R> {
    return render((await this.load(consistency)).state);
  }

  async transactResult<R>(decide: (state: S) => Decision<R, E> | Promise<Decision<R, E>>): Promise<R> {
    const [result] = await this.transactWithPostVersion(decide);
    return result;
  }

  /** Returns the decision's result and the stream version after the write, or as loaded when nothing was written. */
  async transactWithPostVersion<R>(
    decide: (state: S) => Decision<R, E> | Promise<Decision<R, E>>,
  ): Promise<readonly [R, number]> {
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await this.load('leader');
      const [result, events] = await decide(state);
      if (events.length === 0) return [result, version];
      try {
        const written = events.map((e) => ({ id: randomUUID(), ...this.spec.codec.encode(e) }));
        return [result, await this.store.appendToStream(this.streamName, version, written)];
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= this.maxAttempts) throw new ConcurrencyExhaustedError(this.streamName, attempt);
      }
    }
  }

  private async load(consistency: ReadConsistency): Promise<Loaded<S>> {
    const recorded = await this.store.readStream(this.streamName, 0, consistency);
    return { state: fold(this.spec, this.spec.initial, this.decodeAll(recorded)), version: recorded.length };
  }

  private decodeAll(recorded: readonly RecordedEvent[]): E[] {
    const events: E[] = [];
    for (const r of recorded) {
      const e = this.spec.codec.tryDecode(r);
      if (e !== undefined) events.push(e);
    }
    return events;
  }
}
