import { RecordedEvent } from '@app/store/core';
import { HandlerResult, StreamHandler } from '@app/store/sink';
import { AsyncQueue, deferred, Deferred } from './async';

export interface HandlerCall<O> {
  readonly streamName: string;
  readonly events: readonly RecordedEvent[];
  readonly positions: number[];
  readonly result: Deferred<HandlerResult<O>>;
  /** Completes the call, reaching `version` (default: past its last event). */
  reach(version?: number, outcome?: O): void;
  fail(error?: Error): void;
}

/** A handler whose every call waits for the test to complete or fail it. */
export class ControlledHandler<O = string> {
  readonly calls: HandlerCall<O>[] = [];
  private readonly queue = new AsyncQueue<HandlerCall<O>>();

  constructor(private readonly defaultOutcome: O) {}

  readonly handle: StreamHandler<O> = (streamName, events) => {
    const result = deferred<HandlerResult<O>>();
    const call: HandlerCall<O> = {
      streamName,
      events,
      positions: events.map((e) => e.position),
      result,
      reach: (version = events[events.length - 1].position + 1, outcome = this.defaultOutcome) =>
        result.resolve({ outcome, version }),
      fail: (error = new Error(`${streamName} failed`)) => result.reject(error),
    };
    this.calls.push(call);
    this.queue.push(call);
    return result.promise;
  };

  /** The next call, in the order the scheduler made them. */
  next(): Promise<HandlerCall<O>> {
    return this.queue.next();
  }

  /** Calls made and not yet taken with next(). */
  get waiting(): number {
    return this.queue.size;
  }
}
