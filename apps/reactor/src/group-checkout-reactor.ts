import { GroupCheckoutProcess, GroupCheckoutService, GROUP_CHECKOUT_CATEGORY, GuestStayService, ReactionOutcome } from '@app/domain';
import {
  ConsumerGroup,
  FeedLogger,
  MessageDbCategoryReader,
  MessageDbChangeNotifier,
  MessageDbStore,
  PostgresCheckpointStore,
  ReactorHandle,
  ResetCheckpoints,
  createPool,
  startReactor,
} from '@app/store';
import pg from 'pg';
import { createGroupCheckoutHandler } from './group-checkout-handler';

export interface GroupCheckoutReactorSettings {
  readonly writeUrl: string;
  readonly readUrl?: string;
  readonly checkpointUrl?: string;
  readonly processorName: string;
  readonly maxConcurrentStreams?: number;
  readonly maxReadAhead?: number;
  readonly batchSize?: number;
  readonly tailSleepMs?: number;
  /** Wake on LISTEN/NOTIFY hints (default true); false leaves polling every tailSleepMs alone. */
  readonly notifications?: boolean;
  readonly fromTail?: boolean;
  readonly checkoutParallelism?: number;
  readonly checkpointIntervalMs?: number;
  readonly consumerGroup?: ConsumerGroup;
  readonly resetCheckpoints?: ResetCheckpoints;
  readonly retry?: { readonly baseMs: number; readonly maxMs: number };
  readonly stuckThreshold?: number;
  readonly drainTimeoutMs?: number;
  readonly statsIntervalMs?: number;
  readonly logger?: FeedLogger;
}

export interface RunningGroupCheckoutReactor {
  readonly handle: ReactorHandle;
  /** Stops the reactor (drains in-flight handlers, commits the checkpoint) and closes its connections. */
  stop(): Promise<void>;
}

export function describeReactionOutcome(outcome: ReactionOutcome): string {
  return outcome.kind === 'merged' ? 'merged' : 'ignored';
}

/** Wires the GroupCheckout process to the change feed of the GroupCheckout category on Message DB. */
export async function startGroupCheckoutReactor(settings: GroupCheckoutReactorSettings): Promise<RunningGroupCheckoutReactor> {
  const poolSize = (settings.maxConcurrentStreams ?? 8) * Math.min(settings.checkoutParallelism ?? 5, 4) + 2;
  const writePool = createPool(settings.writeUrl, { max: poolSize, applicationName: `${settings.processorName}-write` });
  const readPool = settings.readUrl
    ? createPool(settings.readUrl, { max: poolSize, applicationName: `${settings.processorName}-read` })
    : writePool;
  const checkpointPool = createPool(settings.checkpointUrl ?? settings.writeUrl, {
    max: 2,
    applicationName: `${settings.processorName}-checkpoint`,
  });
  const pools = [...new Set([writePool, readPool, checkpointPool])];
  const notifier =
    settings.notifications === false
      ? undefined
      : new MessageDbChangeNotifier({
          connectionString: settings.readUrl ?? settings.writeUrl,
          applicationName: `${settings.processorName}-listen`,
          logger: settings.logger,
        });
  try {
    await notifier?.start();
    const handle = await startReactor<ReactionOutcome>({
      reader: new MessageDbCategoryReader(readPool, { consumerGroup: settings.consumerGroup }),
      notifier,
      checkpoints: new PostgresCheckpointStore(checkpointPool),
      category: GROUP_CHECKOUT_CATEGORY,
      processorName: settings.processorName,
      consumerGroup: settings.consumerGroup,
      resetCheckpoints: settings.resetCheckpoints,
      handler: createGroupCheckoutHandler(buildProcess(writePool, readPool, settings)),
      batchSize: settings.batchSize,
      tailSleepMs: settings.tailSleepMs,
      maxConcurrentStreams: settings.maxConcurrentStreams,
      maxReadAhead: settings.maxReadAhead,
      fromTail: settings.fromTail,
      checkpointIntervalMs: settings.checkpointIntervalMs,
      retry: settings.retry,
      stuckThreshold: settings.stuckThreshold,
      describeOutcome: describeReactionOutcome,
      statsIntervalMs: settings.statsIntervalMs,
      drainTimeoutMs: settings.drainTimeoutMs,
      logger: settings.logger,
    });
    return {
      handle,
      stop: async () => {
        try {
          await handle.stop();
        } finally {
          await closeAll(notifier, pools);
        }
      },
    };
  } catch (error) {
    await closeAll(notifier, pools);
    throw error;
  }
}

function buildProcess(writePool: pg.Pool, readPool: pg.Pool, settings: GroupCheckoutReactorSettings): GroupCheckoutProcess {
  const store = new MessageDbStore({ writePool, readPool, batchSize: settings.batchSize });
  return new GroupCheckoutProcess(new GuestStayService(store), new GroupCheckoutService(store), {
    parallelism: settings.checkoutParallelism,
  });
}

async function closeAll(notifier: MessageDbChangeNotifier | undefined, pools: readonly pg.Pool[]): Promise<void> {
  await notifier?.stop();
  await Promise.all(pools.map((pool) => pool.end()));
}
