import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { withTimeout } from '../common/with-timeout';
import { ApiConfig, InjectApiConfig } from '../config/api-config';
import { STORE_READINESS, type StoreReadiness } from '../infrastructure/store-infrastructure';

/** A probe must answer before the orchestrator gives up on it, whatever the store's own timeouts. */
const MAX_READINESS_TIMEOUT_MS = 2_000;

/** Up when the store answers its readiness check (reachable, Message DB installed) within a short timeout. */
@Injectable()
export class StoreHealthIndicator {
  private readonly timeoutMs: number;

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(STORE_READINESS) private readonly checkReadiness: StoreReadiness,
    @InjectApiConfig() config: ApiConfig,
  ) {
    this.timeoutMs = Math.min(config.STORE_TIMEOUT_MS, MAX_READINESS_TIMEOUT_MS);
  }

  async check(key: 'store'): Promise<HealthIndicatorResult<'store'>> {
    const indicator = this.indicators.check(key);
    try {
      await withTimeout(this.checkReadiness(), this.timeoutMs);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
