import { MessageDbChangeNotifier, MessageDbStore, createPool, redactConnectionString } from '@app/store/message-db';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { TimeoutError, withTimeout } from '../common/with-timeout';
import { ApiConfig, requireDatabaseUrl } from '../config/api-config';
import { StoreInfrastructure } from './store-infrastructure';

const APPLICATION_NAME = 'hotel-api';

/**
 * Pools with bounded connect and statement timeouts (so an outage is a quick 503, never a hang), the store, and the
 * LISTEN notifier. The API starts even while the database is down: the notifier keeps reconnecting in the background
 * and readiness reports the outage.
 */
export async function createMessageDbInfrastructure(config: ApiConfig): Promise<StoreInfrastructure> {
  const logger = new Logger('MessageDb');
  const databaseUrl = requireDatabaseUrl(config);
  const poolOptions = {
    max: config.DB_POOL_MAX,
    applicationName: APPLICATION_NAME,
    connectionTimeoutMillis: config.STORE_TIMEOUT_MS,
    statementTimeoutMillis: config.STORE_TIMEOUT_MS,
  };
  const writePool = createPool(databaseUrl, poolOptions);
  const readPool = config.DATABASE_READ_URL ? createPool(config.DATABASE_READ_URL, poolOptions) : undefined;
  const store = new MessageDbStore({ writePool, readPool });
  const notifier = new MessageDbChangeNotifier({
    connectionString: databaseUrl,
    applicationName: `${APPLICATION_NAME}-notifier`,
    logger,
  });
  logger.log(
    `Store at ${redactConnectionString(databaseUrl)}` +
      (config.DATABASE_READ_URL ? `, reads from ${redactConnectionString(config.DATABASE_READ_URL)}` : ''),
  );
  await startWithin(notifier, config.STORE_TIMEOUT_MS, logger);
  return {
    store,
    notifier,
    checkReadiness: async () => {
      await store.health();
    },
    close: async () => {
      await notifier.stop();
      await Promise.all([writePool, readPool].filter((p): p is pg.Pool => p !== undefined).map((p) => p.end()));
    },
  };
}

/** Waits for LISTEN up to the store timeout; past it, the notifier keeps trying while the API serves. */
async function startWithin(notifier: MessageDbChangeNotifier, timeoutMs: number, logger: Logger): Promise<void> {
  try {
    await withTimeout(notifier.start(), timeoutMs);
  } catch (error) {
    if (!(error instanceof TimeoutError)) throw error;
    logger.warn(`Not listening for writes after ${timeoutMs} ms; ?wait= falls back to re-reads`);
  }
}
