import { DynamicModule, Module } from '@nestjs/common';
import { type Environment } from '@app/store/nest';
import { REACTOR_CONFIG } from './reactor.config';
import { ProjectorRunner } from './projector.runner';
import { ReactorRunner } from './reactor.runner';

@Module({})
export class ReactorModule {
  /** Settings come from process.env unless given (tests). */
  static forRoot(environment: Environment = process.env): DynamicModule {
    return {
      module: ReactorModule,
      imports: [REACTOR_CONFIG.forRoot(environment)],
      providers: [ReactorRunner, ProjectorRunner],
    };
  }
}
