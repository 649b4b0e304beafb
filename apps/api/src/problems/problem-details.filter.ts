import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, NotFoundException } from '@nestjs/common';
import { ConcurrencyExhaustedError, StaleVersionError, StoreUnavailableError, UndecodableEventError } from '@app/store/core';
import { isStoreUnavailable } from '@app/store/message-db';
import { HttpAdapterHost } from '@nestjs/core';
import { IncomingMessage, STATUS_CODES, ServerResponse } from 'node:http';
import { HttpMetrics } from '../observability/http-metrics';
import { entityTag } from '../versioning/versioned';
import { PROBLEM_CONTENT_TYPE, Problem, ProblemException, ProblemType } from './problem';

const RETRY_AFTER_SECONDS = '5';
/** A conflict that outlasted the retry budget is another process busy on the same resource: worth retrying soon. */
const CONFLICT_RETRY_AFTER_SECONDS = '1';

/** Renders every error as an RFC 9457 problem; anything the client did not cause is logged. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: HttpMetrics,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const http = host.switchToHttp();
    const request = http.getRequest<IncomingMessage>();
    const response = http.getResponse<ServerResponse>();
    const method = httpAdapter.getRequestMethod(request) as string;
    const url = httpAdapter.getRequestUrl(request) as string;
    if (httpAdapter.isHeadersSent(response) || request.socket.destroyed) {
      // Nothing can be answered any more: the response has started, or the client has gone (an aborted wait).
      if (!isAbort(exception)) this.logger.warn(`Unanswerable error (${method} ${url}): ${describe(exception)}`);
      return;
    }
    const problem = this.toProblem(exception, method, url);
    const body = JSON.stringify({
      type: problem.type,
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      instance: url,
      ...problem.extensions,
    });
    // Written to the bare Node response: the Express adapter's reply() would turn the media type into application/json.
    response.statusCode = problem.status;
    for (const [name, value] of Object.entries(problem.headers ?? {})) response.setHeader(name, value);
    response.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    response.setHeader('Content-Length', Buffer.byteLength(body));
    response.end(body);
  }

  private toProblem(exception: unknown, method: string, url: string): Problem {
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof ConcurrencyExhaustedError) {
      this.metrics.storeError('concurrency_exhausted');
      return concurrencyExhausted(exception);
    }
    if (exception instanceof StaleVersionError) return staleVersion(exception);
    if (exception instanceof StoreUnavailableError || isStoreUnavailable(exception)) {
      this.metrics.storeError('unavailable');
      this.logger.warn(`Store unavailable (${method} ${url}): ${describe(exception)}`);
      return storeUnavailable();
    }
    if (exception instanceof UndecodableEventError) {
      this.metrics.storeError('unreadable_stream');
      this.logger.error(`Unreadable stream (${method} ${url}): ${exception.message}`);
      return unreadableStream(exception);
    }
    if (exception instanceof NotFoundException) return routeNotFound(method, url);
    if (exception instanceof HttpException) return fromHttpException(exception);
    if (isClientHttpError(exception)) return fromClientHttpError(exception);
    this.logger.error(
      `Unexpected error (${method} ${url}): ${describe(exception)}`,
      exception instanceof Error ? exception.stack : undefined,
    );
    return internalError();
  }
}

function concurrencyExhausted(error: ConcurrencyExhaustedError): Problem {
  return {
    type: ProblemType.concurrentModification,
    title: 'Concurrent modification',
    status: HttpStatus.CONFLICT,
    detail: `The resource kept changing while this request was applied (${error.attempts} attempts); retry the request.`,
    headers: { 'Retry-After': CONFLICT_RETRY_AFTER_SECONDS },
  };
}

/** If-Match named a version the resource has moved on from: the clerk decided on a stale view. */
function staleVersion({ expectedVersion, actualVersion }: StaleVersionError): Problem {
  return {
    type: ProblemType.staleVersion,
    title: 'Stale version',
    status: HttpStatus.PRECONDITION_FAILED,
    detail:
      `The resource is at version ${actualVersion}, not at ${expectedVersion} as If-Match said; ` +
      'nothing was changed. Read it again and decide on what it is now.',
    extensions: { expectedVersion, actualVersion },
    headers: { ETag: entityTag(actualVersion) },
  };
}

function storeUnavailable(): Problem {
  return {
    type: ProblemType.storeUnavailable,
    title: 'Store unavailable',
    status: HttpStatus.SERVICE_UNAVAILABLE,
    detail: 'The event store cannot be reached right now; retry later.',
    headers: { 'Retry-After': RETRY_AFTER_SECONDS },
  };
}

/** The server's own data is at fault: a 500, but one that names the event to repair. */
function unreadableStream(error: UndecodableEventError): Problem {
  return {
    type: ProblemType.unreadableStream,
    title: 'Unreadable stream',
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    detail:
      `Event ${error.position} (global position ${error.globalPosition}) of stream ${error.streamName}, ` +
      `a ${error.eventType}, cannot be read: ${error.reason}. The stream must be repaired before it can be used.`,
    extensions: {
      streamName: error.streamName,
      position: error.position,
      globalPosition: error.globalPosition,
      eventType: error.eventType,
      reason: error.reason,
    },
  };
}

function routeNotFound(method: string, url: string): Problem {
  return {
    type: ProblemType.routeNotFound,
    title: 'Not Found',
    status: HttpStatus.NOT_FOUND,
    detail: `No route matches ${method} ${url.split('?')[0]}.`,
  };
}

function fromHttpException(exception: HttpException): Problem {
  const status = exception.getStatus();
  return { type: ProblemType.generic, title: reasonPhrase(status), status, detail: messageOf(exception) };
}

/** http-errors as raised by Express middleware (body-parser): a 4xx status and a message meant for the client. */
interface ClientHttpError extends Error {
  readonly status: number;
  readonly expose: true;
}

function isClientHttpError(error: unknown): error is ClientHttpError {
  const candidate = error as Partial<ClientHttpError> | undefined;
  return (
    error instanceof Error &&
    candidate?.expose === true &&
    typeof candidate.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500
  );
}

function fromClientHttpError(error: ClientHttpError): Problem {
  return { type: ProblemType.generic, title: reasonPhrase(error.status), status: error.status, detail: error.message };
}

function internalError(): Problem {
  return {
    type: ProblemType.internalError,
    title: 'Internal Server Error',
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    detail: 'An unexpected error occurred; it has been logged.',
  };
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
