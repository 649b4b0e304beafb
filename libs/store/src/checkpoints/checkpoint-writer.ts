import { FeedLogger, describeError, silentLogger } from '../runtime/logger';
import { TimerHandle, Timers, systemTimers } from '../runtime/timers';
import { CheckpointKey, CheckpointStore } from './checkpoint-store';

export interface CheckpointWriterOptions {
  readonly store: CheckpointStore;
  readonly key: CheckpointKey;
  /** How often a changed position is committed. */
  readonly intervalMs: number;
  /** The position the store already holds, if any. */
  readonly committed?: number;
  readonly logger?: FeedLogger;
  readonly timers?: Timers;
}

export interface CheckpointWriterStatus {
  /** The last position committed by this writer (or found in the store at start). */
  readonly committedPosition?: number;
  readonly lastCommitAt?: Date;
  readonly lastCommitError?: string;
}

/** What a reactor does with the positions of completed batches: commit them (CheckpointWriter) or note them. */
export interface CheckpointKeeper {
  /** Records the position of the latest completed batch; positions only move forward. */
  update(position: number): void;
  start(): void;
  /** Stops and commits what is pending. */
  stop(): Promise<void>;
  status(): CheckpointWriterStatus;
}

/**
 * Commits the latest completed position at an interval, and on flush. A failed commit is logged and retried at the
 * next interval: checkpoints are at-least-once bookkeeping, a late one only means more redelivery after a crash.
 */
export class CheckpointWriter implements CheckpointKeeper {
  private readonly logger: FeedLogger;
  private readonly timers: Timers;
  private committed: number | undefined;
  private pending: number | undefined;
  private lastCommitAt: Date | undefined;
  private lastCommitError: string | undefined;
  private timer: TimerHandle | undefined;
  private committing: Promise<void> = Promise.resolve();

  constructor(private readonly options: CheckpointWriterOptions) {
    if (!(options.intervalMs > 0)) throw new RangeError(`checkpointIntervalMs must be > 0 (got ${options.intervalMs})`);
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? systemTimers;
    this.committed = options.committed;
  }

  /** Records the position to commit next; positions only move forward. */
  update(position: number): void {
    if (this.pending === undefined || position > this.pending) this.pending = position;
  }

  start(): void {
    this.timer = this.timers.setTimeout(() => this.tick(), this.options.intervalMs);
  }

  /** Commits the pending position now (after any commit under way). Rejects if the store does. */
  flush(): Promise<void> {
    this.committing = this.committing.catch(() => undefined).then(() => this.commitPending());
    return this.committing;
  }

  /** Stops the interval and flushes. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  status(): CheckpointWriterStatus {
    return { committedPosition: this.committed, lastCommitAt: this.lastCommitAt, lastCommitError: this.lastCommitError };
  }

  private tick(): void {
    this.flush()
      .catch(() => undefined)
      .then(() => {
        if (this.timer !== undefined) this.start();
      });
  }

  private async commitPending(): Promise<void> {
    const position = this.pending;
    if (position === undefined || position === this.committed) return;
    try {
      await this.options.store.commit(this.options.key, position);
    } catch (error) {
      this.lastCommitError = describeError(error);
      this.logger.warn(`Checkpoint ${describeKey(this.options.key)} at ${position} not committed: ${this.lastCommitError}`);
      throw error;
    }
    this.committed = position;
    this.lastCommitAt = new Date(this.timers.now());
    this.lastCommitError = undefined;
  }
}

export function describeKey(key: CheckpointKey): string {
  return `${key.source}/${key.tranche}/${key.consumerGroup}`;
}
