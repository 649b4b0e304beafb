import { DynamicModule, Module, Provider } from '@nestjs/common';
import { MessageDbConnections } from './message-db-connections';
import { MessageDbModuleAsyncOptions, MessageDbModuleOptions } from './message-db.options';
import { MESSAGE_DB_NOTIFIER, MESSAGE_DB_POOL, MESSAGE_DB_READ_POOL, MESSAGE_DB_STORE } from './message-db.tokens';

/**
 * Message DB for a Nest application, in the style of TypeOrmModule: forRoot with the options, or forRootAsync with a
 * factory of them (configuration). Provides MessageDbConnections and, taken from it, the pools, the store and the
 * notifier under their tokens; the connections close on application shutdown.
 *
 * The options are computed when MessageDbConnections is built, so a test that overrides MessageDbConnections
 * (overrideProvider) runs without any database, and without the settings that one would need.
 */
@Module({})
export class MessageDbModule {
  static forRoot(options: MessageDbModuleOptions): DynamicModule {
    return MessageDbModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(options: MessageDbModuleAsyncOptions): DynamicModule {
    const connections: Provider = {
      provide: MessageDbConnections,
      useFactory: async (...args: unknown[]) => new MessageDbConnections(await options.useFactory(...args)),
      inject: options.inject ?? [],
    };
    return {
      module: MessageDbModule,
      global: true,
      imports: options.imports ?? [],
      providers: [connections, ...PARTS],
      exports: [MessageDbConnections, ...PARTS.map((part) => part.provide)],
    };
  }
}

const PARTS = [
  { provide: MESSAGE_DB_POOL, useFactory: (c: MessageDbConnections) => c.pool, inject: [MessageDbConnections] },
  { provide: MESSAGE_DB_READ_POOL, useFactory: (c: MessageDbConnections) => c.readPool, inject: [MessageDbConnections] },
  { provide: MESSAGE_DB_STORE, useFactory: (c: MessageDbConnections) => c.store, inject: [MessageDbConnections] },
  { provide: MESSAGE_DB_NOTIFIER, useFactory: (c: MessageDbConnections) => c.notifier, inject: [MessageDbConnections] },
];
