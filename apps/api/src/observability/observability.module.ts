import { prometheusModule } from '@app/store/nest';
import { Global, Module } from '@nestjs/common';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';

/** GET /metrics and the API's metrics, for the request context (configureApp) and the problem filter. */
@Global()
@Module({
  imports: [prometheusModule(MetricsController)],
  providers: [HttpMetrics],
  exports: [HttpMetrics],
})
export class ObservabilityModule {}
