import { DynamicModule, Module } from '@nestjs/common';
import { PrometheusReactorMonitor, type Environment } from '@app/store/nest';
import { REACTOR_CONFIG } from './reactor.config';
import { ProjectorRunner } from './projector.runner';
import { REACTOR_MONITOR, ReactorRunner } from './reactor.runner';

@Module({})
export class ReactorModule {
  /** Settings come from process.env unless given (tests). */
  static forRoot(environment: Environment = process.env): DynamicModule {
    return {
      module: ReactorModule,
      imports: [REACTOR_CONFIG.forRoot(environment)],
      providers: [ReactorRunner, ProjectorRunner, { provide: REACTOR_MONITOR, useFactory: () => new PrometheusReactorMonitor() }],
    };
  }
}
