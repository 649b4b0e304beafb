import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { API_CONFIG_TOKEN, ApiConfig } from '../config/api-config';
import { createMessageDbInfrastructure } from './message-db-infrastructure';
import { CHANGE_NOTIFIER, EVENT_STORE, STORE_INFRASTRUCTURE, type StoreInfrastructure } from './store-infrastructure';

/** Closes the store's pools and listeners when the application shuts down (SIGTERM with shutdown hooks enabled). */
@Injectable()
class StoreShutdown implements OnApplicationShutdown {
  private readonly logger = new Logger('Store');

  constructor(@Inject(STORE_INFRASTRUCTURE) private readonly infrastructure: StoreInfrastructure) {}

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log(`Closing the store${signal ? ` on ${signal}` : ''}`);
    await this.infrastructure.close();
  }
}

/** Provides the event store and the change notifier: injected, or built for Message DB from the configuration. */
@Global()
@Module({})
export class StoreModule {
  static forRoot(infrastructure?: StoreInfrastructure): DynamicModule {
    const infrastructureProvider: Provider = infrastructure
      ? { provide: STORE_INFRASTRUCTURE, useValue: infrastructure }
      : {
          provide: STORE_INFRASTRUCTURE,
          useFactory: (config: ApiConfig) => createMessageDbInfrastructure(config),
          inject: [API_CONFIG_TOKEN],
        };
    return {
      module: StoreModule,
      providers: [
        infrastructureProvider,
        { provide: EVENT_STORE, useFactory: (i: StoreInfrastructure) => i.store, inject: [STORE_INFRASTRUCTURE] },
        { provide: CHANGE_NOTIFIER, useFactory: (i: StoreInfrastructure) => i.notifier, inject: [STORE_INFRASTRUCTURE] },
        StoreShutdown,
      ],
      exports: [STORE_INFRASTRUCTURE, EVENT_STORE, CHANGE_NOTIFIER],
    };
  }
}
