import { withEventMetadata } from '@app/store/core';
import { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { HttpMetrics } from './http-metrics';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** A request id a client may choose: what log pipelines and tracing headers commonly carry, and nothing to inject. */
const ACCEPTABLE_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/** What the request context keeps on the request for the middleware after it. */
interface WithRequestId extends IncomingMessage {
  requestId?: string;
  /** Set by Express once a route matched: its template. */
  route?: { path?: string };
  baseUrl?: string;
}

/** The client's X-Request-Id when acceptable, else a fresh UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER.toLowerCase()];
  return typeof given === 'string' && ACCEPTABLE_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * First of all middleware: takes (or makes) the request id and echoes it, and once the response is sent (or the client
 * has gone) counts the request and logs one line: method, route template, status, duration, request id.
 */
export function requestContext(metrics: HttpMetrics, logger: LoggerService): Middleware {
  return (request: WithRequestId, response, next) => {
    const startedAt = process.hrtime.bigint();
    const requestId = requestIdOf(request);
    request.requestId = requestId;
    response.setHeader(REQUEST_ID_HEADER, requestId);
    response.once('close', () => {
      const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
      const method = request.method ?? 'UNKNOWN';
      const route = request.route?.path === undefined ? 'unmatched' : `${request.baseUrl ?? ''}${request.route.path}`;
      const status = response.statusCode;
      const aborted = !response.writableFinished || undefined;
      metrics.requestAnswered(method, route, status, durationMs / 1000);
      const message = `${method} ${route} ${status} ${durationMs.toFixed(1)} ms${aborted ? ' (aborted)' : ''}`;
      logger.log({ message, method, route, path: request.url, status, durationMs: Math.round(durationMs * 10) / 10, requestId, aborted });
    });
    next();
  };
}

/**
 * After the body parsers (whose callbacks run outside of any request's async context): the rest of the request runs
 * with the request id as the correlation and causation id of every event it writes.
 */
export function requestEventMetadata(): Middleware {
  return (request: WithRequestId, _response, next) => {
    const requestId = request.requestId ?? requestIdOf(request);
    withEventMetadata({ correlationId: requestId, causationId: requestId }, next);
  };
}
