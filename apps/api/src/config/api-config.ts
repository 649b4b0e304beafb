import { DEFAULT_STATE_CACHE_ENTRIES } from '@app/store/core';
import { DEFAULT_CONNECTION_BUDGET } from '@app/store/message-db';
import { IntegerSetting, PostgresUrlSetting, invalidSettings, readSettings, settingsNamespace, type Environment } from '@app/store/nest';
import { Transform } from 'class-transformer';
import { IsIP, IsOptional, Matches, MinLength } from 'class-validator';

const NO_ORIGINS: readonly string[] = [];

/** The API's settings, read from the environment. DATABASE_URL is checked only when the Message DB store is built. */
export class ApiConfig {
  @IntegerSetting('PORT', 0, 65535)
  PORT: number = 3000;

  /** The address the HTTP server binds: all IPv4 interfaces by default; `npm start` sets 127.0.0.1. */
  @IsIP(undefined, { message: 'HOST must be an IP address, e.g. 127.0.0.1, 0.0.0.0 or ::' })
  HOST: string = '0.0.0.0';

  @IsOptional()
  @PostgresUrlSetting('DATABASE_URL')
  DATABASE_URL?: string;

  @IsOptional()
  @PostgresUrlSetting('DATABASE_READ_URL')
  DATABASE_READ_URL?: string;

  @IsOptional()
  @MinLength(16, { message: 'API_TOKEN must be at least 16 characters long' })
  API_TOKEN?: string;

  /** The most connections the API holds open: LISTEN, and the rest shared by the primary's and the replica's pools. */
  @IntegerSetting('DB_CONNECTIONS', 3, 1000)
  DB_CONNECTIONS: number = DEFAULT_CONNECTION_BUDGET;

  /**
   * The browser origins (scheme://host[:port], comma-separated) allowed to call the API across origins; none by
   * default, when a preflight finds no route. The property has no type annotation, so that the list is not converted.
   */
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((o) => o.trim()).filter(Boolean) : value))
  @Matches(/^https?:\/\/[^/\s,]+$/, { each: true, message: 'CORS_ORIGINS must be origins such as https://desk.example.com, comma-separated' })
  CORS_ORIGINS = NO_ORIGINS;

  /** How many streams' states commands decide on without reading them first (0: none, every command reads). */
  @IntegerSetting('STATE_CACHE_ENTRIES', 0, 10_000_000)
  STATE_CACHE_ENTRIES: number = DEFAULT_STATE_CACHE_ENTRIES;

  /** Bounds connecting to the store and each statement: past it a request answers 503. */
  @IntegerSetting('STORE_TIMEOUT_MS', 100, 600_000)
  STORE_TIMEOUT_MS: number = 5_000;
}

const API_SETTINGS = { type: ApiConfig, subject: 'API' };

/** Validates the environment: a bad setting throws an Error naming it. Blank values count as unset. */
export function validateApiConfig(environment: Environment): ApiConfig {
  return readSettings(API_SETTINGS, environment);
}

/** DATABASE_URL is required once the API runs on Message DB rather than on a store a test put in its place. */
export function requireDatabaseUrl(config: ApiConfig): string {
  if (!config.DATABASE_URL) throw invalidSettings(API_SETTINGS.subject, ['DATABASE_URL is required for the Message DB store']);
  return config.DATABASE_URL;
}

/** The settings as the `api` configuration namespace: validated when the application module is built. */
export const API_CONFIG = settingsNamespace('api', API_SETTINGS);

export const API_CONFIG_TOKEN = API_CONFIG.token;

export const InjectApiConfig = API_CONFIG.Inject;
