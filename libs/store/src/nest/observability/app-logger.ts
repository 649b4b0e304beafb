import { ConsoleLogger } from '@nestjs/common';
import type { LogLevel } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { type Environment, readSettings } from '../config/settings';
import { redactSecrets, secretsOf } from './redact';

/** Levels from the most to the least severe: LOG_LEVEL shows its own and those before it. */
const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** How both applications log, read from the environment. */
export class LoggingConfig {
  /** `json`: one JSON object a line (the default when stdout is not a terminal); `pretty`: Nest's coloured lines. */
  @IsOptional()
  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  LOG_FORMAT?: 'json' | 'pretty';

  @IsIn(LEVELS, { message: `LOG_LEVEL must be one of ${LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'log';
}

/** A log line's message with fields that a JSON line shows as its own members (see feedLoggerOf). */
export interface MessageWithFields {
  readonly message: string;
  readonly [field: string]: unknown;
}

/**
 * Nest's console logger, in JSON lines or pretty, that never writes a secret: URL passwords, bearer tokens and the
 * values of secret settings are masked in every message, field and stack. A message given as an object with a
 * `message` member has its other members written as fields of the line.
 */
export class AppLogger extends ConsoleLogger {
  constructor(
    config: LoggingConfig,
    private readonly secrets: readonly string[] = [],
    isTerminal: boolean = process.stdout.isTTY === true,
  ) {
    const json = (config.LOG_FORMAT ?? (isTerminal ? 'pretty' : 'json')) === 'json';
    super({ json, logLevels: LEVELS.slice(0, LEVELS.indexOf(config.LOG_LEVEL) + 1) });
  }

  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    const stack = typeof errorStack === 'string' ? this.redact(errorStack) : errorStack;
    super.printMessages(messages.map((message) => this.redact(message)), context, logLevel, writeStreamType, stack);
  }

  protected override printStackTrace(stack: string): void {
    super.printStackTrace(this.redact(stack));
  }

  protected override getJsonLogObject(message: unknown, options: Parameters<ConsoleLogger['getJsonLogObject']>[1]) {
    if (!hasFields(message)) return super.getJsonLogObject(message, options);
    const { message: text, ...fields } = message;
    const line = super.getJsonLogObject(text, options);
    // The line's own members first, and never overwritten by a field of the same name.
    return Object.assign({}, line, fields, line);
  }

  protected override stringifyMessage(message: unknown, logLevel: LogLevel): string {
    if (!hasFields(message)) return super.stringifyMessage(message, logLevel) as string;
    const { message: text, ...fields } = message;
    const shown = Object.entries(fields).filter(([, value]) => value !== undefined);
    return super.stringifyMessage(`${text}${shown.map(([name, value]) => ` ${name}=${String(value)}`).join('')}`, logLevel) as string;
  }

  private redact<T>(value: T): T {
    if (typeof value === 'string') return redactSecrets(value, this.secrets) as T;
    if (value instanceof Error) return redactSecrets(value.stack ?? value.message, this.secrets) as T;
    if (!hasFields(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([name, field]) => [name, this.redact(field)])) as T;
  }
}

/** The logger the environment asks for (LOG_FORMAT, LOG_LEVEL), masking the secrets it holds. */
export function createAppLogger(environment: Environment = process.env): AppLogger {
  const config = readSettings({ type: LoggingConfig, subject: 'logging' }, environment);
  return new AppLogger(config, secretsOf(environment));
}

function hasFields(message: unknown): message is MessageWithFields {
  return typeof message === 'object' && message !== null && !Array.isArray(message) && typeof (message as { message?: unknown }).message === 'string';
}
