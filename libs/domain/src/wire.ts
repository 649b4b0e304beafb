// How event bodies look on the wire (as FsCodec.SystemTextJson writes them in the F# template): Guids in lowercase
// D format, DateTimeOffset as ISO-8601 strings, decimals as JSON numbers. An aggregate declares each event's fields
// once, in a schema; its codec writes them in that order and reads them strictly, naming what is wrong.
import { EventCodec } from '@app/store/core';
import { parseUuid } from './ids';
import { Money, moneyFromDecimal, moneyToDecimal } from './money';

export class MalformedEventError extends Error {
  override readonly name = 'MalformedEventError';
  constructor(event: string, detail: string) {
    super(`Malformed ${event} event: ${detail}`);
  }
}

// Extended format: date, time to the minute, optional seconds with any number of fractional digits, optional zone.
const ISO_8601 = new RegExp(
  '^(?<year>\\d{4})-(?<month>\\d{2})-(?<day>\\d{2})' +
    'T(?<hour>\\d{2}):(?<minute>\\d{2})(?::(?<second>\\d{2})(?:[.,](?<fraction>\\d+))?)?' +
    '(?:Z|(?<sign>[+-])(?<offsetHours>\\d{2})(?::?(?<offsetMinutes>\\d{2}))?)?$',
  'i',
);

// The years a stored timestamp can have: .NET's DateTimeOffset range, and the four-digit years ISO_8601 reads back.
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

/**
 * Parses an ISO-8601 timestamp such as .NET's round-trip form "2026-04-08T13:29:30.1234567+00:00"; undefined if it is
 * not one, or if its UTC year is outside 0001–9999 (the offset can carry a four-digit local year out of that range).
 * Fractions beyond milliseconds are truncated (a Date's resolution). A timestamp without a zone is read as UTC.
 */
export function parseIsoTimestamp(text: string): Date | undefined {
  if (typeof text === 'string' && STORED_FORM.test(text)) return parseStoredForm(text);
  const parts = typeof text === 'string' ? ISO_8601.exec(text)?.groups : undefined;
  if (parts === undefined) return undefined;
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = [
    parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second, parts.offsetHours, parts.offsetMinutes,
  ].map((part) => Number(part ?? 0));
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const millis = Number((parts.fraction ?? '').slice(0, 3).padEnd(3, '0'));
  const offset = (parts.sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  date.setUTCHours(hour, minute - offset, second, millis);
  return hasStorableYear(date) ? date : undefined;
}

// The form formatTimestamp writes (Date's toISOString), with a year from 1000: read digit by digit, several times
// faster than ISO_8601's groups (a reactor's fold reads one or more per event). Other forms take the general path.
const STORED_FORM = /^[1-9]\d{3}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function parseStoredForm(text: string): Date | undefined {
  const [year, month, day] = [digitsOf(text, 0, 4), digitsOf(text, 5, 2), digitsOf(text, 8, 2)];
  const [hour, minute, second] = [digitsOf(text, 11, 2), digitsOf(text, 14, 2), digitsOf(text, 17, 2)];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, digitsOf(text, 20, 3)));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

function digitsOf(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/** The stored form of a timestamp; a Date that parseIsoTimestamp could not read back is a RangeError, never written. */
export function formatTimestamp(at: Date): string {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new RangeError(`Not a valid timestamp: ${String(at)}`);
  if (!hasStorableYear(at)) {
    throw new RangeError(`A timestamp's UTC year must be from ${MIN_YEAR} to ${MAX_YEAR}, got ${at.toISOString()}`);
  }
  return at.toISOString();
}

function hasStorableYear(at: Date): boolean {
  const year = at.getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** One JSON field's value: how it is written, and how it is read back (throwing a MalformedEventError). */
export interface Field<T> {
  write(value: T): unknown;
  read(value: unknown, at: Location): T;
}

/** A field that may be absent: events written before it existed (or by the F# template) do not carry it. */
export interface OptionalField<T> extends Field<T | undefined> {
  readonly optional: true;
}

type Fields = Readonly<Record<string, Field<unknown>>>;
type ValueOf<F> = F extends Field<infer T> ? T : never;
type Simplify<T> = { [K in keyof T]: T[K] };
type OptionalKeys<F> = { [K in keyof F]: F[K] extends OptionalField<unknown> ? K : never }[keyof F];

/** The object that a table of fields describes; an optional field is an optional property. */
export type FieldsOf<F extends Fields> = Simplify<
  { -readonly [K in Exclude<keyof F, OptionalKeys<F>>]: ValueOf<F[K]> } & {
    -readonly [K in OptionalKeys<F>]?: Exclude<ValueOf<F[K]>, undefined>;
  }
>;

/** The events a schema describes: `{ type }` and the fields of each event type. */
export type EventsOf<S extends Readonly<Record<string, Fields>>> = {
  [T in keyof S & string]: Simplify<{ type: T } & FieldsOf<S[T]>>;
}[keyof S & string];

/** Where a value stands in an event body (e.g. `residuals[1].stay`), to name it in errors. */
export class Location {
  constructor(
    readonly event: string,
    readonly path = '',
  ) {}

  field(name: string): Location {
    return new Location(this.event, this.path === '' ? name : `${this.path}.${name}`);
  }

  item(index: number): Location {
    return new Location(this.event, `${this.path}[${index}]`);
  }

  malformed(expected: string, value: unknown): MalformedEventError {
    const what = this.path === '' ? 'the body' : `"${this.path}"`;
    return new MalformedEventError(this.event, `${what} must be ${expected}, got ${describe(value)}`);
  }
}

export const uuid: Field<string> = {
  write: (id) => id,
  read(value, at) {
    const id = typeof value === 'string' ? parseUuid(value) : undefined;
    if (id === undefined) throw at.malformed('a UUID', value);
    return id;
  },
};

export const timestamp: Field<Date> = {
  write: formatTimestamp,
  read(value, at) {
    const date = typeof value === 'string' ? parseIsoTimestamp(value) : undefined;
    if (date === undefined) throw at.malformed('an ISO-8601 timestamp', value);
    return date;
  },
};

export const money: Field<Money> = {
  write: moneyToDecimal,
  read(value, at) {
    if (typeof value !== 'number') throw at.malformed('a decimal number', value);
    try {
      return moneyFromDecimal(value);
    } catch (error) {
      throw new MalformedEventError(at.event, `"${at.path}": ${(error as Error).message}`);
    }
  },
};

/** A string of `min` to `max` characters, counted as code points (an emoji is one character). */
export function isTextOf(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && [...value].length >= min && [...value].length <= max;
}

/** A domain command's text at its edge: `min` to `max` characters (code points), or a RangeError naming `what`. */
export function requireText(value: string, what: string, min: number, max: number): string {
  if (!isTextOf(value, min, max)) {
    throw new RangeError(`${what} must be a text of ${min} to ${max} characters, got ${describe(value)}`);
  }
  return value;
}

/** A string of `min` to `max` characters (code points). */
export function text(min: number, max: number): Field<string> {
  return {
    write: (value) => value,
    read(value, at) {
      if (!isTextOf(value, min, max)) throw at.malformed(`a text of ${min} to ${max} characters`, value);
      return value;
    },
  };
}

/** The field, or nothing: absent (or null) reads as undefined, and undefined is not written. */
export function optional<T>(field: Field<T>): OptionalField<T> {
  return {
    optional: true,
    write: (value) => (value === undefined ? undefined : field.write(value)),
    read: (value, at) => (value === undefined || value === null ? undefined : field.read(value, at)),
  };
}

export function arrayOf<T>(item: Field<T>): Field<T[]> {
  return {
    write: (items) => items.map((value) => item.write(value)),
    read(value, at) {
      if (!Array.isArray(value)) throw at.malformed('an array', value);
      return value.map((element, i) => item.read(element, at.item(i)));
    },
  };
}

export const uuids = arrayOf(uuid);

/**
 * A JSON object with these fields, written in this order (extra fields are ignored when read); an optional field
 * without a value is left out both ways.
 */
export function objectOf<F extends Fields>(fields: F): Field<FieldsOf<F>> {
  const present = (entries: [string, unknown][]) => Object.fromEntries(entries.filter(([, v]) => v !== undefined));
  const declared = Object.entries(fields);
  return {
    write: (value) =>
      present(Object.entries(fields).map(([name, f]) => [name, f.write((value as Record<string, unknown>)[name])])),
    // Read field by field into the result (a reactor's fold reads every event): no pair arrays built and filtered.
    read(value, at) {
      if (!isJsonObject(value)) throw at.malformed('a JSON object', value);
      const read: Record<string, unknown> = {};
      for (const [name, f] of declared) {
        const fieldValue = f.read(value[name], at.field(name));
        if (fieldValue !== undefined) read[name] = fieldValue;
      }
      return read as FieldsOf<F>;
    },
  };
}

/**
 * The codec of the events a schema declares (event type → its fields, in the order the F# anonymous records
 * serialise). Unknown types decode to undefined; a known type's malformed body is a MalformedEventError.
 */
export function eventCodec<S extends Readonly<Record<string, Fields>>>(
  category: string,
  schema: S,
): EventCodec<EventsOf<S>> {
  const bodies = new Map(Object.entries(schema).map(([type, fields]) => [type, objectOf(fields)]));
  return {
    encode(event) {
      const body = bodies.get(event.type);
      if (body === undefined) throw new TypeError(`${category} has no event type ${event.type}`);
      return { type: event.type, data: body.write(event) };
    },
    tryDecode({ type, data }) {
      const body = bodies.get(type);
      return body && ({ type, ...body.read(data, new Location(`${category} ${type}`)) } as EventsOf<S>);
    },
  };
}

function isJsonObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
