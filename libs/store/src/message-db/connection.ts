import pg from 'pg';

export interface PoolOptions {
  /** Most connections the pool opens (pg's default: 10). */
  readonly max?: number;
  /** Shown in pg_stat_activity. */
  readonly applicationName?: string;
  /** Bound on opening a connection (or waiting for a free one), so an unreachable store fails fast. Default 5 s. */
  readonly connectionTimeoutMillis?: number;
  /**
   * Server-side bound on each statement; none by default. It also sets the client-side bound on waiting for each
   * answer (query_timeout), a little longer, so a server that went silent fails the query instead of hanging it.
   */
  readonly statementTimeoutMillis?: number;
}

export const DEFAULT_CONNECTION_TIMEOUT_MILLIS = 5_000;

/** Idle time before TCP keepalive probes start on a connection, so a dead peer is noticed (OS default: 2 hours). */
export const KEEP_ALIVE_INITIAL_DELAY_MILLIS = 10_000;

const MESSAGE_STORE_SEARCH_PATH = 'message_store,public';
const INT8_OID = 20;
const TIMESTAMP_WITHOUT_TIME_ZONE_OID = 1114;

/**
 * A pool for Message DB. Every connection gets `search_path=message_store,public` (Message DB's functions call each
 * other unqualified), bigints come back as numbers and `timestamp without time zone` (Message DB's UTC `time`) as UTC.
 * The type parsers belong to this pool only: other pg users in the process keep pg's defaults.
 * Connections send TCP keepalives; with a statement timeout, answers are awaited only a little longer than it.
 */
export function createPool(connectionString: string, options: PoolOptions = {}): pg.Pool {
  const { statementTimeoutMillis } = options;
  const pool = new pg.Pool({
    connectionString: withSearchPath(connectionString),
    max: options.max,
    application_name: options.applicationName,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? DEFAULT_CONNECTION_TIMEOUT_MILLIS,
    statement_timeout: statementTimeoutMillis,
    query_timeout: statementTimeoutMillis === undefined ? undefined : queryTimeoutFor(statementTimeoutMillis),
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEP_ALIVE_INITIAL_DELAY_MILLIS,
    types: messageStoreTypes,
  });
  // An idle client that loses its connection (server restart, admin shutdown) is discarded by the pool, which then
  // emits 'error'; unhandled, that would crash the process. The next query reports the outage to its caller.
  pool.on('error', () => undefined);
  // The same for a client that is checked out: a connection the server ends mid-transaction fails its query (the
  // caller sees that) and then emits 'error' on the client, which no one else listens to while it is checked out.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** The connection string with any password replaced by `***`, fit for logs. */
export function redactConnectionString(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    if (url.searchParams.has('password')) url.searchParams.set('password', '***');
    return url.toString();
  } catch {
    return connectionString.replace(/(password\s*=\s*)\S+/gi, '$1***');
  }
}

/** The database name of a postgres:// URL. */
export function databaseNameOf(connectionString: string): string {
  const name = decodeURIComponent(parseUrl(connectionString).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`No database name in ${redactConnectionString(connectionString)}`);
  return name;
}

/** The same server, another database. */
export function withDatabase(connectionString: string, database: string): string {
  const url = parseUrl(connectionString);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/**
 * Options in the connection string would override those in the pool's config (pg merges the parsed string last), so
 * the search_path goes into the string's own `options`, after whatever is already there.
 */
function withSearchPath(connectionString: string): string {
  const url = parseUrl(connectionString);
  const existing = url.searchParams.get('options');
  const searchPath = `-c search_path=${MESSAGE_STORE_SEARCH_PATH}`;
  url.searchParams.set('options', existing ? `${existing} ${searchPath}` : searchPath);
  return url.toString();
}

/** The statement timeout and time for the server's own timeout error to arrive: that error should win. */
function queryTimeoutFor(statementTimeoutMillis: number): number {
  return statementTimeoutMillis + Math.max(500, Math.ceil(statementTimeoutMillis / 10));
}

function parseUrl(connectionString: string): URL {
  try {
    return new URL(connectionString);
  } catch {
    throw new Error(`Not a postgres:// URL: ${redactConnectionString(connectionString)}`);
  }
}

const messageStoreTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (format !== 'binary') {
      if (oid === INT8_OID) return parseSafeInteger;
      if (oid === TIMESTAMP_WITHOUT_TIME_ZONE_OID) return parseUtcTimestamp;
    }
    return pg.types.getTypeParser(oid, format);
  },
};

function parseSafeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} does not fit a JavaScript number`);
  return n;
}

/**
 * `2024-05-01 12:34:56.789123` as UTC (to the millisecond, as Date keeps it). The common shape (a year of four digits,
 * at most six fractional digits) is read digit by digit, several times faster than Date's string parsing: a feed
 * parses one per event. Anything else (BC, years before 1000, infinity) goes through Date's parser.
 */
export function parseUtcTimestamp(value: string): Date {
  if (!isPlainTimestamp(value)) return new Date(`${value.replace(' ', 'T')}Z`);
  const year = twoDigits(value, 0) * 100 + twoDigits(value, 2);
  const ms = (digitAt(value, 20) * 10 + digitAt(value, 21)) * 10 + digitAt(value, 22);
  return new Date(Date.UTC(year, twoDigits(value, 5) - 1, twoDigits(value, 8), twoDigits(value, 11), twoDigits(value, 14), twoDigits(value, 17), ms));
}

/** `YYYY-MM-DD HH:MM:SS` with a year from 1000, then nothing or `.` and 1 to 6 digits. */
const PLAIN_TIMESTAMP = /^[1-9]\d{3}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?$/;

function isPlainTimestamp(value: string): boolean {
  return PLAIN_TIMESTAMP.test(value);
}

function twoDigits(value: string, at: number): number {
  return (value.charCodeAt(at) - 48) * 10 + value.charCodeAt(at + 1) - 48;
}

/** The digit at `at`, 0 past the end (a fraction's missing digits). */
function digitAt(value: string, at: number): number {
  return at < value.length ? value.charCodeAt(at) - 48 : 0;
}
