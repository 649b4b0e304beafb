import { isTextOf, moneyFromDecimal, parseIsoTimestamp, parseUuid } from '@app/domain';
import { Transform } from 'class-transformer';
import { ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';

export const MAX_MONEY_AMOUNT = 1_000_000;

/** Why `value` is not an acceptable amount in a request, or undefined when it is. */
export function moneyAmountProblem(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a JSON number';
  if (value <= 0) return 'must be greater than 0';
  if (value > MAX_MONEY_AMOUNT) return `must be at most ${MAX_MONEY_AMOUNT}`;
  try {
    moneyFromDecimal(value);
  } catch {
    return 'must have at most two decimals';
  }
  return undefined;
}

/** A money amount in a request: a JSON number > 0, at most two decimals, at most 1 000 000. */
export function IsMoneyAmount(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isMoneyAmount',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options,
      validator: {
        validate: (value: unknown) => moneyAmountProblem(value) === undefined,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${moneyAmountProblem(args.value)}`,
      },
    });
}

/** A string of `min` to `max` characters, counted as the domain counts them (code points). */
export function IsText(min: number, max: number): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isText',
      target: target.constructor,
      propertyName: propertyName.toString(),
      validator: {
        validate: (value: unknown) => isTextOf(value, min, max),
        defaultMessage: (args: ValidationArguments) => `${args.property} must be a text of ${min} to ${max} characters`,
      },
    });
}

/** Turns a UUID in any accepted form into the lowercase hyphenated form; anything else is left for validation to reject. */
export const CanonicalUuid = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => canonicalOrSame(value));

export const CanonicalUuids = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map(canonicalOrSame) : value));

function canonicalOrSame(value: unknown): unknown {
  return typeof value === 'string' ? (parseUuid(value) ?? value) : value;
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && parseUuid(value) !== undefined;
}

/** A UUID in any letter case, with or without hyphens. */
export function IsUuid(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isUuid',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options,
      validator: {
        validate: isUuid,
        defaultMessage: (args: ValidationArguments) => `${args.property} must be a UUID`,
      },
    });
}

/** Every element a UUID; the message names the first offending index. */
export function AreUuids(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'areUuids',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options,
      validator: {
        validate: (value: unknown) => Array.isArray(value) && value.every(isUuid),
        defaultMessage: (args: ValidationArguments) => {
          const index = Array.isArray(args.value) ? args.value.findIndex((v) => !isUuid(v)) : -1;
          return index < 0 ? `${args.property} must be an array of UUIDs` : `${args.property}[${index}] must be a UUID`;
        },
      },
    });
}

/**
 * An ISO-8601 date-time (a zone-less one is read as UTC) in the UTC years 0001–9999, which is all the store can hold,
 * turned into a Date; anything else fails validation.
 */
export function IsIsoTimestamp(options?: ValidationOptions): PropertyDecorator {
  const toDate = Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (parseIsoTimestamp(value) ?? value) : value,
  );
  return (target: object, propertyName: string | symbol) => {
    toDate(target, propertyName);
    registerDecorator({
      name: 'isIsoTimestamp',
      target: target.constructor,
      propertyName: propertyName.toString(),
      options,
      validator: {
        validate: (value: unknown) => value instanceof Date,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must be an ISO-8601 date-time such as 2025-05-01T14:00:00Z, in the years 0001 to 9999 (UTC)`,
      },
    });
  };
}
