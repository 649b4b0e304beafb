import { ExpressAdapter } from '@nestjs/platform-express';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Versioned, entityTag } from './versioned';

export const POSITION_HEADER = 'Position';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Nest's Express adapter, answering a route's Versioned result with its body and the ETag (and, for a command,
 * Position) headers. Done here rather than in an interceptor: an interceptor takes every request of its routes
 * through an RxJS pipeline and two async resources, a measurable share of a command's CPU.
 *
 * A read (GET, HEAD) is answered by Express, after the ETag is set, so that If-None-Match naming it is answered 304
 * with no body (res.send's freshness check). Anything else (a command) has no freshness to check: its JSON is written
 * to the Node response directly, as Express would write it, without Express's content-type parsing and Buffer copy.
 */
export class ApiExpressAdapter extends ExpressAdapter {
  override reply(response: ServerResponse, body: unknown, statusCode?: number): unknown {
    if (!(body instanceof Versioned)) return super.reply(response, body, statusCode);
    setVersionHeaders(response, body);
    if (isRead(response.req)) return super.reply(response, body.body, statusCode);
    const json = JSON.stringify(body.body);
    if (statusCode !== undefined) response.statusCode = statusCode;
    response.setHeader('Content-Type', JSON_CONTENT_TYPE);
    response.setHeader('Content-Length', Buffer.byteLength(json));
    response.end(json);
    return undefined;
  }
}

function setVersionHeaders(response: ServerResponse, { version, globalPosition }: Versioned<unknown>): void {
  response.setHeader('ETag', entityTag(version));
  if (globalPosition !== undefined) response.setHeader(POSITION_HEADER, String(globalPosition));
}

function isRead(request: IncomingMessage | undefined): boolean {
  return request?.method === 'GET' || request?.method === 'HEAD';
}
