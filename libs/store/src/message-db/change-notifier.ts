import pg from 'pg';
import { ChangeNotifier } from '../core/change-notifier';
import { categoryOf } from '../core/stream-name';
import { BackoffOptions, backoffDelay, validateBackoff } from '../runtime/backoff';
import { FeedLogger, describeError, silentLogger } from '../runtime/logger';
import { TimerHandle, Timers, systemTimers } from '../runtime/timers';
import { DEFAULT_CONNECTION_TIMEOUT_MILLIS, KEEP_ALIVE_INITIAL_DELAY_MILLIS } from './connection';
import { MESSAGE_STORE_WRITE_CHANNEL, NOTIFIED_CATEGORIES_TABLE } from './install';

export interface MessageDbChangeNotifierOptions {
  readonly connectionString: string;
  /** Backoff between reconnection attempts (default 100 ms doubling to 10 s). */
  readonly reconnect?: BackoffOptions;
  /** Shown in pg_stat_activity (default `message-db-change-notifier`). */
  readonly applicationName?: string;
  readonly logger?: FeedLogger;
  readonly timers?: Timers;
  readonly random?: () => number;
}

export interface ChangeNotifierStatus {
  readonly listening: boolean;
  /** Times the connection was lost and listening resumed. */
  readonly reconnects: number;
  readonly lastError?: string;
}

export const DEFAULT_RECONNECT: BackoffOptions = { baseMs: 100, maxMs: 10_000 };

type Listener = (streamName: string | undefined) => void;

/** The categories registered (or being registered) over one LISTEN connection. */
interface Registrations {
  readonly client: pg.Client;
  readonly categories: Set<string>;
}

/**
 * Turns the `message_store_write` notifications (payload: the stream written to) into wake-up hints for the listeners
 * of the stream's category, over one dedicated LISTEN connection. When the connection drops it reconnects with backoff,
 * and then wakes every listener without a stream name: hints sent while it was away are lost, so readers must look for
 * themselves.
 *
 * Writes notify only for the categories in message_store.notified_categories, so the notifier registers each category
 * it has listeners for, on its LISTEN connection: all of them once listening (before start() resolves, and again after
 * each reconnection), and then each new one on its first subscribe (whose listeners are woken once it is newly
 * registered: writes before that were not hinted). A registration that fails is logged and costs only the hints:
 * readers poll anyway. Categories are never unregistered, since another process may listen to the same one; a stale
 * row costs a notification per write transaction to that category, and may be deleted by hand.
 */
export class MessageDbChangeNotifier implements ChangeNotifier {
  private readonly listeners = new Map<string, Set<Listener>>();
  private registrations: Registrations | undefined;
  private readonly reconnect: BackoffOptions;
  private readonly logger: FeedLogger;
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly startWaiters: Array<() => void> = [];
  private client: pg.Client | undefined;
  private listening = false;
  private everListened = false;
  private started = false;
  private stopped = false;
  private failedAttempts = 0;
  private reconnects = 0;
  private lastError: string | undefined;
  private reconnectTimer: TimerHandle | undefined;

  constructor(private readonly options: MessageDbChangeNotifierOptions) {
    this.reconnect = options.reconnect ?? DEFAULT_RECONNECT;
    validateBackoff('reconnect', this.reconnect);
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? systemTimers;
    this.random = options.random ?? Math.random;
  }

  subscribe(category: string, listener: Listener): () => void {
    let forCategory = this.listeners.get(category);
    if (!forCategory) this.listeners.set(category, (forCategory = new Set()));
    forCategory.add(listener);
    void this.register(category).then((newlyRegistered) => {
      if (newlyRegistered) this.wake(this.listeners.get(category));
    });
    return () => {
      forCategory.delete(listener);
      if (forCategory.size === 0 && this.listeners.get(category) === forCategory) this.listeners.delete(category);
    };
  }

  /** Connects and listens; resolves once listening (retrying with backoff until then), or on stop(). */
  start(): Promise<void> {
    if (this.listening || this.stopped) return Promise.resolve();
    const listening = new Promise<void>((resolve) => this.startWaiters.push(resolve));
    if (!this.started) {
      this.started = true;
      this.open();
    }
    return listening;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer !== undefined) this.timers.clearTimeout(this.reconnectTimer);
    this.startWaiters.splice(0).forEach((resolve) => resolve());
    const client = this.client;
    this.client = undefined;
    this.registrations = undefined;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  status(): ChangeNotifierStatus {
    return { listening: this.listening, reconnects: this.reconnects, lastError: this.lastError };
  }

  private open(): void {
    this.reconnectTimer = undefined;
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName ?? 'message-db-change-notifier',
      connectionTimeoutMillis: DEFAULT_CONNECTION_TIMEOUT_MILLIS,
      // Bounds LISTEN and the registrations: unanswered, they would leave the notifier waiting forever, never reconnecting.
      query_timeout: DEFAULT_CONNECTION_TIMEOUT_MILLIS,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEP_ALIVE_INITIAL_DELAY_MILLIS,
    });
    this.client = client;
    client.on('notification', ({ channel, payload }) => {
      if (channel === MESSAGE_STORE_WRITE_CHANNEL && payload !== undefined) this.hint(payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the LISTEN connection ended')));
    client
      .connect()
      .then(() => client.query(`LISTEN ${MESSAGE_STORE_WRITE_CHANNEL}`))
      .then(() => this.registerAll(client))
      .then(
        () => this.listened(client),
        (error: unknown) => this.lost(client, error),
      );
  }

  private listened(client: pg.Client): void {
    if (client !== this.client) return;
    this.listening = true;
    this.failedAttempts = 0;
    this.lastError = undefined;
    this.startWaiters.splice(0).forEach((resolve) => resolve());
    if (!this.everListened) {
      this.everListened = true;
      return;
    }
    this.reconnects++;
    this.logger.log(`Listening on ${MESSAGE_STORE_WRITE_CHANNEL} again; waking every reader in case hints were lost`);
    for (const forCategory of [...this.listeners.values()]) this.wake(forCategory);
  }

  private async registerAll(client: pg.Client): Promise<void> {
    if (client !== this.client) return;
    this.registrations = { client, categories: new Set() };
    await Promise.all([...this.listeners.keys()].map((category) => this.register(category)));
  }

  /**
   * Registers the category over the current LISTEN connection, once per connection (also when that fails: no warning
   * per subscribe). Resolves true when this inserted the row; never rejects.
   */
  private async register(category: string): Promise<boolean> {
    const registrations = this.registrations;
    if (!registrations || registrations.categories.has(category)) return false;
    registrations.categories.add(category);
    try {
      const inserted = await registrations.client.query(
        `INSERT INTO ${NOTIFIED_CATEGORIES_TABLE} (category) VALUES ($1) ON CONFLICT DO NOTHING`,
        [category],
      );
      if (!inserted.rowCount) return false;
      this.logger.log(`Registered category ${category} in ${NOTIFIED_CATEGORIES_TABLE}: its writes notify from now on`);
      return true;
    } catch (error) {
      // A connection lost meanwhile is reported by lost(), and the next one registers again.
      if (registrations === this.registrations) {
        this.logger.warn(
          `Could not register category ${category} in ${NOTIFIED_CATEGORIES_TABLE} (${describeError(error)}); ` +
            'its writes may not notify, its readers rely on polling',
        );
      }
      return false;
    }
  }

  private lost(client: pg.Client, error: unknown): void {
    if (client !== this.client) return;
    this.client = undefined;
    this.registrations = undefined;
    this.listening = false;
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.failedAttempts++;
    this.lastError = describeError(error);
    const delay = backoffDelay(this.failedAttempts, this.reconnect, this.random);
    this.logger.warn(
      `LISTEN ${MESSAGE_STORE_WRITE_CHANNEL} connection lost or refused (${this.lastError}); ` +
        `reconnecting in ${delay} ms (readers poll meanwhile)`,
    );
    this.reconnectTimer = this.timers.setTimeout(() => this.open(), delay);
  }

  /**
   * A payload without an id names a whole category: what the trigger of earlier installers sent (still running while
   * the database is upgraded), or a write to the category's id-less stream. Either way, anything in it may have changed.
   */
  private hint(streamName: string): void {
    const category = categoryOf(streamName);
    this.wake(this.listeners.get(category), category === streamName ? undefined : streamName);
  }

  private wake(listeners: Set<Listener> | undefined, streamName?: string): void {
    if (!listeners) return;
    for (const listener of [...listeners]) listener(streamName);
  }
}
