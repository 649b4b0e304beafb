import { HttpAdapterHost } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { answerMalformedRequestsWithProblems } from './malformed-requests';
import { setupOpenApi } from './openapi/openapi';
import { bodyParserErrorTranslator } from './problems/body-parser-errors';
import { receiveUnreadBody } from './problems/unread-body';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import { ApiValidationPipe } from './validation/api-validation-pipe';

export const BODY_LIMIT_KB = 100;

/**
 * Everything main.ts does to the application besides listening: the one place, shared with the e2e tests, that sets
 * body limits, validation, problem details (also for what is not HTTP at all), the API documentation and the shutdown
 * hooks. Call before init/listen.
 */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  app.disable('x-powered-by');
  answerMalformedRequestsWithProblems(app.getHttpServer());
  app.useBodyParser('json', { limit: `${BODY_LIMIT_KB}kb`, type: ['application/json', 'application/*+json'] });
  app.useBodyParser('urlencoded', { limit: `${BODY_LIMIT_KB}kb`, extended: false });
  app.use(bodyParserErrorTranslator(BODY_LIMIT_KB));
  app.use(receiveUnreadBody(BODY_LIMIT_KB));
  app.useGlobalPipes(new ApiValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(app.get(HttpAdapterHost)));
  app.enableShutdownHooks();
  setupOpenApi(app);
  return app;
}
