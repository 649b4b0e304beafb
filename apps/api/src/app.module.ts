import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { Environment, apiConfiguration } from './config/api-config';
import { GroupCheckoutsModule } from './group-checkouts/group-checkouts.module';
import { HealthModule } from './health/health.module';
import { StoreModule } from './infrastructure/store.module';
import { StoreInfrastructure } from './infrastructure/store-infrastructure';
import { StaysModule } from './stays/stays.module';

export interface AppModuleOptions {
  /** Settings; process.env by default. */
  readonly environment?: Environment;
  /** An injected store (tests); without it the API builds the Message DB store from DATABASE_URL. */
  readonly infrastructure?: StoreInfrastructure;
  /** How often `?wait=` re-reads without a hint. Default 1 s. */
  readonly waitFallbackIntervalMs?: number;
}

const DEFAULT_WAIT_FALLBACK_INTERVAL_MS = 1_000;

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          skipProcessEnv: true,
          load: [apiConfiguration(options.environment ?? process.env)],
        }),
        StoreModule.forRoot(options.infrastructure),
        HealthModule,
        StaysModule,
        GroupCheckoutsModule.forRoot({
          fallbackIntervalMs: options.waitFallbackIntervalMs ?? DEFAULT_WAIT_FALLBACK_INTERVAL_MS,
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: BearerAuthGuard }],
    };
  }
}
