import { EventCodec, decodeRecorded } from './codec';
import { RecordedEvent } from './event-store';

/** What a category of streams is: its name, its events' codec and the fold of its state. */
export interface CategorySpec<E, S> {
  readonly name: string;
  readonly codec: EventCodec<E>;
  readonly initial: S;
  evolve(state: S, event: E): S;
}

/** A decision's result and the events that record it. */
export type Decision<R, E> = readonly [result: R, events: readonly E[]];

export interface Loaded<S> {
  readonly state: S;
  readonly version: number;
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

export function fold<E, S>(spec: CategorySpec<E, S>, state: S, events: readonly E[]): S {
  return events.reduce((s, e) => spec.evolve(s, e), state);
}

/** `state` with the stored events folded in (events of types the codec does not know are skipped). */
export function foldRecorded<E, S>(spec: CategorySpec<E, S>, state: S, recorded: readonly RecordedEvent[]): S {
  let folded = state;
  for (const r of recorded) {
    const e = decodeRecorded(spec.codec, r);
    if (e !== undefined) folded = spec.evolve(folded, e);
  }
  return folded;
}
