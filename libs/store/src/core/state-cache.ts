import { CategorySpec, Loaded } from './category-spec';

/** A stream's state as folded up to `version`, and the global position of the stream's last event (-1 if none). */
export interface StreamState<S> extends Loaded<S> {
  readonly globalPosition: number;
}

/** How many streams' states a process keeps by default (see StateCache). */
export const DEFAULT_STATE_CACHE_ENTRIES = 10_000;

interface Entry {
  readonly spec: CategorySpec<unknown, unknown>;
  readonly stream: StreamState<unknown>;
}

/**
 * The states of the streams a process loaded or wrote last, keyed by stream name, at most `maxEntries` of them (the
 * least recently used go first; 0 keeps none). A cached state is only ever a state the stream had: Deciders decide on
 * it without reading, and the expected version of their write (or, when they write nothing, a read of the events since)
 * proves that it is still current. So it saves reads, never decides correctness, and may be shared by every Category
 * of a process: an entry counts only for the spec that folded it.
 */
export class StateCache {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly maxEntries: number = DEFAULT_STATE_CACHE_ENTRIES) {
    if (!Number.isInteger(maxEntries) || maxEntries < 0) throw new RangeError(`maxEntries must be an integer ≥ 0 (got ${maxEntries})`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The stream's cached state as `spec` folds it, now the most recently used; undefined when not cached. */
  get<E, S>(spec: CategorySpec<E, S>, streamName: string): StreamState<S> | undefined {
    const entry = this.entries.get(streamName);
    if (entry === undefined || entry.spec !== spec) return undefined;
    this.entries.delete(streamName);
    this.entries.set(streamName, entry);
    return entry.stream as StreamState<S>;
  }

  /** Keeps the stream's state unless a later version of it (from the same spec) is cached already. */
  update<E, S>(spec: CategorySpec<E, S>, streamName: string, stream: StreamState<S>): void {
    if (this.maxEntries === 0) return;
    const current = this.entries.get(streamName);
    this.entries.delete(streamName);
    const kept = current !== undefined && current.spec === spec && current.stream.version > stream.version;
    this.entries.set(streamName, kept ? current : { spec: spec as CategorySpec<unknown, unknown>, stream });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
