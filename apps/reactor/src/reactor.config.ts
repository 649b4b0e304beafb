import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

const POSTGRES_URL = /^postgres(ql)?:\/\//;
const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? (['true', '1', 'yes'].includes(value.toLowerCase()) ? true : ['false', '0', 'no', ''].includes(value.toLowerCase()) ? false : value) : value;

/** The reactor's settings, read from the environment; names mirror the F# template's options. */
export class ReactorConfig {
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// connection string (the write connection)' })
  DATABASE_URL: string;

  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'DATABASE_READ_URL must be a postgres:// connection string' })
  DATABASE_READ_URL?: string;

  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'CHECKPOINT_DATABASE_URL must be a postgres:// connection string' })
  CHECKPOINT_DATABASE_URL?: string;

  @IsString()
  @MinLength(1)
  @Matches(/^[^/]+$/, { message: 'PROCESSOR_NAME must not contain "/"' })
  PROCESSOR_NAME: string = 'GroupCheckoutReactor';

  @Min(1) @Max(1000) @IsInt()
  MAX_CONCURRENT_STREAMS: number = 8;

  @Min(1) @Max(1000) @IsInt()
  MAX_READ_AHEAD: number = 16;

  @Min(1) @Max(10000) @IsInt()
  BATCH_SIZE: number = 1000;

  @Min(1) @Max(60000) @IsInt()
  TAIL_SLEEP_MS: number = 1000;

  @IsBoolean()
  @Transform(toBoolean)
  NOTIFICATIONS = true; // no type annotation: implicit conversion would turn any string into true

  @IsBoolean()
  @Transform(toBoolean)
  FROM_TAIL = false; // no type annotation: implicit conversion would turn any string into true

  @Min(1) @Max(64) @IsInt()
  CHECKOUT_PARALLELISM: number = 5;

  @Min(100) @Max(600000) @IsInt()
  CHECKPOINT_INTERVAL_MS: number = 5000;

  @IsOptional()
  @ValidateIf((c: ReactorConfig) => c.CONSUMER_GROUP_SIZE !== undefined)
  @Min(0) @IsInt()
  CONSUMER_GROUP_MEMBER?: number;

  @IsOptional()
  @Min(1) @Max(1024) @IsInt()
  CONSUMER_GROUP_SIZE?: number;

  @IsBoolean()
  @Transform(toBoolean)
  RESET_CHECKPOINTS = false; // no type annotation: implicit conversion would turn any string into true

  @Min(1) @Max(60000) @IsInt()
  RETRY_BASE_MS: number = 100;

  @Min(1) @Max(3600000) @IsInt()
  RETRY_MAX_MS: number = 30000;

  @Min(1) @Max(1000000) @IsInt()
  STUCK_THRESHOLD: number = 5;

  @Min(0) @Max(600000) @IsInt()
  SHUTDOWN_TIMEOUT_MS: number = 10000;

  @Min(0) @Max(65535) @IsInt()
  REACTOR_HEALTH_PORT: number = 0;
}

export function validateReactorConfig(environment: Record<string, unknown>): ReactorConfig {
  const config = plainToInstance(ReactorConfig, environment, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  const messages = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {})[0]}`);
  if (config.CONSUMER_GROUP_SIZE !== undefined && config.CONSUMER_GROUP_MEMBER === undefined) {
    messages.push('CONSUMER_GROUP_MEMBER: required when CONSUMER_GROUP_SIZE is set');
  }
  if (config.CONSUMER_GROUP_MEMBER !== undefined && config.CONSUMER_GROUP_SIZE === undefined) {
    messages.push('CONSUMER_GROUP_SIZE: required when CONSUMER_GROUP_MEMBER is set');
  }
  if (config.CONSUMER_GROUP_MEMBER !== undefined && config.CONSUMER_GROUP_SIZE !== undefined && config.CONSUMER_GROUP_MEMBER >= config.CONSUMER_GROUP_SIZE) {
    messages.push(`CONSUMER_GROUP_MEMBER: must be below CONSUMER_GROUP_SIZE (${config.CONSUMER_GROUP_SIZE})`);
  }
  if (config.RETRY_MAX_MS < config.RETRY_BASE_MS) messages.push('RETRY_MAX_MS: must be at least RETRY_BASE_MS');
  if (messages.length > 0) throw new Error(`Invalid reactor configuration:\n  ${messages.join('\n  ')}`);
  return config;
}
