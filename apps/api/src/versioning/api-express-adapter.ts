import { ExpressAdapter } from '@nestjs/platform-express';
import { ServerResponse } from 'node:http';
import { Versioned, entityTag } from './versioned';

export const POSITION_HEADER = 'Position';

/**
 * Nest's Express adapter, answering a route's Versioned result with its body and the ETag (and, for a command,
 * Position) headers. They are set before Express sends the body, so that a GET whose If-None-Match names that ETag is
 * answered 304 with no body (res.send's freshness check). Done here rather than in an interceptor: an interceptor
 * takes every request of its routes through an RxJS pipeline and two async resources, a measurable share of a
 * command's CPU.
 */
export class ApiExpressAdapter extends ExpressAdapter {
  override reply(response: ServerResponse, body: unknown, statusCode?: number): unknown {
    return super.reply(response, body instanceof Versioned ? withVersionHeaders(response, body) : body, statusCode);
  }
}

function withVersionHeaders<T>(response: ServerResponse, { body, version, globalPosition }: Versioned<T>): T {
  response.setHeader('ETag', entityTag(version));
  if (globalPosition !== undefined) response.setHeader(POSITION_HEADER, String(globalPosition));
  return body;
}
