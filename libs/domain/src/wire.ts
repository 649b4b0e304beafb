// How event bodies look on the wire (as FsCodec.SystemTextJson writes them in the F# template): Guids in lowercase
// D format, DateTimeOffset as ISO-8601 strings, decimals as JSON numbers. Decoding is strict and names what is wrong.
import { parseUuid } from './ids';
import { Money, moneyFromDecimal } from './money';

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

/** Reads the fields of one event body; every failure is a MalformedEventError naming the event and the field. */
export class EventBody {
  private readonly fields: Readonly<Record<string, unknown>>;

  /** `path` locates a nested object (e.g. `residuals[1]`); it prefixes the field names in errors. */
  constructor(
    private readonly event: string,
    data: unknown,
    private readonly path = '',
  ) {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      const what = path === '' ? 'the body' : `"${path}"`;
      throw new MalformedEventError(event, `${what} must be a JSON object, got ${describe(data)}`);
    }
    this.fields = data as Record<string, unknown>;
  }

  uuid(field: string): string {
    return this.asUuid(this.fields[field], this.at(field));
  }

  timestamp(field: string): Date {
    const value = this.fields[field];
    const at = typeof value === 'string' ? parseIsoTimestamp(value) : undefined;
    if (at === undefined) throw this.malformed(this.at(field), 'an ISO-8601 timestamp', value);
    return at;
  }

  money(field: string): Money {
    const value = this.fields[field];
    if (typeof value !== 'number') throw this.malformed(this.at(field), 'a decimal number', value);
    try {
      return moneyFromDecimal(value);
    } catch (error) {
      throw new MalformedEventError(this.event, `"${this.at(field)}": ${(error as Error).message}`);
    }
  }

  uuids(field: string): string[] {
    return this.array(field).map((item, i) => this.asUuid(item, `${this.at(field)}[${i}]`));
  }

  /** An array of objects, each read with its own EventBody. */
  objects<T>(field: string, read: (item: EventBody) => T): T[] {
    return this.array(field).map((item, i) => read(new EventBody(this.event, item, `${this.at(field)}[${i}]`)));
  }

  private array(field: string): unknown[] {
    const value = this.fields[field];
    if (!Array.isArray(value)) throw this.malformed(this.at(field), 'an array', value);
    return value;
  }

  private asUuid(value: unknown, at: string): string {
    const uuid = typeof value === 'string' ? parseUuid(value) : undefined;
    if (uuid === undefined) throw this.malformed(at, 'a UUID', value);
    return uuid;
  }

  private at(field: string): string {
    return this.path === '' ? field : `${this.path}.${field}`;
  }

  private malformed(at: string, expected: string, value: unknown): MalformedEventError {
    return new MalformedEventError(this.event, `"${at}" must be ${expected}, got ${describe(value)}`);
  }
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
