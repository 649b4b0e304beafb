import { DEFAULT_CHECKOUT_PARALLELISM, GroupCheckoutProcess, GroupCheckoutService, GROUP_CHECKOUT_CATEGORY, GuestStayService, ReactionOutcome } from '@app/domain';
import {
  ConsumerGroup,
  DEFAULT_CONNECTION_BUDGET,
  FeedLogger,
  MessageDbCategoryReader,
  MessageDbChangeNotifier,
  MessageDbStore,
  PostgresCheckpointStore,
  PostgresParkedStreamStore,
  ReactorHandle,
  ReactorMonitor,
  ReactorTuning,
  ResetCheckpoints,
  createPool,
  releaseConnections,
  stopThenRelease,
  silentLogger,
  splitConnectionBudget,
  startReactor,
} from '@app/store';
import pg from 'pg';
import { createGroupCheckoutHandler } from './group-checkout-handler';

/** The settings of the library's reactor (source, sink, checkpoints: see REACTOR_DEFAULTS) and of this app's. */
export interface GroupCheckoutReactorSettings extends ReactorTuning {
  readonly writeUrl: string;
  readonly readUrl?: string;
  readonly checkpointUrl?: string;
  readonly processorName: string;
  /** Wake on LISTEN/NOTIFY hints (default true); false leaves polling every tailSleepMs alone. */
  readonly notifications?: boolean;
  /**
   * The most connections the reactor holds open (DEFAULT_CONNECTION_BUDGET): LISTEN, feed and checkpoint one each, the
   * rest for loading and writing, whatever maxConcurrentStreams and checkoutParallelism say (statements beyond it queue).
   */
  readonly connections?: number;
  readonly checkoutParallelism?: number;
  readonly consumerGroup?: ConsumerGroup;
  readonly resetCheckpoints?: ResetCheckpoints;
  readonly logger?: FeedLogger;
  /** Watches the reactor (metrics, health). */
  readonly monitor?: ReactorMonitor;
}

/** The app's own defaults (the reactor's are REACTOR_DEFAULTS); the environment's defaults come from both. */
export const GROUP_CHECKOUT_REACTOR_DEFAULTS = {
  processorName: 'GroupCheckoutReactor',
  notifications: true,
  checkoutParallelism: DEFAULT_CHECKOUT_PARALLELISM,
  connections: DEFAULT_CONNECTION_BUDGET,
} as const;

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
  const checkoutParallelism = settings.checkoutParallelism ?? GROUP_CHECKOUT_REACTOR_DEFAULTS.checkoutParallelism;
  const notifications = settings.notifications ?? GROUP_CHECKOUT_REACTOR_DEFAULTS.notifications;
  const connections = splitConnectionBudget(
    settings.connections ?? GROUP_CHECKOUT_REACTOR_DEFAULTS.connections,
    { listen: notifications ? 1 : 0, feed: 1, checkpoint: 1 },
    ['write'],
  );
  const writePool = createPool(settings.writeUrl, {
    max: connections.write,
    applicationName: `${processorName}-write`,
    statementTimeoutMillis: STATEMENT_TIMEOUT_MS,
  });
  const feedPool = createPool(settings.readUrl ?? settings.writeUrl, {
    max: connections.feed,
    applicationName: `${processorName}-feed`,
    connectionTimeoutMillis: SHORT_QUERY_TIMEOUT_MS,
    statementTimeoutMillis: SHORT_QUERY_TIMEOUT_MS,
  });
  const checkpointPool = createPool(settings.checkpointUrl ?? settings.writeUrl, {
    max: connections.checkpoint,
    applicationName: `${processorName}-checkpoint`,
    connectionTimeoutMillis: SHORT_QUERY_TIMEOUT_MS,
    statementTimeoutMillis: SHORT_QUERY_TIMEOUT_MS,
  });
  const pools = [writePool, feedPool, checkpointPool];
  // NOTIFY is sent where the writes commit: a replica neither forwards it nor accepts LISTEN registrations.
  const notifier = !notifications
    ? undefined
    : new MessageDbChangeNotifier({ connectionString: settings.writeUrl, applicationName: `${processorName}-listen`, logger });
  // Not awaited: it retries until it listens, and the feed polls meanwhile.
  void notifier?.start();
  try {
    const handler = createGroupCheckoutHandler(buildGroupCheckoutProcess(writePool, settings.source?.batchSize, checkoutParallelism), (streamName) =>
      logger.warn(`Passed over ${streamName}: not a stream that group checkouts write`, { streamName }),
    );
    const handle = await startReactor<ReactionOutcome>({
      category: GROUP_CHECKOUT_CATEGORY,
      processorName,
      source: { ...settings.source, reader: new MessageDbCategoryReader(feedPool, { consumerGroup: settings.consumerGroup }), notifier },
      sink: { ...settings.sink, handler, describeOutcome: describeReactionOutcome },
      checkpoints: {
        ...settings.checkpoints,
        store: new PostgresCheckpointStore(checkpointPool),
        parked: new PostgresParkedStreamStore(checkpointPool),
        consumerGroup: settings.consumerGroup,
        resetCheckpoints: settings.resetCheckpoints,
      },
      statsIntervalMs: settings.statsIntervalMs,
      drainTimeoutMs: settings.drainTimeoutMs,
      logger,
      monitor: settings.monitor,
    });
    return {
      handle,
      stop: () => stopThenRelease(() => handle.stop(), notifier, pools),
    };
  } catch (error) {
    await releaseConnections(notifier, pools);
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

/**
 * The reactor's appends in flight per category: one. Each reaction's transaction holds the GuestStay category's lock
 * to its commit; with a second one already queued at the lock, a clerk's write waited behind two commits instead of
 * one (burst of 1000 groups: the clerk's write p50 1.6 -> 1.15 ms, groups/s unchanged at ~450).
 */
const REACTOR_WRITES_PER_CATEGORY = 1;

/** Decisions always load from the primary, so the process needs no replica. (Also the admin CLI's `parked retry`.) */
export function buildGroupCheckoutProcess(writePool: pg.Pool, batchSize: number | undefined, parallelism: number): GroupCheckoutProcess {
  const store = new MessageDbStore({ writePool, batchSize, writesPerCategory: REACTOR_WRITES_PER_CATEGORY });
  return new GroupCheckoutProcess(new GuestStayService(store), new GroupCheckoutService(store), { parallelism });
}
