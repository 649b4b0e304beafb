import pg from 'pg';
import { ChangeNotifier } from '../core/change-notifier';
import { BackoffOptions, backoffDelay, validateBackoff } from '../feed/backoff';
import { FeedLogger, describeError, silentLogger } from '../feed/logger';
import { TimerHandle, Timers, systemTimers } from '../feed/timers';
import { MESSAGE_STORE_WRITE_CHANNEL } from './install';

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

/**
 * Turns the `message_store_write` notifications (payload: the category written to) into wake-up hints, over one
 * dedicated LISTEN connection. When the connection drops it reconnects with backoff, and then wakes every listener:
 * hints sent while it was away are lost, so readers must look for themselves.
 */
export class MessageDbChangeNotifier implements ChangeNotifier {
  private readonly listeners = new Map<string, Set<() => void>>();
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

  subscribe(category: string, listener: () => void): () => void {
    let forCategory = this.listeners.get(category);
    if (!forCategory) this.listeners.set(category, (forCategory = new Set()));
    forCategory.add(listener);
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
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    this.client = client;
    client.on('notification', ({ channel, payload }) => {
      if (channel === MESSAGE_STORE_WRITE_CHANNEL && payload !== undefined) this.wake(this.listeners.get(payload));
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('the LISTEN connection ended')));
    client
      .connect()
      .then(() => client.query(`LISTEN ${MESSAGE_STORE_WRITE_CHANNEL}`))
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

  private lost(client: pg.Client, error: unknown): void {
    if (client !== this.client) return;
    this.client = undefined;
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

  private wake(listeners: Set<() => void> | undefined): void {
    if (!listeners) return;
    for (const listener of [...listeners]) listener();
  }
}
