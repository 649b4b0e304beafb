import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ManagementModule } from './management.module';
import { ManagementOptions } from './reactor-health.indicator';

/** Starts the management endpoints on `port` (0: any free port), on every interface. Logs go where the app's do. */
export async function startManagementApp(port: number, options: ManagementOptions): Promise<INestApplication> {
  const app = await NestFactory.create(ManagementModule.forRoot(options), { abortOnError: false });
  await app.listen(port);
  return app;
}
