import { ChangeNotifier } from '../core/change-notifier';
import { CheckpointSettings, CheckpointStore } from '../checkpoints/checkpoint-store';
import { CheckpointWriter } from '../checkpoints/checkpoint-writer';
import { ClaimedCheckpoint, ResetCheckpoints, claimCheckpoint } from '../checkpoints/claim-checkpoint';
import { CategorySource, SourceSettings } from '../feed/category-source';
import { ConsumerGroup, PartitionedCategoryReader, isPartitioned } from '../feed/consumer-group';
import { FeedLogger, silentLogger } from '../runtime/logger';
import { Timers, systemTimers } from '../runtime/timers';
import { ReactionOptions, ReactorHandle, assembleReactor } from './reactor';
import { ReactorSettings, resolveSettings } from './reactor-settings';
import { ParkedStreamStore } from '../checkpoints/parked-stream-store';
import { ParkedStreams } from './parked-streams';

/** The category's reader and its source settings (those left out keep their defaults, see REACTOR_DEFAULTS). */
export interface SourceOptions extends Partial<SourceSettings> {
  /** A MessageDbCategoryReader with a consumer group reads only its member's share. */
  readonly reader: PartitionedCategoryReader;
  /** Write hints that wake the feed at the tail at once; without one it polls every tailSleepMs. */
  readonly notifier?: ChangeNotifier;
}

/** Where the checkpoint lives, and its settings (those left out keep their defaults, see REACTOR_DEFAULTS). */
export interface CheckpointOptions extends Partial<CheckpointSettings> {
  readonly store: CheckpointStore;
  /** This member of a consumer group: defaults to the reader's; must match it when both are given. */
  readonly consumerGroup?: ConsumerGroup;
  /** Allows starting with another consumer-group size than the stored checkpoints were written with. */
  readonly resetCheckpoints?: ResetCheckpoints;
  /** Where parked streams are recorded (with sink.parkAfter > 0) and read back for the status: next to the checkpoints. */
  readonly parked?: ParkedStreamStore;
}

export interface ReactorOptions<O> extends ReactionOptions<O> {
  readonly category: string;
  /** Names the checkpoint (Propulsion's consumer group name). */
  readonly processorName: string;
  readonly source: SourceOptions;
  readonly checkpoints: CheckpointOptions;
}

/**
 * Starts a reactor on a category: finds its checkpoint (refusing a changed consumer-group size unless told to reset),
 * then feeds pages to the scheduler and commits the checkpoint of fully handled pages as it goes.
 */
export async function startReactor<O>(options: ReactorOptions<O>): Promise<ReactorHandle> {
  validateCategory(options.category);
  const settings = resolveSettings(options);
  const logger = options.logger ?? silentLogger;
  const timers = options.timers ?? systemTimers;
  const checkpoint = await claimCheckpoint({
    store: options.checkpoints.store,
    source: settings.checkpoints.source,
    tranche: options.category,
    processorName: options.processorName,
    consumerGroup: consumerGroupOf(options),
    resetCheckpoints: options.checkpoints.resetCheckpoints,
    logger,
  });
  const startPosition = await startPositionOf(options, settings, checkpoint);
  const writer = await startWriter(options.checkpoints.store, settings, checkpoint, startPosition, { logger, timers });
  logStart(logger, options, settings, checkpoint, startPosition);
  const parking = await startParking(options, settings, checkpoint, { logger, timers });
  const { reader, notifier } = options.source;
  return assembleReactor(options, settings, {
    processorName: options.processorName,
    category: options.category,
    feed: new CategorySource({
      ...settings.source,
      reader,
      notifier,
      category: options.category,
      startPosition,
      logger,
      timers,
      random: options.random,
    }),
    checkpoints: { key: checkpoint.key, writer },
    parking,
  });
}

async function startParking<O>(
  { checkpoints: { parked }, processorName }: ReactorOptions<O>,
  settings: ReactorSettings,
  { key }: ClaimedCheckpoint,
  runtime: { readonly logger: FeedLogger; readonly timers: Timers },
): Promise<ParkedStreams | undefined> {
  if (parked === undefined) return undefined;
  const parking = new ParkedStreams({
    store: parked,
    key: { source: key.source, tranche: key.tranche, processorName },
    consumerGroup: key.consumerGroup,
    refreshMs: settings.checkpoints.intervalMs,
    ...runtime,
  });
  await parking.start();
  return parking;
}

function startPositionOf<O>(
  { source, category }: ReactorOptions<O>,
  settings: ReactorSettings,
  checkpoint: ClaimedCheckpoint,
): Promise<number> | number {
  if (checkpoint.position !== undefined) return checkpoint.position;
  return settings.source.fromTail ? source.reader.categoryTail(category) : 0;
}

async function startWriter(
  store: CheckpointStore,
  settings: ReactorSettings,
  checkpoint: ClaimedCheckpoint,
  startPosition: number,
  runtime: { readonly logger: FeedLogger; readonly timers: Timers },
): Promise<CheckpointWriter> {
  const writer = new CheckpointWriter({
    store,
    key: checkpoint.key,
    intervalMs: settings.checkpoints.intervalMs,
    committed: checkpoint.position,
    ...runtime,
  });
  if (checkpoint.position === undefined) {
    // Recording the origin keeps a restart from starting at a later tail and skipping what was written meanwhile.
    writer.update(startPosition);
    await writer.flush();
  }
  return writer;
}

function logStart<O>(
  logger: FeedLogger,
  { category, source }: ReactorOptions<O>,
  { source: { batchSize, fromTail }, sink }: ReactorSettings,
  checkpoint: ClaimedCheckpoint,
  startPosition: number,
): void {
  const { consumerGroup } = checkpoint.key;
  logger.log(
    `Reacting... ${consumerGroup} on ${category} from ${startPosition} ` +
      `(${checkpoint.position !== undefined ? 'checkpoint' : fromTail ? 'tail' : 'start'}), ` +
      `reading pages of ${batchSize}, up to ${sink.maxReadAhead} batches or ${sink.maxReadAheadEvents} events ahead, ` +
      `${sink.maxConcurrentStreams} streams` +
      (source.notifier ? ', woken by notifications' : ''),
  );
  if (checkpoint.position === undefined && fromTail) {
    logger.warn(`${consumerGroup} starts at the tail of ${category}: events before ${startPosition} are skipped`);
  }
}

function consumerGroupOf<O>({ checkpoints: { consumerGroup }, source: { reader } }: ReactorOptions<O>): ConsumerGroup | undefined {
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
