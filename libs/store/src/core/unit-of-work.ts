import { CategorySpec, ConcurrencyExhaustedError, Decision, Loaded, foldRecorded } from './category-spec';
import { reportConflict } from './conflict-reports';
import { ConflictRetry } from './conflict-retry';
import { eventToWrite } from './event-metadata';
import { EventStore, RecordedEvent, StreamAppend, WrongExpectedVersionError } from './event-store';

/** One stream's decision in a unit of work: `index` is the stream's place in the list. */
export type DecideEach<S, R, E> = (state: S, index: number) => Decision<R, E>;

/** One stream's answer: the decision's result once written, or why the stream could not be loaded or decided. */
export type StreamOutcome<R> = { readonly ok: true; readonly result: R } | { readonly ok: false; readonly error: unknown };

export interface UnitOfWorkParts<E, S> {
  readonly store: EventStore;
  readonly spec: CategorySpec<E, S>;
  readonly retry: ConflictRetry;
}

type LoadedStream<S> = Loaded<S> | { readonly error: unknown };
type DecidedStream<R, E> = { readonly decision: Decision<R, E> } | { readonly error: unknown };

/**
 * Decides on each of several streams of a category and appends what they decided as one unit of work (all or nothing,
 * an expected version per stream): one read for every stream, one transaction for every write. A stream that cannot be
 * loaded (an event the codec refuses) or whose decision throws is answered with its error and left out; when the write
 * fails (not a conflict), each stream that wrote answers that error, and the load's error is thrown. On a conflict
 * it reads only what was written to the streams since it loaded them, decides again on the states that moved and
 * retries while the retry budget lasts; past it, ConcurrencyExhaustedError (nothing of it written).
 */
export async function transactEach<E, S, R>(
  { store, spec, retry }: UnitOfWorkParts<E, S>,
  streamNames: readonly string[],
  decide: DecideEach<S, R, E>,
): Promise<StreamOutcome<R>[]> {
  const startedAt = retry.now();
  const recorded = await store.readStreams(streamNames.map((streamName) => ({ streamName })));
  let loaded = recorded.map((events) => foldIn(spec, { state: spec.initial, version: 0 }, events));
  for (let attempt = 1; ; attempt++) {
    const outcomes = loaded.map((stream, i) => decideOn(stream, (state) => decide(state, i)));
    const appends = appendsOf(spec, streamNames, loaded, outcomes);
    try {
      if (appends.length > 0) await store.appendToStreams(appends);
      return outcomes.map((o) => ('error' in o ? { ok: false, error: o.error } : { ok: true, result: o.decision[0] }));
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) return failedWrites(outcomes, error);
      reportConflict(error.streamName);
      const delay = retry.delayAfter(attempt, startedAt);
      if (delay === undefined) throw new ConcurrencyExhaustedError(error.streamName, attempt);
      await retry.sleep(delay);
      loaded = await catchUp(store, spec, streamNames, loaded);
    }
  }
}

/** The write failed, so every stream that wrote answers its error; a decision that wrote nothing still stands. */
function failedWrites<R, E>(outcomes: readonly DecidedStream<R, E>[], error: unknown): StreamOutcome<R>[] {
  return outcomes.map((o) => {
    if ('error' in o) return { ok: false, error: o.error };
    return o.decision[1].length > 0 ? { ok: false, error } : { ok: true, result: o.decision[0] };
  });
}

/** The events written to the loaded streams since their load, folded in: one read (none for streams in error). */
async function catchUp<E, S>(
  store: EventStore,
  spec: CategorySpec<E, S>,
  streamNames: readonly string[],
  loaded: readonly LoadedStream<S>[],
): Promise<LoadedStream<S>[]> {
  const readable = loaded.flatMap((stream, i) => ('error' in stream ? [] : [{ i, stream }]));
  const fresh = await store.readStreams(readable.map(({ i, stream }) => ({ streamName: streamNames[i], fromVersion: stream.version })));
  const caughtUp = [...loaded];
  readable.forEach(({ i, stream }, n) => (caughtUp[i] = foldIn(spec, stream, fresh[n])));
  return caughtUp;
}

function foldIn<E, S>(spec: CategorySpec<E, S>, loaded: Loaded<S>, events: readonly RecordedEvent[]): LoadedStream<S> {
  try {
    return { state: foldRecorded(spec, loaded.state, events), version: loaded.version + events.length };
  } catch (error) {
    return { error };
  }
}

function decideOn<S, R, E>(
  stream: LoadedStream<S>,
  decide: (state: S) => Decision<R, E>,
): DecidedStream<R, E> {
  if ('error' in stream) return stream;
  try {
    return { decision: decide(stream.state) };
  } catch (error) {
    return { error };
  }
}

function appendsOf<E, S, R>(
  spec: CategorySpec<E, S>,
  streamNames: readonly string[],
  loaded: readonly LoadedStream<S>[],
  outcomes: readonly DecidedStream<R, E>[],
): StreamAppend[] {
  const appends: StreamAppend[] = [];
  outcomes.forEach((outcome, i) => {
    if ('error' in outcome || outcome.decision[1].length === 0) return;
    const events = outcome.decision[1].map((e) => eventToWrite(spec.codec.encode(e)));
    appends.push({ streamName: streamNames[i], expectedVersion: (loaded[i] as Loaded<S>).version, events });
  });
  return appends;
}
