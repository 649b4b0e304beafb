import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateReactorConfig } from './reactor.config';
import { ReactorRunner } from './reactor.runner';

@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateReactorConfig })],
  providers: [ReactorRunner],
})
export class ReactorModule {}
