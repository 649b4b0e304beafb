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
  silentLogger,
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
  const { processorName } = settings;
  const logger = settings.logger ?? silentLogger;
  const writePool = createPool(settings.writeUrl, {
    max: (settings.maxConcurrentStreams ?? 8) * (settings.checkoutParallelism ?? 5) + 2,
    applicationName: `${processorName}-write`,
    statementTimeoutMillis: STATEMENT_TIMEOUT_MS,
  });
  const feedPool = createPool(settings.readUrl ?? settings.writeUrl, {
    max: 2,
    applicationName: `${processorName}-feed`,
    connectionTimeoutMillis: SHORT_QUERY_TIMEOUT_MS,
    statementTimeoutMillis: SHORT_QUERY_TIMEOUT_MS,
  });
  const checkpointPool = createPool(settings.checkpointUrl ?? settings.writeUrl, {
    max: 2,
    applicationName: `${processorName}-checkpoint`,
    connectionTimeoutMillis: SHORT_QUERY_TIMEOUT_MS,
    statementTimeoutMillis: SHORT_QUERY_TIMEOUT_MS,
  });
  const pools = [writePool, feedPool, checkpointPool];
  // NOTIFY is sent where the writes commit: a replica neither forwards it nor accepts LISTEN registrations.
  const notifier =
    settings.notifications === false
      ? undefined
      : new MessageDbChangeNotifier({ connectionString: settings.writeUrl, applicationName: `${processorName}-listen`, logger });
  // Not awaited: it retries until it listens, and the feed polls meanwhile.
  void notifier?.start();
  try {
    const handle = await startReactor<ReactionOutcome>({
      reader: new MessageDbCategoryReader(feedPool, { consumerGroup: settings.consumerGroup }),
      notifier,
      checkpoints: new PostgresCheckpointStore(checkpointPool),
      category: GROUP_CHECKOUT_CATEGORY,
      processorName,
      consumerGroup: settings.consumerGroup,
      resetCheckpoints: settings.resetCheckpoints,
      handler: createGroupCheckoutHandler(buildProcess(writePool, settings), (streamName) =>
        logger.warn(`Passed over ${streamName}: not a stream that group checkouts write`),
      ),
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
      logger,
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

/** Bounds each statement of the reactor's connections: a silent server fails a handler (retried), never hangs it. */
const STATEMENT_TIMEOUT_MS = 30_000;

/**
 * Bounds the feed's page reads and the checkpoint commits (milliseconds each) more tightly: one lost to a silent server
 * ends soon, and the next, on a fresh connection, goes through once the server answers again.
 */
const SHORT_QUERY_TIMEOUT_MS = 5_000;

/** Decisions always load from the primary, so the process needs no replica. */
function buildProcess(writePool: pg.Pool, settings: GroupCheckoutReactorSettings): GroupCheckoutProcess {
  const store = new MessageDbStore({ writePool, batchSize: settings.batchSize });
  return new GroupCheckoutProcess(new GuestStayService(store), new GroupCheckoutService(store), {
    parallelism: settings.checkoutParallelism,
  });
}

async function closeAll(notifier: MessageDbChangeNotifier | undefined, pools: readonly pg.Pool[]): Promise<void> {
  await notifier?.stop();
  await Promise.all(pools.map((pool) => pool.end()));
}
