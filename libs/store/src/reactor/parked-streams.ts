import { ParkedStreamKey, ParkedStreamStore } from '../checkpoints/parked-stream-store';
import { FeedLogger, describeError } from '../runtime/logger';
import { TimerHandle, Timers } from '../runtime/timers';
import { ParkedStream } from '../sink/stream-parking';

export interface ParkedStreamsOptions {
  readonly store: ParkedStreamStore;
  readonly key: ParkedStreamKey;
  /** This member's checkpoint consumer group: the parked streams it reports are those it parked. */
  readonly consumerGroup: string;
  /** How often the list is reloaded, to see what an operator retried or dropped meanwhile. */
  readonly refreshMs: number;
  readonly logger: FeedLogger;
  readonly timers: Timers;
}

/**
 * A reactor member's parked streams: parks them in the store (the sink's `park` callback) and keeps the list it reports
 * in its status, reloaded from the store every refreshMs so that retries and drops by an operator show.
 */
export class ParkedStreams {
  private current: readonly ParkedStream[] = [];
  private timer: TimerHandle | undefined;
  private stopped = false;
  /** Counts parks, so that a reload that began before one does not drop it from the list. */
  private parks = 0;

  constructor(private readonly options: ParkedStreamsOptions) {}

  readonly park = async (stream: ParkedStream): Promise<void> => {
    const { store, key, consumerGroup } = this.options;
    await store.park({ ...stream, ...key, consumerGroup });
    this.parks++;
    this.current = [...this.current.filter((s) => s.streamName !== stream.streamName), stream];
  };

  list(): readonly ParkedStream[] {
    return this.current;
  }

  /** Loads the list, then keeps reloading it until stopped. */
  async start(): Promise<void> {
    await this.refresh();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.options.timers.clearTimeout(this.timer);
  }

  private async refresh(): Promise<void> {
    const { store, key, consumerGroup } = this.options;
    const parksBefore = this.parks;
    const stored = await store.list(key);
    if (this.parks !== parksBefore) return;
    this.current = stored
      .filter((s) => s.consumerGroup === consumerGroup)
      .map(({ streamName, attempts, lastError, parkedAt, fromVersion, toVersion, lastGlobalPosition }) => ({
        streamName,
        attempts,
        lastError,
        parkedAt,
        fromVersion,
        toVersion,
        lastGlobalPosition,
      }));
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.options.timers.setTimeout(() => {
      this.refresh()
        .catch((error: unknown) => this.options.logger.warn(`Could not reload the parked streams: ${describeError(error)}`))
        .then(() => this.schedule());
    }, this.options.refreshMs);
  }
}
