import { StoreUnavailableError } from '../core/event-store';

/** The database answers, but Message DB is not installed in it (run `npm run db:init`). */
export class MessageDbNotInstalledError extends Error {
  override readonly name = 'MessageDbNotInstalledError';
  constructor(options?: { cause?: unknown }) {
    super('Message DB is not installed in this database: run `npm run db:init`', options);
  }
}

/** SQLSTATEs meaning the server went away, refused us, or gave up on our statement (a timeout). */
const UNAVAILABLE_SQLSTATE = [
  /^08/, // connection exception
  /^57P0/, // admin or crash shutdown, cannot connect now, database dropped, idle session timeout
  /^57014$/, // query canceled: statement_timeout
  /^53300$/, // too many connections
];

const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** node-pg's error when an answer takes longer than the client-side query_timeout (which createPool sets). */
const CLIENT_READ_TIMEOUT_MESSAGE = 'Query read timeout';

/** What node-pg 8 and pg-pool 3 say, without a code, when a connection cannot be had or was lost. */
const UNAVAILABLE_CLIENT_MESSAGES = [
  /^timeout exceeded when trying to connect$/, // pg-pool: no connection free within connectionTimeoutMillis
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout" (pg-pool), or ended meanwhile
  /is not queryable$/, // a query on a client whose connection failed or was closed
];

const UNDEFINED_FUNCTION = '42883';
const INVALID_SCHEMA_NAME = '3F000';

/** Duck-typed: socket errors come from Node's own realm, where `instanceof Error` of another realm (jest) fails. */
export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string') {
    if (UNAVAILABLE_SOCKET_CODES.has(code)) return true;
    if (UNAVAILABLE_SQLSTATE.some((pattern) => pattern.test(code))) return true;
  }
  // Connecting to a host name tries each of its addresses (an AggregateError of their failures).
  if (Array.isArray(errors) && errors.length > 0 && errors.every(isStoreUnavailable)) return true;
  if (isClientReadTimeout(error)) return true;
  return typeof message === 'string' && UNAVAILABLE_CLIENT_MESSAGES.some((pattern) => pattern.test(message));
}

/** The server did not answer within query_timeout: the statement may still be running, the connection is suspect. */
export function isClientReadTimeout(error: unknown): boolean {
  return (error as { message?: unknown } | null)?.message === CLIENT_READ_TIMEOUT_MESSAGE;
}

/** Message DB's functions are missing: the database is up but was never initialised. */
export function isMessageDbMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === UNDEFINED_FUNCTION || code === INVALID_SCHEMA_NAME;
}

/** StoreUnavailableError for an outage, the error itself otherwise. */
export function translateStoreError(error: unknown, operation: string): unknown {
  if (!isStoreUnavailable(error)) return error;
  const { message, code } = error as { message?: string; code?: string };
  const reason = message || code || String(error);
  return new StoreUnavailableError(`Message DB unavailable (${operation}): ${reason}`, { cause: error });
}

/** What write_message's `Wrong expected version: <e> (Stream: <s>, Stream Version: <a>)` names. */
export interface WrongExpectedVersionReport {
  readonly streamName: string;
  /** The stream's actual Message DB version: its last position, −1 when empty. */
  readonly actual: number;
}

/** The stream and its actual Message DB version named by write_message's refusal, or undefined for any other error. */
export function wrongExpectedVersionReport(error: unknown): WrongExpectedVersionReport | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== 'P0001' || typeof message !== 'string' || !message.startsWith('Wrong expected version')) return undefined;
  const report = /\(Stream: (.*), Stream Version: (-?\d+)\)$/.exec(message);
  return report ? { streamName: report[1], actual: Number(report[2]) } : undefined;
}
