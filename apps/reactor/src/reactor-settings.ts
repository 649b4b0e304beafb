import { HotelProjectorSettings } from '@app/read-model';
import { FeedLogger } from '@app/store';
import { GroupCheckoutReactorSettings } from './group-checkout-reactor';
import { ReactorConfig, projectorConnectionsOf, runsProjector } from './reactor.config';

/** The one mapping from the validated environment to the reactor's settings. */
export function reactorSettingsOf(config: ReactorConfig, logger: FeedLogger): GroupCheckoutReactorSettings {
  return {
    writeUrl: config.DATABASE_URL,
    readUrl: config.DATABASE_READ_URL,
    checkpointUrl: config.CHECKPOINT_DATABASE_URL,
    processorName: config.PROCESSOR_NAME,
    notifications: config.NOTIFICATIONS,
    checkoutParallelism: config.CHECKOUT_PARALLELISM,
    connections: config.DB_CONNECTIONS - projectorConnectionsOf(config),
    consumerGroup: consumerGroupOf(config),
    resetCheckpoints: config.RESET_CHECKPOINTS || undefined,
    source: { batchSize: config.BATCH_SIZE, tailSleepMs: config.TAIL_SLEEP_MS, fromTail: config.FROM_TAIL },
    sink: {
      maxConcurrentStreams: config.MAX_CONCURRENT_STREAMS,
      maxReadAhead: config.MAX_READ_AHEAD,
      maxReadAheadEvents: config.MAX_READ_AHEAD_EVENTS,
      retry: { baseMs: config.RETRY_BASE_MS, maxMs: config.RETRY_MAX_MS },
      stuckThreshold: config.STUCK_THRESHOLD,
      parkAfter: config.PARK_AFTER,
    },
    checkpoints: { intervalMs: config.CHECKPOINT_INTERVAL_MS },
    drainTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logger,
  };
}

/** The hotel projector's settings, or undefined when this process does not run it. */
export function projectorSettingsOf(config: ReactorConfig, logger: FeedLogger): HotelProjectorSettings | undefined {
  if (!runsProjector(config)) return undefined;
  return {
    url: config.DATABASE_URL,
    readUrl: config.DATABASE_READ_URL,
    notifications: config.NOTIFICATIONS,
    source: { batchSize: config.BATCH_SIZE, tailSleepMs: config.TAIL_SLEEP_MS },
    sink: { retry: { baseMs: config.RETRY_BASE_MS, maxMs: config.RETRY_MAX_MS }, stuckThreshold: config.STUCK_THRESHOLD },
    logger,
  };
}

function consumerGroupOf({ CONSUMER_GROUP_MEMBER: member, CONSUMER_GROUP_SIZE: size }: ReactorConfig) {
  return member === undefined || size === undefined ? undefined : { member, size };
}
