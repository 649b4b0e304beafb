import { ChangeNotifier } from '../core/change-notifier';
import { CheckpointStore } from '../checkpoints/checkpoint-store';
import { CheckpointWriter } from '../checkpoints/checkpoint-writer';
import { ResetCheckpoints, claimCheckpoint } from '../checkpoints/claim-checkpoint';
import { BackoffOptions } from '../runtime/backoff';
import { CategorySource } from '../feed/category-source';
import { ConsumerGroup, PartitionedCategoryReader, isPartitioned } from '../feed/consumer-group';
import { silentLogger } from '../runtime/logger';
import { systemTimers } from '../runtime/timers';
import { ReactionOptions, ReactorHandle, assembleReactor } from './reactor';

export interface ReactorOptions<O> extends ReactionOptions<O> {
  /** Reads the category; a MessageDbCategoryReader with a consumer group reads only its member's share. */
  readonly reader: PartitionedCategoryReader;
  /** Write hints that wake the feed at the tail at once; without one it polls every tailSleepMs. */
  readonly notifier?: ChangeNotifier;
  readonly checkpoints: CheckpointStore;
  readonly category: string;
  /** Names the checkpoint (Propulsion's consumer group name). */
  readonly processorName: string;
  /** This member of a consumer group: defaults to the reader's; must match it when both are given. */
  readonly consumerGroup?: ConsumerGroup;
  /** Allows starting with another consumer-group size than the stored checkpoints were written with. */
  readonly resetCheckpoints?: ResetCheckpoints;
  /** Events per page (default 1000). */
  readonly batchSize?: number;
  /** Longest sleep at the tail before polling again (default 100 ms); a notifier hint cuts it short. */
  readonly tailSleepMs?: number;
  /** With no stored checkpoint, start at the category's tail instead of its beginning. */
  readonly fromTail?: boolean;
  /** How often the checkpoint is committed (default 5 s); it is also committed on stop. */
  readonly checkpointIntervalMs?: number;
  /** Backoff between failed reads (default 100 ms doubling to 1 s). */
  readonly readRetry?: BackoffOptions;
  /** The checkpoint's `source` column (default `messageDb`, as Propulsion). */
  readonly checkpointSource?: string;
}

export const MESSAGE_DB_CHECKPOINT_SOURCE = 'messageDb';

/**
 * Starts a reactor on a category (defaults as Propulsion's host: 8 streams at once, 16 pages read ahead): finds its checkpoint (refusing a changed consumer-group size unless told to
 * reset), then feeds pages to the scheduler and commits the checkpoint of fully handled pages as it goes.
 */
export async function startReactor<O>(options: ReactorOptions<O>): Promise<ReactorHandle> {
  const { reader, category, processorName } = options;
  validateCategory(category);
  const consumerGroup = consumerGroupOf(options);
  const logger = options.logger ?? silentLogger;
  const timers = options.timers ?? systemTimers;
  const checkpoint = await claimCheckpoint({
    store: options.checkpoints,
    source: options.checkpointSource ?? MESSAGE_DB_CHECKPOINT_SOURCE,
    tranche: category,
    processorName,
    consumerGroup,
    resetCheckpoints: options.resetCheckpoints,
    logger,
  });
  const startPosition = checkpoint.position ?? (options.fromTail ? await reader.categoryTail(category) : 0);
  const writer = new CheckpointWriter({
    store: options.checkpoints,
    key: checkpoint.key,
    intervalMs: options.checkpointIntervalMs ?? 5_000,
    committed: checkpoint.position,
    logger,
    timers,
  });
  if (checkpoint.position === undefined) {
    // Recording the origin keeps a restart from starting at a later tail and skipping what was written meanwhile.
    writer.update(startPosition);
    await writer.flush();
  }
  const maxConcurrentStreams = options.maxConcurrentStreams ?? 8;
  const maxReadAhead = options.maxReadAhead ?? 16;
  const batchSize = options.batchSize ?? 1000;
  logger.log(
    `Reacting... ${checkpoint.key.consumerGroup} on ${category} from ${startPosition} ` +
      `(${checkpoint.position !== undefined ? 'checkpoint' : options.fromTail ? 'tail' : 'start'}), ` +
      `reading ${maxReadAhead} pages of ${batchSize} ahead, ${maxConcurrentStreams} streams` +
      (options.notifier ? ', woken by notifications' : ''),
  );
  if (checkpoint.position === undefined && options.fromTail) {
    logger.warn(`${checkpoint.key.consumerGroup} starts at the tail of ${category}: events before ${startPosition} are skipped`);
  }
  return assembleReactor(
    { ...options, maxConcurrentStreams, maxReadAhead },
    {
      processorName,
      category,
      feed: new CategorySource({
        reader,
        category,
        startPosition,
        batchSize,
        tailSleepMs: options.tailSleepMs ?? 100,
        notifier: options.notifier,
        readRetry: options.readRetry,
        logger,
        timers,
        random: options.random,
      }),
      checkpoints: { key: checkpoint.key, writer },
    },
  );
}

function consumerGroupOf<O>({ consumerGroup, reader }: ReactorOptions<O>): ConsumerGroup | undefined {
  if (consumerGroup === undefined) return reader.consumerGroup;
  const ours = isPartitioned(consumerGroup) ? consumerGroup : undefined;
  const readers = isPartitioned(reader.consumerGroup) ? reader.consumerGroup : undefined;
  if (ours?.member !== readers?.member || ours?.size !== readers?.size) {
    throw new RangeError(
      `consumerGroup ${describeGroup(ours)} does not match the reader's ${describeGroup(readers)}: ` +
        'the checkpoint would not describe what the reader reads',
    );
  }
  return consumerGroup;
}

function describeGroup(group: ConsumerGroup | undefined): string {
  return group ? `member ${group.member} of ${group.size}` : '(whole category)';
}

function validateCategory(category: string): void {
  if (category.length === 0 || category.includes('-')) {
    throw new RangeError(`"${category}" is not a category name (it must be non-empty, without a hyphen)`);
  }
}
