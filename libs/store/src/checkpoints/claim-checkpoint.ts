import { FeedLogger, silentLogger } from '../runtime/logger';
import { CheckpointKey, CheckpointStore, StoredCheckpoint } from './checkpoint-store';
import { ConsumerGroup, checkpointGroupName, groupSizeOf } from '../feed/consumer-group';

/**
 * What to do with checkpoints written for another consumer-group size: `true` restarts every member of the new group
 * from the lowest old position (nothing is skipped, some events are handled again); `{ position }` from that position.
 */
export type ResetCheckpoints = true | { readonly position: number };

export interface ClaimCheckpointOptions {
  readonly store: CheckpointStore;
  readonly source: string;
  readonly tranche: string;
  readonly processorName: string;
  readonly consumerGroup?: ConsumerGroup;
  readonly resetCheckpoints?: ResetCheckpoints;
  readonly logger?: FeedLogger;
}

export interface ClaimedCheckpoint {
  readonly key: CheckpointKey;
  /** The stored position, if any. */
  readonly position: number | undefined;
}

export class ConsumerGroupSizeChangedError extends Error {
  override readonly name = 'ConsumerGroupSizeChangedError';
  constructor(
    readonly processorName: string,
    readonly tranche: string,
    readonly storedSizes: readonly number[],
    readonly size: number,
    stored: readonly StoredCheckpoint[],
  ) {
    super(
      `Processor "${processorName}" on category ${tranche} has checkpoints for a consumer group of ` +
        `${storedSizes.join(' and ')} member(s) (${stored.map((c) => `${c.consumerGroup} at ${c.position}`).join(', ')}), ` +
        `but this member starts a group of ${size}. A new size moves streams between members, so the old positions ` +
        `mean nothing to the new members: start again with ${storedSizes.join(' or ')} member(s), or set ` +
        `resetCheckpoints to delete the old checkpoints and start all ${size} member(s) from the lowest old position.`,
    );
  }
}

/**
 * Finds the checkpoint of a processor (or of one member of its consumer group), refusing to start when the processor
 * has checkpoints of another group size, unless told to reset them.
 */
export async function claimCheckpoint(options: ClaimCheckpointOptions): Promise<ClaimedCheckpoint> {
  const { store, source, tranche, processorName, consumerGroup, resetCheckpoints } = options;
  const key: CheckpointKey = { source, tranche, consumerGroup: checkpointGroupName(processorName, consumerGroup) };
  const size = consumerGroup?.size ?? 1;
  const stored = await store.loadProcessor(source, tranche, processorName);
  const otherSizes = stored.filter((c) => {
    const storedSize = groupSizeOf(processorName, c.consumerGroup);
    return storedSize !== undefined && storedSize !== size;
  });
  if (otherSizes.length === 0) return { key, position: stored.find((c) => c.consumerGroup === key.consumerGroup)?.position };
  const storedSizes = [...new Set(otherSizes.map((c) => groupSizeOf(processorName, c.consumerGroup)!))].sort((a, b) => a - b);
  if (resetCheckpoints === undefined) {
    throw new ConsumerGroupSizeChangedError(processorName, tranche, storedSizes, size, otherSizes);
  }
  const position =
    resetCheckpoints === true ? Math.min(...otherSizes.map((c) => c.position)) : resetCheckpoints.position;
  const members = Array.from({ length: size }, (_, member) => checkpointGroupName(processorName, { member, size }));
  await store.regroup(source, tranche, { remove: otherSizes.map((c) => c.consumerGroup), add: members, position });
  (options.logger ?? silentLogger).warn(
    `Processor "${processorName}" on ${tranche}: deleted the checkpoints of a group of ${storedSizes.join(' and ')} ` +
      `(${otherSizes.map((c) => `${c.consumerGroup} at ${c.position}`).join(', ')}); ` +
      `the ${size} member(s) of the new group start at ${position}`,
  );
  return { key, position: await store.load(key) };
}
