import { BooleanSetting, IntegerSetting, PostgresUrlSetting, readSettings, settingsNamespace, type Environment } from '@app/store/nest';
import { IsOptional, IsString, Matches, MinLength } from 'class-validator';

/**
 * The reactor's settings, read from the environment; names mirror the F# template's options. Booleans carry no type
 * annotation on purpose: with one, implicit conversion would turn any non-empty string into true before validation.
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
  PROCESSOR_NAME: string = 'GroupCheckoutReactor';

  @IntegerSetting('MAX_CONCURRENT_STREAMS', 1, 1000)
  MAX_CONCURRENT_STREAMS: number = 8;

  @IntegerSetting('MAX_READ_AHEAD', 1, 1000)
  MAX_READ_AHEAD: number = 16;

  @IntegerSetting('BATCH_SIZE', 1, 10000)
  BATCH_SIZE: number = 1000;

  @IntegerSetting('TAIL_SLEEP_MS', 1, 60000)
  TAIL_SLEEP_MS: number = 1000;

  @BooleanSetting('NOTIFICATIONS')
  NOTIFICATIONS = true;

  @BooleanSetting('FROM_TAIL')
  FROM_TAIL = false;

  @IntegerSetting('CHECKOUT_PARALLELISM', 1, 64)
  CHECKOUT_PARALLELISM: number = 5;

  @IntegerSetting('CHECKPOINT_INTERVAL_MS', 100, 600000)
  CHECKPOINT_INTERVAL_MS: number = 5000;

  @IsOptional()
  @IntegerSetting('CONSUMER_GROUP_MEMBER', 0, 1023)
  CONSUMER_GROUP_MEMBER?: number;

  @IsOptional()
  @IntegerSetting('CONSUMER_GROUP_SIZE', 1, 1024)
  CONSUMER_GROUP_SIZE?: number;

  @BooleanSetting('RESET_CHECKPOINTS')
  RESET_CHECKPOINTS = false;

  @IntegerSetting('RETRY_BASE_MS', 1, 60000)
  RETRY_BASE_MS: number = 100;

  @IntegerSetting('RETRY_MAX_MS', 1, 3600000)
  RETRY_MAX_MS: number = 30000;

  @IntegerSetting('STUCK_THRESHOLD', 1, 1000000)
  STUCK_THRESHOLD: number = 5;

  @IntegerSetting('SHUTDOWN_TIMEOUT_MS', 0, 600000)
  SHUTDOWN_TIMEOUT_MS: number = 10000;

  @IntegerSetting('REACTOR_HEALTH_PORT', 0, 65535)
  REACTOR_HEALTH_PORT: number = 0;
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
  return problems;
}

/** The settings as the `reactor` configuration namespace: validated when the application module is built. */
export const REACTOR_CONFIG = settingsNamespace('reactor', REACTOR_SETTINGS);

export const InjectReactorConfig = REACTOR_CONFIG.Inject;
