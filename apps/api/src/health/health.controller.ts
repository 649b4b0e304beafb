import { Controller, Get, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorFunction } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator';
import { HealthDocument } from '../openapi/health-document';
import { ApiProblemResponses } from '../openapi/problem-responses';
import { ProblemException, ProblemType } from '../problems/problem';
import { StoreHealthIndicator } from './store-health.indicator';

/** The probes: never behind the bearer token. Like any route, they refuse a body over the limit (413). */
@ApiTags('health')
@ApiProblemResponses(413)
@Public()
@Controller('health')
export class HealthController {
  private readonly process: HealthIndicatorFunction = async () => ({
    process: { status: 'up', uptimeSeconds: Math.round(process.uptime()) },
  });
  private readonly store: HealthIndicatorFunction = () => this.storeIndicator.check('store');

  constructor(
    private readonly health: HealthCheckService,
    private readonly storeIndicator: StoreHealthIndicator,
  ) {}

  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness and readiness together' })
  @ApiOkResponse({ type: HealthDocument, description: 'Live and ready' })
  @ApiProblemResponses([503, 'Not ready: the details name the failing check'])
  all(): Promise<HealthCheckResult> {
    return this.check([this.process, this.store]);
  }

  @Get('live')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ type: HealthDocument, description: 'Live' })
  live(): Promise<HealthCheckResult> {
    return this.check([this.process]);
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness: the store is reachable and Message DB installed' })
  @ApiOkResponse({ type: HealthDocument, description: 'Ready' })
  @ApiProblemResponses([503, 'Not ready: the details name the failing check'])
  ready(): Promise<HealthCheckResult> {
    return this.check([this.store]);
  }

  private async check(indicators: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(indicators);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) throw notReady(error.getResponse() as HealthCheckResult);
      throw error;
    }
  }
}

function notReady(result: HealthCheckResult): ProblemException {
  const failing = Object.keys(result.error ?? {});
  return new ProblemException({
    type: ProblemType.notReady,
    title: 'Not ready',
    status: HttpStatus.SERVICE_UNAVAILABLE,
    detail: `Failing health checks: ${failing.join(', ') || 'unknown'}.`,
    extensions: { checks: result.details },
  });
}
