import { Controller, Get, HttpException, HttpStatus, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorFunction } from '@nestjs/terminus';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { IncomingMessage } from 'node:http';
import { ReactorHealthIndicators } from './reactor-health.indicator';

/** The probes, in the API's health shape: Terminus' result, or a 503 problem naming the failing checks. */
@Controller('health')
export class ManagementHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly reactors: ReactorHealthIndicators,
  ) {}

  @Get()
  @HealthCheck()
  all(@Req() request: IncomingMessage): Promise<HealthCheckResult> {
    return this.check(this.reactors.all(), request);
  }

  @Get('live')
  @HealthCheck()
  live(@Req() request: IncomingMessage): Promise<HealthCheckResult> {
    return this.check(this.reactors.live(), request);
  }

  @Get('ready')
  @HealthCheck()
  ready(@Req() request: IncomingMessage): Promise<HealthCheckResult> {
    return this.check(this.reactors.ready(), request);
  }

  private async check(indicators: HealthIndicatorFunction[], request: IncomingMessage): Promise<HealthCheckResult> {
    try {
      return await this.health.check(indicators);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      throw notReady(error.getResponse() as HealthCheckResult, request.url ?? '');
    }
  }
}

/** The API's not-ready problem (RFC 9457), rendered as problem+json by ProblemJsonFilter. */
function notReady(result: HealthCheckResult, instance: string): HttpException {
  const failing = Object.keys(result.error ?? {});
  return new HttpException(
    {
      type: 'urn:hotel-checkout:problem:not-ready',
      title: 'Not ready',
      status: HttpStatus.SERVICE_UNAVAILABLE,
      detail: `Failing health checks: ${failing.join(', ') || 'unknown'}.`,
      instance,
      checks: result.details,
    },
    HttpStatus.SERVICE_UNAVAILABLE,
  );
}

/** `GET /metrics`: every reactor's metrics and the process's. */
@Controller()
export class ManagementMetricsController extends PrometheusController {
  @Get()
  override index(@Res({ passthrough: true }) response: unknown): Promise<string> {
    return super.index(response);
  }
}
