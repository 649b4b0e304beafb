import { type Environment } from '@app/store/nest';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { API_CONFIG } from './config/api-config';
import { GroupCheckoutsModule } from './group-checkouts/group-checkouts.module';
import { HealthModule } from './health/health.module';
import { StoreModule } from './infrastructure/store.module';
import { ObservabilityModule } from './observability/observability.module';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import { ReadSideModule } from './read-side/read-side.module';
import { StaysModule } from './stays/stays.module';
import { ApiValidationPipe } from './validation/api-validation-pipe';

export interface AppModuleOptions {
  /** Settings; process.env by default. */
  readonly environment?: Environment;
  /** How often `?wait=` re-reads without a hint. Default 1 s. */
  readonly waitFallbackIntervalMs?: number;
}

const DEFAULT_WAIT_FALLBACK_INTERVAL_MS = 1_000;

/** The API: its settings, the store (Message DB), the routes, and the guard, pipe and filter every route goes through. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        API_CONFIG.forRoot(options.environment ?? process.env),
        ObservabilityModule,
        StoreModule,
        HealthModule,
        StaysModule,
        GroupCheckoutsModule.forRoot({
          fallbackIntervalMs: options.waitFallbackIntervalMs ?? DEFAULT_WAIT_FALLBACK_INTERVAL_MS,
        }),
        ReadSideModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        { provide: APP_PIPE, useClass: ApiValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
