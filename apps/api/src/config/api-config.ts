import { Inject, applyDecorators } from '@nestjs/common';
import { getConfigToken, registerAs } from '@nestjs/config';
import { plainToInstance } from 'class-transformer';
import { IsIP, IsInt, IsOptional, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const POSTGRES_URL = /^postgres(ql)?:\/\//;

function IntegerSetting(name: string, min: number, max: number): PropertyDecorator {
  const message = `${name} must be an integer from ${min} to ${max}`;
  return applyDecorators(IsInt({ message }), Min(min, { message }), Max(max, { message }));
}

/** The API's settings, read from the environment. DATABASE_URL is checked only when the Message DB store is built. */
export class ApiConfig {
  @IntegerSetting('PORT', 0, 65535)
  PORT: number = 3000;

  /** The address the HTTP server binds: all IPv4 interfaces by default; `npm start` sets 127.0.0.1. */
  @IsIP(undefined, { message: 'HOST must be an IP address, e.g. 127.0.0.1, 0.0.0.0 or ::' })
  HOST: string = '0.0.0.0';

  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// connection string' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'DATABASE_READ_URL must be a postgres:// connection string' })
  DATABASE_READ_URL?: string;

  @IsOptional()
  @MinLength(16, { message: 'API_TOKEN must be at least 16 characters long' })
  API_TOKEN?: string;

  @IntegerSetting('DB_POOL_MAX', 1, 1000)
  DB_POOL_MAX: number = 10;

  /** Bounds connecting to the store and each statement: past it a request answers 503. */
  @IntegerSetting('STORE_TIMEOUT_MS', 100, 600_000)
  STORE_TIMEOUT_MS: number = 5_000;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** Validates the environment: a bad setting throws an Error naming it. Blank values count as unset. */
export function validateApiConfig(environment: Environment): ApiConfig {
  const config = plainToInstance(ApiConfig, withoutBlankValues(environment), {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
    excludeExtraneousValues: false,
  });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const messages = errors.map((e) => Object.values(e.constraints ?? {})[0] ?? `${e.property} is invalid`);
    throw new Error(`Invalid API configuration:\n  ${messages.join('\n  ')}`);
  }
  return config;
}

/** DATABASE_URL is required once the API runs on Message DB rather than on an injected store. */
export function requireDatabaseUrl(config: ApiConfig): string {
  if (!config.DATABASE_URL) throw new Error('Invalid API configuration:\n  DATABASE_URL is required for the Message DB store');
  return config.DATABASE_URL;
}

function withoutBlankValues(environment: Environment): Record<string, string> {
  const entries = Object.entries(environment).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== '',
  );
  return Object.fromEntries(entries);
}

const API_CONFIG_NAMESPACE = 'api';

/** The @nestjs/config factory: validation runs when the application module is built, before it listens. */
export function apiConfiguration(environment: Environment) {
  return registerAs(API_CONFIG_NAMESPACE, () => validateApiConfig(environment));
}

export const API_CONFIG_TOKEN = getConfigToken(API_CONFIG_NAMESPACE);

export const InjectApiConfig = (): ParameterDecorator => Inject(API_CONFIG_TOKEN);
