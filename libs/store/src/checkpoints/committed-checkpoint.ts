import { Timers, systemTimers } from '../runtime/timers';
import { CheckpointKey } from './checkpoint-store';
import { CheckpointKeeper, CheckpointWriterStatus, describeKey } from './checkpoint-writer';

/**
 * The checkpoint of a sink that commits it itself, in the transaction of each batch (a projection): a batch reported
 * complete is already committed, so there is nothing left to write, only to show.
 */
export class CommittedCheckpoint implements CheckpointKeeper {
  private committed: number | undefined;
  private lastCommitAt: Date | undefined;

  constructor(
    committed: number | undefined,
    private readonly timers: Timers = systemTimers,
  ) {
    this.committed = committed;
  }

  update(position: number): void {
    if (this.committed !== undefined && position <= this.committed) return;
    this.committed = position;
    this.lastCommitAt = new Date(this.timers.now());
  }

  start(): void {}

  async stop(): Promise<void> {}

  status(): CheckpointWriterStatus {
    return { committedPosition: this.committed, lastCommitAt: this.lastCommitAt };
  }
}

/**
 * The stored checkpoint is not where this processor left it: a rebuild reset it, or another instance of the processor
 * moved it. The processor must start again from the stored position.
 */
export class CheckpointMovedError extends Error {
  override readonly name = 'CheckpointMovedError';
  constructor(
    readonly key: CheckpointKey,
    readonly expected: number,
  ) {
    super(`Checkpoint ${describeKey(key)} is no longer at ${expected}: reset, or moved by another instance`);
  }
}
