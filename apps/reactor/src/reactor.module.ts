import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Environment, reactorConfiguration } from './reactor.config';
import { ReactorRunner } from './reactor.runner';

@Module({})
export class ReactorModule {
  /** Settings come from process.env unless given (tests). */
  static forRoot(environment: Environment = process.env): DynamicModule {
    return {
      module: ReactorModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          skipProcessEnv: true,
          load: [reactorConfiguration(environment)],
        }),
      ],
      providers: [ReactorRunner],
    };
  }
}
