import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { API_CONFIG_TOKEN, ApiConfig } from './config/api-config';
import { enableCors } from './cors';
import { answerMalformedRequestsWithProblems } from './malformed-requests';
import { HttpMetrics } from './observability/http-metrics';
import { requestContext, requestEventMetadata } from './observability/request-context';
import { setupOpenApi } from './openapi/openapi';
import { bodyParserErrorTranslator } from './problems/body-parser-errors';
import { receiveUnreadBody } from './problems/unread-body';
import { ApiExpressAdapter } from './versioning/api-express-adapter';

export const BODY_LIMIT_KB = 100;

/**
 * Everything main.ts does to the application besides listening: the one place, shared with the e2e tests, that sets
 * the request context (X-Request-Id, the request's log line and metrics, its events' metadata), body limits, CORS,
 * problem details for what is not HTTP at all (validation and the other problems are AppModule's
 * APP_PIPE and APP_FILTER), the API documentation and the shutdown hooks. Call before init/listen, on an application
 * created on the ApiExpressAdapter (which answers the routes' Versioned results with their ETag and Position).
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  if (!(app.getHttpAdapter() instanceof ApiExpressAdapter)) {
    throw new Error('The API must be created on the ApiExpressAdapter: without it, no response carries ETag or Position');
  }
  app.disable('x-powered-by');
  enableCors(app, app.get<ApiConfig>(API_CONFIG_TOKEN).CORS_ORIGINS);
  answerMalformedRequestsWithProblems(app.getHttpServer());
  app.use(requestContext(app.get(HttpMetrics), new Logger('Http')));
  app.useBodyParser('json', { limit: `${BODY_LIMIT_KB}kb`, type: ['application/json', 'application/*+json'] });
  app.useBodyParser('urlencoded', { limit: `${BODY_LIMIT_KB}kb`, extended: false });
  app.use(bodyParserErrorTranslator(BODY_LIMIT_KB));
  app.use(receiveUnreadBody(BODY_LIMIT_KB));
  app.use(requestEventMetadata());
  app.enableShutdownHooks();
  setupOpenApi(app);
  return app;
}
