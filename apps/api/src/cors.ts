import { NestExpressApplication } from '@nestjs/platform-express';
import { POSITION_HEADER } from './versioning/api-express-adapter';

/** What a browser script on an allowed origin may read of a response, besides the CORS-safelisted headers. */
export const CORS_EXPOSED_HEADERS = ['ETag', POSITION_HEADER, 'Projection-Position', 'X-Request-Id', 'Location', 'Retry-After'];

/** What it may send. */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'X-Request-Id'];

/** How long a browser may cache a preflight's answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Lets browsers on `origins` call the API: preflights are answered (before the bearer-token guard, which a preflight
 * cannot pass) and responses carry Access-Control-Allow-Origin for those origins. With no origins nothing changes.
 */
export function enableCors(app: NestExpressApplication, origins: readonly string[]): void {
  if (origins.length === 0) return;
  app.enableCors({
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  });
}
