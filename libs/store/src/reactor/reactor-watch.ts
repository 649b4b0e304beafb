import { RecordedEvent } from '../core/event-store';
import { FeedBatch, FeedSink } from '../feed/feed-batch';
import { Timers } from '../runtime/timers';
import { HandlerCall } from '../sink/sink-observer';
import { ReactorObserver, silentReactorObserver } from './reactor-monitor';

interface UnhandledBatch {
  readonly nextPosition: number;
  readonly firstEventAt: Date;
}

/**
 * What a reactor keeps of its own progress, for its status (liveness, lag in seconds), while it passes what it hears
 * on to a monitor's observer: the batches read and not yet complete, and when a handler call last settled.
 */
export class ReactorWatch implements ReactorObserver {
  private readonly unhandled: UnhandledBatch[] = [];
  private lastSettledAt: number;
  private forward: ReactorObserver = silentReactorObserver;

  constructor(private readonly timers: Timers) {
    this.lastSettledAt = timers.now();
  }

  /** Passes on everything heard from now on. */
  forwardTo(observer: ReactorObserver): void {
    this.forward = observer;
  }

  /** `sink` with each batch noted on its way in. */
  sinkFor<B extends FeedBatch>(sink: FeedSink<B>): FeedSink<B> {
    return {
      awaitCapacity: () => sink.awaitCapacity(),
      ingest: (batch) => {
        if (batch.events.length > 0) this.unhandled.push({ nextPosition: batch.nextPosition, firstEventAt: batch.events[0].time });
        this.batchRead(batch.events);
        sink.ingest(batch);
      },
    };
  }

  /** Every batch before `nextPosition` is handled. */
  completed(nextPosition: number): void {
    let done = 0;
    while (done < this.unhandled.length && this.unhandled[done].nextPosition <= nextPosition) done++;
    this.unhandled.splice(0, done);
  }

  /** The time of the first event of the oldest batch not yet complete: how far behind the reactions run. */
  get oldestUnhandledEventAt(): Date | undefined {
    return this.unhandled[0]?.firstEventAt;
  }

  /** The later of `lastReadEndedAt` and the last time a handler call settled (the reactor's start until one does). */
  lastProgressAt(lastReadEndedAt: Date | undefined): Date {
    return new Date(Math.max(lastReadEndedAt?.getTime() ?? 0, this.lastSettledAt));
  }

  batchRead(events: readonly RecordedEvent[]): void {
    this.forward.batchRead(events);
  }

  handled(call: HandlerCall, outcome: string): void {
    this.lastSettledAt = this.timers.now();
    this.forward.handled(call, outcome);
  }

  handlerFailed(call: HandlerCall, error: unknown): void {
    this.lastSettledAt = this.timers.now();
    this.forward.handlerFailed(call, error);
  }

  retryScheduled(streamName: string): void {
    this.forward.retryScheduled(streamName);
  }

  conflicted(streamName: string): void {
    this.forward.conflicted(streamName);
  }

  stopped(): void {
    this.forward.stopped();
  }
}
