import { StateCache } from '@app/store/core';
import { MessageDbStore } from '@app/store/message-db';
import { MESSAGE_DB_NOTIFIER, MESSAGE_DB_STORE, MessageDbModule, MessageDbModuleOptions } from '@app/store/nest';
import { Global, Module } from '@nestjs/common';
import { API_CONFIG_TOKEN, ApiConfig, requireDatabaseUrl } from '../config/api-config';
import { CHANGE_NOTIFIER, EVENT_STORE, STATE_CACHE, STORE_READINESS, StoreReadiness } from './store-infrastructure';

const APPLICATION_NAME = 'hotel-api';

/**
 * Pools with bounded connect and statement timeouts (so an outage is a quick 503, never a hang). The API starts even
 * while the database is down: start waits for LISTEN only up to the store timeout, the notifier keeps reconnecting in
 * the background (`?wait=` falls back to re-reads meanwhile) and readiness reports the outage.
 */
export function messageDbOptions(config: ApiConfig): MessageDbModuleOptions {
  return {
    connectionString: requireDatabaseUrl(config),
    readConnectionString: config.DATABASE_READ_URL,
    applicationName: APPLICATION_NAME,
    connections: config.DB_CONNECTIONS,
    connectionTimeoutMillis: config.STORE_TIMEOUT_MS,
    statementTimeoutMillis: config.STORE_TIMEOUT_MS,
    listenTimeoutMillis: config.STORE_TIMEOUT_MS,
  };
}

/**
 * The API's store, notifier and readiness check, on Message DB as the settings say, and the cache of stream states its
 * commands decide on (kept whatever the store: a test's store in place of Message DB is cached too).
 */
@Global()
@Module({
  imports: [MessageDbModule.forRootAsync({ useFactory: messageDbOptions, inject: [API_CONFIG_TOKEN] })],
  providers: [
    { provide: EVENT_STORE, useExisting: MESSAGE_DB_STORE },
    { provide: CHANGE_NOTIFIER, useExisting: MESSAGE_DB_NOTIFIER },
    { provide: STATE_CACHE, useFactory: (config: ApiConfig) => new StateCache(config.STATE_CACHE_ENTRIES), inject: [API_CONFIG_TOKEN] },
    {
      provide: STORE_READINESS,
      useFactory: (store: MessageDbStore): StoreReadiness => async () => void (await store.health()),
      inject: [MESSAGE_DB_STORE],
    },
  ],
  exports: [EVENT_STORE, CHANGE_NOTIFIER, STATE_CACHE, STORE_READINESS],
})
export class StoreModule {}
