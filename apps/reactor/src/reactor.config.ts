import { REACTOR_DEFAULTS } from '@app/store';
import { BooleanSetting, IntegerSetting, PostgresUrlSetting, readSettings, settingsNamespace, type Environment } from '@app/store/nest';
import { IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { hotelProjectorConnections } from '@app/read-model';
import { GROUP_CHECKOUT_REACTOR_DEFAULTS as APP_DEFAULTS } from './group-checkout-reactor';

const { source, sink, checkpoints } = REACTOR_DEFAULTS;

/**
 * The reactor's settings, read from the environment; names mirror the F# template's options. Their defaults are the
 * library's REACTOR_DEFAULTS and the app's own; reactorSettingsOf maps them. Booleans carry no type annotation on
 * purpose: with one, implicit conversion would turn any non-empty string into true before validation.
 */
export class ReactorConfig {
  @PostgresUrlSetting('DATABASE_URL', 'the write connection')
  DATABASE_URL: string;

  @IsOptional()
  @PostgresUrlSetting('DATABASE_READ_URL', 'reads: the feed and state loads')
  DATABASE_READ_URL?: string;

  @IsOptional()
  @PostgresUrlSetting('CHECKPOINT_DATABASE_URL', 'where the checkpoint table is')
  CHECKPOINT_DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  @Matches(/^[^/]+$/, { message: 'PROCESSOR_NAME must not contain "/"' })
  PROCESSOR_NAME: string = APP_DEFAULTS.processorName;

  @IntegerSetting('MAX_CONCURRENT_STREAMS', 1, 1000)
  MAX_CONCURRENT_STREAMS: number = sink.maxConcurrentStreams;

  @IntegerSetting('MAX_READ_AHEAD', 1, 1000)
  MAX_READ_AHEAD: number = sink.maxReadAhead;

  @IntegerSetting('MAX_READ_AHEAD_EVENTS', 1, 1000000)
  MAX_READ_AHEAD_EVENTS: number = sink.maxReadAheadEvents;

  @IntegerSetting('BATCH_SIZE', 1, 10000)
  BATCH_SIZE: number = source.batchSize;

  @IntegerSetting('TAIL_SLEEP_MS', 1, 60000)
  TAIL_SLEEP_MS: number = source.tailSleepMs;

  @BooleanSetting('NOTIFICATIONS')
  NOTIFICATIONS = APP_DEFAULTS.notifications;

  @BooleanSetting('FROM_TAIL')
  FROM_TAIL = source.fromTail;

  @IntegerSetting('CHECKOUT_PARALLELISM', 1, 64)
  CHECKOUT_PARALLELISM: number = APP_DEFAULTS.checkoutParallelism;

  /** The most connections the reactor holds open (LISTEN, feed, checkpoint, the rest for loads and writes). */
  @IntegerSetting('DB_CONNECTIONS', 4, 1000)
  DB_CONNECTIONS: number = APP_DEFAULTS.connections;

  @IntegerSetting('CHECKPOINT_INTERVAL_MS', 100, 600000)
  CHECKPOINT_INTERVAL_MS: number = checkpoints.intervalMs;

  @IsOptional()
  @IntegerSetting('CONSUMER_GROUP_MEMBER', 0, 1023)
  CONSUMER_GROUP_MEMBER?: number;

  @IsOptional()
  @IntegerSetting('CONSUMER_GROUP_SIZE', 1, 1024)
  CONSUMER_GROUP_SIZE?: number;

  @BooleanSetting('RESET_CHECKPOINTS')
  RESET_CHECKPOINTS = false;

  @IntegerSetting('RETRY_BASE_MS', 1, 60000)
  RETRY_BASE_MS: number = sink.retry.baseMs;

  @IntegerSetting('RETRY_MAX_MS', 1, 3600000)
  RETRY_MAX_MS: number = sink.retry.maxMs;

  @IntegerSetting('STUCK_THRESHOLD', 1, 1000000)
  STUCK_THRESHOLD: number = sink.stuckThreshold;

  /** Consecutive failed attempts after which a stream is parked (skipped until `parked retry`); 0: never, retry forever. */
  @IntegerSetting('PARK_AFTER', 0, 1000000)
  PARK_AFTER: number = sink.parkAfter;

  @IntegerSetting('SHUTDOWN_TIMEOUT_MS', 0, 600000)
  SHUTDOWN_TIMEOUT_MS: number = REACTOR_DEFAULTS.drainTimeoutMs;

  /** Run the hotel projector (the front desk's read tables) beside the group-checkout reactor. */
  @BooleanSetting('PROJECTIONS')
  PROJECTIONS = true;

  /** The management endpoints (health probes, metrics); 0: none. */
  @IsOptional()
  @IntegerSetting('REACTOR_HTTP_PORT', 0, 65535)
  REACTOR_HTTP_PORT?: number;

  /** Deprecated: REACTOR_HTTP_PORT's former name, read when REACTOR_HTTP_PORT is not set. */
  @IsOptional()
  @IntegerSetting('REACTOR_HEALTH_PORT', 0, 65535)
  REACTOR_HEALTH_PORT?: number;
}

/** The management port when neither REACTOR_HTTP_PORT nor REACTOR_HEALTH_PORT is set: none. */
export const DEFAULT_REACTOR_HTTP_PORT = 0;

/** Where the management endpoints listen (0: nowhere): REACTOR_HTTP_PORT, else the deprecated REACTOR_HEALTH_PORT. */
export function managementPortOf(config: ReactorConfig): number {
  return config.REACTOR_HTTP_PORT ?? config.REACTOR_HEALTH_PORT ?? DEFAULT_REACTOR_HTTP_PORT;
}

const REACTOR_SETTINGS = { type: ReactorConfig, subject: 'reactor', crossChecks: crossSettingProblems };

/** Validates the environment (blank values count as unset): a bad setting throws an Error naming it. */
export function validateReactorConfig(environment: Environment): ReactorConfig {
  return readSettings(REACTOR_SETTINGS, environment);
}

function crossSettingProblems(config: ReactorConfig): string[] {
  const { CONSUMER_GROUP_MEMBER: member, CONSUMER_GROUP_SIZE: size } = config;
  const problems: string[] = [];
  if (size !== undefined && member === undefined) problems.push('CONSUMER_GROUP_MEMBER: required when CONSUMER_GROUP_SIZE is set');
  if (member !== undefined && size === undefined) problems.push('CONSUMER_GROUP_SIZE: required when CONSUMER_GROUP_MEMBER is set');
  if (member !== undefined && size !== undefined && member >= size) {
    problems.push(`CONSUMER_GROUP_MEMBER: must be below CONSUMER_GROUP_SIZE (${size})`);
  }
  if (config.RETRY_MAX_MS < config.RETRY_BASE_MS) problems.push('RETRY_MAX_MS: must be at least RETRY_BASE_MS');
  const projector = projectorConnectionsOf(config);
  if (projector > 0 && config.DB_CONNECTIONS < MIN_REACTOR_CONNECTIONS + projector) {
    problems.push(
      `DB_CONNECTIONS: at least ${MIN_REACTOR_CONNECTIONS + projector} with PROJECTIONS on ` +
        `(the projector holds ${projector}), or set PROJECTIONS=false`,
    );
  }
  return problems;
}

/** The fewest connections the group-checkout reactor works with: LISTEN, feed, checkpoint, one for writes. */
const MIN_REACTOR_CONNECTIONS = 4;

/**
 * Whether this process runs the hotel projector: PROJECTIONS on, and not a member of a consumer group but the first
 * (a projector reads whole categories: two would only take turns).
 */
export function runsProjector(config: ReactorConfig): boolean {
  return config.PROJECTIONS && (config.CONSUMER_GROUP_MEMBER ?? 0) === 0;
}

/** The connections of DB_CONNECTIONS the projector takes (0 when it does not run). */
export function projectorConnectionsOf(config: ReactorConfig): number {
  return runsProjector(config) ? hotelProjectorConnections(config.NOTIFICATIONS) : 0;
}

/** The settings as the `reactor` configuration namespace: validated when the application module is built. */
export const REACTOR_CONFIG = settingsNamespace('reactor', REACTOR_SETTINGS);

export const InjectReactorConfig = REACTOR_CONFIG.Inject;
