import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import {
  DEFAULT_CONNECTION_BUDGET,
  MessageDbChangeNotifier,
  MessageDbStore,
  createPool,
  redactConnectionString,
  splitConnectionBudget,
} from '../message-db';
import { MessageDbModuleOptions } from './message-db.options';

/**
 * What the Message DB module opens: the pools, the store on them and the LISTEN notifier. Nothing connects before it is
 * used, so an application starts while the database is down; the notifier starts with the application and keeps
 * reconnecting in the background. Everything is closed on application shutdown.
 */
export class MessageDbConnections implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly pool: pg.Pool;
  readonly readPool: pg.Pool | undefined;
  readonly store: MessageDbStore;
  readonly notifier: MessageDbChangeNotifier;
  private readonly logger = new Logger('MessageDb');

  constructor(private readonly options: MessageDbModuleOptions) {
    const { readConnectionString, connections = DEFAULT_CONNECTION_BUDGET } = options;
    const share = splitConnectionBudget(connections, { listen: 1 }, readConnectionString === undefined ? ['write'] : ['write', 'read']);
    this.pool = this.createPool(options.connectionString, share.write);
    this.readPool = readConnectionString === undefined ? undefined : this.createPool(readConnectionString, share.read);
    this.store = new MessageDbStore({ writePool: this.pool, readPool: this.readPool });
    this.notifier = new MessageDbChangeNotifier({
      connectionString: options.connectionString,
      applicationName: `${options.applicationName}-notifier`,
      logger: this.logger,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const { connectionString, readConnectionString, listenTimeoutMillis = 0 } = this.options;
    this.logger.log(
      `Store at ${redactConnectionString(connectionString)}` +
        (readConnectionString ? `, reads from ${redactConnectionString(readConnectionString)}` : ''),
    );
    const listening = this.notifier.start();
    if (listenTimeoutMillis > 0 && !(await settlesWithin(listening, listenTimeoutMillis))) {
      this.logger.warn(`Not listening for writes after ${listenTimeoutMillis} ms; the notifier keeps trying`);
    }
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`Closing the store${signal ? ` on ${signal}` : ''}`);
    await this.notifier.stop();
    await Promise.all([this.pool, this.readPool].filter((p): p is pg.Pool => p !== undefined).map((p) => p.end()));
  }

  private createPool(connectionString: string, max: number): pg.Pool {
    const { applicationName, connectionTimeoutMillis, statementTimeoutMillis } = this.options;
    return createPool(connectionString, { max, applicationName, connectionTimeoutMillis, statementTimeoutMillis });
  }
}

/** True when `work` settles within `timeoutMs` (its rejection propagates); false once the time is up. */
async function settlesWithin(work: Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
