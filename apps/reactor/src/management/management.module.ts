import { ArgumentsHost, Catch, DynamicModule, ExceptionFilter, HttpException, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { prometheusModule } from '@app/store/nest';
import { TerminusModule } from '@nestjs/terminus';
import { ServerResponse } from 'node:http';
import { ManagementHealthController, ManagementMetricsController } from './management.controller';
import { MANAGEMENT_OPTIONS, ManagementOptions, ReactorHealthIndicators } from './reactor-health.indicator';

/** Errors as problem+json, with the status and body the exception carries (404s included). */
@Catch(HttpException)
class ProblemJsonFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<ServerResponse>();
    const body = exception.getResponse();
    const problem = typeof body === 'object' && 'type' in body ? body : { type: 'about:blank', title: exception.message, status: exception.getStatus() };
    response.statusCode = exception.getStatus();
    response.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
    response.end(JSON.stringify(problem));
  }
}

/** The reactor app's management endpoints: /health, /health/live, /health/ready and /metrics. */
@Module({})
export class ManagementModule {
  static forRoot(options: ManagementOptions): DynamicModule {
    return {
      module: ManagementModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'pretty', logger: false }), prometheusModule(ManagementMetricsController)],
      controllers: [ManagementHealthController],
      providers: [
        { provide: MANAGEMENT_OPTIONS, useValue: options },
        ReactorHealthIndicators,
        { provide: APP_FILTER, useClass: ProblemJsonFilter },
      ],
    };
  }
}
