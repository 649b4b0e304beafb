import { applyDecorators } from '@nestjs/common';
import { Transform, plainToInstance } from 'class-transformer';
import { IsBoolean, IsInt, Matches, Max, Min, validateSync } from 'class-validator';

/** The environment an application reads its settings from: process.env, or a test's own. */
export type Environment = Readonly<Record<string, string | undefined>>;

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/** An integer from `min` to `max`; one message for every way of missing it. */
export function IntegerSetting(name: string, min: number, max: number): PropertyDecorator {
  const message = `${name} must be an integer from ${min} to ${max}`;
  return applyDecorators(IsInt({ message }), Min(min, { message }), Max(max, { message }));
}

/**
 * Accepts true/false, 1/0 and yes/no; anything else is left for IsBoolean to refuse. The property must carry no type
 * annotation: with one, implicit conversion would turn any non-empty string into true before validation.
 */
export function BooleanSetting(name: string): PropertyDecorator {
  const words: Record<string, boolean> = { true: true, '1': true, yes: true, false: false, '0': false, no: false };
  const parse = ({ value }: { value: unknown }) => (typeof value === 'string' ? (words[value.toLowerCase()] ?? value) : value);
  return applyDecorators(Transform(parse), IsBoolean({ message: `${name} must be a boolean (true or false)` }));
}

/** A postgres:// or postgresql:// connection string; `meaning`, when given, is added to the message in parentheses. */
export function PostgresUrlSetting(name: string, meaning?: string): PropertyDecorator {
  const message = `${name} must be a postgres:// connection string${meaning ? ` (${meaning})` : ''}`;
  return Matches(POSTGRES_URL, { message });
}

export interface SettingsSchema<T extends object> {
  /** The class whose decorated properties, with their initial values as defaults, declare the settings. */
  readonly type: new () => T;
  /** Names the application in the error: `Invalid <subject> configuration:`. */
  readonly subject: string;
  /** Problems that span settings, checked once each setting is valid on its own. */
  readonly crossChecks?: (settings: T) => string[];
}

/**
 * Reads the settings from the environment (blank values count as unset, defaults apply) and validates them: a bad
 * setting throws one Error naming each problem.
 */
export function readSettings<T extends object>(schema: SettingsSchema<T>, environment: Environment): T {
  const settings = plainToInstance(schema.type, withoutBlankValues(environment), {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const problems = [
    ...validateSync(settings).map((e) => Object.values(e.constraints ?? {})[0] ?? `${e.property} is invalid`),
    ...(schema.crossChecks?.(settings) ?? []),
  ];
  if (problems.length > 0) throw invalidSettings(schema.subject, problems);
  return settings;
}

/** The Error a bad configuration stops an application with. */
export function invalidSettings(subject: string, problems: readonly string[]): Error {
  return new Error(`Invalid ${subject} configuration:\n  ${problems.join('\n  ')}`);
}

function withoutBlankValues(environment: Environment): Record<string, string> {
  const entries = Object.entries(environment).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== '',
  );
  return Object.fromEntries(entries);
}
