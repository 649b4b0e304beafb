import { CategorySpec, foldRecorded } from './category-spec';
import { AppendResult, EventStore, ReadConsistency } from './event-store';
import { StateCache, StreamState } from './state-cache';

/**
 * Where a command starts from. `load` (the default): the cached state when there is one, else the stream read whole.
 * `assumeEmpty`: the cached state when there is one, else the initial state at version 0 without reading, for a command
 * that expects to create the stream (a write then proves the stream was empty; on a conflict the stream is read).
 */
export type LoadOption = 'load' | 'assumeEmpty';

/** A state to decide on; `confirmed` when just read from the leader, not when taken from the cache or assumed. */
export interface Origin<S> extends StreamState<S> {
  readonly confirmed: boolean;
}

/** One stream's state through a StateCache (when there is one): what a Decider reads, and keeps after each write. */
export class CachedStream<E, S> {
  constructor(
    private readonly store: EventStore,
    private readonly spec: CategorySpec<E, S>,
    readonly streamName: string,
    private readonly cache: StateCache | undefined,
  ) {}

  /** What a command decides on first: no read when the state is cached or assumed empty. */
  async origin(load: LoadOption = 'load'): Promise<Origin<S>> {
    const cached = this.cache?.get(this.spec, this.streamName);
    if (cached !== undefined) return { ...cached, confirmed: false };
    if (load === 'assumeEmpty') return { ...this.empty(), confirmed: false };
    return this.readAfter(this.empty(), 'leader');
  }

  /** The current state, for a query: the cached state with the events written since, else the stream read whole. */
  current(consistency: ReadConsistency): Promise<StreamState<S>> {
    const cached = this.cache?.get(this.spec, this.streamName);
    return this.readAfter(cached ?? this.empty(), consistency);
  }

  /** `from` with the events written after its version folded in (read from the leader): now confirmed current. */
  catchUp(from: StreamState<S>): Promise<Origin<S>> {
    return this.readAfter(from, 'leader');
  }

  /** Keeps the state a successful write left the stream in. */
  written(state: S, { version, globalPosition }: AppendResult): StreamState<S> {
    const stream = { state, version, globalPosition };
    this.cache?.update(this.spec, this.streamName, stream);
    return stream;
  }

  /** The stream before its first event. */
  private empty(): StreamState<S> {
    return { state: this.spec.initial, version: 0, globalPosition: -1 };
  }

  private async readAfter(from: StreamState<S>, consistency: ReadConsistency): Promise<Origin<S>> {
    const recorded = await this.store.readStream(this.streamName, from.version, consistency);
    const stream =
      recorded.length === 0
        ? { state: from.state, version: from.version, globalPosition: from.globalPosition }
        : {
            state: foldRecorded(this.spec, from.state, recorded),
            version: from.version + recorded.length,
            globalPosition: recorded[recorded.length - 1].globalPosition,
          };
    this.cache?.update(this.spec, this.streamName, stream);
    return { ...stream, confirmed: consistency === 'leader' };
  }
}
