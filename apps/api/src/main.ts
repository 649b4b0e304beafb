import { createAppLogger } from '@app/store/nest';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AddressInfo } from 'node:net';
import { AppModule } from './app.module';
import { API_CONFIG_TOKEN, ApiConfig } from './config/api-config';
import { configureApp } from './configure-app';
import { ApiExpressAdapter } from './versioning/api-express-adapter';

const logger = new Logger('Api');

/** The API on Message DB, configured from the environment (see ApiConfig). */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(), new ApiExpressAdapter(), {
    abortOnError: false,
    logger: createAppLogger(),
  });
  configureApp(app);
  const { PORT, HOST } = app.get<ApiConfig>(API_CONFIG_TOKEN);
  await app.listen(PORT, HOST);
  logger.log(`Listening on ${boundUrl(app.getHttpServer().address() as AddressInfo)} (OpenAPI at /openapi.json, Swagger UI at /docs)`);
}

function boundUrl({ address, family, port }: AddressInfo): string {
  return `http://${family === 'IPv6' ? `[${address}]` : address}:${port}`;
}

bootstrap().catch((error: unknown) => {
  logger.error(error instanceof Error ? error.message : String(error), error instanceof Error ? error.stack : undefined);
  process.exit(1);
});
